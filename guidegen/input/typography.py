"""Typographic quotes and apostrophes in the ladder's prose, as its language writes them.

People type straight quotes; print and slides want “English”, „deutsche“, « françaises » or 「日本語」
ones, and ’ for an apostrophe. Docutils' SmartyPants port knows the conventions of some seventy
languages; the right-to-left ones below borrow the guillemets their printers use, and any other
language it lacks is given English quotes.
"""

from __future__ import annotations

from pydantic import BaseModel

# Fields that are names of things rather than prose: ids, links and language tags stay exactly as typed.
VERBATIM = frozenset({"id", "url", "language", "track", "extends"})
# Languages docutils has no quotes for, written with the quotes of one that shares their convention.
BORROWED = {"ar": "es", "fa": "es", "ur": "es"}


def typographic_text(text: str, language: str) -> str:
    """``text`` with straight quotes and apostrophes made typographic for ``language``."""
    if "'" not in text and '"' not in text:
        return text
    from docutils.utils import smartquotes

    tag = language.lower()
    primary = tag.split("-")[0]
    known = smartquotes.smartchars.quotes
    chosen = tag if tag in known else BORROWED.get(primary, primary)
    return smartquotes.smartyPants(text, "q", chosen if chosen in known else "en")


def typographic(model: BaseModel, language: str) -> BaseModel:
    """A copy of ``model`` with every prose string made typographic (ids, links and tags untouched)."""
    def convert(value):
        if isinstance(value, str):
            return typographic_text(value, language)
        if isinstance(value, BaseModel):
            return typographic(value, language)
        if isinstance(value, list):
            return [convert(item) for item in value]
        if isinstance(value, dict):  # expectations keyed by rung id: the ids stay
            return {key: convert(item) for key, item in value.items()}
        return value

    changes = {name: convert(getattr(model, name)) for name in type(model).model_fields if name not in VERBATIM}
    return model.model_copy(update={name: value for name, value in changes.items()
                                    if value is not getattr(model, name) and value != getattr(model, name)})
