"""Text is wrapped from the font's own metrics: the quick wrap agrees with measuring each candidate line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guidegen.textmetrics import FontMetrics, font_metrics, wrap

from .test_properties import CHARACTERS

INTER = font_metrics("Inter")


def wrap_by_measuring_every_line(text: str, font: FontMetrics, size: float, max_width: float) -> list[str]:
    """The plain definition: greedy, measuring each candidate line whole."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if font.width(candidate, size) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if current and font.width(current + char, size) > max_width:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    return lines


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.text(alphabet=st.one_of(CHARACTERS, st.sampled_from(" \n\t")), max_size=200),
       size=st.sampled_from([7, 9.5, 10, 11.5, 18]), max_width=st.floats(1, 400))
def test_quick_wrap_agrees_with_measuring_every_line(text, size, max_width):
    assert wrap(text, INTER, size, max_width) == wrap_by_measuring_every_line(text, INTER, size, max_width)


def test_a_word_wider_than_the_line_is_split_between_characters_and_nothing_is_lost():
    lines = wrap("Characteristically long", INTER, 10, 40)
    assert len(lines) > 2 and "".join(lines).replace(" ", "") == "Characteristicallylong"
    assert all(INTER.width(line, 10) <= 40 or len(line) == 1 for line in lines)


def test_advances_are_the_fonts_own_read_by_glyph_name():
    from fontTools.ttLib import TTFont

    for bold in (False, True):
        metrics = font_metrics("Inter", bold=bold)
        font = TTFont(metrics.path, fontNumber=0)
        hmtx = font["hmtx"].metrics
        expected = {code: hmtx[name][0] for code, name in font.getBestCmap().items()}
        assert metrics.advances == expected
        assert metrics.units_per_em == font["head"].unitsPerEm
