"""The one pool of worker processes. It knows no format: it runs the functions it is given.

Workers start before the ladder is read (forked where that is safe: Linux, with WeasyPrint not yet
loaded here; spawned elsewhere) and spend that time in the warm-up they are given (importing the
renderers). Everything goes through ``concurrent.futures``: results, errors with their remote
tracebacks, a worker that died (``BrokenProcessPool``), and a time budget on each result. A worker
dies with the process that started it (Linux's parent-death signal), leaves Ctrl-C and SIGTERM to
it, and runs each piece of work under a memory budget with the garbage collector paused.
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

from guidegen.bounded import limit_address_space
from guidegen.errors import BuildError

# The budget of one piece of work (a guide's layout, a brand's documents). The largest ladder the input
# limits allow lays out in well under a minute; a file that makes WeasyPrint loop or swell is stopped
# rather than left to exhaust the machine.
WORK_SECONDS = 300
WORK_EXTRA_BYTES = 3 * 1024 ** 3

_startup_failure: BaseException | None = None  # in a worker: what went wrong in its warm-up
_works_done = 0  # in a worker: the last work's leftover cycles wait for the next work, not its result
FULL_COLLECTION_EVERY = 25  # works between full collections; the others collect only what the last work made


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def capped(asked: int | None, units: int) -> int:
    """Worker processes for ``units`` independent pieces of work: what was asked (default: one per core),
    never more than the cores this process may use, nor than the pieces."""
    return max(1, min(asked or usable_cores(), usable_cores(), units))


def start_method() -> str:
    """fork where it is safe and quick (Linux, before this process has started Pango, whose locks a
    fork would copy); else forkserver or spawn."""
    if sys.platform.startswith("linux") and "weasyprint" not in sys.modules:
        return "fork"
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class Pool:
    """Worker processes started now; ``submit`` work, ``result`` it with a time budget, ``abort`` on failure."""

    def __init__(self, workers: int, warm_up=None, *warm_up_args):
        method = start_method()
        # A forked worker is our child: it can die with us. Others are children of a fork server.
        parent = os.getpid() if method == "fork" else None
        self.size = workers
        self._others = set(multiprocessing.active_children())  # a library user's own, never ours to stop
        self._workers: set = set()
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                                             initializer=_start_worker, initargs=(parent, warm_up, warm_up_args))
        self._executor.submit(os.getpid)  # starts the workers at once, so that they warm up while we read
        self._workers |= set(multiprocessing.active_children()) - self._others

    def submit(self, work, *args) -> Future:
        """``work(*args)`` in a worker, under the memory budget, the collector paused."""
        future = self._executor.submit(_run, work, *args)
        self._workers |= set(multiprocessing.active_children()) - self._others  # spawned on demand elsewhere
        return future

    def result(self, future: Future, seconds: float = WORK_SECONDS):
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


def _start_worker(parent: int | None, warm_up, warm_up_args: tuple) -> None:
    """Run once in each worker: die with the parent, leave interrupts to it, then warm up."""
    global _startup_failure
    import guidegen.process as process

    process.own()  # a worker is guidegen's own: its speed tricks may change the whole process
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
    if warm_up is not None:
        try:
            warm_up(*warm_up_args)
        except Exception as exc:  # noqa: BLE001 (reported with the first work asked of this worker)
            _startup_failure = exc


def _run(work, *args):
    """In a worker: ``work(*args)`` with the memory budget, after any failure of the warm-up is reported.

    The collector is paused while the work runs (WeasyPrint makes millions of objects that it would only
    rescan) and stays off afterwards: turned on again at once, it would scan what the work left (40 ms for
    the default guide) while the build waits for the result. It collects before the next work instead:
    only the youngest generation, which holds everything the last work made (nothing is promoted while
    the collector is off), and every ``FULL_COLLECTION_EVERY`` works all of them. A full collection before
    each of 200 handouts took a tenth of the whole build.
    """
    global _works_done
    if _startup_failure is not None:
        raise _startup_failure
    if _works_done:
        gc.collect(2 if _works_done % FULL_COLLECTION_EVERY == 0 else 0)
    limit_address_space(WORK_EXTRA_BYTES)
    gc.disable()
    _works_done += 1
    try:
        return work(*args)
    except MemoryError:
        raise BuildError(f"the work needed more than {WORK_EXTRA_BYTES // 1024 ** 3} GB of memory; "
                         f"it was stopped") from None
