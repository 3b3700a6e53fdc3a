"""Watching the files a build reads, for ``guidegen preview`` and ``guidegen build --watch``.

Only those files: each one's folder is watched without its sub-folders, and a change counts only when it
is to one of the files. The folder, not the file: an editor saves by writing a new file and renaming it
over the old one, which a watch on the old file would lose. So a ladder beside 200,000 folders costs one
inotify watch, not 200,000. A file that does not exist yet is waited for in the nearest folder that
does. guidegen's own templates (a few small shipped folders) count whole.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEBOUNCE_MS = 150  # a save often writes a file in several steps: wait this long for the last one
TICK_MS = 200  # how often the watcher looks up from waiting: for a stop, or a watched folder gone


def _where(path: Path) -> Path:
    """``path`` with its folder's symlinks resolved: the form the watcher reports changes in."""
    path = Path(os.path.abspath(path))
    return path.parent.resolve() / path.name


def _scratch(name: str) -> bool:
    """An editor's or the system's own file: a backup, a swap file, a hidden one."""
    return name.startswith(".") or name.endswith(("~", ".swp", ".tmp"))


@dataclass(frozen=True)
class WatchSet:
    """What to watch: exact ``files``, and ``trees``, folders any file in which counts (sub-folders too)."""

    files: frozenset[Path]
    trees: tuple[Path, ...] = ()

    @classmethod
    def of(cls, files: Iterable[Path], trees: Iterable[Path] = ()) -> WatchSet:
        where = set()
        for file in files:
            where.add(_where(file))
            if Path(file).is_symlink():  # an edit to the file it points to is seen in that file's folder
                where.add(Path(file).resolve())
        folders = [Path(root).resolve() for tree in trees if Path(tree).is_dir() for root, _, _ in os.walk(tree)]
        return cls(frozenset(where), tuple(sorted(set(folders))))

    def folders(self) -> frozenset[Path]:
        """The folders to watch, each without its sub-folders."""
        return frozenset(_existing(file)[0] for file in self.files) | frozenset(self.trees)

    def _awaited(self) -> frozenset[Path]:
        """The first missing folder on the way to each file whose folder does not exist yet."""
        return frozenset(first for folder, first in map(_existing, self.files) if first is not None)

    def matches(self, path: str) -> bool:
        """A change to ``path`` (as the watcher reports it) is one to a watched file."""
        changed = Path(path)
        return (changed in self.files or changed in self._awaited()
                or (changed.parent in self.trees and not _scratch(changed.name)))


def _existing(file: Path) -> tuple[Path, Path | None]:
    """The nearest folder above ``file`` that exists, and the next one down when that is not its own."""
    folder, below = file.parent, None
    while not folder.is_dir() and folder != folder.parent:
        folder, below = folder.parent, folder
    return folder.resolve(), (folder.resolve() / below.name if below is not None else None)


def watch(watched: Callable[[], WatchSet], stop: threading.Event) -> Iterator[set]:
    """Sets of changes (watchfiles' ``(Change, path)``) to the files ``watched()`` names, as they come, until
    ``stop`` is set; Ctrl-C comes out as ``KeyboardInterrupt``. The first set, empty, comes once watching:
    a save from then on is seen. ``watched()`` is asked again after each set, so that a ladder that now
    extends another, or a brand with a new logo, is followed."""
    from watchfiles import Change
    from watchfiles import watch as watch_files

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its own news (restarts, timeouts) is not ours
    current, held, first = watched(), set(), True
    while not stop.is_set():
        folders = current.folders()
        for changes in watch_files(*sorted(folders), watch_filter=lambda _change, path: current.matches(path),
                                   recursive=False, debounce=DEBOUNCE_MS, step=50, stop_event=stop,
                                   raise_interrupt=True, yield_on_timeout=True, rust_timeout=TICK_MS):
            changes, held = changes | held, set()
            if changes or first:
                first = False
                yield changes
            if changes:
                current = watched()  # after the build the set was yielded to: what it read now
            now = current.folders()
            if now != folders or not all(folder.is_dir() for folder in folders):
                # A folder came or went (made, removed, or a file now read from another): watch the new set,
                # then say so, so that the build that follows reads what was written in between.
                held = {(Change.modified, str(folder)) for folder in now ^ folders}
                break
