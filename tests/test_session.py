"""The trainer's session on the title slide: who presents it and when, the date in the ladder's language."""

from __future__ import annotations

import datetime

import pytest
from click.testing import CliRunner
from pptx import Presentation

from guidegen.cli import main
from guidegen.pipeline import build
from guidegen.view.language import long_date

from .ladders import make_ladder, write_ladder


def _title_texts(deck) -> str:
    return " ".join(shape.text_frame.text for shape in Presentation(str(deck)).slides[0].shapes
                    if shape.has_text_frame)


def test_presenter_and_date_stand_on_the_title_slide(tmp_path):
    result = CliRunner().invoke(main, ["build", "--format", "pptx", "--out", str(tmp_path), "--presenter",
                                       "Dana Whitfield", "--date", "2026-03-14"])
    assert result.exit_code == 0, result.output
    assert "Dana Whitfield \u00b7 March 14, 2026" in _title_texts(tmp_path / "training-deck.pptx")


def test_the_date_is_written_in_the_ladders_language(tmp_path):
    data = make_ladder(2)
    data["language"] = "de-DE"
    (deck,) = build(write_ladder(tmp_path / "ladder.yaml", data), tmp_path / "out", ["pptx"],
                    session_date=datetime.date(2026, 3, 14))
    assert "14. M\u00e4rz 2026" in _title_texts(deck)


@pytest.mark.parametrize("language, expected", [("fr", "14 mars 2026"), ("ja", "2026\u5e743\u670814\u65e5"),
                                                ("xx-unknown", "March 14, 2026")])
def test_long_dates_by_language(language, expected):
    assert long_date(datetime.date(2026, 3, 14), language) == expected


@pytest.mark.parametrize("args, message", [(["--date", "14/03/2026"], "is not a date"),
                                           (["--presenter", "Dana\x07"], "without control characters")])
def test_bad_session_options_are_refused_before_building(tmp_path, args, message):
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), *args])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "out").exists()
