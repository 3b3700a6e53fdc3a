"""The only loop: every planned document prepared and written, in this process or in the one pool.

A single build lays its guide out in a worker while this process draws the deck; a batch sends each
brand's documents to a worker; a people build sends each handout, a few queued per worker, and
replaces its workers every ``PER_WORKER`` handouts each. Every file goes through ``Temporaries``
(renamed into place only when its group is complete), a people build's digests are kept in its
record, progress is told after each group, and an interrupt removes what was half-written.

This is the one module that calls the formats' ``prepare`` and ``write``.
"""

from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import guidegen.formats as formats
import guidegen.process as process
from guidegen.errors import BuildError, GuidegenError, bug_from
from guidegen.run.outputs import Temporaries, prepare_output_dir
from guidegen.run.pool import FULL_COLLECTION_EVERY
from guidegen.run.jobs import Document, Group, Plan
from guidegen.run.record import read_record, save_record

QUEUED_PER_WORKER = 3  # enough that a worker never waits for its next document, few enough that memory stays flat
PER_WORKER = 100  # groups a worker writes before it is replaced: the layout engine's memory creeps up


@dataclass(frozen=True)
class Outcome:
    group: Group
    status: str  # "written", "up to date" or "failed"
    written: tuple[Path, ...] = ()
    error: GuidegenError | None = None


Progress = Callable[[Outcome, int, int, float], None]


def prepare_documents(items: list[tuple]) -> list[tuple]:
    """Each ``(format, view, options, common, target, label)`` prepared: ``(format, prepared, target, label)``."""
    prepared = []
    for name, view, options, common, target, label in items:
        prepared.append((name, formats.load(name).prepare(view, options, common), target, label))
    return prepared


def write_prepared(items: list[tuple]) -> list[str]:
    """Write each ``(format, prepared, target, label)``; the warnings they give. In this process or in a worker
    (which then needs nothing but the format's writer: a single build's guide). A file that cannot be
    written (a full disk) is named by its ``label``: the document's own path, or a people build's row."""
    warnings: list[str] = []
    for name, prepared, target, label in items:
        try:
            warnings += formats.load(name).write(prepared, target) or []
        except OSError as exc:
            raise BuildError(f"{label}: could not be written ({exc.strerror or exc})") from None
    return warnings


def write_documents(items: list[tuple]) -> list[str]:
    """Prepare and write each ``(format, view, options, common, target, label)``, here or in a worker."""
    return write_prepared(prepare_documents(items))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Rendering without Python's cyclic garbage collector, when guidegen owns the process (its command
    line): WeasyPrint makes millions of small objects the collector only rescans (a 100-rung guide took
    13.8 s instead of 16.4 s). A host program's collector is left alone."""
    owned = process.owned
    was_enabled = gc.isenabled()
    if owned:
        gc.disable()
    try:
        yield
    finally:
        if owned and was_enabled:
            gc.enable()


