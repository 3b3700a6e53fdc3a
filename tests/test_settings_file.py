"""A settings file read within bounds: `guidegen.toml` that is no regular file is named and refused (exit
2), never ignored or waited on; a file built to make TOML parsing slow or crash is refused by its line in
well under a second; an ordinary one is read as tomllib reads it, with the line of every key."""

from __future__ import annotations

import os
import time
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.errors import InputFileError

from .hostile import assert_refused, run_guidegen

MAX_SETTINGS_BYTES = 1_000_000  # the README's limit for a settings file


def read_settings_table(path: Path, table: str | None = None):
    from guidegen.input.settings_file import read_settings_table

    return read_settings_table(path, table)


def print_config(folder: Path):
    """``guidegen build --print-config`` in ``folder``, in this process: (exit code, what it printed)."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["build", "--print-config"])
    finally:
        os.chdir(previous)
    return result.exit_code, result.output


def assert_named(outcome, *words: str) -> None:
    code, output = outcome
    assert code == 2, output
    for word in words:
        assert word in output, (word, output)
    assert "Traceback" not in output and "internal error" not in output, output


# -- what is not a regular file ----------------------------------------------------------------------


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "guidegen.toml")
    outcome = run_guidegen("build", "--print-config", cwd=tmp_path, timeout=20)  # killed if it ever blocks
    assert_refused(outcome, "guidegen.toml: is a FIFO (named pipe), not a settings file")
    assert outcome.seconds < 10


def test_a_link_to_dev_zero_is_refused_before_a_byte_is_read(tmp_path):
    (tmp_path / "guidegen.toml").symlink_to("/dev/zero")
    started = time.monotonic()
    assert_named(print_config(tmp_path), "guidegen.toml: is a device (a link to /dev/zero)")
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("make, words", [
    (lambda path: path.mkdir(), "guidegen.toml: is a folder"),
    (lambda path: path.symlink_to("nowhere.toml"), "guidegen.toml: no such file (a link to nowhere.toml"),
])
def test_a_folder_or_a_broken_link_is_named_not_ignored(tmp_path, make, words):
    make(tmp_path / "guidegen.toml")
    assert_named(print_config(tmp_path), words)


def test_a_file_over_the_cap_is_refused_and_read_no_further(tmp_path):
    with open(tmp_path / "guidegen.toml", "wb") as file:  # sparse: claims 4 GB, costs nothing
        file.truncate(4 << 30)
    started = time.monotonic()
    assert_named(print_config(tmp_path), f"is over {MAX_SETTINGS_BYTES:,} bytes")
    assert time.monotonic() - started < 1


# -- texts built to make the parser slow or crash ---------------------------------------------------

HOSTILE = {
    "a 400 KB table header [a.a.a...]": ("[a" + ".a" * 200_000 + "]\n", ":1: a key or table name of more than 20"),
    "a 400 KB dotted key": ("a" + ".a" * 200_000 + " = 1\n", ":1: a key or table name of more than 20"),
    "5,000 nested arrays": ("x = " + "[" * 5000 + "]" * 5000 + "\n", ":1: arrays or inline tables nested more"),
    "5,000 nested arrays, never closed": ('a = 1\nx = ' + "[" * 5000, ":2: arrays or inline tables nested more"),
    "5,000 nested inline tables": ("x = " + "{a = " * 5000 + "1" + "}" * 5000, ":1: arrays or inline tables"),
    "1 MB of small tables": ("".join(f"[t{i}]\n" for i in range(150_000))[:MAX_SETTINGS_BYTES],
                             ": has more than 10,000 lines"),
    "400 tables": ("".join(f"[t{i}]\nk = 1\n" for i in range(400)), ":601: has more than 300 tables"),
    "1 MB of array items": ("x = [" + "1," * 490_000 + "]\n", ":1: has more than 50,000 strings, escapes"),
    "1 MB of inline keys": ("x = {" + ", ".join(f"k{i} = 1" for i in range(80_000)) + "}\n",
                            ":1: has more than 3,000 keys"),
    "a number of a million digits": ("x = " + "1" * 999_000 + "\n", ":1: a number or bare key of more than 100"),
    "half a million comment lines": ("#\n" * 499_000, ": has more than 10,000 lines"),
    "half a million escapes": ('x = "' + "\\n" * 499_000 + '"\n', ":1: has more than 50,000 strings, escapes"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_settings_file_is_refused_by_its_line_in_well_under_a_second(tmp_path, name):
    text, message = HOSTILE[name]
    assert len(text.encode()) <= MAX_SETTINGS_BYTES
    path = tmp_path / "guidegen.toml"
    path.write_text(text)
    started = time.monotonic()
    with pytest.raises(InputFileError) as refusal:
        read_settings_table(path)
    assert time.monotonic() - started < 0.5
    assert f"{path}{message}" in str(refusal.value)


@pytest.mark.parametrize("name", ["a 400 KB table header [a.a.a...]", "5,000 nested arrays"])
def test_the_build_names_the_file_and_line_without_a_traceback(tmp_path, name):
    text, message = HOSTILE[name]
    (tmp_path / "guidegen.toml").write_text(text)
    started = time.monotonic()
    assert_named(print_config(tmp_path), f"guidegen.toml{message}")
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("text", [
    'a = "' + "x" * 999_000 + '"\n',  # one long string
    'a = """' + "\\n" * 49_000 + "x" * 800_000 + '"""\n',  # escapes
    "".join(f'k{i} = "v" # a comment\n' for i in range(2900)) + "#" * 900_000,  # many keys, a long comment
    "x = [" + '"ab", ' * 8000 + "]\n" + "[t]\n" + "y = [" + "[1, 2], " * 8000 + "]\n",  # many values
])
def test_a_large_ordinary_file_is_read_in_well_under_a_second(tmp_path, text):
    path = tmp_path / "settings.toml"
    path.write_text(text)
    started = time.monotonic()
    table = read_settings_table(path)
    assert time.monotonic() - started < 0.8
    assert table.values == tomllib.loads(text)


# -- an ordinary file: what tomllib reads, and where each key is --------------------------------------

ORDINARY = '''\
# settings
ladder = "ladder.yaml"   # a comment with = and [brackets]
"quoted key" = 'x'
dotted.key = 1
brand = [
  "a.yml",  # one
  "b.yml",
]
notes = """
[not.a.table]
key = "not a key"
"""

[tool.guidegen]
jobs = 2
language = "de"
[tool.guidegen.nested]
deep = { a = [1, { b = "]" }] }
'''


def test_an_ordinary_file_is_read_as_tomllib_reads_it_with_each_keys_line(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text(ORDINARY)
    whole = read_settings_table(path)
    assert whole.values == tomllib.loads(ORDINARY)
    assert whole.lines == {"ladder": 2, "quoted key": 3, "dotted": 4, "brand": 5, "notes": 9, "tool": 14}
    table = read_settings_table(path, "tool.guidegen")
    assert table.values == tomllib.loads(ORDINARY)["tool"]["guidegen"]
    assert table.lines == {"jobs": 15, "language": 16, "nested": 17}
    assert read_settings_table(path, "tool.other").values == {}


@pytest.mark.parametrize("text, expected", [
    ('[tool]\nguidegen = 3\n', "pyproject.toml:2: [tool.guidegen] must be a table"),
    ('a = "unclosed\n', "pyproject.toml:1:14: Illegal character"),  # tomllib's own message, line and column
    ('a = 1\nb = 2 3\n', "pyproject.toml:2:7: Expected newline"),
    ('a = 1\n\xff = 2\n'.encode("latin-1"), "pyproject.toml:2: is not UTF-8 text"),
])
def test_problems_name_the_file_and_line(tmp_path, text, expected):
    path = tmp_path / "pyproject.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(InputFileError) as refusal:
        read_settings_table(path, "tool.guidegen")
    assert f"{tmp_path}/{expected}" in str(refusal.value)
