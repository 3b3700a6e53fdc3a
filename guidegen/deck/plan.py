"""How a rung's text is spread over slides: pure arithmetic on measured text, no python-pptx.

The largest sizes at which the rung fits one slide, from 20 pt down to 14 pt; below that, as
many continuation slides as its lists need, each section keeping its heading. Testable alone
(tests/test_deck_plan.py), with nothing but the theme fonts' metrics.
"""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.deck.measure import EMU_PER_PT, MIN_BODY_PT, Box, Measure, Para
from guidegen.input.schema import Labels
from guidegen.view.ladder_view import RungView

BODY_PREFERRED_PT = 20
HEADING_PT = 18


@dataclass(frozen=True)
class ContentArea:
    """Where slide content goes, in EMU: below the title, inside the margins."""

    left: int
    top: int
    right: int
    bottom: int
    slide_height: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


@dataclass
class RungPage:
    """One slide's worth of a rung: its intro text and three column slots.

    Each slot holds items of one section, named by its index (0 responsibilities,
    1 leadership, 2 soft skills); on continuation slides a long section may
    take several slots.
    """

    intro: list[Para]
    slots: list[tuple[int, list[Para]]]
    intro_size: float = MIN_BODY_PT
    body_size: float = MIN_BODY_PT


class RungPlanner:
    """The geometry of a rung slide, from the top of the content area down, and the plan of its pages."""

    def __init__(self, body: Measure, heading: Measure, labels: Labels, area: ContentArea):
        self.body = body
        self.heading = heading
        self.labels = labels
        self.area = area

    def kicker(self, view: RungView, continued: bool) -> str:
        kicker = f"Rung {view.number} of {view.total} \u00b7 {view.rung.short}".upper()
        return kicker + " \u00b7 CONTINUED" if continued else kicker

    def kicker_height(self, view: RungView) -> int:
        """The rung-number line's box, as tall as the taller of a first and a continued slide's."""
        width = self.area.width
        return max(int(self.body.height([Para(lead=self.kicker(view, continued))], MIN_BODY_PT, Box(width, 0))
                       * EMU_PER_PT) for continued in (False, True))

    def column_geometry(self) -> tuple[int, int]:
        width = self.area.width
        gap = int(width * 0.03)
        return (width - 2 * gap) // 3, gap

    def headings(self, continued: bool) -> list[str]:
        suffix = " (continued)" if continued else ""
        return [label + suffix for label in (self.labels.responsibilities, self.labels.leadership,
                                             self.labels.soft_skills)]

    def heading_height(self, continued: bool = False) -> int:
        column_width, _ = self.column_geometry()
        headings = self.headings(continued)
        return max(int(self.heading.height([Para(lead=h)], HEADING_PT, Box(column_width, 0)) * EMU_PER_PT)
                   for h in headings)

    def plan_rung(self, view: RungView) -> list[RungPage]:
        rung = view.rung
        width = self.area.width
        column_width, _ = self.column_geometry()
        area = self.area.height - self.kicker_height(view)
        columns = [
            [Para(item, bullet=True) for item in rung.responsibilities],
            [Para(skill.description, lead=skill.name) for skill in rung.leadership],
            [Para(lead=skill.name, bullet=True) for skill in rung.soft_skills],
        ]
        intro = [Para(rung.what_it_is)]
        intro_limit = int(area * 0.4)
        gap = int(self.area.slide_height * 0.02)

        def column_box(intro_paras: list[Para], intro_size: float, continued: bool = False) -> Box:
            used = int(self.body.height(intro_paras, intro_size, Box(width, 0)) * EMU_PER_PT) + gap if intro_paras else 0
            return Box(column_width, area - used - self.heading_height(continued))

        # The largest body size that lets everything stand on one slide, then the largest intro size above it.
        for body_size in range(BODY_PREFERRED_PT, MIN_BODY_PT - 1, -1):
            for intro_size in range(BODY_PREFERRED_PT, body_size - 1, -1):
                if not self.body.fits(intro, intro_size, Box(width, intro_limit)):
                    continue
                box = column_box(intro, intro_size)
                if all(self.body.fits(column, body_size, box) for column in columns):
                    return [RungPage(intro, list(enumerate(columns)), intro_size, body_size)]

        intro_size = MIN_BODY_PT
        intro, leftover_intro = self.body.take(intro, MIN_BODY_PT, Box(width, intro_limit))
        box = column_box(intro, intro_size)
        pages = []
        remaining, first = [list(column) for column in columns], True
        while any(remaining) or leftover_intro:
            if first:
                page_box, page_intro = box, intro
            elif leftover_intro:  # the rest of an over-long intro takes the next slide's intro space
                page_intro, leftover_intro = self.body.take(leftover_intro, MIN_BODY_PT, Box(width, intro_limit))
                page_box = column_box(page_intro, MIN_BODY_PT, continued=True)
            else:
                page_box, page_intro = column_box([], MIN_BODY_PT, continued=True), []
            slots: list[tuple[int, list[Para]]] = []
            if first:  # each section in its own column
                for section, column in enumerate(remaining):
                    got, remaining[section] = self.body.take(column, MIN_BODY_PT, page_box)
                    slots.append((section, got))
            else:  # what is left flows through the three slots, a section taking as many as it needs
                section = next((i for i, column in enumerate(remaining) if column), None)
                while section is not None and len(slots) < 3:
                    got, remaining[section] = self.body.take(remaining[section], MIN_BODY_PT, page_box)
                    slots.append((section, got))
                    if not remaining[section]:
                        section = next((i for i, column in enumerate(remaining) if column), None)
            pages.append(RungPage(page_intro, slots, MIN_BODY_PT, MIN_BODY_PT))
            first = False
        return pages
