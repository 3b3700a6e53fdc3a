"""One settings model, one run path: what a flag, the settings file, the preview and the API accept agree;
combinations a run cannot honour are refused; workers are capped to the machine; a bug names what it was
doing and keeps its traceback, in a worker or not."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.settings import SETTINGS, for_command
from guidegen.settings_model import model, resolve

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _people(path: Path, rows=(("Ann Lee", "pm", "senior-pm"), ("Bob Diaz", "apm", ""))) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(("name", "rung", "target"))
        writer.writerows(rows)
    return path


def _in(folder: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guidegen", *args], cwd=folder, capture_output=True, text=True,
                          timeout=timeout)


# -- one settings model ----------------------------------------------------------------------------------

def test_every_setting_is_a_flag_a_settings_key_and_a_field_of_the_model_with_its_help():
    fields = model().model_fields
    for setting in SETTINGS:
        assert setting.name in fields and fields[setting.name].description == setting.help
    build_options = {option for param in main.commands["build"].params for option in param.opts}
    preview_options = {option for param in main.commands["preview"].params for option in param.opts}
    assert {setting.option for setting in for_command("build")} <= build_options
    assert {setting.option for setting in for_command("preview")} <= preview_options
    schema = json.loads(CliRunner().invoke(main, ["schema", "settings"]).output)
    assert set(schema["properties"]) == {setting.name for setting in SETTINGS}
    assert schema["properties"]["session_minutes"]["maximum"] == 600


@pytest.mark.parametrize("key, value, flag", [("session_minutes", "5000", "--session-minutes"),
                                              ("jobs", "100000", "--jobs"), ("language", '"not a tag"', "--language"),
                                              ("page_size", '"a5"', "--page-size")])
def test_a_value_the_flag_refuses_is_refused_in_the_settings_file_too(tmp_path, key, value, flag):
    (tmp_path / "guidegen.toml").write_text(f"{key} = {value}\n")
    from_file = _in(tmp_path, "build", "--out", "out")
    assert from_file.returncode == 2 and f"guidegen.toml:1: {key}:" in from_file.stderr, from_file.stderr
    (tmp_path / "guidegen.toml").unlink()
    from_flag = _in(tmp_path, "build", "--out", "out", flag, json.loads(value) if value.startswith('"') else value)
    assert from_flag.returncode == 2 and "Traceback" not in from_flag.stderr
    assert not (tmp_path / "out").exists()


def test_the_api_checks_its_keywords_with_the_same_model(tmp_path):
    import guidegen

    with pytest.raises(guidegen.InputError, match="session_minutes: 5000 is out of range"):
        guidegen.build(out=tmp_path, session_minutes=5000)
    with pytest.raises(guidegen.InputError, match="unknown setting 'session_minute'"):
        guidegen.build(out=tmp_path, session_minute=50)


def test_the_preview_checks_its_settings_as_build_does_and_takes_its_port_from_the_file(tmp_path, monkeypatch):
    (tmp_path / "guidegen.toml").write_text("session_minutes = 5000\n")
    refused = _in(tmp_path, "preview", timeout=30)  # refused before serving: it returns at once
    assert refused.returncode == 2 and "guidegen.toml:1: session_minutes: 5000 is out of range" in refused.stderr
    (tmp_path / "guidegen.toml").write_text('port = 8123\nlanguage = "de"\n')
    import guidegen.preview

    served = {}
    monkeypatch.setattr(guidegen.preview, "serve", lambda sources, port, say, on_warning=None: served.update(
        port=port, language=sources.settings().language))
    monkeypatch.chdir(tmp_path)
    outcome = CliRunner().invoke(main, ["preview"], catch_exceptions=False)
    assert outcome.exit_code == 0 and served == {"port": 8123, "language": "de"}


# -- combinations a run cannot honour ---------------------------------------------------------------------

def test_a_people_build_refuses_what_it_would_otherwise_drop(tmp_path):
    people = _people(tmp_path / "people.csv")
    outcome = _in(tmp_path, "build", "--people", str(people), "--format", "pptx", "--rung", "apm", "--presenter",
                  "X", "--out", "out")
    assert outcome.returncode == 2, outcome.stderr
    assert "--rung and --people ask for two kinds of handout" in outcome.stderr
    assert "--format pptx: a people build writes PDF handouts only" in outcome.stderr
    assert "--presenter is not used by this build (personal handouts)" in outcome.stderr
    assert not (tmp_path / "out").exists()


def test_a_deck_setting_for_a_build_without_a_deck_is_refused_but_the_files_own_is_only_noted(tmp_path):
    refused = _in(tmp_path, "build", "--format", "pdf", "--session-minutes", "90", "--out", "out")
    assert refused.returncode == 2 and "--session-minutes is not used by this build (it makes pdf)" in refused.stderr
    (tmp_path / "guidegen.toml").write_text("session_minutes = 90\n")
    shown = _in(tmp_path, "build", "--format", "pdf", "--print-config")
    assert shown.returncode == 0
    assert "(guidegen.toml:1; not used by this build)" in shown.stdout


def test_worker_processes_are_capped_to_the_cores_guidegen_may_use(tmp_path):
    """--jobs 40 on a small machine once started 45 processes and 2.8 GB: now one per usable core at most."""
    brands = [EXAMPLES / name / "brand.yml" for name in ("lumen-bank", "ferrous-robotics", "northwind-health")]
    args = ["build", "--format", "pptx", "--jobs", "40", "--out", str(tmp_path / "out")]
    for brand in brands:
        args += ["--brand", str(brand)]
    process = subprocess.Popen([sys.executable, "-m", "guidegen", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    most, memory = 0, 0
    while process.poll() is None:
        # its own children that run Python: the workers, and the short-lived one that draws the brands' SVG
        # logos (not the compilers cairocffi runs to find its library, nor a fork about to become one)
        children = [pid for pid in _children(process.pid) if _is_python(pid)]
        most = max(most, len(children))
        memory = max(memory, sum(_rss(pid) for pid in [process.pid, *children]))
        time.sleep(0.01)
    assert process.returncode == 0, process.stderr.read()
    cores = len(os.sched_getaffinity(0))
    assert most <= 1 + min(cores, len(brands)), f"{most} child processes on {cores} cores"
    assert memory < 400 * 1024 ** 2 * max(1, min(cores, len(brands))), f"{memory / 1024 ** 2:.0f} MB"


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _is_python(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().startswith(sys.executable.encode())
    except OSError:
        return False


def _rss(pid: int) -> int:
    try:
        line = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmRSS"))
    except (OSError, StopIteration):
        return 0
    return int(line.split()[1]) * 1024


# -- bugs: what was being done, and the traceback -----------------------------------------------------------

BUGGY_HANDOUT = """
import sys
import guidegen.formats.handout as handout
original = handout.prepare

