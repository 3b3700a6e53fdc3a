"""The one pool of worker processes, for a single build and for a batch of brands.

A single build is a batch of one: its pool has one worker, which lays the guide out while this
process draws the deck, each on its own core. A batch's workers build brand after brand. Either
way the workers start before the ladder is read (forked where that is safe: Linux, with WeasyPrint
not yet loaded here; spawned elsewhere) and spend that time importing WeasyPrint.

Everything goes through ``concurrent.futures``: results, errors with their remote tracebacks, a
worker that died (``BrokenProcessPool``), and a time budget on each result. A worker dies with
the process that started it (Linux's parent-death signal), leaves Ctrl-C and SIGTERM to it, and
lays out each guide under a memory budget.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from guidegen.bounded import limit_address_space
from guidegen.errors import BuildError

# The budget of one guide's layout. The largest ladder the input limits allow lays out in well under a
# minute; a file that makes WeasyPrint loop or swell is stopped rather than left to exhaust the machine.
LAYOUT_SECONDS = 300
LAYOUT_EXTRA_BYTES = 3 * 1024 ** 3

_startup_failure: BaseException | None = None  # in a worker: what went wrong importing the renderers


def start_method() -> str:
    """fork where it is safe and quick (Linux, before this process has started Pango, whose locks a
    fork would copy); else forkserver or spawn."""
    if sys.platform.startswith("linux") and "weasyprint" not in sys.modules:
        return "fork"
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class Pool:
    """Worker processes started now; ``submit`` work, ``result`` it with a time budget, ``abort`` on failure."""

    def __init__(self, workers: int, language: str | None = None, deck_too: bool = False):
        method = start_method()
        # A forked worker is our child: it can die with us. Others are children of a fork server.
        parent = os.getpid() if method == "fork" else None
        self._others = set(multiprocessing.active_children())  # a library user's own, never ours to stop
        self._workers: set = set()
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                                             initializer=_start_worker, initargs=(parent, language, deck_too))
        self.submit(os.getpid)  # starts the workers at once, so that they import while we read

    def submit(self, work, *args) -> Future:
        future = self._executor.submit(work, *args)
        self._workers |= set(multiprocessing.active_children()) - self._others  # spawned on demand elsewhere
        return future

    def result(self, future: Future, seconds: float = LAYOUT_SECONDS):
        """The work's result, or its exception; ``BuildError`` if it overran its time or its worker died."""
        try:
            return future.result(timeout=seconds)
        except FutureTimeout:
            self.abort()
            raise BuildError(f"laying out the guide took longer than {seconds:g} s; it was stopped") from None
        except BrokenProcessPool:
            raise BuildError("a worker process stopped unexpectedly (killed, or out of memory)") from None

    def abort(self) -> None:
        """Stop every worker at once, whatever it is doing: its work is not wanted any more."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        # The executor's own thread may start a worker while it shuts down: look again until none is left.
        for _ in range(50):
            self._workers |= set(multiprocessing.active_children()) - self._others
            alive = [worker for worker in self._workers if worker.is_alive()]
            if not alive:
                break
            for worker in alive:
                worker.kill()
                worker.join()

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


def _start_worker(parent: int | None, language: str | None, deck_too: bool) -> None:
    """Run once in each worker: die with the parent, leave interrupts to it, then warm up."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # the parent handles interrupts, and stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if parent is not None:
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # not Linux: the executor notices a vanished parent itself
            pass
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(0)
    warm_up(language, deck_too)


def warm_up(language: str | None, deck_too: bool = False) -> None:
    """The expensive imports (and, for a batch, template parsing and hyphenation patterns), once."""
    global _startup_failure
    try:
        if language is None:  # a single build's worker only lays out HTML made elsewhere
            from guidegen.guide import pdf_writer  # noqa: F401  (WeasyPrint, imported while the ladder is read)
        else:
            from guidegen.guide import render

            render.warm_up(language)
        if deck_too:
            from guidegen.deck import slides  # noqa: F401  (imported once, before the first brand)
    except Exception as exc:  # noqa: BLE001 (reported with the first work asked of this worker)
        _startup_failure = exc
    # A worker of a batch builds many brands: it collects each one's leftover cycles (rendering pauses
    # the collector), even when forked from a console script that turned it off.
    if language is not None:
        gc.enable()


def _raise_startup_failure() -> None:
    if _startup_failure is not None:
        raise _startup_failure


_collection_owed = False  # in a worker: a guide's leftover cycles wait for the next guide, not for its result


def write_pdf(html: str, folders: list[Path], target: Path, pdf_variant: str | None) -> None:
    """In a worker: lay out the guide's HTML and write the PDF to ``target``, within the memory budget.

    The collector stays off afterwards: turned on again at once, it would scan what the layout left
    (40 ms for the default guide) while the build waits for this result. A single build's worker ends
    without it; should the worker lay out another guide, it collects first.
    """
    global _collection_owed
    _raise_startup_failure()
    from guidegen.guide import pdf_writer

    if _collection_owed:
        gc.collect()
    limit_address_space(LAYOUT_EXTRA_BYTES)
    gc.disable()  # the collector would only rescan WeasyPrint's millions of objects (see pipeline.py)
    _collection_owed = True
    try:
        pdf_writer.write_pdf(html, folders, target, pdf_variant)
    except MemoryError:
        raise BuildError(f"laying out the guide needed more than {LAYOUT_EXTRA_BYTES // 1024 ** 3} GB of memory; "
                         f"it was stopped") from None


def run_in_worker(work, *args):
    """In a worker: ``work(*args)``, after any failure of the worker's start-up is reported."""
    _raise_startup_failure()
    limit_address_space(LAYOUT_EXTRA_BYTES)
    return work(*args)
