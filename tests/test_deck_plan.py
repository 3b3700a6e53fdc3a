"""The deck's pagination alone: how a rung's text is spread over slides, with no python-pptx and no LibreOffice."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guidegen.deck.measure import EMU_PER_PT, MIN_BODY_PT, Measure
from guidegen.deck.plan import BODY_PREFERRED_PT, ContentArea, RungPlanner
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


def _texts(pages, section: int) -> list[str]:
    return [para.lead or para.text for page in pages for slot, paras in page.slots if slot == section
            for para in paras if not para.continued]


def test_a_short_rung_stands_on_one_slide_at_a_large_size(planner):
    (page,) = planner.plan_rung(_view())
    assert MIN_BODY_PT < page.body_size <= BODY_PREFERRED_PT
    assert [slot for slot, _ in page.slots] == [0, 1, 2]


def test_a_long_rung_continues_with_every_item_once_and_in_order(planner):
    view = _view(items=14, skills=14, item_words=14)
    pages = planner.plan_rung(view)
    assert len(pages) > 1
    assert all(page.body_size == MIN_BODY_PT for page in pages)  # never below what a room can read
    assert _texts(pages, 0) == list(view.rung.responsibilities)
    assert _texts(pages, 1) == [skill.name for skill in view.rung.leadership]
    assert _texts(pages, 2) == [skill.name for skill in view.rung.soft_skills]


def test_every_planned_column_fits_its_box(planner):
    view = _view(items=10, skills=10, item_words=12)
    for number, page in enumerate(planner.plan_rung(view)):
        intro = (int(planner.body.height(page.intro, page.intro_size, _box(AREA.width)) * EMU_PER_PT)
                 + int(AREA.slide_height * 0.02)) if page.intro else 0
        room = AREA.height - planner.kicker_height(view) - intro - planner.heading_height(number > 0)
        for _, paras in page.slots:
            assert planner.body.height(paras, page.body_size, _box(planner.column_geometry()[0])) * EMU_PER_PT <= room


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
    for section in range(3):
        parts = [len(paras) for page in pages for slot, paras in page.slots if slot == section]
        if len(parts) > 1:
            assert min(parts) >= 2, (section, parts)
            assert max(parts) - min(parts) <= max(2, max(parts) // 2), (section, parts)
