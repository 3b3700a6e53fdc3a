"""The training deck's entry point: python-pptx on the built-in 16:9 template or a company's own, themed with
the brand, its slides written in the session's order, then saved to a file or into a stream.

Every text gets an explicit size chosen by measuring it with the metrics of the template's theme font;
what does not fit at 14 pt continues on a continuation slide (see writer.py and plan.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from guidegen.deck.framing import agenda_slide, closing_slide, title_slide
from guidegen.deck.logos import add_logos
from guidegen.deck.ooxml import mirror_right_to_left
from guidegen.deck.options import DeckOptions
from guidegen.deck.properties import describe, mark_language
from guidegen.deck.rungs import RungSlides, story_slide
from guidegen.deck.summary import summary_slide
from guidegen.deck.tables import thread_slides
from guidegen.deck.template import apply_theme, open_template
from guidegen.deck.words import REVISIT_TITLE, SUMMARY_TITLE
from guidegen.deck.writer import SlideWriter
from guidegen.resources import templates_dir
from guidegen.view.ladder_view import LadderView
from guidegen.view.textmetrics import brand_fonts


def default_template() -> Path:
    return templates_dir() / "pptx" / "guidegen.pptx"


def render(context: LadderView, target: str | os.PathLike | BinaryIO, options: DeckOptions) -> None:
    """The deck of ``context``, written to ``target``: a path, or a writable binary file object (the live
    preview builds the deck in memory). Text is measured in the brand's own font files, where it has them."""
    prs, template = _themed_template(context, options)
    with brand_fonts(context.brand.font_faces if context.brand else ()):
        writer = SlideWriter(prs, context, template, context.deck_theme, options)
        rungs = RungSlides(writer)
        describe(prs, context)
        _write_slides(writer, rungs)
        writer.add_timings(options.session_minutes)
    mark_language(prs, context.ladder.language)
    if context.right_to_left:
        for slide in prs.slides:
            mirror_right_to_left(slide)
    _save(prs, target)


def _themed_template(context: LadderView, options: DeckOptions):
    """The template opened with no slides, its theme taking the brand's colours and fonts so that every shape
    follows them; and the template's path, named in messages about its layouts."""
    company_template = options.template  # checked and cleaned when the build started
    prs = open_template(company_template or default_template())
    template = company_template.path if company_template else default_template()
    brand, theme = context.brand, context.deck_theme
    if brand is not None:
        apply_theme(prs, {"dk1": theme.text, "lt1": theme.background, "dk2": theme.primary, "lt2": theme.light,
                          "accent1": theme.accent, "accent2": theme.primary, "hlink": theme.accent_text},
                    major=brand.heading_font, minor=brand.base_font)
    return prs, template


def _write_slides(writer: SlideWriter, rungs: RungSlides) -> None:
    """The session in order: title, agenda, the map, each rung and its story, the look back, the competency
    tables, the close. The map is made after the rungs, whose first slides its steps link to."""
    first = title_slide(writer)
    add_logos(writer, first)
    agenda_slide(writer)
    first_slides = {}
    for view in writer.context.shown:
        first_slides[view.rung.id] = rungs.add(view)[0]
        story_slide(writer, view)
    summary_slide(writer, first_slides, REVISIT_TITLE)
    summary_slide(writer, first_slides, SUMMARY_TITLE, at=2)
    thread_slides(writer)
    closing_slide(writer)


def _save(prs, target: str | os.PathLike | BinaryIO) -> None:
    """Into a path or a writable binary stream; an OSError (a full disk, a stream opened for reading) is the
    caller's to name, as it knows which document this is."""
    prs.save(str(target) if isinstance(target, (str, os.PathLike)) else target)
