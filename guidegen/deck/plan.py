"""How a rung's text is spread over slides: pure arithmetic on measured text, no python-pptx.

The largest size at which the rung fits one slide, from 20 pt down to 18 pt (what the back of a
room reads); below that, its sections whole on as few slides as hold them, as evenly filled as
they can be; a section too long for a slide of its own continues, keeping its heading. Testable
alone (tests/test_deck_plan.py), with nothing but the theme fonts' metrics.
"""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.deck.measure import EMU_PER_PT, MIN_BODY_PT, Box, Measure, Para
from guidegen.deck.rung_text import intro_paras, section_paras
from guidegen.input.schema import Labels
from guidegen.view.ladder_view import RungView
from guidegen.view.language import ENGLISH, Messages
from guidegen.view.type_scale import DECK

BODY_PREFERRED_PT = DECK.body_preferred_pt
RUNG_BODY_PT = DECK.rung_body_pt  # the smallest body text of a rung slide: read from the back of a training room
HEADING_PT = DECK.heading_pt  # column headings: larger than the text under them


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


@dataclass
class RungPage:
    """One slide's worth of a rung: its intro text and its column slots.

    Each slot holds items of one section, named by its index in ``sections`` (the rung's non-empty
    sections, in ``SECTIONS`` order); on continuation slides a long section may take several slots.
    """

    intro: list[Para]
    slots: list[tuple[int, list[Para]]]
    intro_size: float = RUNG_BODY_PT
    body_size: float = RUNG_BODY_PT
    sections: tuple[str, ...] = ARTICLE_SECTIONS
    continues: bool = False  # its lists go on from the slide before: headings say "continued"
    columns: int = 3


