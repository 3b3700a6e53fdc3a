"""Measure and wrap text with the metrics of the font it will be shown in.

Used where no layout engine wraps text for us: labels inside the SVG drawing
and text boxes in the deck. Fonts are found through fontconfig, the same way
Pango (and so WeasyPrint) and LibreOffice find them.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont

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


_REGISTERED: dict[tuple[str, bool, bool], str] = {}


def register_font_file(family: str, path, bold: bool = False, italic: bool = False) -> None:
    """Make a font file that is not installed (a brand's ``source: file`` font) measurable by its family."""
    _REGISTERED[(family.casefold(), bold, italic)] = str(path)


def register_font_faces(faces) -> None:
    """Register a brand's own font files (``source: file``), each face under its family."""
    for face in faces:
        register_font_file(face.family, face.path, bold=face.weight >= 600, italic=face.style == "italic")


def find_font(family: str, bold: bool = False, italic: bool = False) -> str:
    """Path of the file for ``family``: a registered brand file, else what fontconfig picks."""
    registered = _REGISTERED.get((family.casefold(), bold, italic)) or _REGISTERED.get((family.casefold(), False, False))
    return registered or _fontconfig_match(family, bold, italic)


@lru_cache(maxsize=32)
def _fontconfig_match(family: str, bold: bool, italic: bool) -> str:
    if shutil.which("fc-match") is None:
        raise RuntimeError("fc-match (fontconfig) is not installed; run the README's setup command")
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    result = subprocess.run(["fc-match", "--format=%{file}", pattern], capture_output=True, text=True, check=True)
    return result.stdout.strip()


@lru_cache(maxsize=32)
def metrics(path: str) -> FontMetrics:
    font = TTFont(path, lazy=True, fontNumber=0)
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


def font_metrics(family: str, bold: bool = False, italic: bool = False) -> FontMetrics:
    return metrics(find_font(family, bold, italic))


def wrap(text: str, font: FontMetrics, size: float, max_width: float) -> list[str]:
    """Greedy word wrap; a word longer than the line is split between characters.

    Widths add up character by character, so each word is measured once and a line's width is
    kept as a running sum in font units: long ladders wrap thousands of lines.
    """
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
                lines.append(current)
                current, current_units = "", 0
            current += char
            current_units += char_units
    if current:
        lines.append(current)
    return lines
