"""Run guidegen as a user would, on a file built to hurt it, and measure what it cost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# "In seconds, using at most a few hundred MB": the bounds every hostile input must stay within.
MAX_SECONDS = 20.0
MAX_MEGABYTES = 400


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    megabytes: float  # peak resident memory of the guidegen process itself (or of its largest worker)


def _peak_memory(pid: int, done: threading.Event, peak: list[int]) -> None:
    """The largest VmHWM of ``pid`` and its children until ``done``. Not wait4's ru_maxrss: Linux carries the
    forking process's peak into the child's across fork and exec, so a child of a large test process would
    report the test process's memory, not its own."""
    while not done.is_set():
        for each in [pid, *_children(pid)]:
            try:
                status = Path(f"/proc/{each}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peak[0] = max(peak[0], int(line.split()[1]))
        done.wait(0.005)


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run_guidegen(*args: str, stdin: bytes | None = None, cwd: Path | None = None, timeout: float = 60) -> Outcome:
    """``python -m guidegen ARGS``, its exit code, output, time and peak memory (its processes' VmHWM)."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "guidegen", *args], cwd=cwd, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    output: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        output[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(name, stream))
               for name, stream in (("stdout", process.stdout), ("stderr", process.stderr))]
    for reader in readers:
        reader.start()

    def feed() -> None:
        try:
            if stdin is not None:
                process.stdin.write(stdin)
            process.stdin.close()
        except OSError:  # it stopped reading: that is its right
            pass

    threading.Thread(target=feed, daemon=True).start()
    timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
    timer.start()
    done, peak = threading.Event(), [0]
    watcher = threading.Thread(target=_peak_memory, args=(process.pid, done, peak), daemon=True)
    watcher.start()
    try:
        _, status, _ = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
        done.set()
        watcher.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    return Outcome(process.returncode, output["stdout"].decode(errors="replace"),
                   output["stderr"].decode(errors="replace"), time.monotonic() - started, peak[0] / 1024)


def assert_refused(outcome: Outcome, *names: str) -> None:
    """Exit 2, each of ``names`` in the message, no traceback, within the time and memory bounds."""
    assert outcome.code == 2, (outcome.code, outcome.stderr[-2000:])
    for name in names:
        assert name in outcome.stderr, (name, outcome.stderr[-2000:])
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.seconds < MAX_SECONDS, f"took {outcome.seconds:.1f} s"
    assert outcome.megabytes < MAX_MEGABYTES, f"used {outcome.megabytes:.0f} MB"
