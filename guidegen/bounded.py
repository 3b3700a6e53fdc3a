"""Run one piece of work on someone else's file in a child process with a time and memory budget.

Static checks refuse what they can recognise; this is the backstop for what they cannot: a
renderer that loops or allocates without end is stopped, and the user told which file did it,
instead of the machine swapping for minutes.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any


class OverBudget(Exception):
    """The work took too long or needed too much memory; the message says which."""


def address_space_in_use() -> int:
    """This process's virtual memory now: a forked child starts with all of it."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def limit_address_space(extra: int) -> None:
    """This process may grow by ``extra`` bytes of address space from now on. Only the soft limit is
    set, so that a later call (a worker's next guide) may set it again; where the system has no such
    limit, nothing happens."""
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = address_space_in_use() + extra
        resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))
    except (OSError, ValueError):
        pass


def run_bounded(work: Callable[..., Any], *args: Any, seconds: float = 20, megabytes: int = 600) -> Any:
    """``work(*args)`` in a forked child given ``seconds`` and ``megabytes`` more than it started with.

    Returns its result, re-raises its exception as ``OverBudget`` or as the exception itself when it
    can be pickled. Without ``fork`` (not Linux or macOS), the work runs here, unbounded.
    """
    if not hasattr(os, "fork") or not os.path.exists("/proc/self/statm"):
        return work(*args)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: set its limits, work, send the outcome, leave without cleanup
        os.close(reader)
        try:
            limit_address_space(megabytes * 1024 * 1024)
            outcome = ("ok", work(*args))
        except MemoryError:
            outcome = ("over", f"needed more than {megabytes} MB")
        except BaseException as exc:  # noqa: BLE001 (sent to the parent, which decides)
            outcome = ("error", exc)
        try:
            payload = pickle.dumps(outcome)
        except Exception:  # noqa: BLE001
            payload = pickle.dumps(("error", RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))
        with os.fdopen(writer, "wb") as stream:
            stream.write(payload)
        os._exit(0)
    os.close(writer)
    chunks, deadline = [], time.monotonic() + seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([reader], [], [], remaining)[0]:
                os.kill(pid, signal.SIGKILL)
                raise OverBudget(f"took longer than {seconds:g} s")
            chunk = os.read(reader, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(reader)
        os.waitpid(pid, 0)
    if not chunks:
        raise OverBudget(f"needed more than {megabytes} MB")  # killed before it could say anything
    status, value = pickle.loads(b"".join(chunks))
    if status == "ok":
        return value
    if status == "over":
        raise OverBudget(value)
    raise value
