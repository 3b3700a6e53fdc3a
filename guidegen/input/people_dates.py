"""Start dates as HR exports write them: ISO dates, Excel's date cells, dates with a month's name, and
numeric dates in the order ``--date-format`` gives or the ladder's language writes.

03/04/2026 is 3 April in London and March 4 in New York. The order comes from ``--date-format``;
without it, from the language's locale (Babel knows each locale's order) when every region of that
language agrees (de: day first everywhere; en: the US writes the month first, the UK the day); without
that, from the file itself when one of its dates settles it (31/03/2026 can only be day first). A date
nothing settles is reported with its line, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

ORDER_NAMES = {"DMY": "DD/MM/YYYY", "MDY": "MM/DD/YYYY", "YMD": "YYYY-MM-DD"}
_FORMAT = re.compile(r"(?i)^\s*(D{1,2}|M{1,2}|Y{2}|Y{4})([./\- ]+)(D{1,2}|M{1,2}|Y{2}|Y{4})\2"
                     r"(D{1,2}|M{1,2}|Y{2}|Y{4})\s*$")
_TIME = re.compile(r"(?i)(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|\s?[ap]\.?m\.?)+$")
_NUMERIC = re.compile(r"^(\d{1,4})([./\- ])(\d{1,2})\2(\d{1,4})$")
_DATE_MARKS = str.maketrans({"年": "-", "月": "-", "日": None, "년": "-", "월": "-", "일": None})


def parse_date_format(text: str) -> str:
    """``"DD/MM/YYYY"`` -> ``"DMY"``; ``ValueError`` with a sentence when it is not a day, month and year."""
    match = _FORMAT.match(str(text))
    order = "".join(part[0].upper() for part in match.group(1, 3, 4)) if match else ""
    if sorted(order) != ["D", "M", "Y"]:
        raise ValueError(f"{text!r} is not a date format: give the order of day, month and year, such as "
                         f"DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD")
    if order not in ORDER_NAMES:
        raise ValueError(f"{text!r}: no one writes dates in the order {order}; give DD/MM/YYYY, MM/DD/YYYY or "
                         f"YYYY-MM-DD")
    return order


def check_date_format(text: str) -> str:
    parse_date_format(text)
    return str(text).strip()


def _pattern_order(pattern: str) -> str:
    letters = re.sub(r"'[^']*'", "", pattern)
    return "".join(dict.fromkeys(c for c in letters if c in "dMy")).upper()


@lru_cache(maxsize=16)
def locale_orders(language: str) -> frozenset[str]:
    """The orders dates are written in where ``language`` is spoken: one for a tag with a region (en-GB:
    DMY), every region's for a bare language (en: DMY, MDY and YMD); empty for a tag Babel does not know."""
    from babel import Locale, UnknownLocaleError, localedata
    from babel.dates import get_date_format

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return frozenset()
    if locale.territory:
        return frozenset({_pattern_order(get_date_format("short", locale=locale).pattern)})
    regional = [name for name in localedata.locale_identifiers() if name.split("_")[0] == locale.language]
    return frozenset(_pattern_order(get_date_format("short", locale=name).pattern) for name in regional)


