"""Layout read back from the PDF: lists that stay whole across columns, a footer whose page number keeps
its line, and hyphenation that never breaks a name, a heading or a word at its own hyphen."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from guidegen.api import build

from .ladders import make_ladder, write_ladder

ROOT = Path(__file__).resolve().parent.parent


def _lines(page) -> list[tuple[float, float, str]]:
    """(top, x0, text) of each line of words, in reading order per column."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=True)
    lines: dict[tuple[int, int], list] = {}
    for word in words:
        column = 0 if word["x0"] < page.width / 2 else 1
        lines.setdefault((column, round(word["top"])), []).append(word)
    return [(top, min(w["x0"] for w in ws), " ".join(w["text"] for w in ws))
            for (column, top), ws in sorted(lines.items())]


def test_a_list_broken_between_columns_repeats_its_heading(default_build, default_ladder):
    labels = default_ladder.labels
    with pdfplumber.open(default_build["pdf"]) as pdf:
        page = next(p for p in pdf.pages if default_ladder.rungs[0].title in (p.extract_text() or "")
                    and labels.responsibilities in p.extract_text())
        words = page.extract_words()
        columns_top = min(w["top"] for w in words if w["text"] == labels.responsibilities.split()[0])
        right = sorted((w for w in words if w["x0"] > page.width / 2 and w["top"] >= columns_top - 2
                        and w["bottom"] < page.height * 0.9), key=lambda w: (round(w["top"]), w["x0"]))
        first_line = " ".join(w["text"] for w in right if abs(w["top"] - right[0]["top"]) < 2)
    assert first_line == f"{labels.soft_skills}, continued"


def test_a_long_credit_wraps_in_its_box_and_the_page_number_keeps_its_line(tmp_path):
    data = make_ladder(3)
    data["source"] = {"title": "The Engineering Progression Framework of the Platform Guild and the Staff+ Council",
                      "author": "The Staff+ Council of Engineering Leadership"}
    (pdf,) = build(ladder=write_ladder(tmp_path / "ladder.yaml", data), out=tmp_path / "out", formats=["pdf"])
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages[1:], start=2):
            foot = [w for w in page.extract_words() if w["top"] > page.height * 0.92]
            if not foot:
                continue
            marker = [w for w in foot if w["text"] == "Page"]
            assert len(marker) == 1, [w["text"] for w in foot]
            line = [w for w in foot if abs(w["top"] - marker[0]["top"]) < 1 and w["x0"] >= marker[0]["x0"]]
            assert " ".join(w["text"] for w in line) == f"Page {number} of {len(document.pages)}"
            credit = [w for w in foot if w["x0"] < marker[0]["x0"]]
            assert max(w["x1"] for w in credit) < marker[0]["x0"] - 10  # a clear gap before the page number


