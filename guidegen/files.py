"""Writing a file whole or not at all, and only where it belongs: every command that writes one uses this.

``check_output`` refuses, before anything is written, a target that is one of the files being read, a
target that is not a regular file (a device, FIFO, socket or folder; ``/dev/stdout``), and, given the
folder the writing must stay in, a target whose folder leads out of it through a symbolic link. The
writers then put the bytes in a temporary file beside the target and rename it into place.

New files get the permissions the umask allows (``0o666 & ~umask``), as any other program's would:
the temporary file is created with mode 0o666 and the kernel applies the umask (or the folder's
default ACL), so the umask is never read or changed. A file that is replaced keeps its own mode.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from guidegen.errors import BuildError, InputError

STANDARD_STREAM_NAMES = ("-", "/dev/stdin", "/dev/stdout", "/dev/stderr")
# Folders whose entries are devices or the kernel's views of open files (/dev/stdout is a link to
# /proc/self/fd/1): replacing one by a regular file would break it, and writing to one is no file at all.
_SYSTEM_FOLDERS = (Path("/dev"), Path("/proc"), Path("/sys"))
_SCRATCH_FOLDERS = (Path("/dev/shm"),)  # a memory file system for ordinary files
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def check_output(target: Path, inputs: Iterable[str | Path] = (), within: Path | None = None,
                 instead: str = "") -> None:
    """Refuse (``InputError``, exit 2) a ``target`` that must not be written; ``instead`` says what to do.

    ``inputs`` are the files the command reads: the target may be none of them, by any name (a
    symbolic or hard link included). ``within`` is the folder every write must stay in.
    """
    target = Path(target)
    advice = f"; {instead}" if instead else "; give the name of a file to write"
    folder = _folder(target).resolve()
    if within is not None and not folder.is_relative_to(Path(within).resolve()):
        raise InputError(f"{target}: leads out of {within} (to {folder}, through a symbolic link); guidegen "
                         f"writes only inside the folder it is given: remove the link or choose another folder")
    if in_system_folder(Path(os.path.abspath(target))) or in_system_folder(folder / target.name):
        raise InputError(f"{target}: is a device, not a file{advice}")
    try:
        status = os.stat(target)
    except FileNotFoundError:  # a new file (or a dangling link, which the rename replaces)
        return
    except OSError as exc:
        raise _unusable(target, exc) from None
    for is_kind, kind in _KINDS:
        if is_kind(status.st_mode):
            raise InputError(f"{target}: is {kind}, not a file{advice}")
    for source in inputs:
        if str(source) in STANDARD_STREAM_NAMES:
            continue
        try:
            same = os.path.samestat(status, os.stat(source))
        except OSError:
            continue
        if same:
            which = "the file" if str(source) == str(target) else f"the same file as {source}, which is"
            raise InputError(f"{target}: is {which} being read; writing it would replace the input: "
                             f"give another file to write")


def write_text_atomically(target: Path, text: str, *, inputs: Iterable[str | Path] = (),
                          within: Path | None = None, instead: str = "") -> None:
    """Write ``text`` (UTF-8) to ``target`` whole or not at all, after ``check_output`` allows it."""
    write_bytes_atomically(target, text.encode("utf-8"), inputs=inputs, within=within, instead=instead)


def write_bytes_atomically(target: Path, data: bytes, *, inputs: Iterable[str | Path] = (),
                           within: Path | None = None, instead: str = "") -> None:
    """Write ``data`` to ``target`` whole or not at all: a temporary file beside it, then a rename.

    An unusable place (a read-only folder, a folder that cannot be made) is ``InputError`` (exit 2);
    a write that fails on the way (a full disk) is ``BuildError`` (exit 1). Either way nothing is left.
    """
    target = Path(target)
    check_output(target, inputs, within, instead)
    folder = _folder(target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unusable(target, exc) from None
    mode = _mode_of(target)
    try:
        descriptor, temporary = _create_beside(target)
    except OSError as exc:
        raise _unusable(target, exc) from None
    try:
        if mode is not None:
            os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BuildError(f"{target}: could not be written ({exc.strerror or exc})") from None
        raise


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def in_system_folder(path: Path) -> bool:
    """Under /dev, /proc or /sys (but /dev/shm): a place for devices and the kernel's files, never for ours."""
    return (any(path.is_relative_to(folder) for folder in _SYSTEM_FOLDERS)
            and not any(path.is_relative_to(folder) for folder in _SCRATCH_FOLDERS))


def _mode_of(target: Path) -> int | None:
    """The permissions of the file ``target`` replaces, to keep them; None for a new file."""
    try:
        status = os.stat(target)
    except OSError:
        return None
    return stat.S_IMODE(status.st_mode) if stat.S_ISREG(status.st_mode) else None


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new hidden ``.part`` file in ``target``'s folder, created with 0o666 so that the umask applies."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        temporary = _folder(target) / f".{target.name}.{secrets.token_hex(4)}.part"
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _unusable(target: Path, exc: OSError) -> InputError:
    """The sentence for a place that cannot take the file: a read-only folder, a file where a folder must be."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        reason = "a file stands where a folder must be"
    return InputError(f"{target}: cannot be written there ({reason}); choose a folder you can write to")


def write_bytes_to(target, data: bytes) -> None:
    """``data`` into ``target``: a path (the executor's temporary file) or a binary file object (the preview)."""
    if hasattr(target, "write"):
        target.write(data)
        return
    Path(target).write_bytes(data)
