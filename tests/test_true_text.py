"""Text that is true for every ladder, not only the article's: counts and names from the data, grammar the
data drives, an agenda that lists the slides there are, and a warning where inherited text is stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from guidegen.deck.notes import with_article
from guidegen.input.ladder import load_ladder
from guidegen.api import build

from .hostile import run_guidegen
from .test_pdf import page_texts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.mark.parametrize("company, count, first, last", [
    ("northwind-health", 7, "Associate Product Manager", "VP of Product"),
    ("ferrous-robotics", 4, "Product Manager", "Director of Product"),
])
def test_inherited_introduction_counts_and_names_this_ladders_rungs(tmp_path, company, count, first, last):
    (pdf,) = build(ladder=EXAMPLES / company / "ladder.yaml", out=tmp_path, formats=["pdf"])
    text = _flat(" ".join(page_texts(pdf)))
    assert f"walks through the {count} rungs of the ladder, from {first} to {last}" in text
    assert "five rungs" not in text and "Associate PM to Group PM" not in text
    assert f"As you grow from {first} towards {last}" in text


def test_validate_warns_where_inherited_text_names_a_renamed_rung(tmp_path):
    overlay = tmp_path / "ladder.yaml"
    overlay.write_text("extends: default\nrungs:\n  - id: director-pm\n    title: Head of Product\n"
                       "    short: Head\n")
    outcome = run_guidegen("validate", str(overlay))
    assert outcome.code == 0, outcome.stderr
    assert (f"Warning: {overlay}:4: rung 'director-pm' is now 'Head of Product', but text this ladder inherits "
            f"still says 'Director of Product Management' (rung 'director-pm' what_it_is)") in outcome.stderr
    fixed = overlay.read_text() + "    what_it_is: The Head of Product sets the product vision for the company.\n"
    overlay.write_text(fixed)
    assert "Warning" not in run_guidegen("validate", str(overlay)).stderr


def test_the_shipped_examples_inherit_no_stale_names():
    for ladder in sorted(EXAMPLES.glob("*/ladder.yaml")):
        warnings = []
        load_ladder(ladder, on_warning=warnings.append)
        assert not warnings, warnings


@pytest.mark.parametrize("phrase, expected", [
    ("APM", "an APM"), ("PM", "a PM"), ("SRE", "an SRE"), ("MBA", "an MBA"), ("engineer", "an engineer"),
    ("user researcher", "a user researcher"), ("Senior PM", "a Senior PM"), ("hour", "an hour"),
    ("Director PM", "a Director PM"), ("EM", "an EM"), ("VP Product", "a VP Product"),
])
def test_a_or_an_as_the_word_is_spoken(phrase, expected):
    assert with_article(phrase) == expected


def test_notes_speak_of_an_apm_and_name_each_new_skill_once(default_build):
    slides = list(Presentation(str(default_build["pptx"])).slides)
    notes = [slide.notes_slide.notes_text_frame.text for slide in slides]
    assert any("what an APM would need" in text for text in notes)
    assert not any("a APM" in text for text in notes)
    for text in notes:
        for line in text.splitlines():
            if line.startswith("- New compared with"):
                names = line.split(":", 1)[1].rstrip(".").replace(" and ", ", ").split(", ")
                assert len(names) == len(set(names)), line


def test_the_agenda_lists_the_slides_there_are(default_build):
    slides = list(Presentation(str(default_build["pptx"])).slides)
    titles = [slide.shapes.title.text for slide in slides if slide.shapes.title is not None]
    agenda = slides[1]
    items = [p.text for shape in agenda.shapes if shape.has_text_frame and shape != agenda.shapes.title
             for p in shape.text_frame.paragraphs if p.text]
    shown = {re.sub(r" \(\d+/\d+\)$", "", title) for title in titles[2:]}  # a rung's parts: "PM (1/2)"
    for item in items:
        title = item.split(" (")[0]
        assert title in shown, item
    assert titles[-1] == "Questions and next steps" and items[-1] == titles[-1]


def test_a_one_rung_handouts_notes_speak_of_one_rung(tmp_path):
    (deck,) = build(ladder=None, out=tmp_path, formats=["pptx"], rungs=("pm",))
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in Presentation(str(deck)).slides)
    assert "1 rung" not in notes and "from Product Manager to Product Manager" not in notes
    assert "Today we look at one rung, Product Manager" in notes
    assert "Each step is a link" not in notes and "The highlighted step, Product Manager, links back" in notes


def test_a_renamed_matrix_heading_reads_as_a_sentence(tmp_path):
    from .ladders import make_ladder, write_ladder

    data = make_ladder(3)
    data["labels"] = {"soft_skills": "How You Work"}
    (pdf,) = build(ladder=write_ladder(tmp_path / "ladder.yaml", data), out=tmp_path / "out", formats=["pdf"])
    text = _flat(" ".join(page_texts(pdf)))
    assert "under the ladder\u2019s two headings \u201cLeadership Components\u201d and \u201cHow You Work\u201d" in text


def test_a_scope_set_inside_a_sentence_keeps_names_and_initials_capitalised():
    from guidegen.deck.words import _lower_first
    from guidegen.view.language import ENGLISH

    assert _lower_first("Assists on features", ENGLISH) == "assists on features"
    assert _lower_first("Northwind's whole product organization", ENGLISH) == "Northwind's whole product organization"
    assert _lower_first("PMs across two teams", ENGLISH) == "PMs across two teams"
