"""The guide's own process: it writes the PDF it is sent, reports failures, and never outlives its work.

Each test runs in a fresh interpreter, as `guidegen build` does: forking a process that has
already started WeasyPrint (as pytest's has) is exactly what the build avoids.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in state  # exited, waiting to be reaped by whoever adopted it


def test_it_writes_the_pdf_it_is_sent_and_then_ends(tmp_path):
    result = _python("""
        from pathlib import Path
        from guidegen.guide.process import GuideProcess
        from guidegen.resources import html_templates_dir

        process = GuideProcess()
        process.start("<h1>Onboarding</h1><p>Welcome aboard.</p>", [html_templates_dir()],
                      Path("guide.pdf"), None)
        process.result()
        process.close()
        print(process._process.is_alive(), Path("guide.pdf").read_bytes()[:5])
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "b'%PDF-'"]


def test_a_failure_in_the_process_is_raised_in_the_build(tmp_path):
    result = _python("""
        from pathlib import Path
        from guidegen.errors import BuildError
        from guidegen.guide.process import GuideProcess
        from guidegen.resources import html_templates_dir

        process = GuideProcess()
        process.start("<p>x</p>", [html_templates_dir()], Path("no-such-folder/guide.pdf"), None)
        try:
            process.result()
        except BuildError as error:
            print("BuildError:", error)
        process.stop()
        print("alive:", process._process.is_alive())
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "BuildError: no-such-folder/guide.pdf: could not write the PDF" in result.stdout
    assert "alive: False" in result.stdout


def test_it_ends_when_the_build_goes_away_without_a_word(tmp_path):
    result = _python("""
        import os
        from guidegen.guide.process import GuideProcess

        print(GuideProcess()._process.pid, flush=True)
        os._exit(0)  # as a build killed before it sent the guide
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    pid = int(result.stdout)
    deadline = time.monotonic() + 30
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid)


def test_bad_input_stops_the_process_without_waiting_for_it(tmp_path):
    from .conftest import FIXTURES

    process = subprocess.Popen([sys.executable, "-m", "guidegen", "build", "--ladder",
                                str(FIXTURES / "broken_ladder.yaml"), "--out", str(tmp_path / "out")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, stderr = process.communicate(timeout=60)  # a process left behind would hold the pipes open
    assert process.returncode == 2
    assert "problems found" in stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_bug_in_the_process_keeps_its_traceback_for_debug(tmp_path):
    result = _python("""
        from pathlib import Path
        from guidegen.guide.process import GuideProcess

        process = GuideProcess()
        process.start("<p>x</p>", "not a list of folders", Path("guide.pdf"), None)
        try:
            process.result()
        except Exception as error:
            print(type(error).__name__)
            print("\\n".join(getattr(error, "__notes__", [])))
        process.stop()
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Raised in the process laying out the PDF:" in result.stdout
    assert "pdf_writer.py" in result.stdout  # where it happened, in the other process


def test_a_layout_over_its_time_budget_is_stopped_and_reported(tmp_path):
    result = _python("""
        from pathlib import Path
        from guidegen.errors import BuildError
        from guidegen.guide.process import GuideProcess
        from guidegen.resources import html_templates_dir

        process = GuideProcess(seconds=0.01)  # far less than any layout takes
        process.start("<p>x</p>" * 2000, [html_templates_dir()], Path("guide.pdf"), None)
        try:
            process.result()
        except BuildError as error:
            print("BuildError:", error)
        process.stop()
        print("alive:", process._process.is_alive())
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "BuildError: laying out the guide took longer than 0.01 s" in result.stdout
    assert "alive: False" in result.stdout
