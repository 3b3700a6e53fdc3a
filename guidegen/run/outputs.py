"""Where documents are written: folders checked before any work, each document rendered into a hidden
temporary file beside its target, and all of a group's files renamed into place only once every one
is complete. A failure, Ctrl-C, SIGTERM or a full disk leaves the earlier documents as they were
(never a new deck beside an old guide) and no temporary file behind."""

from __future__ import annotations

import os
import secrets
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from guidegen.errors import BuildError, InputError


def prepare_output_dir(out_dir: Path) -> None:
    """Fail before any rendering when the folder cannot take the output: a system folder (``--out /dev``
    would rename documents over devices), one that cannot be made, or one not writable."""
    from guidegen.files import in_system_folder

    if in_system_folder(Path(os.path.realpath(out_dir))):
        raise InputError(f"{out_dir}: is a system folder (devices, the kernel's files); choose another --out")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise InputError(f"{out_dir}: the output folder is not writable")


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then arrive as usual.

    Making a temporary file and recording it, or removing every one of them, must not be cut in
    half: an interrupt in between would leave a hidden ``.part`` file behind. Only the main thread
    can hold them; a build run from another thread of a host program leaves signals to its host.
    """
    held = {signal.SIGINT, signal.SIGTERM}
    can_hold = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held) if can_hold else None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class Temporaries:
    """A hidden temporary file beside each target, recorded before it exists, renamed or removed together.

    ``live`` is the run's set of temporaries not yet put in place or removed: this one joins it before its first
    file exists, so that an interrupt at any moment after (even before the caller holds it) finds it there."""

    def __init__(self, targets: list[Path], live: set | None = None):
        self.targets = targets
        self.files: list[Path] = []
        self.live = live if live is not None else set()
        with interrupts_held():
            self.live.add(self)
            for target in targets:
                self._beside(target)

    def _beside(self, target: Path) -> None:
        for _ in range(100):
            temporary = target.parent / f".{target.name}.{secrets.token_hex(4)}.part"
            self.files.append(temporary)
            try:
                os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # the umask applies
                return
            except FileExistsError:  # another build's, by a one-in-four-billion chance
                self.files.pop()
            except OSError as exc:
                self.files.pop()
                raise BuildError(f"{target}: could not be written ({exc.strerror or exc})") from None
        raise BuildError(f"{target}: could not make a temporary file beside it")

    def put_in_place(self) -> list[Path]:
        """Every file renamed onto its target, the renames not cut in half by an interrupt (never a new deck
        beside an old guide)."""
        with interrupts_held():
            for temporary, target in zip(self.files, self.targets):
                try:
                    os.replace(temporary, target)
                except OSError as exc:
                    raise BuildError(f"{target}: could not be written ({exc.strerror or exc})") from None
            self.files = []
            self.live.discard(self)
        return self.targets

    def remove(self) -> None:
        with interrupts_held():  # a second Ctrl-C (or SIGTERM) waits until nothing is left behind
            for temporary in self.files:
                temporary.unlink(missing_ok=True)
            self.files = []
            self.live.discard(self)
