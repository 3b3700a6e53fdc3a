"""The training deck, read back with python-pptx as a presenter would find it."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu


@pytest.fixture(scope="module")
def deck(default_build):
    return Presentation(str(default_build["pptx"]))


def slide_texts(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_widescreen(deck):
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))


def test_title_then_one_slide_per_rung_then_summary(deck, default_ladder):
    slides = list(deck.slides)
    assert len(slides) == 1 + len(default_ladder.rungs) + 1
    assert slides[0].slide_layout.name == "Title Slide"
    assert slides[0].shapes.title.text == default_ladder.title
    for slide, rung in zip(slides[1:-1], default_ladder.rungs):
        assert slide.shapes.title.text == rung.title
    assert slides[-1].shapes.title.text == "The ladder at a glance"


def test_rung_slides_show_the_four_parts(deck, default_ladder):
    for slide, rung in zip(list(deck.slides)[1:-1], default_ladder.rungs):
        text = slide_texts(slide)
        assert rung.what_it_is in text
        for item in rung.responsibilities:
            assert item in text
        for skill in rung.leadership:
            assert skill.name in text and skill.description in text
        for skill in rung.soft_skills:
            assert skill.name in text


def test_body_text_is_readable_when_projected(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or shape.is_placeholder:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font.size is not None, f"{shape.name}: size left to autofit"
                    assert run.font.size.pt >= 14, f"{shape.name}: {run.font.size.pt} pt"


def test_every_rung_slide_has_speaker_notes_with_the_example(deck, default_ladder):
    for slide, rung in zip(list(deck.slides)[1:-1], default_ladder.rungs):
        assert slide.has_notes_slide
        notes = slide.notes_slide.notes_text_frame.text
        assert rung.example.story in notes
        assert "Talking points" in notes
        for skill in rung.soft_skills:
            assert skill.name in notes


def test_summary_is_an_editable_staircase_lowest_rung_left(deck, default_ladder):
    slides = list(deck.slides)
    summary = slides[-1]
    steps = [shape for shape in summary.shapes if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert len(steps) == len(default_ladder.rungs)
    steps.sort(key=lambda shape: shape.left)
    for step, rung in zip(steps, default_ladder.rungs):
        assert rung.title in step.text_frame.text
    lefts = [step.left for step in steps]
    tops = [step.top for step in steps]
    assert lefts == sorted(lefts) and tops == sorted(tops, reverse=True)  # each step higher than the last
    # Clicking a step jumps to that rung's slide.
    for step, slide in zip(steps, slides[1:-1]):
        assert step.click_action.target_slide.slide_id == slide.slide_id


def test_deck_reopens_without_empty_placeholders(deck):
    for slide in deck.slides:
        for placeholder in slide.placeholders:
            assert placeholder.has_text_frame and placeholder.text_frame.text.strip(), placeholder.name


def test_another_ladder_builds_its_own_deck(minimal_build):
    deck = Presentation(str(minimal_build["pptx"]))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[1:3] == ["Product Designer", "Senior Product Designer"]
    assert len(titles) == 4
