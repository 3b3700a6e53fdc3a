"""Writing a small text file whole or not at all, for every command that writes one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from guidegen.errors import BuildError


def write_text_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` whole or not at all: a temporary file beside it, then a rename."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise BuildError(f"{target}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_bytes_to(target, data: bytes) -> None:
    """``data`` into ``target``: a path (the executor's temporary file) or a binary file object (the preview)."""
    if hasattr(target, "write"):
        target.write(data)
        return
    Path(target).write_bytes(data)
