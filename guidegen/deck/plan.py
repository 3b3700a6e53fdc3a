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
from guidegen.view.language import ENGLISH, Messages

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


SECTIONS = ("responsibilities", "expectations", "leadership", "soft_skills")  # a rung slide's columns, in order
ARTICLE_SECTIONS = ("responsibilities", "leadership", "soft_skills")  # those of a ladder without competencies
MAX_COLUMNS = 4
SHORT_EXPECTATION = 40  # characters


@dataclass
class RungPage:
    """One slide's worth of a rung: its intro text and its column slots.

    Each slot holds items of one section, named by its index in ``sections`` (the rung's non-empty
    sections, in ``SECTIONS`` order); on continuation slides a long section may take several slots.
    """

    intro: list[Para]
    slots: list[tuple[int, list[Para]]]
    intro_size: float = MIN_BODY_PT
    body_size: float = MIN_BODY_PT
    sections: tuple[str, ...] = ARTICLE_SECTIONS

    @property
    def columns(self) -> int:
        return 2 if len(self.sections) == 1 else max(1, min(len(self.sections), MAX_COLUMNS))


class RungPlanner:
    """The geometry of a rung slide, from the top of the content area down, and the plan of its pages."""

    def __init__(self, body: Measure, heading: Measure, labels: Labels, area: ContentArea,
                 messages: Messages = ENGLISH):
        self.messages = messages
        self.body = body
        self.heading = heading
        self.labels = labels
        self.area = area

    def kicker(self, view: RungView, continued: bool) -> str:
        kicker = view.kicker.upper()
        return kicker + " \u00b7 " + self.messages("continued").upper() if continued else kicker

    def kicker_height(self, view: RungView) -> int:
        """The rung-number line's box, as tall as the taller of a first and a continued slide's."""
        width = self.area.width
        return max(int(self.body.height([Para(lead=self.kicker(view, continued))], MIN_BODY_PT, Box(width, 0))
                       * EMU_PER_PT) for continued in (False, True))

    def column_geometry(self, count: int = 3) -> tuple[int, int]:
        width = self.area.width
        gap = int(width * 0.03)
        return (width - (count - 1) * gap) // count, gap

    def headings(self, continued: bool, sections: tuple[str, ...] = ARTICLE_SECTIONS) -> list[str]:
        return [self.messages("{heading}, continued", heading=getattr(self.labels, section)) if continued
                else getattr(self.labels, section) for section in sections]

    def heading_height(self, continued: bool = False, sections: tuple[str, ...] | None = None) -> int:
        sections = sections or ARTICLE_SECTIONS
        column_width, _ = self.column_geometry(max(1, min(len(sections), MAX_COLUMNS)))
        return max(int(self.heading.height([Para(lead=h)], HEADING_PT, Box(column_width, 0)) * EMU_PER_PT)
                   for h in self.headings(continued, sections))

    @staticmethod
    def expectations_inline(view: RungView) -> bool:
        """Short expectations beside other sections read as one line of the intro, "Competency: expectation"
        after another; long ones (a framework's sentences), or a rung with nothing else, get a column."""
        rung = view.rung
        others = rung.responsibilities or rung.leadership or rung.soft_skills
        return bool(others) and all(len(step.shown) <= SHORT_EXPECTATION for step in view.expectations)

    @classmethod
    def section_paras(cls, view: RungView) -> dict[str, list[Para]]:
        rung = view.rung
        inline = cls.expectations_inline(view)
        return {
            "responsibilities": [Para(item, bullet=True) for item in rung.responsibilities],
            "expectations": [] if inline else [Para(step.shown, lead=step.competency.name)
                                               for step in view.expectations],
            "leadership": [Para(skill.description, lead=skill.name) for skill in rung.leadership],
            "soft_skills": [Para(lead=skill.name, bullet=True) for skill in rung.soft_skills],
        }

    @staticmethod
    def intro_paras(view: RungView, labels: Labels, inline_expectations: bool = True) -> list[Para]:
        rung = view.rung
        intro = [Para(rung.what_it_is)] if rung.what_it_is else []
        facts = [f"{label}: {value}" for label, value in ((labels.scope, rung.scope), (labels.leads, rung.leads),
                                                          (labels.presents_to, rung.presents_to)) if value]
        intro += [Para(" \u00b7 ".join(facts))] if facts else []
        if inline_expectations and view.expectations and RungPlanner.expectations_inline(view):
            intro.append(Para(" \u00b7 ".join(f"{step.competency.name}: {step.shown}" for step in view.expectations),
                              lead=labels.expectations))
        return intro

    def _even_box(self, paras: list[Para], box: Box) -> Box:
        """``box``, or a shorter one when ``paras`` need several boxes: as many as they need, about equally
        full, so that no continuation holds a lone item."""
        if self.body.fits(paras, MIN_BODY_PT, box):
            return box
        parts, rest = 0, list(paras)
        while rest:
            _, rest = self.body.take(rest, MIN_BODY_PT, box)
            parts += 1
        total = self.body.height(paras, MIN_BODY_PT, Box(box.width, 0)) * EMU_PER_PT
        tallest = max(self.body.height([para], MIN_BODY_PT, Box(box.width, 0)) for para in paras) * EMU_PER_PT
        even = Box(box.width, min(box.height, int(total / parts + tallest)))
        used, rest = 0, list(paras)
        while rest and used <= parts:
            _, rest = self.body.take(rest, MIN_BODY_PT, even)
            used += 1
        return even if used <= parts and not rest else box

    def deck_sizes(self, views: list[RungView]) -> tuple[int, int]:
        """One body size and one intro size for every rung slide of a deck: the largest at which each rung
        that stands on one slide still does, so that text of one kind never changes size from slide to slide
        (rungs that continue are set at the smallest size anyway)."""
        singles = [pages[0] for pages in (self.plan_rung(view) for view in views) if len(pages) == 1]
        if not singles:
            return BODY_PREFERRED_PT, BODY_PREFERRED_PT
        body = min(int(page.body_size) for page in singles)
        intro = min(int(page.intro_size) for page in singles)
        return body, max(intro, body)

    def plan_rung(self, view: RungView, body_ceiling: int = BODY_PREFERRED_PT,
                  intro_ceiling: int = BODY_PREFERRED_PT) -> list[RungPage]:
        """The rung's slides, its text at the largest sizes up to the ceilings that fit (see ``deck_sizes``)."""
        pages = self._plan(view, True, body_ceiling, intro_ceiling)
        rung = view.rung
        if len(pages) > 1 and view.expectations and (rung.responsibilities or rung.leadership or rung.soft_skills):
            # Where the expectations alone would push a rung that has other sections onto a continuation
            # slide, they are left to the competency table that follows and to the notes.
            without = self._plan(view, False, body_ceiling, intro_ceiling)
            if len(without) < len(pages):
                return without
        return pages

    def _plan(self, view: RungView, with_expectations: bool, body_ceiling: int = BODY_PREFERRED_PT,
              intro_ceiling: int = BODY_PREFERRED_PT) -> list[RungPage]:
        width = self.area.width
        by_section = self.section_paras(view)
        if not with_expectations:
            by_section["expectations"] = []
        sections = tuple(section for section in SECTIONS if by_section[section])
        # A rung with one list (a framework's expectations) flows it through two columns, not one wide one.
        count = 2 if len(sections) == 1 else max(1, min(len(sections), MAX_COLUMNS))
        column_width, _ = self.column_geometry(count)
        area = self.area.height - self.kicker_height(view)
        columns = [by_section[section] for section in sections]
        intro = self.intro_paras(view, self.labels, with_expectations)
        intro_limit = int(area * (0.4 if columns else 1.0))
        gap = int(self.area.slide_height * 0.02)

        def column_box(intro_paras: list[Para], intro_size: float, continued: bool = False) -> Box:
            used = int(self.body.height(intro_paras, intro_size, Box(width, 0)) * EMU_PER_PT) + gap if intro_paras else 0
            return Box(column_width, area - used - (self.heading_height(continued, sections) if sections else 0))

        # The largest body size that lets everything stand on one slide, then the largest intro size above it.
        for body_size in range(body_ceiling, MIN_BODY_PT - 1, -1):
            for intro_size in range(max(intro_ceiling, body_size), body_size - 1, -1):
                if not self.body.fits(intro, intro_size, Box(width, intro_limit)):
                    continue
                box = column_box(intro, intro_size)
                if len(columns) == 1:  # one list over two columns
                    head, rest = self.body.take(columns[0], body_size, box)
                    if head and self.body.fits(rest, body_size, box):
                        return [RungPage(intro, [(0, head)] + ([(0, rest)] if rest else []), intro_size, body_size,
                                         sections)]
                elif all(self.body.fits(column, body_size, box) for column in columns):
                    return [RungPage(intro, list(enumerate(columns)), intro_size, body_size, sections)]

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
            if first and 1 < len(remaining) <= MAX_COLUMNS:  # each section in its own column
                for section, column in enumerate(remaining):
                    got, remaining[section] = self.body.take(column, MIN_BODY_PT, self._even_box(column, page_box))
                    slots.append((section, got))
            else:  # what is left flows through the slots, a section taking as many as it needs
                section = next((i for i, column in enumerate(remaining) if column), None)
                while section is not None and len(slots) < count:
                    got, remaining[section] = self.body.take(remaining[section], MIN_BODY_PT,
                                                             self._even_box(remaining[section], page_box))
                    slots.append((section, got))
                    if not remaining[section]:
                        section = next((i for i, column in enumerate(remaining) if column), None)
            pages.append(RungPage(page_intro, slots, MIN_BODY_PT, MIN_BODY_PT, sections))
            first = False
        return pages