class Executor:
    def __init__(self, plan: Plan, pool=None, on_progress: Progress | None = None,
                 on_warning: Callable[[str], None] | None = None):
        self.plan, self.pool = plan, pool
        self.on_progress = on_progress
        self.warn = on_warning or (lambda message: None)
        self._commons: dict[tuple[str, int], object] = {}
        self.live: set = set()  # temporary files not yet in place: all removed should the run be interrupted
        self._said: set[str] = set()
        self.records = {folder: read_record(folder / plan.record) for folder in plan.folders} if plan.record else {}
        self.outcomes: list[Outcome | None] = [None] * len(plan.groups)
        self.done, self.started = 0, time.monotonic()

    # -- what each document needs ----------------------------------------------------------------------------

    def _common(self, document: Document):
        """What every document of the same format and view shares (a rung's chapters), made here once."""
        key = (document.format, document.view)
        if key not in self._commons:
            module = formats.load(document.format)
            make = getattr(module, "common", None)
            self._commons[key] = make(self.plan.views[document.view], document.options) if make else None
        return self._commons[key]

    def _items(self, group: Group, documents, files: list) -> list[tuple]:
        return [(document.format, self.plan.views[document.view], document.options, self._common(document), file,
                 self._label(group, document)) for document, file in zip(documents, files)]

    def _label(self, group: Group, document: Document) -> str:
        """How a message names a document: its path; in a people build its row, never the person's file."""
        return f"{self.plan.source} {group.subject}" if self.plan.source else str(document.target)

    def _tell(self, warnings: list[str]) -> None:
        for warning in warnings:
            if warning not in self._said:
                self._said.add(warning)
                self.warn(warning)

    # -- outcomes ----------------------------------------------------------------------------------------------

    def _finish(self, index: int, outcome: Outcome) -> None:
        self.outcomes[index] = outcome
        if outcome.status == "written" and self.plan.record:
            for document in outcome.group.documents:
                self.records[outcome.group.folder][document.target.name] = document.digest
        self.done += 1
        if self.on_progress:
            self.on_progress(outcome, self.done, len(self.plan.groups), time.monotonic() - self.started)

    def _up_to_date(self, group: Group) -> bool:
        record = self.records.get(group.folder, {})
        return all(document.digest and record.get(document.target.name) == document.digest and document.target.is_file()
                   for document in group.documents)

    def _failure(self, group: Group, exc: BaseException) -> GuidegenError:
        if isinstance(exc, GuidegenError):
            return exc
        if isinstance(exc, OSError):  # a folder gone: named by the group, never by a person's file
            where = f"{self.plan.source} {group.subject}" if self.plan.source else (
                group.subject or ", ".join(str(document.target) for document in group.documents))
            return BuildError(f"{where}: could not be written ({exc.strerror or exc})")
        return bug_from(exc, self._doing(group))

    def _doing(self, group: Group) -> str:
        names = ", ".join(document.format for document in group.documents)
        subject = f" of {self.plan.source} {group.subject}" if self.plan.source else (
            f" for {group.subject}" if group.subject else "")
        return f"in guidegen {self.plan.command}, writing the {names}{subject}"

    def _removed_if_empty(self, group: Group) -> None:
        if group.removable:
            try:
                group.folder.rmdir()  # only if empty: earlier documents of this brand stay
            except OSError:
                pass

    # -- running -----------------------------------------------------------------------------------------------

    def run(self) -> list[Outcome]:
        for folder in self.plan.folders:
            prepare_output_dir(folder)
        pending = []
        for index, group in enumerate(self.plan.groups):
            if self.plan.record and self._up_to_date(group):
                self._finish(index, Outcome(group, "up to date"))
            else:
                pending.append(index)
        try:
            if self.plan.kind == "single":
                for index in pending:
                    self._finish(index, self._single(self.plan.groups[index]))
            elif self.plan.workers > 1 and len(pending) > 1:
                self._in_pools(pending)
            else:
                self._in_turn(pending)
        except BaseException:
            for temporaries in list(self.live):  # those an interrupt caught between their making and their use
                temporaries.remove()
            raise
        finally:
            for folder, record in self.records.items():
                save_record(folder / self.plan.record, record)
        return self.outcomes  # type: ignore[return-value]

    def _single(self, group: Group) -> Outcome:
        """One group; with a pool, the guide is laid out there while the rest is drawn here. Raises on failure."""
        temporaries = Temporaries([document.target for document in group.documents], self.live)
        pairs = list(zip(group.documents, temporaries.files))
        elsewhere = [(d, file) for d, file in pairs if self.pool is not None and d.format == "pdf"]
        here = [(d, file) for d, file in pairs if (d, file) not in elsewhere]
        try:
            futures = [self.pool.submit(write_prepared, prepare_documents(self._items(group, [d], [file])))
                       for d, file in elsewhere]
            with _collector_paused():
                self._tell(write_documents(self._items(group, [d for d, _ in here], [file for _, file in here])))
            for future in futures:
                self._tell(self.pool.result(future))
            return Outcome(group, "written", tuple(temporaries.put_in_place()))
        except BaseException as exc:
            if elsewhere:
                self.pool.abort()  # before its file goes: it must not be written again after
            temporaries.remove()
            if isinstance(exc, Exception):
                raise self._failure(group, exc) from None
            raise

    def _in_turn(self, pending: list[int]) -> None:
        """Group after group in this process; one group's failure does not stop the others."""
        if pending:
            formats.warm_up(self.plan.formats, self.plan.language)
        for count, index in enumerate(pending):
            if count and process.owned:  # the collector is off in guidegen's own process (see run/pool.py's _run)
                gc.collect(2 if count % FULL_COLLECTION_EVERY == 0 else 0)
            group = self.plan.groups[index]
            temporaries = Temporaries([document.target for document in group.documents], self.live)
            try:
                with _collector_paused():
                    self._tell(write_documents(self._items(group, group.documents, temporaries.files)))
                outcome = Outcome(group, "written", tuple(temporaries.put_in_place()))
            except Exception as exc:  # noqa: BLE001 (reported as this group's failure)
                temporaries.remove()
                self._removed_if_empty(group)
                outcome = Outcome(group, "failed", error=self._failure(group, exc))
            except BaseException:
                temporaries.remove()
                raise
            self._finish(index, outcome)

    def _in_pools(self, pending: list[int]) -> None:
        """The groups through the pool, a few queued per worker; fresh workers every ``PER_WORKER`` groups each."""
        from guidegen.run.pool import Pool

        chunk = self.plan.workers * PER_WORKER
        for start in range(0, len(pending), chunk):
            pool = self.pool if start == 0 and self.pool is not None else None
            if pool is None:
                pool = Pool(self.plan.workers, formats.warm_up, self.plan.formats, self.plan.language)
            with pool:
                self._through(pool, pending[start:start + chunk])
            self.pool = None  # the next chunk gets fresh workers

    def _through(self, pool, indexes: list[int]) -> None:
        queue, in_flight = iter(indexes), {}

        def submit_next() -> None:
            index = next(queue, None)
            if index is not None:
                group = self.plan.groups[index]
                temporaries = Temporaries([document.target for document in group.documents], self.live)
                future = pool.submit(write_documents, self._items(group, group.documents, temporaries.files))
                in_flight[future] = (index, temporaries)

        try:
            for _ in range(pool.size * QUEUED_PER_WORKER):
                submit_next()
            while in_flight:
                finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    index, temporaries = in_flight.pop(future)
                    self._collect(index, temporaries, lambda: pool.result(future))
                    submit_next()
        except BaseException:
            pool.abort()
            for _, temporaries in in_flight.values():
                temporaries.remove()
            raise

    def _collect(self, index: int, temporaries: Temporaries, result) -> None:
        group = self.plan.groups[index]
        try:
            self._tell(result())
            outcome = Outcome(group, "written", tuple(temporaries.put_in_place()))
        except Exception as exc:  # noqa: BLE001 (one group's failure does not stop the others)
            temporaries.remove()
            self._removed_if_empty(group)
            outcome = Outcome(group, "failed", error=self._failure(group, exc))
        self._finish(index, outcome)


def execute(plan: Plan, pool=None, on_progress: Progress | None = None, on_warning=None) -> list[Outcome]:
    """Write every document of ``plan``; one outcome per group, in the plan's order."""
    return Executor(plan, pool, on_progress, on_warning).run()


def execute_in_memory(plan: Plan, on_warning=None) -> dict[str, bytes]:
    """The first group's documents, written into memory (the preview): format name -> bytes."""
    executor = Executor(plan, on_warning=on_warning)
    group = plan.groups[0]
    buffers = [io.BytesIO() for _ in group.documents]
    executor._tell(write_documents(executor._items(group, group.documents, buffers)))
    return {document.format: buffer.getvalue() for document, buffer in zip(group.documents, buffers)}
