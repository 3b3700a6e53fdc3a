"""Read input files from other people with a size cap that no file can talk its way past.

``stat`` cannot be trusted: ``/dev/zero`` says it is empty and never ends, a FIFO may never
answer, a sparse file says 4 GB but costs nothing to make. So a file must be a regular file
(or standard input, named ``-`` or ``/dev/stdin``), and at most the cap plus one byte is read.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from guidegen.errors import InputFileError

STANDARD_INPUT_NAMES = ("-", "/dev/stdin")

# Caps for each kind of file, far above what a real one needs.
MAX_YAML_BYTES = 1_000_000  # a real ladder or brand file is a few kilobytes
MAX_LOGO_BYTES = 5_000_000
MAX_FONT_BYTES = 40_000_000  # a CJK font with every weight is about 30 MB
MAX_TEMPLATE_BYTES = 100_000_000


def is_standard_input(path: str | Path) -> bool:
    return str(path) in STANDARD_INPUT_NAMES


def read_capped(path: str | Path, cap: int, what: str) -> bytes:
    """The bytes of ``path``, or ``InputFileError`` naming it when it is missing, not a regular file or over ``cap``."""
    label = str(path)
    if is_standard_input(path):
        data = sys.stdin.buffer.read(cap + 1)
    else:
        data = _read_regular_file(Path(path), cap, what)
    if len(data) > cap:
        raise InputFileError([f"{label}: is over {cap:,} bytes; a {what} may be at most {cap:,} bytes"])
    return data


def _read_regular_file(path: Path, cap: int, what: str) -> bytes:
    label = str(path)
    try:
        # Non-blocking, so that opening a FIFO with no writer returns at once instead of waiting forever.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputFileError([f"{label}: no such file"]) from None
    except IsADirectoryError:
        raise InputFileError([f"{label}: is a folder, not a {what}"]) from None
    except OSError as exc:
        raise InputFileError([f"{label}: cannot be read ({exc.strerror})"]) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputFileError([f"{label}: is a folder, not a {what}"])
        if not stat.S_ISREG(mode):
            raise InputFileError([f"{label}: is not a regular file (a device, pipe or socket); "
                                  f"give a {what} saved as a file, or - for standard input"])
        os.set_blocking(descriptor, True)
        chunks, remaining = [], cap + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError([f"{label}: cannot be read ({exc.strerror})"]) from None
    finally:
        os.close(descriptor)
