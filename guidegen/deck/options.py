"""What only the deck needs to know, kept out of the view both documents share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guidegen.input.slide_template import SlideTemplate


@dataclass(frozen=True)
class DeckOptions:
    template: SlideTemplate | None = None  # a company's slide template, checked and cleaned; None: the built-in one
