"""What depends on the ladder's language: for now, how a date is written."""

from __future__ import annotations

from datetime import date


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
