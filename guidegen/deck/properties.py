"""What the presentation says about itself: its document properties, and the language of every run."""

from __future__ import annotations

from datetime import datetime, timezone

from pptx.oxml.ns import qn

from guidegen.view.ladder_view import LadderView
from guidegen.view.language import culture_name

CORE_PROPERTY_LIMIT = 255  # characters, in python-pptx (and in Office's own dialogs)


def describe(prs, context: LadderView) -> None:
    """Title, author, language, subject line, keywords and dates, as the guide's PDF describes itself."""
    properties = prs.core_properties
    properties.title = _core_property(context.ladder.title)
    properties.author = _core_property(context.author)
    properties.language = context.ladder.language
    # The template's own description ("generated using python-pptx" in python-pptx's, whatever a
    # company's says) is not this deck's.
    properties.comments = _core_property(context.ladder.subtitle or "")
    properties.keywords = _core_property(", ".join(["career ladder"] + [view.rung.title for view in context.rungs]))
    properties.created = properties.modified = datetime.now(timezone.utc).replace(tzinfo=None)
    properties.last_modified_by = "guidegen"
    properties.revision = 1


def _core_property(text: str) -> str:
    """``text`` cut to fit a document property, at a word's end, with an ellipsis."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    cut = text[:CORE_PROPERTY_LIMIT - 1]
    cut = cut[:cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(" ,;:") + "\u2026"


def mark_language(prs, language: str) -> None:
    """Every run of the slides and notes in the ladder's ``language``: PowerPoint and LibreOffice pick the
    Chinese, Japanese or Korean forms of shared characters, and the spelling checker, by it."""
    culture = culture_name(language)
    for slide in prs.slides:
        parts = [slide.element] + ([slide.notes_slide.element] if slide.has_notes_slide else [])
        for element in parts:
            for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
                for properties in element.iter(qn(tag)):
                    properties.set("lang", culture)
