"""Work on someone else's file under a time and memory budget: stopped, and said why."""

from __future__ import annotations

import time

import pytest

from guidegen.bounded import OverBudget, run_bounded


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def _fail() -> None:
    raise ValueError("not a drawing")


def test_the_result_comes_back():
    assert run_bounded(_sleep, 0, seconds=5) == "woke"


def test_work_over_its_time_is_stopped_at_once():
    started = time.monotonic()
    with pytest.raises(OverBudget, match="took longer than 0.5 s"):
        run_bounded(_sleep, 30, seconds=0.5)
    assert time.monotonic() - started < 5


def test_work_over_its_memory_is_stopped():
    with pytest.raises(OverBudget, match="needed more than 200 MB"):
        run_bounded(_allocate, 2000, megabytes=200)
    assert run_bounded(_allocate, 50, megabytes=200) == 50 * 1024 * 1024


def test_its_own_errors_come_back_as_they_are():
    with pytest.raises(ValueError, match="not a drawing"):
        run_bounded(_fail)
