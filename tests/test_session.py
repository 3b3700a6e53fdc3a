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


def test_the_closing_slide_recaps_the_ladder_and_keeps_its_question(tmp_path):
    (deck,) = build(None, tmp_path / "full", ["pptx"])
    (handout,) = build(None, tmp_path / "handout", ["pptx"], rung_ids=("senior-pm",))
    (framework,) = build("examples/engineering-framework/engineering-framework.csv", tmp_path / "fw", ["pptx"])
    texts = {}
    for name, path in (("full", deck), ("handout", handout), ("framework", framework)):
        closing = Presentation(str(path)).slides[-1]
        assert closing.shapes.title.text == "Questions and next steps"
        texts[name] = " ".join(shape.text_frame.text for shape in closing.shapes if shape.has_text_frame)
        assert texts[name].rstrip().endswith("?")  # the question is never the part that gives way
        assert "Recap:" in closing.notes_slide.notes_text_frame.text
    assert "5 rungs, from APM (assists on features) to Director PM (product vision" in texts["full"]
    assert "Next: Group Product Manager (a team of PMs and a portfolio of products)." in texts["handout"]
    assert "8 rungs, from Engineer I up to Principal Engineer and Senior Engineering Manager." in texts["framework"]
    assert "The ladder forks into Individual contributor and People manager." in texts["framework"]