def test_hyphenation_spares_names_headings_and_compounds(default_build, default_ladder):
    names = {skill.name for rung in default_ladder.rungs for skill in rung.leadership + rung.soft_skills}
    with pdfplumber.open(default_build["pdf"]) as pdf:
        lines = [line.strip() for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    for line, following in zip(lines, lines[1:]):
        if not re.search(r"\w-$", line):
            continue
        last = re.findall(r"[\w-]+-$", line)[0]
        assert "-" not in last[:-1], f"broken at a compound's own hyphen: {line!r} / {following!r}"
        start = re.match(r"\w+", following)
        assert len(last) - 1 >= 3 and start and len(start.group(0)) >= 3, (line, following)
        assert not any(word.startswith(last[:-1]) and len(word) > len(last) - 1
                       for name in names for word in name.split()), f"a skill's name hyphenated: {line!r}"
    text = " ".join(lines)
    assert "C-suite" in text
    for rung in default_ladder.rungs:
        assert rung.title in text  # titles are never hyphenated


def test_staircase_labels_take_one_colour_readable_on_every_step():
    from pathlib import Path

    from guidegen.input.brand import load_brand
    from guidegen.input.ladder import load_ladder
    from guidegen.resources import default_ladder_path
    from guidegen.view.colours import contrast
    from guidegen.view.ladder_view import build_view

    examples = Path(__file__).resolve().parent.parent / "examples"
    brands = [None] + [load_brand(path) for path in sorted(examples.glob("*/brand.yml"))]
    for brand in brands:
        for ladder in (load_ladder(default_ladder_path()), load_ladder(examples / "northwind-health" / "ladder.yaml")):
            view = build_view(ladder, brand=brand)
            colours = view.step_colours()
            inks = {ink for _, ink in colours}
            assert len(inks) == 1, (brand and brand.name, colours)
            assert all(contrast(ink, fill) >= 4.5 for fill, ink in colours), (brand and brand.name, colours)


def test_darkening_keeps_a_colours_hue():
    from guidegen.view.colours import AA_NORMAL, contrast, darken_until, to_oklch

    for colour in ("#2A9D8F", "#E09F3E", "#F2A541", "#EF8354", "#4C9BE8", "#9B5DE5"):
        darker = darken_until(colour, "#FFFFFF")
        assert contrast(darker, "#FFFFFF") >= AA_NORMAL
        hue, new_hue = to_oklch(colour)[2], to_oklch(darker)[2]
        assert min(abs(hue - new_hue), 360 - abs(hue - new_hue)) < 4, (colour, darker)


def test_a_light_brand_colour_stays_in_fills_and_text_takes_the_primary(tmp_path):
    """Northwind's amber fails as text on white: headings take its green primary, not a darkened ochre."""
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "examples" / "northwind-health"
    (pdf,) = build(ladder=examples / "ladder.yaml", out=tmp_path, formats=["pdf"], brand=[examples / "brand.yml"])
    with pdfplumber.open(pdf) as document:
        page = next(p for p in document.pages if "What changes from" in (p.extract_text() or ""))
        heading = [c for c in page.chars if c["text"] == "W" and c["size"] > 11]
        colours = {tuple(round(v, 2) for v in c["non_stroking_color"]) for c in heading}
    green = tuple(round(v / 255, 2) for v in (0x0B, 0x6E, 0x4F))
    assert colours == {green}, colours


def test_a_worksheet_to_write_on_uses_free_space_without_adding_pages(default_build, tmp_path):
    from pypdf import PdfReader

    from .test_pdf import page_texts

    guide_pages = page_texts(default_build["pdf"])
    assert "Worksheet: my next step" in guide_pages[-1]  # on the conclusion's page, not one of its own
    assert "The competency or skill I will grow first" in guide_pages[-1]
    for page_size in ("A4", "letter"):
        (handout,) = build(ladder=None, out=tmp_path / page_size, formats=["pdf"], page_size=page_size, rungs=("senior-pm",))
        texts = page_texts(handout)
        assert len(PdfReader(handout).pages) <= 3
        assert sum("Worksheet: my next step" in text for text in texts) == 1


def test_the_contents_page_says_how_to_use_the_guide(default_build):
    from .test_pdf import page_texts

    contents = " ".join(page_texts(default_build["pdf"])[1].split())
    assert "How to use this guide" in contents
    assert "The competency grid near the end sets every expectation side by side" in contents


def test_a_company_closing_has_one_worksheet_and_the_source_note_ends_the_guide(tmp_path):
    from .test_pdf import page_texts

    folder = ROOT / "examples" / "northwind-health"
    (pdf,) = build(ladder=folder / "ladder.yaml", out=tmp_path / "out", formats=["pdf"], brand=[folder / "brand.yml"])
    texts = [" ".join(text.split()) for text in page_texts(pdf)]
    assert sum(text.count("Worksheet: my next step") for text in texts) == 1
    last = texts[-1]
    assert last.index("Who will help me") < last.index("This guide is based on")
