"""The documents' type, in one place: sizes, line heights, the space around text, and the font stacks.

The guide's stylesheet (guide.css.j2) is rendered from ``GUIDE``, and the column balancing
(guide/columns.py) and the staircase's label fitting (guide/html.py) compute with the very same
figures, so a size changed here changes the page and the estimates of it together
(tests/test_typography.py holds them to it). The deck's sizes are ``DECK``. Page geometry, the
margins and the gap between a chapter's columns, is view/page.py's.
"""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.view.page import PT_PER_MM

DEFAULT_FAMILY = "Inter"  # the guide's text where no brand names a family
# What the guide's text falls back to, after a brand's own family: DejaVu draws what Inter lacks.
FALLBACK_FAMILIES = (DEFAULT_FAMILY, "DejaVu Sans")
GENERIC_FAMILY = "sans-serif"  # the last resort of every stack
MARK_FAMILIES = ("DejaVu Sans",)  # the skills matrix's check marks: a font sure to have the glyph

BODY_LINE = 1.45  # line height of running text, a multiple of its size (CSS's unitless line-height)
HEADING_LINE = 1.2


def font_stack(family: str | None) -> tuple[str, ...]:
    """The families text is set in, first choice first: a brand's ``family`` in front of ours."""
    return ((family,) if family else ()) + FALLBACK_FAMILIES


def measured_family(family: str | None) -> str:
    """The family text is measured in, to balance columns and fit labels: the brand's, else ours."""
    return family or DEFAULT_FAMILY


@dataclass(frozen=True)
class Text:
    """A kind of text: its size, its line height (a multiple of the size), and the margins above and below."""

    size_pt: float
    line_height: float = BODY_LINE
    above_mm: float = 0
    below_mm: float = 0

    @property
    def line_pt(self) -> float:
        return self.size_pt * self.line_height

    def height_pt(self, lines: int = 1) -> float:
        """Points ``lines`` lines of this text take on the page, its margins included."""
        return lines * self.line_pt + (self.above_mm + self.below_mm) * PT_PER_MM


@dataclass(frozen=True)
class Staircase:
    """The labels over the staircase's steps, in points; each pair is (up to 6 rungs, more)."""

    number_pt: tuple[float, float] = (18, 13)  # a step's number, above its title
    title_pt: tuple[float, float] = (10, 8)
    number_only_pt: tuple[float, ...] = (13, 11, 9, 7)  # a number alone on a narrow step, largest first
    scope_pt: tuple[float, ...] = (8, 7)  # the scope under each step, largest first
    number_line: float = 1.1
    title_line: float = HEADING_LINE
    scope_line: float = 1.25
    number_gap_mm: float = 1  # between a step's number and its title
    padding_mm: float = 2.5  # inside a step, above and at each side of its label
    number_only_side_mm: float = 0.5  # at each side of a number alone


@dataclass(frozen=True)
class GuideType:
    """The guide's type scale, and the indents and gaps of the blocks the column balancing measures."""

    body: Text = Text(10)
    title: Text = Text(24, HEADING_LINE, below_mm=4)  # a chapter's h1
    heading: Text = Text(12, HEADING_LINE, above_mm=5, below_mm=2)  # h2
    kicker: Text = Text(9, below_mm=2)  # "Rung 3 of 7", above a chapter's title
    scope: Text = Text(9.5, below_mm=4)  # a rung's scope, leads and audience, under its title
    lead: Text = Text(11.5, below_mm=1)  # "what it is", a chapter's lead paragraph
    changes: Text = Text(9.5)  # the list of what changes from the rung below
    threads: Text = Text(9, 1.35, above_mm=2)  # the competencies table, each beside the rung below's
    list_indent_mm: float = 5  # a bulleted list's indent
    item_indent_mm: float = 1  # a responsibility's own indent, after its bullet
    item_gap_mm: float = 1  # below each list item
    skill_gap_mm: float = 2  # below each skill
    lead_rule_pt: float = 3  # the rule beside the lead paragraph
    lead_indent_mm: float = 4  # between that rule and the text
    changes_label_mm: float = 42  # the change list's first column (what changed)
    changes_gap_mm: float = 4  # between its columns
    changes_padding_mm: float = 2  # above and below it, inside its rules
    threads_name_mm: float = 40  # the competencies table's first column
    cell_padding_mm: tuple[float, float, float, float] = (1, 2, 1, 0)  # a table cell's: top, right, bottom, left
    example_padding_mm: tuple[float, float] = (4, 5)  # the example's box: top and bottom, sides
    setting_gap_mm: float = 1.5  # below the example's setting
    staircase: Staircase = Staircase()


@dataclass(frozen=True)
class DeckType:
    """The deck's sizes, in points, and its font where a slide template's theme names none."""

    min_body_pt: int = 14  # the smallest text a room can read when projected
    body_preferred_pt: int = 20
    rung_body_pt: int = 18  # the smallest body text of a rung slide: read from the back of a training room
    heading_pt: int = 22  # column headings: larger than the text under them
    theme_family: str = "Calibri"  # PowerPoint's own default theme font
    preview_families: tuple[str, ...] = ("Carlito", "Calibri", "DejaVu Sans")  # Carlito: Calibri's metrics


GUIDE = GuideType()
DECK = DeckType()
