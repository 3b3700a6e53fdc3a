"""A cell's text as a framework means it: a list typed with Alt+Enter stays a list, one item per line, each
with its marker ("• Writes clear code", "1. Plans the work"); a sentence broken only to wrap stays one line.
Documents show a multi-line expectation as a list.
"""

from __future__ import annotations

import re

# Excel writes a line break inside a cell as LF (older files: CR LF, or the escape _x000D_); Word and web
# pages pasted into a cell bring line and paragraph separators and vertical tabs.
_BREAKS = re.compile(r"_x000[dD]_\n?|\r\n?|[\u2028\u2029\x0b\x85]")
# A list item's marker: a bullet, a dash, or a number or letter with a full stop or a parenthesis.
MARKER = re.compile(r"^(?:[•◦▪▫●○■□‣⁃∙·・►▸➢✓✔]|[-–—*+](?=\s)|\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)](?=\s))")
_ENDS_A_SENTENCE = re.compile(r"[.!?:;。！？：；]$")


def cell_lines(text: str) -> list[str]:
    """The lines of a cell: each stripped, runs of spaces single, empty lines dropped, and a line that only
    continues the one before it (it starts in lowercase after a line that ends mid-sentence) joined to it."""
    lines: list[str] = []
    for raw in _BREAKS.sub("\n", text).split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if lines and _continues(lines[-1], line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return lines


def _continues(previous: str, line: str) -> bool:
    return not MARKER.match(line) and line[0].islower() and not _ENDS_A_SENTENCE.search(previous)


def multi_line(text: str) -> str:
    """A cell that holds text of several lines (an expectation, a description), one item per line."""
    return "\n".join(cell_lines(text))


def one_line(text: str) -> str:
    """A cell that names something (a competency, a level, a group): its lines joined by spaces."""
    return " ".join(cell_lines(text))
