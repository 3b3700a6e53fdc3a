"""A long ladder's cover and staircases stay readable: nothing runs off the cover, no label is
squeezed into a step too narrow for it, and a step's words are never broken between letters."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pypdf import PdfReader

from guidegen.api import build
from guidegen.deck.measure import MIN_BODY_PT

from .ladders import make_ladder, write_ladder
from .test_pdf import page_texts


@pytest.fixture(scope="module")
def guides(tmp_path_factory) -> dict[int, list[str]]:
    """Page texts of guides of 8, 13, 24 and 40 rungs, each titled "Level N Engineer" and short "LN"."""
    folder = tmp_path_factory.mktemp("long")
    texts = {}
    for count in (8, 13, 24, 40):
        ladder = write_ladder(folder / f"{count}.yaml", make_ladder(count, items=1, skills=2, title_words=3))
        pdf = build(ladder=ladder, out=folder / str(count), formats=["pdf"])[0]
        texts[count] = page_texts(pdf)
        texts[count, "reader"] = PdfReader(pdf)
    return texts


def _overview_index(texts: list[str]) -> int:
    return next(index for index, text in enumerate(texts) if "The ladder at a glance" in text and "Contents" not in text)


def _staircase_words(text: str) -> list[str]:
    """The words the staircase adds to its page: what follows the caption, before the running
    header and footer (the ladder's title, then the credit)."""
    after_caption = text.split("its chapter.", 1)[-1].split("by number.", 1)[-1]
    return after_caption.split("Generated Ladder")[0].split()


@pytest.mark.parametrize("count", [8, 13])
def test_no_word_on_a_step_is_broken_between_letters(guides, count):
    text = guides[count][_overview_index(guides[count])]
    allowed = {"Level", "Engineer"} | {str(number) for number in range(1, count + 1)} | \
        {f"L{number}" for number in range(1, count + 1)}
    assert _staircase_words(text), text
    assert set(_staircase_words(text)) <= allowed, text


def test_steps_with_room_show_number_and_title(guides):
    words = _staircase_words(guides[8][_overview_index(guides[8])])
    assert words.count("Engineer") == 8
    assert {str(number) for number in range(1, 9)} <= set(words)


def test_steps_too_narrow_for_titles_show_short_names(guides):
    # The same order of labels as the deck's: title, then short name, then the number alone.
    text = guides[13][_overview_index(guides[13])]
    words = _staircase_words(text)
    assert "Engineer" not in words
    assert words == [word for number in range(1, 14) for word in (str(number), f"L{number}")]


def test_narrower_steps_show_their_numbers_alone(guides):
    text = guides[24][_overview_index(guides[24])]
    words = _staircase_words(text)
    assert [int(word) for word in words] == list(range(1, 25))
    assert "numbered as in the contents" in text


def test_slivers_of_a_long_ladder_carry_no_labels_or_links(guides):
    index = _overview_index(guides[40])
    text = guides[40][index]
    assert "the contents lists them by number" in text
    assert not [word for word in _staircase_words(text) if word.isdigit()]
    page = guides[40, "reader"].pages[index]
    assert not page.get("/Annots"), "a step too narrow for a label links nowhere"


@pytest.mark.parametrize("count, listed", [(8, True), (13, False), (40, False)])
def test_the_cover_lists_the_rungs_only_while_they_fit(guides, count, listed):
    cover = guides[count][0]
    assert "Based on" in cover  # the credit at the foot of the cover is not pushed off it
    if listed:
        assert all(f"Level {number} Engineer" in cover for number in range(1, count + 1))
    else:
        assert f"{count} rungs, from Level 1 Engineer to Level {count} Engineer" in cover
        assert not re.search(r"Level [2-9] Engineer", cover)


def _staircase_steps(deck_path) -> list:
    slide = next(slide for slide in Presentation(deck_path).slides
                 if any(shape.name == "Ladder staircase" for shape in slide.shapes))
    return list(next(shape for shape in slide.shapes if shape.name == "Ladder staircase").shapes)


@pytest.mark.parametrize("count, expected", [(8, "title"), (24, "number"), (40, "none")])
def test_deck_steps_share_one_kind_of_label_that_fits(tmp_path, count, expected):
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(count, items=1, skills=2, title_words=3))
    (deck,) = build(ladder=ladder, out=tmp_path / "out", formats=["pptx"])
    steps = _staircase_steps(deck)
    assert len(steps) == count
    texts = [step.text_frame.text.split("\n") for step in steps]
    sizes = {run.font.size.pt for step in steps for paragraph in step.text_frame.paragraphs for run in paragraph.runs}
    if expected == "title":
        assert texts == [[str(n), f"Level {n} Engineer"] for n in range(1, count + 1)]
    elif expected == "number":
        assert texts == [[str(n)] for n in range(1, count + 1)]
    else:
        assert texts == [[""]] * count
    assert len(sizes) <= 1 and all(size >= MIN_BODY_PT for size in sizes)
    assert all(f"Rung {n}: Level {n} Engineer" in step._element.xml for n, step in zip(range(1, count + 1), steps))


def test_no_contents_entry_is_left_alone_on_a_page(tmp_path):
    # 16 rungs on letter paper: all but the last entry fit on the first contents page.
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(16, items=1, skills=1))
    (pdf,) = build(ladder=ladder, out=tmp_path / "out", formats=["pdf"], page_size="letter")
    reader = PdfReader(pdf)
    assert "Contents" in reader.pages[1].extract_text()
    continued = reader.pages[2].extract_text()
    assert "Introduction" not in continued.splitlines()[0]  # the contents does run on
    assert len(re.findall(r"\.{5,}", continued)) >= 2
