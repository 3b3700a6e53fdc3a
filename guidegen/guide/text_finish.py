"""The guide's HTML text made to break well: long runs breakable, hyphenated compounds kept whole."""

from __future__ import annotations

import re


def finish(html: str, fragment: bool = False) -> str:
    """The rendered page's text made to break well: long runs breakable, hyphenated compounds whole.
    A ``fragment`` is part of a body, without the document around it."""
    return unbroken_compounds(breakable_text(html), fragment)


# A run of 45 characters with no space, in the text between tags: no word is that long (German's
# longest compounds are hyphenated by the stylesheet first). Stops at "&" and ";" so that an entity
# (&amp;) is never cut.
_LONG_RUN = re.compile(r"[^\s<>&;]{45,}")
_TEXT_OUTSIDE_STYLE = re.compile(r"(<style\b.*?</style>|<[^>]*>)", re.S)
_ZERO_WIDTH_SPACE = "\u200b"


# A word joined by hyphens ("C-suite", "Problem-Solving", "cross-functional"): kept on one line, since a
# break after its own hyphen reads as a hyphenation ("C-" / "suite"). Longer runs may still break.
_HYPHENATED = re.compile(r"(?<![\w\u00ad-])[^\W\d_]{1,20}(?:-[^\W\d_]{1,20}){1,3}(?![\w-])")


def unbroken_compounds(html: str, fragment: bool = False) -> str:
    """``html`` with each hyphenated word of its body's text in a span that does not break."""
    if fragment:
        head, marker, body = "", "", html
    else:
        head, marker, body = html.partition("<body")
        if not marker:
            return html
    parts = _TEXT_OUTSIDE_STYLE.split(body)
    return head + marker + "".join(
        part if index % 2 else _HYPHENATED.sub(lambda m: f'<span class="nobr">{m.group(0)}</span>', part)
        for index, part in enumerate(parts))


def breakable_text(html: str) -> str:
    """``html`` with a break opportunity every 20 characters in runs too long for any line.

    A 5,000-letter "word" would otherwise run off the page; and WeasyPrint, asked to break it with
    ``overflow-wrap``, lays the rest of the word out again at every letter (minutes for one title).
    Only text between tags changes, never attributes, links or the stylesheet.
    """
    def split_run(match: re.Match) -> str:
        run = match.group(0)
        return _ZERO_WIDTH_SPACE.join(run[start:start + 20] for start in range(0, len(run), 20))

    parts = _TEXT_OUTSIDE_STYLE.split(html)
    return "".join(part if index % 2 else _LONG_RUN.sub(split_run, part) for index, part in enumerate(parts))
