"""Messages a person can act on: the line and a caret for YAML mistakes, near misses named, files told apart."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from guidegen.cli import main

from .ladders import make_ladder, write_ladder


def _validate(*args: str):
    return CliRunner().invoke(main, ["validate", *map(str, args)])


SYNTAX = {
    "colon in text": ("title: Careers: a guide\n", 1, 15, "must be in quotes"),
    "tab": ("title: T\nsource:\n\ttitle: S\n", 3, 1, "not tabs"),
    "inconsistent indentation": ("source:\n  title: S\n author: A\n", 3, 2, "must start in the same column"),
    "no colon": ("title: T\nthis line has no colon\nsubtitle: S\n", 3, 1, "key: value"),
    "unclosed quote": ('title: "Careers\nsubtitle: S\n', 3, 1, "never closed"),
}


@pytest.mark.parametrize("case", list(SYNTAX))
def test_a_yaml_mistake_shows_the_line_a_caret_and_a_hint(tmp_path, case):
    text, line, column, hint = SYNTAX[case]
    path = tmp_path / "ladder.yaml"
    path.write_text(text)
    result = _validate(path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:{line}:{column}: YAML syntax error: "), result.stderr
    shown = text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""
    assert lines[1].endswith(f"| {shown.replace(chr(9), ' ')}".rstrip()) or not shown
    caret = lines[2]
    assert caret.endswith("^") and caret.index("^") - caret.index("|") - 2 == column - 1
    assert "hint:" in lines[3] and hint in lines[3], result.stderr


def test_a_key_indented_too_little_is_said_to_belong_under_its_parent(tmp_path):
    ladder = make_ladder(2)
    story = ladder["rungs"][0]["example"].pop("story")
    ladder["rungs"][0]["story"] = story
    result = _validate(write_ladder(tmp_path / "ladder.yaml", ladder))
    assert result.exit_code == 2
    assert "unknown field 'story' here: it belongs under 'example'" in result.stderr
    assert "did you mean 'short'" not in result.stderr


def test_a_near_miss_rung_id_gets_a_suggestion(tmp_path):
    result = CliRunner().invoke(main, ["build", "--rung", "senior_pm", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "did you mean 'senior-pm'?" in result.stderr
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text("extends: default\nrungs:\n  - id: senior-pmm\n    title: Senior PM II\n")
    result = _validate(overlay)
    assert result.exit_code == 2
    assert f"{overlay}:3:9" in result.stderr and "did you mean 'senior-pm'?" in result.stderr


def test_a_ladder_given_as_a_brand_and_a_brand_given_as_a_ladder_are_named(tmp_path):
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    result = _validate(ladder, "--brand", ladder)
    assert result.exit_code == 2 and "this looks like a ladder file" in result.stderr and "--ladder" in result.stderr
    brand = tmp_path / "brand.yml"
    brand.write_text("meta:\n  name: Acme\ncolor:\n  primary: '#123456'\n")
    result = _validate(brand)
    assert result.exit_code == 2 and "this looks like a brand file" in result.stderr and "--brand" in result.stderr


@pytest.mark.parametrize("colour", ["rebeccapurple", "rgb(20 40 60)", "hsl(210, 50%, 30%)", "DarkSlateGray", "#abc"])
def test_any_css_colour_is_accepted(tmp_path, colour):
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    brand = tmp_path / "brand.yml"
    brand.write_text(f"color:\n  primary: '{colour}'\n")
    result = _validate(ladder, "--brand", brand)
    assert result.exit_code == 0, result.stderr


def test_a_misspelt_palette_name_gets_a_suggestion(tmp_path):
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    brand = tmp_path / "brand.yml"
    brand.write_text("color:\n  palette:\n    pine: '#1B4D3E'\n  primary: pinee\n")
    result = _validate(ladder, "--brand", brand)
    assert result.exit_code == 2
    assert f"{brand}:4:12 color.primary" in result.stderr and "did you mean 'pine'?" in result.stderr
