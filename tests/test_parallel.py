"""The pool of workers: it writes the PDF it is sent, reports failures, keeps a time budget, and never
outlives its work.

Each test runs in a fresh interpreter, as `guidegen build` does: forking a process that has
already started WeasyPrint (as pytest's has) is exactly what the pool avoids.
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


LAY_OUT = """
    import multiprocessing
    from pathlib import Path
    from guidegen import formats
    from guidegen.errors import BuildError
    from guidegen.formats.guide_pdf import GuideSource
    from guidegen.run.execute import write_prepared
    from guidegen.run.pool import Pool
    from guidegen.resources import html_templates_dir

    pool = Pool(1, formats.warm_up, ("pdf",), None)

    def write_pdf(html, folders, target, variant):  # as a single build sends its guide to the worker
        return write_prepared, [("pdf", GuideSource(html, tuple(folders), variant), target, str(target))]
"""


def test_it_writes_the_pdf_it_is_sent_and_its_worker_then_ends(tmp_path):
    result = _python(LAY_OUT + """
    pool.result(pool.submit(*write_pdf("<h1>Onboarding</h1><p>Welcome aboard.</p>", [html_templates_dir()],
                            Path("guide.pdf"), None)))
    pool.close()
    print(len(multiprocessing.active_children()), Path("guide.pdf").read_bytes()[:5])
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "b'%PDF-'"]


def test_a_failure_in_the_worker_is_raised_in_the_build(tmp_path):
    result = _python(LAY_OUT + """
    try:
        pool.result(pool.submit(*write_pdf("<p>x</p>", [html_templates_dir()], Path("no-such-folder/guide.pdf"), None)))
    except BuildError as error:
        print("BuildError:", error)
    pool.abort()
    print("alive:", len(multiprocessing.active_children()))
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "BuildError: no-such-folder/guide.pdf: could not be written (No such file or directory)" in result.stdout
    assert "alive: 0" in result.stdout


def test_the_worker_hands_the_guide_back_before_collecting_and_collects_before_the_next(tmp_path):
    # A collection right after the layout would hold the result back (40 ms of the default build);
    # one before the next guide keeps a worker that lays out several from growing.
    result = _python("""
        import gc
        from pathlib import Path
        from guidegen.formats.guide_pdf import GuideSource
        from guidegen.run.execute import write_prepared
        from guidegen.run.pool import Pool
        from guidegen.resources import html_templates_dir

        def write_pdf(html, folders, target, variant):
            return write_prepared, [("pdf", GuideSource(html, tuple(folders), variant), target, str(target))]

        COLLECTIONS = []

        def count_collections():
            gc.callbacks.append(lambda phase, info: phase == "start" and COLLECTIONS.append(info["generation"]))

        def state():
            return gc.isenabled(), len(COLLECTIONS)

        pool = Pool(1)
        pool.result(pool.submit(count_collections))
        guide = ("<h1>Onboarding</h1>", [html_templates_dir()], None)
        pool.result(pool.submit(*write_pdf(guide[0], guide[1], Path("first.pdf"), guide[2])))
        print(*pool.result(pool.submit(state)))
        pool.result(pool.submit(*write_pdf(guide[0], guide[1], Path("second.pdf"), guide[2])))
        print(*pool.result(pool.submit(state)))
        pool.close()
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    # One collection before each piece of work after the first (the layout, then `state`), none while a
    # layout runs or after it: the collector is off until the next piece of work starts.
    assert result.stdout.splitlines() == ["False 2", "False 4"]


def test_a_layout_over_its_time_budget_is_stopped_and_reported(tmp_path):
    result = _python(LAY_OUT + """
    future = pool.submit(*write_pdf("<p>x</p>" * 2000, [html_templates_dir()], Path("guide.pdf"), None))
    try:
        pool.result(future, seconds=0.01)  # far less than any layout takes
    except BuildError as error:
        print("BuildError:", error)
    print("alive:", len(multiprocessing.active_children()))
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "BuildError: laying out the guide took longer than 0.01 s" in result.stdout
    assert "alive: 0" in result.stdout


def test_its_worker_ends_when_the_build_goes_away_without_a_word(tmp_path):
    result = _python("""
        import multiprocessing, os
        from guidegen.run.pool import Pool

        pool = Pool(1)
        pool.result(pool.submit(os.getpid))
        print(multiprocessing.active_children()[0].pid, flush=True)
        os._exit(0)  # as a build killed before it sent the guide
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    pid = int(result.stdout)
    deadline = time.monotonic() + 30
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid)


def test_bad_input_stops_the_worker_without_waiting_for_it(tmp_path):
    from .conftest import FIXTURES

    process = subprocess.Popen([sys.executable, "-m", "guidegen", "build", "--ladder",
                                str(FIXTURES / "broken_ladder.yaml"), "--out", str(tmp_path / "out")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, stderr = process.communicate(timeout=60)  # a process left behind would hold the pipes open
    assert process.returncode == 2
    assert "problems found" in stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_bug_in_the_worker_keeps_its_traceback_for_debug(tmp_path):
    result = _python(LAY_OUT + """
    import traceback
    try:
        pool.result(pool.submit(*write_pdf(42, [html_templates_dir()], Path("guide.pdf"), None)))
    except Exception as error:
        print("".join(traceback.format_exception(error)))
    pool.close()
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "pdf_writer.py" in result.stdout  # where it happened, in the worker


def test_the_start_method_is_fork_only_where_that_is_safe():
    result = _python("""
        from guidegen.run.pool import start_method
        print(start_method())
        import weasyprint
        print(start_method())
    """, Path.cwd())
    assert result.stdout.split() == ["fork", "forkserver"], result.stderr


def test_aborting_stops_the_pools_workers_and_no_other_process(tmp_path):
    result = _python("""
        import multiprocessing, time
        from guidegen.run.pool import Pool

        other = multiprocessing.get_context("fork").Process(target=time.sleep, args=(30,))
        other.start()  # a library user's own process
        pool = Pool(1)
        pool.abort()
        print(other.is_alive(), [child.pid for child in multiprocessing.active_children()] == [other.pid])
        other.kill()
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
