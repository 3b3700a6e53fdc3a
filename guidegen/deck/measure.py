"""Lay out slide text before it is written: measure it, pick its size, split what does not fit.

PowerPoint only shrinks overflowing text once someone edits it, so the deck
must fit as written. Text is measured with the metrics of the font it will be
shown in, including bullet indents, paragraph gaps, line height and the text
box insets; what does not fit at the smallest readable size moves on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from guidegen.view.textmetrics import ShownFont, font_metrics, wrap
from guidegen.view.type_scale import DECK

EMU_PER_PT = 12700
MIN_BODY_PT = DECK.min_body_pt  # the smallest text a room can read when projected
PARAGRAPH_GAP = 0.35  # space before each paragraph after the first, in ems of the text size
EMU_PER_INCH = 914_400  # DrawingML's unit: python-pptx is not needed to measure
BULLET_INDENT = int(0.24 * EMU_PER_INCH)
INSET = int(0.1 * EMU_PER_INCH)  # text box insets on every side, as in PowerPoint's own placeholders
WIDTH_SAFETY = 0.97  # kerning and renderer rounding differ a little: never plan to the last point


@dataclass(frozen=True)
class Para:
    """One paragraph: an optional bold lead-in on its own line, then plain text."""

    text: str = ""
    lead: str = ""
    bullet: bool = False
    continued: bool = False  # the rest of a paragraph split across boxes: indented, no bullet


@dataclass(frozen=True)
class Box:
    width: int  # EMU
    height: int  # EMU


class Measure:
    """Heights of paragraphs in one font family at a given size."""

    def __init__(self, family: str):
        self.family = family
        self.regular: ShownFont = font_metrics(family)
        self.bold: ShownFont = font_metrics(family, bold=True)
        self._line_ems = max(self.regular.line_height, self.bold.line_height, 1.2)
        # Planning a rung's slides tries every way of sharing its sections out, so it asks for the same
        # paragraph's height many times over (20,000 times for a branded deck): each is worked out once.
        self._heights: dict[tuple[Para, float, Box], tuple[float, ...]] = {}

    def line_height(self, size: float) -> float:
        """A line of the family's own characters."""
        return self._line_ems * size

    def _line_heights(self, para: Para, size: float, box: Box) -> tuple[float, ...]:
        """Each line's height: a line with characters another font draws (CJK, say) can be taller."""
        key = (para, size, box)
        heights = self._heights.get(key)
        if heights is None:
            lead, text = self.lines(para, size, box)
            heights = self._heights[key] = tuple(max(self._line_ems, font.line_height_of(line)) * size
                                                 for font, lines in ((self.bold, lead), (self.regular, text))
                                                 for line in lines)
        return heights

    def _width(self, para: Para, box: Box) -> float:
        indent = BULLET_INDENT if (para.bullet or para.continued) else 0
        return (box.width - 2 * INSET - indent) / EMU_PER_PT * WIDTH_SAFETY

    def lines(self, para: Para, size: float, box: Box) -> tuple[list[str], list[str]]:
        """The lead's lines and the text's lines as they wrap in ``box``."""
        width = self._width(para, box)
        lead = wrap(para.lead, self.bold, size, width) if para.lead else []
        text = wrap(para.text, self.regular, size, width) if para.text else []
        return lead, text

    def para_height(self, para: Para, size: float, box: Box, first: bool) -> float:
        gap = 0 if first else PARAGRAPH_GAP * size
        return gap + sum(self._line_heights(para, size, box))

    def height(self, paras: list[Para], size: float, box: Box) -> float:
        """Points the paragraphs take, insets included."""
        body = sum(self.para_height(p, size, box, index == 0) for index, p in enumerate(paras))
        return body + 2 * INSET / EMU_PER_PT

    def fits(self, paras: list[Para], size: float, box: Box) -> bool:
        return self.height(paras, size, box) <= box.height / EMU_PER_PT

    def words_fit(self, paras: list[Para], size: float, box: Box) -> bool:
        """Whether every word fits on a line, so that none has to be broken inside."""
        for para in paras:
            width = self._width(para, box)
            for font, text in ((self.bold, para.lead), (self.regular, para.text)):
                if any(font.width(word, size) > width for word in text.split()):
                    return False
        return True

    def largest_fitting(self, paras: list[Para], box: Box, preferred: float, floor: float = MIN_BODY_PT) -> float | None:
        """The largest whole point size from ``preferred`` down to ``floor`` at which ``paras`` fit."""
        size = preferred
        while size >= floor:
            if self.fits(paras, size, box):
                return size
            size -= 1
        return None

    def take(self, paras: list[Para], size: float, box: Box) -> tuple[list[Para], list[Para]]:
        """As many paragraphs as fit in ``box`` and the rest.

        A paragraph too tall for the box even on its own is split between lines.
        """
        available = box.height / EMU_PER_PT - 2 * INSET / EMU_PER_PT
        taken: list[Para] = []
        used = 0.0
        for index, para in enumerate(paras):
            height = self.para_height(para, size, box, first=not taken)
            if used + height <= available:
                taken.append(para)
                used += height
                continue
            if not taken:
                head, tail = self._split(para, size, box, available)
                return [head], [tail, *paras[index + 1:]]
            return taken, paras[index:]
        return taken, []

    def _split(self, para: Para, size: float, box: Box, available: float) -> tuple[Para, Para]:
        lead, text = self.lines(para, size, box)
        room, used = 0, 0.0
        for height in self._line_heights(para, size, box):
            if used + height > available:
                break
            room, used = room + 1, used + height
        if room < 1 or room >= len(lead) + len(text):
            raise ValueError("a text box cannot hold a single line of its text")
        if room <= len(lead):  # only (part of) the lead-in fits: the text starts the next box
            head = replace(para, lead=" ".join(lead[:room]), text="")
            tail = replace(para, lead=" ".join(lead[room:]), bullet=False, continued=para.bullet or para.continued)
            return head, tail
        head_text, tail_text = self._cut(para, size, box, room - len(lead))
        head = replace(para, text=head_text)
        tail = Para(text=tail_text, continued=para.bullet or para.continued)
        return head, tail

    def _cut(self, para: Para, size: float, box: Box, kept: int) -> tuple[str, str]:
        """The text's first ``kept`` wrapped lines and the rest, each item of a list still on a line of its own."""
        width = self._width(para, box)
        wrapped = [wrap(item, self.regular, size, width) for item in para.text.split("\n")]
        head: list[str] = []
        tail: list[str] = []
        for item_lines in wrapped:
            room = max(0, min(len(item_lines), kept))
            kept -= room
            if room:
                head.append(" ".join(item_lines[:room]))
            if room < len(item_lines):
                tail.append(" ".join(item_lines[room:]))
        return "\n".join(head), "\n".join(tail)


def emu(value: float) -> int:
    return int(round(value))
