"""Render decks with LibreOffice and check that every glyph sits inside its text box.

PowerPoint applies "shrink text on overflow" (normAutofit) only after the text
is edited, while LibreOffice applies it on load; so autofit is stripped from a
copy before rendering, and the render then shows what PowerPoint shows when the
deck is first opened.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

TOLERANCE_PT = 1.5
EMU_PER_PT = 12700

_AUTOFIT = re.compile(rb"<a:normAutofit[^>]*?(/>|>.*?</a:normAutofit>)", re.S)


def without_autofit(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith(".xml"):
                data = _AUTOFIT.sub(b"", data)
            zout.writestr(item, data)
    return target


def render_with_libreoffice(decks: list[Path], out_dir: Path) -> dict[Path, Path]:
    """One LibreOffice run for all decks (it starts slowly); returns deck -> rendered PDF."""
    stripped_dir = out_dir / "stripped"
    stripped_dir.mkdir(parents=True, exist_ok=True)
    copies = []
    for index, deck in enumerate(decks):
        copies.append(without_autofit(deck, stripped_dir / f"{index:02d}-{deck.stem}.pptx"))
    profile = (out_dir / "lo-profile").resolve()
    command = [shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, copies)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    results = {}
    for deck, copy in zip(decks, copies):
        pdf = out_dir / (copy.stem + ".pdf")
        assert pdf.exists(), f"LibreOffice did not render {deck}"
        results[deck] = pdf
    return results


def _text_boxes(slide) -> list[tuple[str, float, float, float, float]]:
    """(name, left, top, right, bottom) in points of every shape on the slide that holds text."""
    boxes = []

    def visit(shapes):
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                visit(shape.shapes)
            elif getattr(shape, "has_table", False) and shape.has_table:
                boxes.extend(_cell_boxes(shape))
            elif shape.has_text_frame and shape.text_frame.text.strip():
                left, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
                boxes.append((shape.name, left, top, left + shape.width / EMU_PER_PT,
                              top + shape.height / EMU_PER_PT))

    visit(slide.shapes)
    layout = slide.slide_layout
    for owner in (layout, layout.slide_master):  # decoration with text that the template draws itself
        visit([shape for shape in owner.shapes if not shape.is_placeholder])
    return boxes


def _cell_boxes(frame) -> list[tuple[str, float, float, float, float]]:
    """Each table cell where the deck placed it, from its column widths and row heights: a row that
    LibreOffice has to grow pushes the rows below it down, and their glyphs out of these boxes."""
    table = frame.table
    lefts, left = [], frame.left / EMU_PER_PT
    for column in table.columns:
        lefts.append((left, left + column.width / EMU_PER_PT))
        left += column.width / EMU_PER_PT
    boxes, top = [], frame.top / EMU_PER_PT
    for number, row in enumerate(table.rows):
        bottom = top + row.height / EMU_PER_PT
        for index, (cell_left, cell_right) in enumerate(lefts):
            cell = table.cell(number, index)
            if cell.is_spanned:
                continue
            right = lefts[min(index + cell.span_width, len(lefts)) - 1][1]
            boxes.append((f"{frame.name} row {number} column {index}", cell_left, top, right, bottom))
        top = bottom
    return boxes


def overflow_problems(deck: Path, rendered: Path) -> list[str]:
    prs = Presentation(str(deck))
    width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    problems = []
    with pdfplumber.open(rendered) as pdf:
        assert len(pdf.pages) == len(prs.slides), "LibreOffice rendered a different number of slides"
        for number, (slide, page) in enumerate(zip(prs.slides, pdf.pages), start=1):
            assert abs(page.width - width) < 1 and abs(page.height - height) < 1
            boxes = _text_boxes(slide)
            glyphs = [c for c in page.chars if c["text"].strip()]
            for char in glyphs:
                x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
                where = f"slide {number}: {char['text']!r} at ({x0:.0f}, {top:.0f})"
                if x0 < -TOLERANCE_PT or top < -TOLERANCE_PT or x1 > width + TOLERANCE_PT or \
                        bottom > height + TOLERANCE_PT:
                    problems.append(f"{where} is off the slide")
                    continue
                inside = [name for name, left, box_top, right, box_bottom in boxes
                          if x0 >= left - TOLERANCE_PT and x1 <= right + TOLERANCE_PT
                          and top >= box_top - TOLERANCE_PT and bottom <= box_bottom + TOLERANCE_PT]
                if not inside:
                    problems.append(f"{where} lies outside every text box")
            problems += _collisions(number, glyphs)
    return problems


def _collisions(number: int, glyphs: list[dict]) -> list[str]:
    """Glyphs drawn over each other: text from one box running into another."""
    problems = []
    # Letters and digits only: punctuation is kerned into its neighbours on purpose.
    ordered = sorted((c for c in glyphs if c["text"].isalnum()), key=lambda c: (c["top"], c["x0"]))
    for index, first in enumerate(ordered):
        for second in ordered[index + 1:]:
            if second["top"] >= first["bottom"]:
                break
            overlap_x = min(first["x1"], second["x1"]) - max(first["x0"], second["x0"])
            overlap_y = min(first["bottom"], second["bottom"]) - max(first["top"], second["top"])
            smaller = min((c["x1"] - c["x0"]) * (c["bottom"] - c["top"]) for c in (first, second))
            if overlap_x > 0 and overlap_y > 0 and overlap_x * overlap_y > 0.5 * smaller:
                problems.append(f"slide {number}: {first['text']!r} and {second['text']!r} are drawn over each other "
                                f"at ({first['x0']:.0f}, {first['top']:.0f})")
                break
    return problems
