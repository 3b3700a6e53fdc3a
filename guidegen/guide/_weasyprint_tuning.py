"""Work that WeasyPrint and pydyf do for every guide and that a guide does not need.

Each was found by profiling the 100-rung ladder of ``bench/run.py``; together they took about
2 s of its 12 s and a fifth of its memory. Each adjustment reaches into a library's internals,
so each falls back to the library's own behaviour when those internals are not as expected,
and ``tests/test_weasyprint_tuning.py`` fails if an upgrade makes one stop working.

- WeasyPrint's user-agent stylesheet styles six pseudo-elements of every element
  (``*::marker``, ``*::footnote-call`` and so on). The guide has no footnotes or notes, and
  only its ``<li>`` elements have markers, but each of those styles is still cascaded,
  computed and kept: 100,000 of them for the 100-rung guide.
- pydyf rebuilds the list of every page's reference each time WeasyPrint asks for one page's,
  once per tagged element: quadratic in the pages.
- pydyf compresses streams with zlib at level 9, which on WeasyPrint's content streams is five
  times slower than the default level 6, for files 4% smaller.

Each is version-gated: it applies only to the versions it was written and tested for
(``TESTED``, as pinned in pyproject.toml), and otherwise the library's own behaviour stands.
Retire each when its upstream fix lands: WeasyPrint styling pseudo-elements only where its
stylesheet's rules can match; pydyf caching ``PDF.page_references``; pydyf's compression level
becoming a parameter.
"""

from __future__ import annotations

import copy
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import cssselect2  # noqa: F401  (its version gates a shortcut)
import pydyf
import weasyprint
from weasyprint import html as weasyprint_html

# The versions each shortcut was written and tested for (pyproject.toml pins the same).
TESTED = {"weasyprint": "70.0", "pydyf": "0.13.", "cssselect2": "0.10."}


def tested(package: str) -> bool:
    """Whether the installed ``package`` is a version the shortcuts through its internals were tested with."""
    import sys

    module = sys.modules.get(package)
    return str(getattr(module, "__version__", "")).startswith(TESTED[package])


UNUSED_PSEUDO_ELEMENTS = frozenset({"footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"})
LIST_ITEM_PSEUDO_ELEMENTS = frozenset({"marker"})  # the guide's only list items are <li> elements
STREAM_COMPRESSION_LEVEL = 6


def _without_unused_pseudo_elements(sheet):
    """A copy of ``sheet`` whose universal rules no longer style the unused pseudo-elements, and
    style ``::marker`` on list items alone; or None when the stylesheet is not built as expected.

    cssselect2 files selectors with no id, class or element name under ``other_selectors``, and
    those naming an element under ``lower_local_name_selectors``, as tuples whose fourth item is
    the pseudo-element. Its matches are sorted by specificity and order, not by where they were filed.
    """
    try:
        matcher = copy.copy(sheet.matcher)
        by_name = dict(sheet.matcher.lower_local_name_selectors)
        universal, list_items = [], list(by_name.get("li", ()))
        for entry in sheet.matcher.other_selectors:
            if entry[3] in LIST_ITEM_PSEUDO_ELEMENTS:
                list_items.append(entry)
            elif entry[3] not in UNUSED_PSEUDO_ELEMENTS:
                universal.append(entry)
        matcher.other_selectors, by_name["li"] = universal, list_items
        matcher.lower_local_name_selectors = by_name
    except (AttributeError, IndexError, TypeError):
        return None
    trimmed = copy.copy(sheet)
    trimmed.matcher = matcher
    return trimmed


_USER_AGENT_STYLESHEET = getattr(weasyprint_html, "UA_STYLESHEET", None)
_TRIMMED_USER_AGENT_STYLESHEET = (_without_unused_pseudo_elements(_USER_AGENT_STYLESHEET)
                                  if tested("weasyprint") and tested("cssselect2") else None)


class GuideHTML(weasyprint.HTML):
    """WeasyPrint's HTML document, without footnote and note pseudo-elements, and markers on <li> alone."""

    def _ua_stylesheets(self, *args, **kwargs):
        sheets = super()._ua_stylesheets(*args, **kwargs)
        if _TRIMMED_USER_AGENT_STYLESHEET is None:
            return sheets
        return [_TRIMMED_USER_AGENT_STYLESHEET if sheet is _USER_AGENT_STYLESHEET else sheet for sheet in sheets]


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """pydyf's ``PDF.page_references``, made again only when a page has been added."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_guidegen_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_guidegen_page_references"] = cached
    return cached[1]


class _ZlibAtMostLevel:
    """The zlib module, except that compression asks for no more than ``level``."""

    def __init__(self, level: int):
        self._level = level

    def __getattr__(self, name):
        return getattr(zlib, name)

    def compress(self, data, level=-1, *args, **kwargs):
        return zlib.compress(data, min(level, self._level), *args, **kwargs)

    def compressobj(self, level=-1, *args, **kwargs):
        return zlib.compressobj(min(level, self._level), *args, **kwargs)


@contextmanager
def quicker_pdf_output() -> Iterator[None]:
    """While writing a PDF: pydyf's page references cached, its streams compressed at level 6.

    Both are restored afterwards. Nothing else runs in the process meanwhile (a batch uses
    processes, not threads), so no other PDF sees the change.
    """
    original_references = pydyf.PDF.__dict__.get("page_references") if tested("pydyf") else None
    original_zlib = getattr(pydyf, "zlib", None) if tested("pydyf") else None
    if isinstance(original_references, property):
        pydyf.PDF.page_references = property(_page_references)
    if original_zlib is zlib:
        pydyf.zlib = _ZlibAtMostLevel(STREAM_COMPRESSION_LEVEL)
    try:
        yield
    finally:
        if isinstance(original_references, property):
            pydyf.PDF.page_references = original_references
        if original_zlib is zlib:
            pydyf.zlib = original_zlib


def active_shortcuts() -> dict[str, bool]:
    """Each shortcut guidegen takes through WeasyPrint's, pydyf's, cssselect2's and fontTools' internals,
    and whether it is in effect with the versions installed (an upgrade can turn one off silently)."""
    from guidegen.guide._weasyprint_import import ACTIVE

    return {
        **ACTIVE,
        "user-agent stylesheet without unused pseudo-elements": _TRIMMED_USER_AGENT_STYLESHEET is not None,
        "pydyf page references cached": tested("pydyf") and isinstance(pydyf.PDF.__dict__.get("page_references"),
                                                                        property),
        f"pydyf streams compressed at zlib level {STREAM_COMPRESSION_LEVEL}": tested("pydyf")
        and getattr(pydyf, "zlib", None) is zlib,
    }