class RungPlanner:
    """The geometry of a rung slide, from the top of the content area down, and the plan of its pages."""

    def __init__(self, body: Measure, heading: Measure, labels: Labels, area: ContentArea,
                 messages: Messages = ENGLISH):
        self.messages = messages
        self.body = body
        self.heading = heading
        self.labels = labels
        self.area = area
        self.max_columns, self.heading_size = self._heading_layout()

    def _heading_layout(self) -> tuple[int, int]:
        """How many columns a slide may have, and one size for every column heading: the largest up to
        ``HEADING_PT`` at which no word of a heading has to break in a column of a three-column slide; where
        even at the body's size one would (German's "Führungskompetenzen" on a 4:3 slide), two columns."""
        headings = [Para(lead=heading) for continued in (False, True) for heading in self.headings(continued, SECTIONS)]
        for count in (3, 2):
            width, _ = self.column_geometry(count)
            for size in range(HEADING_PT, RUNG_BODY_PT - 1, -1):
                if self.heading.words_fit(headings, size, Box(width, 0)):
                    wider = self.heading.words_fit(headings, size, Box(self.column_geometry(MAX_COLUMNS)[0], 0))
                    return (MAX_COLUMNS if count == 3 and wider else count), size
        return 2, RUNG_BODY_PT

    def columns_for(self, sections: tuple[str, ...]) -> int:
        """Columns of a slide showing ``sections``: one each, and two for a lone list to flow through."""
        return 2 if len(sections) == 1 else max(1, min(len(sections), self.max_columns))

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
        column_width, _ = self.column_geometry(self.columns_for(sections))
        return max(int(self.heading.height([Para(lead=h)], self.heading_size, Box(column_width, 0)) * EMU_PER_PT)
                   for h in self.headings(continued, sections))

    def _even_box(self, paras: list[Para], box: Box) -> Box:
        """``box``, or a shorter one when ``paras`` need several boxes: the shortest in which they still need
        no more boxes than in ``box``, so that the boxes come out about equally full and no continuation
        holds a lone item."""
        size = RUNG_BODY_PT
        if self.body.fits(paras, size, box):
            return box

        def boxes(height: int) -> int:
            count, rest = 0, list(paras)
            while rest and count <= len(paras):
                _, rest = self.body.take(rest, size, Box(box.width, height))
                count += 1
            return count

        parts = boxes(box.height)
        low = max(int(self.body.line_height(size) * EMU_PER_PT * 2), box.height // (parts + 1))
        high = box.height
        if boxes(low) <= parts:
            return Box(box.width, low)
        while high - low > EMU_PER_PT:  # a point is as fine as it needs to be
            middle = (low + high) // 2
            low, high = (low, middle) if boxes(middle) <= parts else (middle, high)
        return Box(box.width, high)

    def deck_sizes(self, views: list[RungView]) -> tuple[int, int]:
        """One body size and one intro size for every rung slide of a deck, chosen for the fullest: the
        largest at which each rung still stands on one slide; the floor as soon as one rung takes two."""
        pages = [page for view in views for page in self.plan_rung(view)]
        if not pages:
            return BODY_PREFERRED_PT, BODY_PREFERRED_PT
        body = min(int(page.body_size) for page in pages)
        intro = min(int(page.intro_size) for page in pages if page.intro) if any(p.intro for p in pages) else body
        return body, max(intro, body)

    def plan_rung(self, view: RungView, body_ceiling: int = BODY_PREFERRED_PT,
                  intro_ceiling: int = BODY_PREFERRED_PT) -> list[RungPage]:
        """The rung's slides, its text at the largest sizes up to the ceilings that fit (see ``deck_sizes``)."""
        pages = self._plan(view, True, body_ceiling, intro_ceiling)
        rung = view.rung
        if len(pages) > 1 and view.expectations and (rung.responsibilities or rung.leadership or rung.soft_skills):
            # Where the expectations alone would push a rung that has other sections onto another slide,
            # they are left to the competency table that follows and to the notes.
            without = self._plan(view, False, body_ceiling, intro_ceiling)
            if len(without) < len(pages):
                return without
        return pages

    def _column_box(self, view: RungView, intro: list[Para], intro_size: float, sections: tuple[str, ...],
                    continued: bool = False) -> Box:
        """The room under the intro for each column of ``sections``, below their headings."""
        width = self.area.width
        gap = int(self.area.slide_height * 0.02)
        column_width, _ = self.column_geometry(self.columns_for(sections))
        used = int(self.body.height(intro, intro_size, Box(width, 0)) * EMU_PER_PT) + gap if intro else 0
        headings = self.heading_height(continued, sections) if sections else 0
        return Box(column_width, self.area.height - self.kicker_height(view) - used - headings)

    def _two_columns(self, paras: list[Para], size: float, box: Box) -> tuple[list[Para], list[Para]] | None:
        """A lone list over two columns, split between items where the taller column is shortest (a list of
        three or fewer that fits one column stays whole); None when it does not fit two."""
        if len(paras) <= 3 and self.body.fits(paras, size, box):
            return paras, []
        splits = [(paras[:cut], paras[cut:]) for cut in range(1, len(paras))
                  if self.body.fits(paras[:cut], size, box) and self.body.fits(paras[cut:], size, box)]
        if splits:
            return min(splits, key=lambda parts: max(self.body.height(part, size, box) for part in parts))
        head, rest = self.body.take(paras, size, box)  # items too long to keep whole: split inside one
        return (head, rest) if head and self.body.fits(rest, size, box) else None

    def _fill(self, paras: list[Para], size: float, box: Box, flow: bool) -> float | None:
        """How full ``paras`` leave their column (the fuller of two when a lone list ``flow``s over two),
        or None when they do not fit."""
        if flow:
            parts = self._two_columns(paras, size, box)
            if parts is None:
                return None
            return max(self.body.height(part, size, box) for part in parts if part) * EMU_PER_PT / box.height
        return self.body.height(paras, size, box) * EMU_PER_PT / box.height if self.body.fits(paras, size, box) \
            else None

    def _slots(self, paras_of: dict[str, list[Para]], sections: tuple[str, ...], size: float,
               box: Box) -> list[tuple[int, list[Para]]]:
        if len(sections) == 1:
            head, rest = self._two_columns(paras_of[sections[0]], size, box)
            return [(0, head)] + ([(0, rest)] if rest else [])
        return [(index, paras_of[section]) for index, section in enumerate(sections)]

    def _whole_sections(self, view: RungView, intro: list[Para], sections: tuple[str, ...],
                        paras_of: dict[str, list[Para]], size: float,
                        most: int | None = None) -> list[RungPage] | None:
        """The sections, each whole, on as few slides as hold them at ``size`` (no more than ``most``), grouped
        so the slides are as evenly full as they can be; None when a section is too long for a slide of its
        own. The intro heads the first slide, or takes it to itself when no section fits under it."""
        room = self.area.height - self.kicker_height(view)
        if not self.body.fits(intro, size, Box(self.area.width, room)):
            return None
        best: tuple[int, bool, float, list[tuple[str, ...]]] | None = None
        for alone in (False, True):
            if not alone and not self.body.fits(intro, size, Box(self.area.width, int(room * 0.6))):
                continue
            for groups in self._runs(sections):
                if any(len(group) > self.max_columns for group in groups):
                    continue
                fullest = self._fullest(view, [] if alone else intro, groups, paras_of, size)
                if fullest is not None:
                    key = (len(groups) + alone, alone, fullest)  # an intro with sections before a bare one
                    if best is None or key < best[:3]:
                        best = (*key, groups)
        if best is None or (most is not None and best[0] > most):
            return None
        pages_count, alone, _, groups = best
        pages = [RungPage(intro, [], size, size, (), columns=1)] if alone else []
        for number, group in enumerate(groups):
            page_intro = intro if number == 0 and not alone else []
            box = self._column_box(view, page_intro, size, group)
            pages.append(RungPage(page_intro, self._slots(paras_of, group, size, box), size, size, group,
                                  columns=self.columns_for(group)))
        return pages

    @staticmethod
    def _runs(sections: tuple[str, ...]):
        """Every way of cutting ``sections`` into runs that keep their order."""
        for cuts in range(1 << max(len(sections) - 1, 0)):
            groups, current = [], [sections[0]]
            for index, section in enumerate(sections[1:]):
                if cuts >> index & 1:
                    groups.append(tuple(current))
                    current = []
                current.append(section)
            groups.append(tuple(current))
            yield groups

    def _fullest(self, view: RungView, intro: list[Para], groups: list[tuple[str, ...]],
                 paras_of: dict[str, list[Para]], size: float) -> float | None:
        """How full the fullest column is with each group on a slide (``intro`` over the first), or None
        when one does not fit."""
        fullest = 0.0
        for number, group in enumerate(groups):
            box = self._column_box(view, intro if number == 0 else [], size, group)
            if box.height < self.body.line_height(size) * 3 * EMU_PER_PT:
                return None
            fills = [self._fill(paras_of[section], size, box, flow=len(group) == 1) for section in group]
            if None in fills:
                return None
            fullest = max(fullest, *fills)
        return fullest

    def _plan(self, view: RungView, with_expectations: bool, body_ceiling: int = BODY_PREFERRED_PT,
              intro_ceiling: int = BODY_PREFERRED_PT) -> list[RungPage]:
        """One slide if the rung fits one; else its sections whole on as few slides as hold them; else
        everything flowing at the floor."""
        by_section = section_paras(view)
        if not with_expectations:
            by_section["expectations"] = []
        sections = tuple(section for section in SECTIONS if by_section[section])
        intro = intro_paras(view, self.labels, with_expectations)
        area = self.area.height - self.kicker_height(view)
        intro_limit = int(area * (0.4 if sections else 1.0))
        one = self._one_slide(view, intro, sections, by_section, intro_limit, body_ceiling, intro_ceiling)
        if one is not None:
            return [one]
        whole = self._largest_whole(view, intro, sections, by_section, body_ceiling) if sections else None
        if whole is not None:
            return whole
        return self._flowing(view, intro, sections, by_section, intro_limit)

    def _one_slide(self, view: RungView, intro: list[Para], sections: tuple[str, ...],
                   by_section: dict[str, list[Para]], intro_limit: int, body_ceiling: int,
                   intro_ceiling: int) -> RungPage | None:
        """Everything on one slide at the largest body size that fits, then the largest intro size above it;
        None when even the floor does not fit, or there are more sections than can stand side by side."""
        if len(sections) > self.max_columns:
            return None
        # A rung with one list (a framework's expectations) flows it through two columns, not one wide one.
        columns = [by_section[section] for section in sections]
        for body_size in range(max(body_ceiling, RUNG_BODY_PT), RUNG_BODY_PT - 1, -1):
            for intro_size in range(max(intro_ceiling, body_size), body_size - 1, -1):
                if not self.body.fits(intro, intro_size, Box(self.area.width, intro_limit)):
                    continue
                if not sections:
                    return RungPage(intro, [], intro_size, body_size, sections, columns=1)
                box = self._column_box(view, intro, intro_size, sections)
                if all(self._fill(column, body_size, box, flow=len(columns) == 1) is not None for column in columns):
                    return RungPage(intro, self._slots(by_section, sections, body_size, box), intro_size,
                                    body_size, sections, columns=self.columns_for(sections))
        return None

    def _largest_whole(self, view: RungView, intro: list[Para], sections: tuple[str, ...],
                       by_section: dict[str, list[Para]], body_ceiling: int) -> list[RungPage] | None:
        """The sections whole on as few slides as at the floor, at the largest size that keeps them as few;
        None when a section is too long for a slide of its own."""
        size = RUNG_BODY_PT
        whole = self._whole_sections(view, intro, sections, by_section, size)
        if whole is None:
            return None
        for larger in range(max(body_ceiling, size), size, -1):
            roomier = self._whole_sections(view, intro, sections, by_section, larger, most=len(whole))
            if roomier is not None:
                return roomier
        return whole

    def _flowing(self, view: RungView, intro: list[Para], sections: tuple[str, ...],
                 by_section: dict[str, list[Para]], intro_limit: int) -> list[RungPage]:
        """A section too long for a slide of its own: everything flows at the floor, headings continuing; an
        over-long intro goes on in the next slide's intro space."""
        size, width = RUNG_BODY_PT, self.area.width
        count = self.columns_for(sections)
        intro, leftover_intro = self.body.take(intro, size, Box(width, intro_limit))
        box = self._column_box(view, intro, size, sections)
        pages = []
        remaining, first = [list(by_section[section]) for section in sections], True
        while any(remaining) or leftover_intro:
            if first:
                page_box, page_intro = box, intro
            elif leftover_intro:
                page_intro, leftover_intro = self.body.take(leftover_intro, size, Box(width, intro_limit))
                page_box = self._column_box(view, page_intro, size, sections, continued=True)
            else:
                page_box, page_intro = self._column_box(view, [], size, sections, continued=True), []
            slots = self._take_slots(remaining, page_box, count, first)
            pages.append(RungPage(page_intro, slots, size, size, sections, continues=not first, columns=count))
            first = False
        return pages

    def _take_slots(self, remaining: list[list[Para]], box: Box, count: int,
                    first: bool) -> list[tuple[int, list[Para]]]:
        """One flowing slide's column slots, taken from the front of each section's ``remaining`` items (which
        are shortened): on the first slide each section in its own column, where they stand side by side;
        after it, what is left flows through the slots, a section taking as many as it needs."""
        size = RUNG_BODY_PT
        slots: list[tuple[int, list[Para]]] = []
        if first and 1 < len(remaining) <= self.max_columns:
            for section, column in enumerate(remaining):
                got, remaining[section] = self.body.take(column, size, self._even_box(column, box))
                slots.append((section, got))
            return slots
        section = next((i for i, column in enumerate(remaining) if column), None)
        while section is not None and len(slots) < count:
            got, remaining[section] = self.body.take(remaining[section], size, self._even_box(remaining[section], box))
            slots.append((section, got))
            if not remaining[section]:
                section = next((i for i, column in enumerate(remaining) if column), None)
        return slots