def prepare(view, options, common=None):  # a bug that shows only for one person
    if options.person["name"] == "Bob Diaz":
        return {{}}["the missing key"]
    return original(view, options, common)

handout.prepare = prepare
from guidegen.cli import main
main({args})
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_in_a_personal_handout_names_the_command_file_and_row_and_shows_its_traceback_with_debug(
        tmp_path, jobs):
    people = _people(tmp_path / "people.csv")
    base = ["build", "--people", str(people), "--out", str(tmp_path / "out"), "--jobs", jobs]
    script = tmp_path / "buggy.py"  # a file, so that the traceback can quote its lines
    script.write_text(BUGGY_HANDOUT.format(args=base))
    plain = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert plain.returncode == 1, plain.stderr
    assert (f"internal error in guidegen build, writing the handout of {people} row 3: KeyError: 'the missing key'"
            in plain.stderr)
    assert "Traceback" not in plain.stderr and "Bob" not in plain.stdout
    assert (tmp_path / "out" / "people" / "ann-lee.pdf").exists()  # the others are written
    script.write_text(BUGGY_HANDOUT.format(args=["--debug", *base]))
    debug = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert "Traceback" in debug.stderr and "in prepare" in debug.stderr  # the frame where it happened
    assert 'return {}["the missing key"]' in debug.stderr


def test_a_bug_in_a_single_build_names_what_it_was_writing(tmp_path, monkeypatch):
    import guidegen.formats.deck as deck

    monkeypatch.setattr(deck, "prepare", lambda view, options, common=None: 1 / 0)
    outcome = CliRunner().invoke(main, ["build", "--format", "pptx", "--out", str(tmp_path)])
    assert outcome.exit_code == 1
    assert "internal error in guidegen build, writing the pptx: ZeroDivisionError" in outcome.output
    debug = CliRunner().invoke(main, ["--debug", "build", "--format", "pptx", "--out", str(tmp_path)])
    assert "Traceback" in debug.output and "ZeroDivisionError" in debug.output


# -- embeddable ---------------------------------------------------------------------------------------------

