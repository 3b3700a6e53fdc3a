"""The command line: help everywhere, clean errors, documented exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from guidegen import __version__
from guidegen.cli import main

from .conftest import FIXTURES


@pytest.fixture
def runner():
    return CliRunner()


def test_every_command_has_help(runner):
    result = runner.invoke(main, ["--help"], catch_exceptions=False)
    assert result.exit_code == 0
    for name, command in main.commands.items():
        assert command.help, f"{name} has no help text"
        sub = runner.invoke(main, [name, "--help"], catch_exceptions=False)
        assert sub.exit_code == 0 and "Usage:" in sub.output


def test_version(runner):
    result = runner.invoke(main, ["--version"], catch_exceptions=False)
    assert result.exit_code == 0 and __version__ in result.output


def test_validate_ok(runner):
    result = runner.invoke(main, ["validate", str(FIXTURES / "minimal_ladder.yaml")], catch_exceptions=False)
    assert result.exit_code == 0
    assert "OK, 2 rungs" in result.output


def test_validate_broken_file_lists_each_problem_and_exits_2(runner):
    path = FIXTURES / "broken_ladder.yaml"
    result = runner.invoke(main, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    expected = (FIXTURES / "broken_ladder.errors").read_text().format(file=path)
    assert result.stderr == expected
    assert "Traceback" not in result.output


def test_build_with_broken_ladder_writes_nothing(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--ladder", str(FIXTURES / "broken_ladder.yaml"), "--out", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 2
    assert "source.autor: unknown field" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_build_one_format_prints_its_path(runner, tmp_path):
    result = runner.invoke(main, ["build", "--format", "pptx", "--out", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(tmp_path / "training-deck.pptx")]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["training-deck.pptx"]


def test_bad_option_value_exits_2(runner):
    result = runner.invoke(main, ["build", "--format", "docx"])
    assert result.exit_code == 2
    assert "docx" in result.output


def test_output_folder_that_is_a_file_is_a_clear_error(runner, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("")
    result = runner.invoke(main, ["build", "--out", str(blocker / "sub")], catch_exceptions=False)
    assert result.exit_code == 2
    assert "cannot create the output folder" in result.stderr


def test_no_options_builds_both_into_output(tmp_path):
    """The README's first command: `guidegen build` in an empty folder."""
    result = subprocess.run([sys.executable, "-m", "guidegen", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["output/career-guide.pdf", "output/training-deck.pptx"]
    assert (tmp_path / "output" / "career-guide.pdf").stat().st_size > 10_000
    assert (tmp_path / "output" / "training-deck.pptx").stat().st_size > 10_000
    assert [p.name for p in (tmp_path / "output").iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_the_console_script_keeps_exit_codes_and_flushes_its_output():
    """`python -m guidegen` ends with os._exit: what Click printed and returned must survive it."""
    def run(*args):
        return subprocess.run([sys.executable, "-m", "guidegen", *args], capture_output=True, text=True, timeout=60)

    broken = run("validate", str(FIXTURES / "broken_ladder.yaml"))
    assert broken.returncode == 2
    assert f"{FIXTURES / 'broken_ladder.yaml'}:" in broken.stderr and "Traceback" not in broken.stderr
    usage = run("build", "--format", "docx")
    assert usage.returncode == 2 and "Invalid value for '--format'" in usage.stderr
    helped = run("--help")
    assert helped.returncode == 0 and helped.stdout.startswith("Usage: ")
    valid = run("validate", str(FIXTURES / "minimal_ladder.yaml"))
    assert valid.returncode == 0 and valid.stdout.endswith(")\n")


def test_validate_a_brand_file_too(runner):
    from pathlib import Path

    brand = Path(__file__).resolve().parent.parent / "examples" / "lumen-bank" / "brand.yml"
    result = runner.invoke(main, ["validate", str(FIXTURES / "minimal_ladder.yaml"), "--brand", str(brand)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert f"{brand}: OK, Lumen Bank" in result.output
