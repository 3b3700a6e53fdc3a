"""A second process that lays out the guide while the first one does everything else.

It is forked before the ladder is read and spends that time importing WeasyPrint (a fifth of
a second), which it could not do later without waiting. It needs nothing of the ladder's model:
the first process sends it the finished HTML, then draws the deck on the other core, and
finally hears back whether the PDF was written.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import traceback
from pathlib import Path

import click

from guidegen.errors import BuildError


# The budget of one guide's layout. The largest ladder the input limits allow lays out in well under a
# minute; a file that makes WeasyPrint loop or swell is stopped rather than left to exhaust the machine.
LAYOUT_SECONDS = 300
LAYOUT_EXTRA_BYTES = 3 * 1024 ** 3


class GuideProcess:
    """The process, from the parent's side: ``start`` a PDF, do other work, then ``result``."""

    def __init__(self, seconds: float = LAYOUT_SECONDS) -> None:
        self._seconds = seconds
        context = multiprocessing.get_context("fork")
        self._connection, child_end = context.Pipe()
        self._process = context.Process(target=_serve, args=(child_end, self._connection, os.getpid()),
                                        name="guidegen-pdf", daemon=True)
        self._process.start()
        child_end.close()

    def start(self, html: str, folders: list[Path], target: Path, pdf_variant: str | None) -> None:
        """Hand over the guide's HTML, to be laid out and written to ``target``."""
        self._connection.send((html, folders, target, pdf_variant))

    def result(self) -> None:
        """Wait until the PDF is written; raise what went wrong in the process, if anything did."""
        try:
            if not self._connection.poll(self._seconds):
                raise BuildError(f"laying out the guide took longer than {self._seconds:g} s; it was stopped")
            outcome = self._connection.recv()
        except (EOFError, OSError):
            raise BuildError(f"the process laying out the PDF stopped (exit code {self._exit_code()})") from None
        if outcome is not None:
            raise outcome

    def stop(self) -> None:
        """End the process at once, whatever it is doing (bad input: its work is not wanted)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._connection.close()

    def close(self) -> None:
        """Let the process end on its own: it exits after its one PDF, or when this end closes."""
        self._connection.close()
        self._process.join()

    def _exit_code(self) -> int | None:
        self._process.join(timeout=5)
        return self._process.exitcode


def _die_with_parent(parent: int) -> None:
    """Be killed the moment the parent dies, whatever this process is doing (Linux's PR_SET_PDEATHSIG).

    Otherwise a killed build would leave this process laying out a guide nobody will rename into
    place, for seconds, and then writing to a pipe nobody reads. Interrupts are the parent's to handle:
    it stops this process and removes the temporary file, so Ctrl-C and SIGTERM here simply end it.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 is PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pipe below still ends our wait
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _limit_memory(extra: int) -> None:
    """This process may grow by ``extra`` bytes of address space and no more (where the system allows it)."""
    try:
        import resource

        from guidegen.bounded import address_space_in_use

        limit = address_space_in_use() + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError, ImportError):
        pass


def _serve(connection, parent_end, parent: int) -> None:
    """The child: import WeasyPrint, wait for one guide, write it, report, exit."""
    _die_with_parent(parent)
    parent_end.close()  # else the parent's death would not end our wait
    gc.disable()  # a single layout, then os._exit: the collector would only rescan WeasyPrint's objects
    failure: BaseException | None = None
    try:
        from guidegen.guide import pdf_writer
    except BaseException as exc:  # reported when there is a guide to write
        failure = exc
    try:
        job = connection.recv()
    except (EOFError, OSError, KeyboardInterrupt):  # the parent gave up
        os._exit(0)
    try:
        if failure is not None:
            raise failure
        _limit_memory(LAYOUT_EXTRA_BYTES)
        pdf_writer.write_pdf(*job)
        outcome = None
    except MemoryError:
        outcome = BuildError(f"laying out the guide needed more than {LAYOUT_EXTRA_BYTES // 1024 ** 3} GB of memory; "
                             f"it was stopped")
    except BaseException as exc:
        if not isinstance(exc, click.ClickException):  # a bug, not bad input: keep where it happened for --debug
            exc.add_note("Raised in the process laying out the PDF:\n" + traceback.format_exc().rstrip())
        outcome = exc
    try:
        connection.send(outcome)
    except Exception:  # an exception that cannot be pickled: send its words
        connection.send(BuildError(f"internal error: {type(outcome).__name__}: {outcome}"))
    connection.close()
    os._exit(0)  # not the parent's atexit handlers, nor its buffered output
