"""What only the deck needs to know, kept out of the view both documents share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guidegen.input.slide_template import SlideTemplate


@dataclass(frozen=True)
class DeckOptions:
    template: SlideTemplate | None = None  # a company's slide template, checked and cleaned; None: the built-in one
    presenter: str | None = None  # who gives the session, on the title slide
    session_date: date | None = None  # when, on the title slide in the ladder's language
    session_minutes: int = 60  # the session's length, shared out over the slides in the speaker notes