@lru_cache(maxsize=16)
def month_numbers(language: str) -> dict[str, int]:
    """Month names and abbreviations (folded, without a final dot) in English and ``language`` -> 1..12."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for tag in dict.fromkeys(("en", language.replace("-", "_"))):
        try:
            locale = Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(name.casefold().rstrip("."), number)
    names.setdefault("sept", 9)  # as often written as "sep"
    return names


@dataclass(frozen=True)
class Reading:
    """A cell's date, or why it is not one: ``value`` or ``problem``; ``orders`` are the numeric orders the
    text could be in when those alone decide (both for 03/04/2026, one for 31/03/2026)."""

    value: date | None = None
    problem: str = ""
    orders: tuple[str, ...] = ()
    parts: tuple[int, int, int] = (0, 0, 0)


def read_date(text: str, language: str, today: date) -> Reading:
    """What ``text`` says, before any order is chosen: ISO dates and dates with a month's name are read
    at once; a numeric date keeps the orders it could be in."""
    text = _TIME.sub("", " ".join(text.split()).translate(_DATE_MARKS)).strip(" -")
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        return _made(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = _NUMERIC.match(text)
    if numeric:
        first, _, second, third = numeric.groups()
        parts = (int(first), int(second), int(third))
        if len(first) == 4:
            return _made(*parts)
        if len(third) not in (2, 4):
            return Reading(problem="is not a date")
        orders = tuple(order for order in ("DMY", "MDY") if _valid(_ordered(parts, order, today)))
        return Reading(orders=orders, parts=parts) if orders else Reading(problem="is not a date")
    return _named_month(text, language, today)


def _named_month(text: str, language: str, today: date) -> Reading:
    """"3 Apr 2026", "April 3, 2026", "3. April 2026", "03-avr.-2026"."""
    words = re.findall(r"\d+|[^\W\d_]+", text)
    months = month_numbers(language)
    named = [word for word in words if not word.isdigit()]
    numbers = [word for word in words if word.isdigit()]
    if len(named) != 1 or len(numbers) != 2 or named[0].casefold() not in months:
        return Reading(problem="is not a date")
    year = next((number for number in numbers if len(number) == 4), None)
    if year is None:
        return Reading(problem="is not a date")
    day = next(number for number in numbers if number is not year)
    return _made(int(year), months[named[0].casefold()], int(day))


def _year(value: int, today: date) -> int:
    if value >= 100:
        return value
    return 2000 + value if 2000 + value <= today.year + 10 else 1900 + value


def _ordered(parts: tuple[int, int, int], order: str, today: date) -> tuple[int, int, int]:
    """(year, month, day) from numeric ``parts`` in ``order`` (DMY or MDY)."""
    first, second, year = parts
    day, month = (first, second) if order == "DMY" else (second, first)
    return _year(year, today), month, day


def _valid(ymd: tuple[int, int, int]) -> bool:
    try:
        date(*ymd)
    except ValueError:
        return False
    return True


def _made(year: int, month: int, day: int) -> Reading:
    try:
        return Reading(value=date(year, month, day))
    except ValueError:
        return Reading(problem="is not a date")


@dataclass(frozen=True)
class DateOrder:
    """The order numeric dates are read in (None: not settled) and what settled it, for messages."""

    order: str | None
    reason: str


def settle_order(readings: list[Reading], date_format: str | None, language: str) -> DateOrder:
    """The order of the file's numeric dates: --date-format's, else the language's when all its regions
    agree, else the one the file's own dates allow when they allow only one."""
    if date_format:
        return DateOrder(parse_date_format(date_format), f"--date-format {date_format}")
    numeric = {"DMY", "MDY"} & locale_orders(language)
    if len(numeric) == 1:
        return DateOrder(next(iter(numeric)), f"as the language {language} writes dates")
    possible = [set(reading.orders) for reading in readings if reading.orders]
    allowed = set.intersection(*possible) if possible else set()
    evidence = [reading for reading in readings if len(reading.orders) == 1]
    if len(allowed) == 1 and evidence:
        return DateOrder(next(iter(allowed)), "as the file's own dates show")
    return DateOrder(None, f"the language {language} writes dates more than one way")


def finish(reading: Reading, order: DateOrder, today: date) -> Reading:
    """A numeric date read in the settled order, or a problem saying how to settle it."""
    if reading.value is not None or reading.problem or not reading.orders:
        return reading
    if order.order == "YMD":
        return Reading(problem=f"is not in the order {ORDER_NAMES['YMD']} ({order.reason})")
    if order.order is not None:
        if order.order not in reading.orders:
            other = reading.orders[0]
            return Reading(problem=f"is not a date in the order {ORDER_NAMES[order.order]} ({order.reason}); "
                                   f"if the file writes {ORDER_NAMES[other]}, give --date-format {ORDER_NAMES[other]}")
        return _made(*_ordered(reading.parts, order.order, today))
    if len(reading.orders) == 1 or reading.parts[0] == reading.parts[1]:
        return _made(*_ordered(reading.parts, reading.orders[0], today))
    return Reading(problem=f"could be day first or month first ({order.reason}); give --date-format "
                           f"DD/MM/YYYY or --date-format MM/DD/YYYY")
