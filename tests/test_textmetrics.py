"""Text is wrapped from the font's own metrics: the quick wrap agrees with measuring each candidate line."""

from __future__ import annotations

import subprocess

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from guidegen.view.textmetrics import FontMetrics, font_metrics, wrap

from .test_properties import CHARACTERS

INTER = font_metrics("Inter")


def wrap_by_measuring_every_line(text: str, font: FontMetrics, size: float, max_width: float) -> list[str]:
    """The plain definition: greedy, measuring each candidate line whole; a line break starts a new line (an
    expectation kept one item per line)."""
    if "\n" in text:
        return [line for part in text.splitlines() for line in wrap_by_measuring_every_line(part, font, size,
                                                                                            max_width)]
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
        assert metrics.primary.advances == expected
        assert metrics.units_per_em == font["head"].unitsPerEm


def test_characters_the_font_lacks_are_measured_in_the_font_that_draws_them():
    carlito = font_metrics("Carlito")
    assert ord("滦") not in carlito.primary.advances
    drawing = subprocess.run(["fc-match", "Carlito:charset=6ee6", "--format=%{file}"], capture_output=True,
                             text=True, check=True).stdout
    assert "CJK" in drawing  # what LibreOffice falls back to, as fontconfig resolves it
    cjk = TTFont(drawing, fontNumber=0)
    advance = cjk["hmtx"].metrics[cjk.getBestCmap()[ord("滦")]][0] / cjk["head"].unitsPerEm
    assert carlito.width("滦", 10) == pytest.approx(advance * 10, rel=0.01)
    # A line with a CJK character is as tall as the CJK font's lines; a Latin line keeps Carlito's.
    assert carlito.line_height_of("Stakeholder") == carlito.line_height
    assert carlito.line_height_of("Stakeholder 滦") > carlito.line_height * 1.1


def test_cjk_punctuation_never_starts_a_line_it_takes_a_character_down_instead():
    from guidegen.view.textmetrics import NO_LINE_START, font_metrics, wrap

    sentence = "负责产品路线图，并与工程和设计团队合作，确保功能按时交付。"
    font = font_metrics("Carlito")
    for width in range(120, 400, 7):
        lines = wrap(sentence, font, 20, width)
        assert "".join(lines) == sentence
        assert not any(line[0] in NO_LINE_START for line in lines), (width, lines)
