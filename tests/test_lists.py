"""An expectation kept as a list (one item per line, as a spreadsheet cell typed with Alt+Enter or a
framework's criteria) is a list in every document: the guide and web page as real lists, numbered when its
items are, the deck one item to a line, the speaker notes as a sentence."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from guidegen.api import build
from guidegen.view.text_items import items, lines, spoken

from .conftest import requires

LADDER = """\
title: Engineering at Initech
rungs:
  - id: engineer
    title: Engineer
    responsibilities: [Ship well-tested changes.]
  - id: senior
    title: Senior Engineer
    responsibilities: [Lead projects across the team.]
competencies:
  - id: delivery
    name: Delivery
    expectations:
      engineer: |-
        • Breaks tasks into small, reviewable changes
        • Writes tests for every change
      senior: |-
        1. Plans a project's milestones with the team
        2. Spots risks early and says so
        3. Keeps stakeholders informed each week
"""


@pytest.mark.parametrize("text, expected", [
    ("One line only.", ((("One line only.",)), False, 1)),
    ("• a\n• b", (("a", "b"), False, 1)),
    ("- a\n* b\n– c", (("a", "b", "c"), False, 1)),
    ("1. a\n2) b", (("a", "b"), True, 1)),
    ("3. c\n4. d", (("c", "d"), True, 3)),
    ("a) x\nb) y", (("x", "y"), True, 1)),
    ("plain\nlines", (("plain", "lines"), False, 1)),
    ("\n• a\n\n• b\n", (("a", "b"), False, 1)),
])
def test_lines_are_read_as_items_with_their_markers_understood(text, expected):
    found = items(text)
    assert (found.items, found.numbered, found.start) == expected


def test_lines_and_sentences_for_documents_without_list_markup():
    assert lines("1. a\n2. b") == "1. a\n2. b" and lines("- a\n- b") == "\u2022 a\n\u2022 b"
    assert spoken("- a\n- b") == "a; b" and spoken("One line.") == "One line."


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lists")
    (folder / "ladder.yaml").write_text(LADDER)
    written = build(ladder=folder / "ladder.yaml", out=folder / "out", formats=["pdf", "pptx", "html"])
    return {path.suffix.lstrip("."): path for path in written}


def test_the_web_page_has_real_lists_numbered_where_the_items_are(documents):
    page = documents["html"].read_text()
    assert '<ol class="items"><li>Plans a project’s milestones with the team</li><li>Spots risks' in page
    assert '<ul class="items"><li>Breaks tasks into small, reviewable changes</li><li>Writes tests' in page


@requires("pdftotext")
def test_the_guide_sets_each_item_on_a_line_of_its_own(documents):
    text = subprocess.run(["pdftotext", "-layout", str(documents["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    rows = text.splitlines()
    first = next(index for index, row in enumerate(rows) if "1. Plans a project" in row)
    assert any("2. Spots risks early and says so" in row for row in rows[first + 1:first + 4])
    assert any("• Writes tests for every change" in row for row in rows)
    assert "change • Writes" not in text  # never run together


def test_the_deck_sets_each_item_on_a_line_and_says_them_as_a_sentence(documents):
    deck = Presentation(str(documents["pptx"]))
    cells = [cell.text_frame for slide in deck.slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells]
    listed = next(frame for frame in cells if "Plans a project" in frame.text)
    assert listed.text.replace("\v", "\n").splitlines() == [
        "1. Plans a project’s milestones with the team", "2. Spots risks early and says so",
        "3. Keeps stakeholders informed each week"]
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide)
    assert "Plans a project’s milestones with the team; Spots risks early" in notes
