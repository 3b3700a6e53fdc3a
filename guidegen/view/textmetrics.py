"""Measure and wrap text with the metrics of the font it will be shown in.

Used where no layout engine wraps text for us: labels inside the SVG drawing
and text boxes in the deck. Fonts are found through fontconfig, the same way
Pango (and so WeasyPrint) and LibreOffice find them.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont

from guidegen.input.fontconfig import fallback_chain, font_file

# Some distributed fonts (Carlito among them) carry odd creation dates in their
# head table; fontTools warns about it, which says nothing useful to our users.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


@dataclass(frozen=True)
class FontMetrics:
    path: str
    units_per_em: int
    advances: dict[int, int]  # code point -> advance width in font units
    fallback_advance: int  # for characters the font lacks (another font will draw them)
    line_height: float  # distance between baselines at single spacing, in ems

    def units(self, text: str) -> int:
        """Advance width of ``text`` in font units: the sum of its characters' (no kerning)."""
        advances, fallback = self.advances, self.fallback_advance
        return sum(advances.get(code, fallback) for code in map(ord, text))

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` at ``size`` (in the same unit as ``size``)."""
        return self.units(text) * size / self.units_per_em


# A brand's own font files (``source: file``), measurable by their family while its documents are made. A
# context variable, not a module's dictionary: two builds in two threads of a host program each see their
# own brand's files, and nothing is left registered once a document is made.
_BRAND_FONTS: ContextVar[dict[tuple[str, bool, bool], str]] = ContextVar("guidegen_brand_fonts", default={})


@contextmanager
def brand_fonts(faces) -> Iterator[None]:
    """Within the block, each of ``faces`` (a brand's font files) is the file its family is measured in."""
    registered = dict(_BRAND_FONTS.get())
    for face in faces:
        registered[(face.family.casefold(), face.weight >= 600, face.style == "italic")] = str(face.path)
    token = _BRAND_FONTS.set(registered)
    try:
        yield
    finally:
        _BRAND_FONTS.reset(token)


def find_font(family: str, bold: bool = False, italic: bool = False) -> str:
    """Path of the file for ``family``: a brand's file (``brand_fonts``), else what fontconfig picks."""
    registered = _BRAND_FONTS.get()
    found = registered.get((family.casefold(), bold, italic)) or registered.get((family.casefold(), False, False))
    return found or font_file(family, bold, italic)


@lru_cache(maxsize=32)
def metrics(path: str, index: int = 0) -> FontMetrics:
    font = TTFont(path, lazy=True, fontNumber=index)
    # Only advances are wanted, not glyph names: numbered names spare reading them from the CFF or
    # post table (30 ms for Inter, and the CFF module's import).
    font.setGlyphOrder([f"glyph{index}" for index in range(font["maxp"].numGlyphs)])
    cmap = font.getBestCmap() or {}
    hmtx = font["hmtx"].metrics
    advances = {code: hmtx[glyph][0] for code, glyph in cmap.items() if glyph in hmtx}
    upem = font["head"].unitsPerEm
    hhea = font["hhea"]
    # Renderers differ on which metrics set line spacing (hhea, or OS/2 win*): take the larger.
    line_height = hhea.ascent - hhea.descent + hhea.lineGap
    if "OS/2" in font:
        line_height = max(line_height, font["OS/2"].usWinAscent + font["OS/2"].usWinDescent)
    fallback = upem  # a character the font lacks is drawn by another font: assume a full em (CJK width)
    font.close()
    return FontMetrics(path, upem, advances, fallback, line_height / upem)


def font_metrics(family: str, bold: bool = False, italic: bool = False) -> ShownFont:
    return ShownFont(metrics(find_font(family, bold, italic)), family, bold, italic)


class ShownFont:
    """A font as text is drawn in it: characters it lacks come from the font fontconfig falls back to.

    LibreOffice and PowerPoint draw such characters (CJK among Latin, say) in another font, whose
    advances and line height differ; a line holding one is as tall as the tallest font on it.
    Measures like ``FontMetrics``, in the primary font's units.
    """

    def __init__(self, primary: FontMetrics, family: str, bold: bool = False, italic: bool = False):
        self.primary = primary
        self.path = primary.path
        self.units_per_em = primary.units_per_em
        self.line_height = primary.line_height
        self._pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
        self._advances = dict(primary.advances)  # grows with each fallback character met
        self._taller: dict[int, float] = {}  # fallback characters whose font has taller lines

    def _resolve(self, code: int) -> int:
        font = fallback_font(self._pattern, code)
        if font is None:  # no installed font has it: a placeholder box, about an em wide
            units = self.primary.fallback_advance
        else:
            units = round(font.advances.get(code, font.fallback_advance) * self.units_per_em / font.units_per_em)
            if font.line_height > self.line_height:
                self._taller[code] = font.line_height
        self._advances[code] = units
        return units

    def units(self, text: str) -> int:
        """Advance width of ``text`` in the primary font's units, each character in the font that draws it."""
        advances = self._advances
        total = 0
        for code in map(ord, text):
            advance = advances.get(code)
            total += self._resolve(code) if advance is None else advance
        return total

    def width(self, text: str, size: float) -> float:
        return self.units(text) * size / self.units_per_em

    def line_height_of(self, text: str) -> float:
        """Distance between baselines, in ems, of a line showing ``text``: its tallest font's."""
        self.units(text)  # resolves the fonts of characters not met before
        if not self._taller:
            return self.line_height
        taller = self._taller
        return max((taller[code] for code in map(ord, text) if code in taller), default=self.line_height)


@lru_cache(maxsize=4096)
def fallback_font(pattern: str, code: int) -> FontMetrics | None:
    """The font that draws ``code`` when the one ``pattern`` names lacks it, or None if none has it."""
    for starts, ends, path, index in fallback_chain(pattern):
        at = bisect.bisect_right(starts, code) - 1
        if at >= 0 and code <= ends[at]:
            return metrics(path, index)
    return None


# Punctuation that may not begin a line in Chinese and Japanese (the core of the kinsoku rules).
NO_LINE_START = frozenset("\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff09\u300d\u300f\u3011\u3009"
                          "\u300b\u30fc\u2026\u30fb\u3005\u309d\u309e\u30fd\u30fe")


def wrap(text: str, font: FontMetrics, size: float, max_width: float) -> list[str]:
    """Greedy word wrap; a word longer than the line is split between characters.

    Widths add up character by character, so each word is measured once and a line's width is
    kept as a running sum in font units: long ladders wrap thousands of lines.
    """
    if "\n" in text:  # an expectation kept one item per line: each item starts a line of its own
        return [line for part in text.splitlines() for line in wrap(part, font, size, max_width)]

    def fits(units: int) -> bool:
        return units * size / font.units_per_em <= max_width

    space = font.units(" ")
    lines: list[str] = []
    current, current_units = "", 0
    for word in text.split():
        word_units = font.units(word)
        candidate_units = current_units + space + word_units if current else word_units
        if fits(candidate_units):
            current = f"{current} {word}" if current else word
            current_units = candidate_units
            continue
        if current:
            lines.append(current)
        current, current_units = "", 0
        for char in word:  # break a word only when it cannot fit on a line of its own
            char_units = font.units(char)
            if current and not fits(current_units + char_units):
                carried = ""
                if char in NO_LINE_START and len(current) > 1:  # kinsoku: take a character down with it
                    current, carried = current[:-1], current[-1]
                lines.append(current)
                current, current_units = carried, font.units(carried) if carried else 0
            current += char
            current_units += char_units
    if current:
        lines.append(current)
    return lines
