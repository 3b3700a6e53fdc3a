"""The deck's pagination alone: how a rung's text is spread over slides, with no python-pptx and no LibreOffice."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guidegen.deck.measure import EMU_PER_PT, Box, Measure, Para
from guidegen.deck.plan import BODY_PREFERRED_PT, RUNG_BODY_PT, ContentArea, RungPlanner
from guidegen.input.schema import Labels, Ladder
from guidegen.view.ladder_view import build_view

from .ladders import make_ladder

# The built-in 16:9 template's content area (13.333 x 7.5 in), as the deck computes it.
AREA = ContentArea(left=548640, top=1325880, right=11643360, bottom=6446520, slide_height=6858000)


@pytest.fixture(scope="module")
def planner() -> RungPlanner:
    return RungPlanner(Measure("Carlito"), Measure("Carlito"), Labels(), AREA)


def _view(**shape):
    return build_view(Ladder.model_validate(make_ladder(2, **shape))).rungs[1]


SECTION_NAMES = ("responsibilities", "leadership", "soft_skills")


def _texts(pages, section: int) -> list[str]:
    """The items of one of the article sections (0, 1, 2) in the order the slides show them."""
    return [para.lead or para.text for page in pages for slot, paras in page.slots
            if page.sections[slot] == SECTION_NAMES[section] for para in paras if not para.continued]


def test_a_short_rung_stands_on_one_slide_at_a_large_size(planner):
    (page,) = planner.plan_rung(_view())
    assert RUNG_BODY_PT <= page.body_size <= BODY_PREFERRED_PT
    assert [slot for slot, _ in page.slots] == [0, 1, 2]


def test_a_long_rung_continues_with_every_item_once_and_in_order(planner):
    view = _view(items=14, skills=14, item_words=14)
    pages = planner.plan_rung(view)
    assert len(pages) > 1
    assert all(page.body_size == RUNG_BODY_PT for page in pages)  # never below what a room reads
    assert _texts(pages, 0) == list(view.rung.responsibilities)
    assert _texts(pages, 1) == [skill.name for skill in view.rung.leadership]
    assert _texts(pages, 2) == [skill.name for skill in view.rung.soft_skills]


def test_every_planned_column_fits_its_box(planner):
    view = _view(items=10, skills=10, item_words=12)
    for number, page in enumerate(planner.plan_rung(view)):
        intro = (int(planner.body.height(page.intro, page.intro_size, _box(AREA.width)) * EMU_PER_PT)
                 + int(AREA.slide_height * 0.02)) if page.intro else 0
        room = AREA.height - planner.kicker_height(view) - intro - planner.heading_height(page.continues,
                                                                                           page.sections)
        column = _box(planner.column_geometry(page.columns)[0])
        for _, paras in page.slots:
            assert planner.body.height(paras, page.body_size, column) * EMU_PER_PT <= room


def _box(width):
    from guidegen.deck.measure import Box

    return Box(width, 0)


def test_planning_needs_no_python_pptx():
    code = ("import sys; import guidegen.deck.plan; "
            "print(any(name == 'pptx' or name.startswith('pptx.') for name in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() \
        == "False"


@pytest.mark.parametrize("shape", [dict(items=8, skills=3), dict(items=14, skills=14),
                                   dict(items=10, skills=10, item_words=12)])
def test_a_list_that_continues_is_split_evenly_not_down_to_a_lone_item(planner, shape):
    pages = planner.plan_rung(_view(**shape))
    assert len(pages) > 1
    for section in SECTION_NAMES:
        parts = [len(paras) for page in pages for slot, paras in page.slots if page.sections[slot] == section]
        if len(parts) > 1:
            assert min(parts) >= 2, (section, parts)
            assert max(parts) - min(parts) <= max(2, max(parts) // 2), (section, parts)


def test_a_rung_too_full_for_one_slide_keeps_each_section_whole_on_the_next(planner):
    view = _view(items=6, skills=6, item_words=10)
    pages = planner.plan_rung(view)
    assert len(pages) == 2
    shown = [section for page in pages for section in page.sections]
    assert sorted(shown) == sorted(SECTION_NAMES)  # each section on one slide only, none cut in two
    assert not any(page.continues for page in pages)  # so no heading says "continued"
    assert pages[0].intro and not pages[1].intro
    assert {page.body_size for page in pages} == {pages[0].body_size} and pages[0].body_size >= RUNG_BODY_PT
    for number in range(3):
        assert _texts(pages, number) == ([*view.rung.responsibilities] if number == 0 else
                                         [s.name for s in (view.rung.leadership, view.rung.soft_skills)[number - 1]])


def test_a_lone_list_on_a_slide_is_split_evenly_over_two_columns(planner):
    view = _view(items=6, skills=6, item_words=10)
    page = next(page for page in planner.plan_rung(view) if len(page.sections) == 1)
    counts = [len(paras) for _, paras in page.slots]
    assert len(counts) == 2 and abs(counts[0] - counts[1]) <= 1, counts


def test_the_deck_has_one_body_size_for_its_rung_slides_chosen_for_the_fullest(planner):
    views = build_view(Ladder.model_validate(make_ladder(4, items=3, skills=2))).rungs
    views += [build_view(Ladder.model_validate(make_ladder(2, items=8, skills=8, item_words=12))).rungs[1]]
    body, intro = planner.deck_sizes(views)
    assert RUNG_BODY_PT <= body <= intro
    for view in views:
        assert all(page.body_size == body for page in planner.plan_rung(view, body, intro))


def test_headings_never_break_inside_a_word_a_narrow_slide_takes_fewer_columns():
    """German's long compounds in a 4:3 template's serif: three columns would break "Führungskompetenzen"."""
    labels = Labels(responsibilities="Hauptaufgaben", leadership="Führungskompetenzen",
                    soft_skills="Soziale Kompetenzen")
    narrow = ContentArea(left=457200, top=1589088, right=8686800, bottom=6446520, slide_height=6858000)
    planner = RungPlanner(Measure("DejaVu Sans"), Measure("DejaVu Serif"), labels, narrow)
    assert planner.heading_size >= RUNG_BODY_PT
    width, _ = planner.column_geometry(planner.columns_for(("responsibilities", "leadership", "soft_skills")))
    headings = [Para(lead=heading) for heading in planner.headings(True, ("leadership", "soft_skills"))]
    assert planner.heading.words_fit(headings, planner.heading_size, Box(width, 0))
    for page in planner.plan_rung(_view(items=4, skills=4)):
        assert page.columns <= planner.max_columns and len(page.sections) <= planner.max_columns
