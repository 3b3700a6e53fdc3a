"""The trainer's session on the title slide: who presents it and when, the date in the ladder's language."""

from __future__ import annotations

import datetime

import pytest
from click.testing import CliRunner
from pptx import Presentation

from guidegen.cli import main
from guidegen.api import build
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
    (deck,) = build(ladder=write_ladder(tmp_path / "ladder.yaml", data), out=tmp_path / "out", formats=["pptx"], date=datetime.date(2026, 3, 14))
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
    (deck,) = build(ladder=None, out=tmp_path / "full", formats=["pptx"])
    (handout,) = build(ladder=None, out=tmp_path / "handout", formats=["pptx"], rungs=("senior-pm",))
    (framework,) = build(ladder="examples/engineering-framework/engineering-framework.csv", out=tmp_path / "fw", formats=["pptx"])
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


@pytest.mark.parametrize("minutes", [30, 60, 90])
def test_the_notes_time_the_session_to_its_length(tmp_path, minutes):
    import re

    (deck,) = build(ladder=None, out=tmp_path, formats=["pptx"], session_minutes=minutes)
    slides = list(Presentation(str(deck)).slides)
    spans = []
    for slide in slides:
        first = slide.notes_slide.notes_text_frame.text.splitlines()[0]
        match = re.fullmatch(rf"Timing: about (\d+) min \((\d+):(\d\d) to (\d+):(\d\d) of a {minutes}-minute "
                             rf"session\)\.", first)
        assert match, first
        length, start, end = int(match[1]), int(match[2]) * 60 + int(match[3]), int(match[4]) * 60 + int(match[5])
        assert end - start == length >= 1
        spans.append((start, end))
    assert spans[0][0] == 0 and spans[-1][1] == minutes
    assert all(previous[1] == following[0] for previous, following in zip(spans, spans[1:]))


def test_the_session_has_an_activity_on_the_staircase(tmp_path):
    (deck,) = build(ladder=None, out=tmp_path, formats=["pptx"])
    revisit = next(slide for slide in Presentation(str(deck)).slides
                   if slide.shapes.title is not None and slide.shapes.title.text == "The ladder, looking back")
    notes = revisit.notes_slide.notes_text_frame.text
    assert "Activity (about five minutes): ask each person to place themselves on the staircase" in notes
    assert "name one of the competencies they will grow to reach the next" in notes


def test_a_session_too_short_to_run_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--session-minutes", "5"])
    assert result.exit_code == 2 and "--session-minutes" in result.output