HOST = """
import gc, io, os, signal, sys, threading, multiprocessing
import guidegen

before = (gc.isenabled(), signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.stdout, sys.stderr)
collector_seen = set()
results = []

def watch():
    while not done.wait(0.002):
        collector_seen.add(gc.isenabled())

def work():
    for attempt in range(2):
        results.append(guidegen.build(ladder=LADDER, out=OUT + f"/{{attempt}}", brand=[BRAND], jobs=2))

done = threading.Event()
watcher = threading.Thread(target=watch)
watcher.start()
builder = threading.Thread(target=work)
builder.start()
builder.join()
done.set()
watcher.join()
after = (gc.isenabled(), signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.stdout, sys.stderr)
import pydyf
print("same" if before == after else f"changed: {{before}} {{after}}")
print("collector", sorted(collector_seen))
print("children", len(multiprocessing.active_children()))
print("written", [len(paths) for paths in results])
print("pydyf", type(pydyf.PDF.__dict__["page_references"]).__name__, pydyf.zlib.__name__)
"""


def test_a_host_program_builds_twice_from_a_thread_and_finds_its_process_as_it_left_it(tmp_path):
    code = (f"OUT = {str(tmp_path)!r}\nBRAND = {str(EXAMPLES / 'lumen-bank' / 'brand.yml')!r}\n"
            f"LADDER = {str(ROOT / 'tests' / 'fixtures' / 'minimal_ladder.yaml')!r}\n") + textwrap.dedent(HOST.format())
    outcome = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stderr == ""  # the library says nothing on its own: warnings go to on_warning
    lines = outcome.stdout.splitlines()
    assert lines == ["same", "collector [True]", "children 0", "written [2, 2]", "pydyf property zlib"], lines


# -- conventions ------------------------------------------------------------------------------------------

def test_every_command_takes_quiet_and_verbose(tmp_path):
    for name, command in main.commands.items():
        options = {option for param in command.params for option in param.opts}
        assert {"-q", "--quiet", "-v", "--verbose"} <= options, name
    quiet = CliRunner().invoke(main, ["build", "-q", "--format", "pptx", "--out", str(tmp_path)])
    assert quiet.exit_code == 0 and quiet.output == ""
    verbose = CliRunner().invoke(main, ["build", "-v", "--format", "pptx", "--out", str(tmp_path)])
    assert "documents: pptx" in verbose.stderr


def test_validate_prints_every_problem_as_json_for_ci():
    broken = ROOT / "tests" / "fixtures" / "broken_ladder.yaml"
    outcome = CliRunner().invoke(main, ["validate", "--format", "json", str(broken)])
    assert outcome.exit_code == 2
    report = json.loads(outcome.stdout)
    assert report["ok"] is False and len(report["problems"]) >= 2
    for problem in report["problems"]:
        assert problem["file"] == str(broken) and isinstance(problem["line"], int)
        assert isinstance(problem["column"], int) and problem["message"]
    good = CliRunner().invoke(main, ["validate", "--format", "json", str(ROOT / "data" / "ladder.yaml")])
    assert good.exit_code == 0 and json.loads(good.stdout)["ok"] is True


def test_pre_commit_hooks_validate_a_ladder():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(hook for hook in hooks if hook["id"] == "guidegen-validate")
    assert hook["entry"].startswith("guidegen validate") and hook["language"] == "python"


def test_a_full_disk_in_a_people_build_names_rows_never_people(tmp_path, monkeypatch):
    import errno

    import guidegen.formats.guide_pdf as guide_pdf

    def full_disk(prepared, target):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(guide_pdf, "write", full_disk)
    people = _people(tmp_path / "people.csv")
    outcome = CliRunner().invoke(main, ["build", "--people", str(people), "--out", str(tmp_path / "out"),
                                        "--jobs", "1"])
    assert outcome.exit_code == 1
    said = outcome.stdout + outcome.stderr
    assert f"{people} row 2: could not be written (No space left on device)" in said
    assert "Ann" not in said and "ann-lee" not in said and "Bob" not in said and "bob-diaz" not in said
    assert not list((tmp_path / "out" / "people").glob("*.pdf"))
    assert not list((tmp_path / "out" / "people").glob(".*.part"))


def test_documents_are_never_renamed_into_a_system_folder(tmp_path):
    outcome = CliRunner().invoke(main, ["build", "--format", "pptx", "--out", "/dev"])
    assert outcome.exit_code == 2 and "/dev: is a system folder" in outcome.stderr
    assert not Path("/dev/training-deck.pptx").exists()
