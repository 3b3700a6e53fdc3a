"""What depends on the ladder's language: the documents' fixed words, lists and dates.

The fixed words (headings, captions, "Page 3 of 14") are English in the code and translated by gettext
catalogues, one ``.po`` file per language in ``templates/locale``, read with Babel. A ladder's
``language`` picks its catalogue (``de-AT`` falls back to ``de``); a language without one gets
English, with a warning. Section headings a ladder leaves at their English defaults are furniture
too and are translated; headings it names itself are its own words and are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from guidegen.resources import templates_dir


def babel_locale(language: str) -> str:
    """A BCP 47 tag (``en-US``) as Babel names the locale (``en_US``)."""
    return language.replace("-", "_")


def long_date(value: date, language: str) -> str:
    """``value`` as the ladder's language writes a date in full ("14 March 2026", "14. März 2026");
    English where Babel does not know the language."""
    from babel import UnknownLocaleError
    from babel.dates import format_date

    try:
        return format_date(value, format="long", locale=babel_locale(language))
    except (UnknownLocaleError, ValueError):
        return format_date(value, format="long", locale="en")


def culture_name(language: str) -> str:
    """The language with its most likely region, as Office names a culture: "ja" -> "ja-JP", "zh" -> "zh-CN",
    "zh-TW" stays; Office picks proofing tools and East Asian glyph forms by it."""
    if "-" in language:
        return language
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language.lower(), "")
    region = next((part for part in likely.split("_")[1:] if part.isupper() and len(part) == 2), None)
    return f"{language}-{region}" if region else language


RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"})


def is_right_to_left(language: str) -> bool:
    """Whether the language is written right to left, so that pages and drawings are mirrored."""
    return language.split("-")[0].lower() in RIGHT_TO_LEFT


def catalogue_dir() -> Path:
    return templates_dir() / "locale"


@lru_cache(maxsize=16)
def _catalogue(code: str) -> dict[str, str] | None:
    """The translations of the ``.po`` file for ``code`` (``de``), or None when there is none."""
    path = catalogue_dir() / f"{code}.po"
    if not path.is_file():
        return None
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        catalog = read_po(file)
    return {message.id: message.string for message in catalog if message.id and message.string}


@dataclass(frozen=True)
class Messages:
    """The fixed words of both documents in one language: ``messages("Contents")``."""

    language: str = "en"  # the catalogue's language, "en" for the words as written
    table: dict[str, str] = field(default_factory=dict)

    def __call__(self, text: str, **values: object) -> str:
        translated = self.table.get(text, text)
        return translated.format(**values) if values else translated

    @property
    def is_english(self) -> bool:
        return self.language == "en"

    def join(self, items: list[str], style: str = "standard") -> str:
        """``items`` as one phrase: "A, B and C" ("A, B und C"); ``style="or"`` for alternatives."""
        items = [str(item) for item in items]
        if len(items) <= 1:
            return "".join(items)
        if self.is_english:
            word = "or" if style == "or" else "and"
            return ", ".join(items[:-1]) + f" {word} " + items[-1]
        from babel.lists import format_list

        return format_list(items, style=style, locale=babel_locale(self.language))


ENGLISH = Messages()


def messages_for(language: str) -> tuple[Messages, str | None]:
    """The words for ``language`` and, where it has no catalogue, a warning that they stay English."""
    primary = language.split("-")[0].lower()
    if primary == "en":
        return ENGLISH, None
    for code in (babel_locale(language), primary):
        table = _catalogue(code)
        if table is not None:
            return Messages(code, table), None
    known = sorted(path.stem for path in catalogue_dir().glob("*.po"))
    return ENGLISH, (f"no translation of the documents' own words for language {language!r} (there are: en, "
                     f"{', '.join(known)}); headings, captions and page numbers stay English")
