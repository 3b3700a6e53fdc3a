"""The guide's page geometry, in one place: the stylesheet gets it as variables, and the column
balancing and the staircase's label fitting compute with the very same figures.

Change a margin here and the CSS and the Python that must agree with it change together.
"""

from __future__ import annotations

from dataclasses import dataclass

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class PageGeometry:
    css_size: str  # the CSS page size name: "A4" or "letter"
    width_mm: float
    height_mm: float
    margin_top_mm: float = 24
    margin_right_mm: float = 20
    margin_bottom_mm: float = 22
    margin_left_mm: float = 22
    column_gap_mm: float = 9  # between a chapter's two columns

    @property
    def content_width_mm(self) -> float:
        return self.width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def content_height_mm(self) -> float:
        return self.height_mm - self.margin_top_mm - self.margin_bottom_mm

    @property
    def column_width_mm(self) -> float:
        return (self.content_width_mm - self.column_gap_mm) / 2


PAGES = {"A4": PageGeometry("A4", 210, 297), "letter": PageGeometry("letter", 215.9, 279.4)}


def page_geometry(page_size: str) -> PageGeometry:
    return PAGES[page_size]
