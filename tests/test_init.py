"""A new company's path: `guidegen init`, a folder that builds at once, and settings kept in guidegen.toml."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from pptx import Presentation

from .decks import deck_text
from .hostile import run_guidegen
from .test_pdf import page_texts

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def acme(tmp_path_factory):
    """`guidegen init acme --company "Acme Rockets" && cd acme && guidegen build`, as the README says."""
    root = tmp_path_factory.mktemp("init")
    started = run_guidegen("init", "acme", "--company", "Acme Rockets", cwd=root)
    assert started.code == 0, started.stderr
    folder = root / "acme"
    built = run_guidegen("build", cwd=folder)
    assert built.code == 0, built.stderr
    return folder, built


def test_init_then_build_writes_both_documents_in_the_companys_name(acme):
    folder, built = acme
    pdf, deck = folder / "output" / "career-guide.pdf", folder / "output" / "training-deck.pptx"
    assert built.stdout.split() == [str(pdf), str(deck)]
    guide = " ".join(page_texts(pdf))
    assert "Product Careers at Acme Rockets" in " ".join(guide.split())
    assert "Acme Rockets" in deck_text(deck)
    pictures = [shape for shape in Presentation(str(deck)).slides[0].shapes if shape.shape_type == 13]
    assert pictures, "the generated logo is on the title slide"


def test_the_files_init_writes_name_their_schema_and_meet_it(acme):
    folder, _ = acme
    for name, schema in (("ladder.yaml", "ladder"), ("brand.yml", "brand")):
        text = (folder / name).read_text()
        first = text.splitlines()[0]
        assert first == f"# yaml-language-server: $schema=.schema/{schema}.schema.json"
        local = json.loads((folder / ".schema" / f"{schema}.schema.json").read_text())
        shipped = json.loads((ROOT / "data" / "schema" / f"{schema}.schema.json").read_text())
        assert local == shipped
        jsonschema.Draft202012Validator(shipped).validate(yaml.safe_load(text))


def test_the_ladder_init_writes_shows_every_kind_of_change_in_comments(acme):
    folder, _ = acme
    text = (folder / "ladder.yaml").read_text()
    for example in ("# labels:", "after: senior-pm", "drop: true", "add:", "# competencies:", "expectations:",
                    "# language:"):
        assert example in text, example
    # Uncommented, the examples are a valid overlay too.
    uncommented = "\n".join(line.replace("# ", "", 1) if line.startswith(("# labels", "#   ", "# rungs",
                                                                           "# competencies")) else line
                            for line in text.splitlines())
    (folder / "uncommented.yaml").write_text(uncommented)
    outcome = run_guidegen("validate", str(folder / "uncommented.yaml"))
    assert outcome.code == 0, outcome.stderr
    assert "principal-pm" in outcome.stdout and "apm" not in outcome.stdout.split("(")[1]


def test_init_refuses_to_overwrite_without_force(tmp_path):
    assert run_guidegen("init", "--company", "Acme", cwd=tmp_path).code == 0
    (tmp_path / "ladder.yaml").write_text("# mine\nextends: default\n")
    again = run_guidegen("init", "--company", "Acme", cwd=tmp_path)
    assert again.code == 2 and "exist already" in again.stderr and "ladder.yaml" in again.stderr
    assert (tmp_path / "ladder.yaml").read_text() == "# mine\nextends: default\n"
    forced = run_guidegen("init", "--company", "Acme", "--force", cwd=tmp_path)
    assert forced.code == 0 and "extends: default" in (tmp_path / "ladder.yaml").read_text()
    assert "# mine" not in (tmp_path / "ladder.yaml").read_text()


@pytest.mark.parametrize("source", ["default", "northwind"])
def test_init_from_copies_a_whole_ladder(tmp_path, source):
    given = "default" if source == "default" else str(ROOT / "examples" / "northwind-health" / "ladder.yaml")
    outcome = run_guidegen("init", "company", "--company", "Globex", "--from", given, cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr
    data = yaml.safe_load((tmp_path / "company" / "ladder.yaml").read_text())
    assert "extends" not in data and data["rungs"]
    jsonschema.Draft202012Validator(json.loads((ROOT / "data" / "schema" / "ladder.schema.json").read_text())
                                    ).validate(data)
    checked = run_guidegen("validate", "ladder.yaml", cwd=tmp_path / "company")
    assert checked.code == 0, checked.stderr
    assert ("principal-pm" in checked.stdout) == (source == "northwind")


def test_init_names_a_missing_source_and_writes_nothing(tmp_path):
    outcome = run_guidegen("init", "x", "--company", "Acme", "--from", "nowhere.yaml", cwd=tmp_path)
    assert outcome.code == 2 and "nowhere.yaml" in outcome.stderr and "Traceback" not in outcome.stderr
    assert not (tmp_path / "x").exists()


# -- guidegen.toml --------------------------------------------------------------------------------------


def test_flags_override_the_config_file_and_print_config_says_where_each_came_from(tmp_path):
    (tmp_path / "guidegen.toml").write_text('out = "docs"\nformats = ["pdf"]\npage_size = "letter"\n'
                                            'session_minutes = 45\n')
    outcome = run_guidegen("build", "--print-config", "--page-size", "a4", cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr
    lines = {line.split("=")[0].strip(): line for line in outcome.stdout.splitlines()}
    assert "docs" in lines["out"] and "(guidegen.toml:1)" in lines["out"]
    assert "pdf" in lines["formats"] and "(guidegen.toml:2)" in lines["formats"]
    assert "a4" in lines["page_size"] and "(command line)" in lines["page_size"]
    assert "45" in lines["session_minutes"] and "(guidegen.toml:4; not used by this build)" in lines["session_minutes"]
    assert "(default)" in lines["ladder"]
    assert not (tmp_path / "docs").exists()  # printing the settings builds nothing


def test_a_build_follows_the_config_file(tmp_path):
    (tmp_path / "guidegen.toml").write_text('out = "docs"\nformats = ["pptx"]\nrungs = ["pm"]\n')
    outcome = run_guidegen("build", cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr
    assert [Path(line).name for line in outcome.stdout.split()] == ["training-deck-pm.pptx"]
    assert (tmp_path / "docs" / "training-deck-pm.pptx").is_file()


def test_pyproject_tool_guidegen_is_read_when_there_is_no_guidegen_toml(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.guidegen]\nlanguage = "de"\n')
    outcome = run_guidegen("build", "--print-config", cwd=tmp_path)
    assert "de" in outcome.stdout and "(pyproject.toml:5)" in outcome.stdout


@pytest.mark.parametrize("text, expected", [
    ('out = "x"\nformat = ["pdf"]\n', "guidegen.toml:2: unknown setting 'format'; did you mean 'formats'?"),
    ('jobs = "two"\n', "guidegen.toml:1: jobs: give a whole number, not 'two'"),
    ('page_size = "a5"\n', "guidegen.toml:1: page_size: 'a5' is not one of a4, letter"),
    ('date = "31/12/2026"\n', "guidegen.toml:1: date: '31/12/2026' is not a date"),
    ('ladder = "unclosed\n', "guidegen.toml:1:"),
])
def test_a_bad_config_file_names_its_line_and_exits_2(tmp_path, text, expected):
    (tmp_path / "guidegen.toml").write_text(text)
    outcome = run_guidegen("build", cwd=tmp_path)
    assert outcome.code == 2 and expected in outcome.stderr, outcome.stderr
    assert "Traceback" not in outcome.stderr and not (tmp_path / "output").exists()


def _complete(words: str, cwd: Path) -> list[str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "_GUIDEGEN_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    script = Path(sys.executable).parent / "guidegen"  # completion runs the installed command, by its name
    result = subprocess.run([str(script)], env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if "," in line]


def test_the_shell_completes_rung_ids_of_the_ladder_and_page_sizes(tmp_path):
    from .ladders import make_ladder, write_ladder

    assert _complete("guidegen build --rung s", tmp_path) == ["senior-pm"]
    write_ladder(tmp_path / "mine.yaml", make_ladder(3))
    ids = _complete("guidegen build --ladder mine.yaml --rung ", tmp_path)
    assert ids and all(rung.startswith("level-") for rung in ids) and len(ids) == 3
    assert _complete("guidegen build --page-size ", tmp_path) == ["a4", "letter"]
    (tmp_path / "guidegen.toml").write_text('ladder = "mine.yaml"\n')
    assert _complete("guidegen build --rung ", tmp_path) == ids  # the settings file's ladder
