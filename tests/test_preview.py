"""`guidegen preview` and `guidegen build --watch`, run as a user would: save a file, see the result."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .ladders import make_ladder, write_ladder

RELOAD_SECONDS = 3.0


@pytest.fixture()
def ladder(tmp_path):
    data = make_ladder(3, items=2, skills=2)
    data["title"] = "Careers at Initech"
    return write_ladder(tmp_path / "ladder.yaml", data)


def ctrl_c_as_at_a_terminal() -> None:
    """In the child, before it runs guidegen: Ctrl-C interrupts it, as at a terminal. A test run started in the
    background of a script (`cmd &` without job control) ignores SIGINT, and its children would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "guidegen", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=ctrl_c_as_at_a_terminal)


def _stop(process: subprocess.Popen) -> tuple[int, str, str]:
    """Ctrl-C, as a terminal sends it; then what the process said."""
    os.killpg(process.pid, signal.SIGINT)
    try:
        out, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
    return process.returncode, out, err


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _within(seconds: float, check) -> float:
    """How long ``check()`` took to come true, polling; fails after ``seconds``."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s")


def test_preview_reloads_on_save_shows_a_mistake_with_its_line_and_recovers(ladder, tmp_path):
    process = _start("preview", "--ladder", str(ladder), "--port", "0", cwd=tmp_path)
    try:
        line = process.stdout.readline()
        assert line.startswith("Preview: http://127.0.0.1:"), line + process.stderr.read()
        url = line.split()[1]
        page = _get(url)
        assert "Careers at Initech" in page and "Level 1 Engineer" in page
        assert "new EventSource" in page  # the page asks to be told of changes
        slides = _get(url + "slides")
        assert slides.count('class="slide"') >= 5 and "Level 2 Engineer" in slides

        ladder.write_text(ladder.read_text().replace("Careers at Initech", "Careers at Initrode"))
        _within(RELOAD_SECONDS, lambda: "Careers at Initrode" in _get(url))

        good = ladder.read_text()
        broken = good.replace("title: Careers at Initrode", "title: [Careers at Initrode", 1)
        line = 1 + next(number for number, text in enumerate(broken.splitlines()) if text.startswith("title: ["))
        ladder.write_text(broken)  # an unclosed list: a YAML mistake on a known line
        _within(RELOAD_SECONDS, lambda: "YAML syntax error" in _get(url))
        where = re.search(rf"{re.escape(str(ladder))}:(\d+):\d+", _get(url))
        assert where and line <= int(where.group(1)) <= line + 1, _get(url)
        assert where.group(0) in _get(url + "slides")

        ladder.write_text(good)
        _within(RELOAD_SECONDS, lambda: "Careers at Initrode" in _get(url))
    finally:
        code, out, err = _stop(process)
    assert code == 0, err
    assert "Preview stopped." in out and "Traceback" not in err


def test_a_page_waiting_for_changes_hears_of_one(ladder, tmp_path):
    """The event stream a page opens says "reload" when the page it was served with is out of date."""
    process = _start("preview", "--ladder", str(ladder), "--port", "0", cwd=tmp_path)
    try:
        url = process.stdout.readline().split()[1]
        with urllib.request.urlopen(url + "events?page=guide&version=0", timeout=5) as stream:
            assert stream.readline() == b"data: reload\n"  # version 0 is older than the page served now
    finally:
        _stop(process)


def test_preview_serves_only_on_this_machine(ladder, tmp_path):
    process = _start("preview", "--ladder", str(ladder), "--port", "0", cwd=tmp_path)
    try:
        url = process.stdout.readline().split()[1]
        port = int(url.rsplit(":", 1)[1].strip("/"))
        rebound = urllib.request.Request(url, headers={"Host": f"attacker.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(rebound, timeout=5)
        assert refused.value.code == 403  # a name pointed at 127.0.0.1 by someone else's page is refused
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True)
        if listening.returncode == 0 and listening.stdout.strip():
            assert all("127.0.0.1:" in line for line in listening.stdout.splitlines()), listening.stdout
    finally:
        _stop(process)


def test_build_watch_rebuilds_on_save_and_keeps_going_after_a_mistake(ladder, tmp_path):
    out = tmp_path / "out"
    process = _start("build", "--watch", "--ladder", str(ladder), "--format", "pptx", "--out", str(out),
                     cwd=tmp_path)
    try:
        assert process.stdout.readline().strip().endswith("training-deck.pptx")
        assert "Watching for changes" in process.stdout.readline()
        deck = out / "training-deck.pptx"
        first = deck.stat().st_mtime_ns
        good = ladder.read_text()
        ladder.write_text(good + "rungs: [\n")
        assert "ladder.yaml changed: rebuilding" in process.stdout.readline()
        report = iter(process.stdout.readline, "")
        said = list(iter(lambda: next(report), "Waiting for a fix...\n"))
        assert re.match(rf"{re.escape(str(ladder))}:\d+:\d+: ", said[0]), said  # the mistake, with its line
        ladder.write_text(good.replace("Careers at Initech", "Careers at Initrode"))
        assert "ladder.yaml changed: rebuilding" in process.stdout.readline()
        assert process.stdout.readline().strip().endswith("training-deck.pptx")
        assert deck.stat().st_mtime_ns > first
    finally:
        code, stdout, err = _stop(process)
    assert code == 0, err
    assert "Stopped watching." in stdout
