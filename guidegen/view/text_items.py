"""Text that is a list: an expectation kept as several lines (a spreadsheet cell typed with Alt+Enter, a
framework's criteria), one item per line, each perhaps with its own marker ("• ", "- ", "1. ", "a) ").

The ladder keeps such text as it was written; every document shows it as a list: the guide and the web
page as a real list (numbered when its items are), the deck one item to a line, the speaker notes as a
sentence. Text of one line is not a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^(?:[•·▪◦‣\-–—*+])\s+")
_NUMBER = re.compile(r"^(?:\(?(\d{1,3}|[a-z])[.)])\s+")


@dataclass(frozen=True)
class Items:
    """``text`` read as a list: its items without their markers, and whether they are numbered."""

    items: tuple[str, ...]
    numbered: bool = False
    start: int = 1  # the first number, for a numbered list that does not start at 1

    @property
    def is_list(self) -> bool:
        return len(self.items) > 1


def items(text: str | None) -> Items:
    """The lines of ``text`` as list items (empty lines dropped); a single line stays one item, as written."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) <= 1:
        return Items(tuple(lines))
    numbers = [_NUMBER.match(line) for line in lines]
    if all(numbers):
        first = numbers[0].group(1)
        start = int(first) if first.isdigit() else ord(first) - ord("a") + 1
        return Items(tuple(line[match.end():] for line, match in zip(lines, numbers)), True, start)
    return Items(tuple(_BULLET.sub("", line) for line in lines))


def spoken(text: str | None) -> str:
    """A list as a speaker says it: its items in one sentence, separated by semicolons."""
    found = items(text)
    return "; ".join(found.items) if found.is_list else (text or "")


def lines(text: str | None) -> str:
    """A list one item to a line, each with a bullet or its number, for a document without list markup (a
    slide, a table cell of the deck); other text as it is."""
    found = items(text)
    if not found.is_list:
        return text or ""
    if found.numbered:
        return "\n".join(f"{found.start + index}. {item}" for index, item in enumerate(found.items))
    return "\n".join(f"\u2022 {item}" for item in found.items)
