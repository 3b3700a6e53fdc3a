"""Ctrl-C, SIGTERM, a killed parent and closed pipes: nothing lost, nothing left behind, nothing said twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guidegen.api import build


def _start_build(out: Path, *extra: str) -> subprocess.Popen:
    from .test_preview import ctrl_c_as_at_a_terminal

    return subprocess.Popen([sys.executable, "-m", "guidegen", "build", "--out", str(out), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=ctrl_c_as_at_a_terminal)


def _wait_until_writing(out: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob(".*.part")):
        time.sleep(0.002)
    assert list(out.glob(".*.part")), "the build never started writing: the interrupt would test nothing"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.fixture
def previous(tmp_path):
    out = tmp_path / "out"
    pdf, deck = build(out=out)
    return out, (pdf.read_bytes(), deck.read_bytes())


@pytest.mark.parametrize("how", ["SIGINT to the group (Ctrl-C)", "SIGTERM to the build"])
def test_an_interrupted_build_leaves_the_earlier_documents_and_no_temporary_file(previous, how):
    out, before = previous
    process = _start_build(out)
    _wait_until_writing(out, process)
    children = _children(process.pid)
    if how.startswith("SIGINT"):
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == (1 if how.startswith("SIGINT") else 143), stderr
    assert b"Traceback" not in stderr, stderr.decode()
    assert ((out / "career-guide.pdf").read_bytes(), (out / "training-deck.pptx").read_bytes()) == before
    assert not list(out.glob(".*.part"))
    time.sleep(0.2)
    assert not [child for child in children if _alive(child)], "the guide's process outlived the build"


def test_the_guides_process_dies_with_a_killed_build(previous):
    out, before = previous
    process = _start_build(out)
    _wait_until_writing(out, process)
    deadline = time.monotonic() + 60  # the deck is drawn while the other process lays the guide out
    while time.monotonic() < deadline and not any(part.stat().st_size for part in out.glob(".training-deck*.part")):
        time.sleep(0.002)
    children = _children(process.pid)
    assert children, "a single build lays its guide out in a second process"
    process.kill()  # the build alone, not its group: as an out-of-memory killer would
    _, stderr = process.communicate(timeout=30)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(_alive(child) for child in children):
        time.sleep(0.01)
    assert not any(_alive(child) for child in children), "the guide's process outlived its parent"
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr
    assert ((out / "career-guide.pdf").read_bytes(), (out / "training-deck.pptx").read_bytes()) == before


def test_a_reader_that_goes_away_is_no_error(tmp_path):
    command = f"{sys.executable} -m guidegen build --out {tmp_path / 'out'} | true"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)
    assert result.stderr == ""
    assert (tmp_path / "out" / "career-guide.pdf").exists()


def test_help_with_standard_output_closed_is_quiet(tmp_path):
    result = subprocess.run(f"{sys.executable} -m guidegen --help >&-", shell=True, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and result.stderr == "", result.stderr
