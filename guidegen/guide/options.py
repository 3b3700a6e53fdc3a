"""What only the guide needs to know, kept out of the view both documents share."""

from __future__ import annotations

from dataclasses import dataclass, field


PAGE_SIZES = {"a4": "A4", "letter": "letter"}  # the page_size setting's values -> WeasyPrint's page size names


@dataclass(frozen=True)
class GuideOptions:
    page_size: str = "A4"  # "A4" or "letter"
    pdf_variant: str | None = None  # an archival or accessibility variant (pdf/ua-1, pdf/a-3u...); None: tagged PDF
    person: dict | None = field(default=None, compare=False)  # a personal handout's own facts (people.py)
