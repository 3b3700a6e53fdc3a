"""Make templates/pptx/guidegen.pptx, the built-in 16:9 slide template.

python-pptx's own default template is 4:3 and its layouts keep their 4:3
positions when the slide size changes, so this script widens every
placeholder, restyles the master and writes the guidegen theme (colours and
fonts). Run it again after changing it:

    python scripts/make_pptx_template.py
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

from guidegen.deck.template import apply_theme

TARGET = Path(__file__).resolve().parent.parent / "templates" / "pptx" / "guidegen.pptx"

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in, PowerPoint's 16:9
MARGIN = Inches(0.6)

# The theme: guidegen's default colours. A brand file replaces them in the deck it builds.
COLOURS = {
    "dk1": "1D2430", "lt1": "FFFFFF", "dk2": "1F3A5F", "lt2": "E8F1F2",
    "accent1": "2A9D8F", "accent2": "1F3A5F", "accent3": "E9C46A", "accent4": "F4A261",
    "accent5": "E76F51", "accent6": "5B6675", "hlink": "2A9D8F", "folHlink": "5B6675",
}
FONT = "Calibri"  # on every PowerPoint; LibreOffice shows it as the metric-compatible Carlito



def _write_theme(prs) -> None:
    apply_theme(prs, {slot: f"#{value}" for slot, value in COLOURS.items()}, FONT, FONT, name="guidegen")


def _widen(shapes, factor: float) -> None:
    """Stretch shapes horizontally; placeholders that inherit their position are left to inherit it."""
    for shape in shapes:
        if shape._element.xfrm is not None and shape.left is not None:
            shape.left = Emu(round(shape.left * factor))
            shape.width = Emu(round(shape.width * factor))


def _placeholder(shapes, kind: str):
    return next(s for s in shapes if s.is_placeholder and s.placeholder_format.type is not None
                and s.placeholder_format.type.name == kind)


def _style_level(pPr, size: float, bold: bool | None = None, colour: str | None = None) -> None:
    rpr = pPr.find(qn("a:defRPr"))
    rpr.set("sz", str(int(size * 100)))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    if colour:
        for fill in rpr.findall(qn("a:solidFill")):
            rpr.remove(fill)
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:schemeClr"), val=colour)
        rpr.insert(0, fill)


def _restyle_master(prs) -> None:
    master = prs.slide_master
    title = _placeholder(master.shapes, "TITLE")
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.55), WIDTH - 2 * MARGIN, Inches(0.85)
    title.text_frame._bodyPr.set("anchor", "b")
    body = _placeholder(master.shapes, "BODY")
    body.left, body.top, body.width, body.height = MARGIN, Inches(1.7), WIDTH - 2 * MARGIN, Inches(5.0)

    styles = master.element.find(qn("p:txStyles"))
    title_level = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title_level.set("algn", "l")
    _style_level(title_level, 32, bold=True, colour="tx2")
    body_style = styles.find(qn("p:bodyStyle"))
    for level, size in zip(range(1, 10), (20, 18, 16, 16, 16, 16, 16, 16, 16)):
        _style_level(body_style.find(qn(f"a:lvl{level}pPr")), size)

    # A short accent rule under every title: the one decoration the master carries.
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    rule = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN + Inches(0.1), Inches(1.45), Inches(1.1), Inches(0.06))
    rule.name = "Accent Rule"
    rule.fill.solid()
    rule.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    rule.line.fill.background()
    rule.shadow.inherit = False
    master.shapes._spTree.append(copy.deepcopy(rule._element))
    slide_ids = prs.slides._sldIdLst
    prs.part.drop_rel(slide_ids[0].rId)
    slide_ids.remove(slide_ids[0])


def _restyle_title_layout(layout) -> None:
    """The opening slide: the primary colour edge to edge, no master decoration."""
    layout.element.set("showMasterSp", "0")
    layout.background.fill.solid()
    layout.background.fill.fore_color.theme_color = MSO_THEME_COLOR.TEXT_2
    title = _placeholder(layout.placeholders, "CENTER_TITLE")
    title.left, title.top, title.width, title.height = Inches(0.9), Inches(2.0), Inches(11.5), Inches(2.0)
    title.text_frame._bodyPr.set("anchor", "b")
    subtitle = _placeholder(layout.placeholders, "SUBTITLE")
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = Inches(0.9), Inches(4.2), Inches(11.5), Inches(1.4)
    for shape, size, colour, bold in ((title, 44, "bg1", True), (subtitle, 22, "bg2", False)):
        _list_style(shape, size, colour, bold)


def _list_style(shape, size: float, colour: str, bold: bool) -> None:
    """Level-1 text style of a layout placeholder: what slides based on the layout inherit."""
    body = shape.text_frame._txBody
    old = body.find(qn("a:lstStyle"))
    style = body.makeelement(qn("a:lstStyle"), {})
    body.replace(old, style) if old is not None else body.insert(1, style)
    level = etree.SubElement(style, qn("a:lvl1pPr"), algn="l", marL="0", indent="0")
    etree.SubElement(level, qn("a:buNone"))
    rpr = etree.SubElement(level, qn("a:defRPr"), sz=str(int(size * 100)), b="1" if bold else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr"), val=colour)


def main() -> int:
    prs = Presentation()
    factor = WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _widen(prs.slide_master.shapes, factor)
    for layout in prs.slide_layouts:
        _widen(layout.shapes, factor)
    _write_theme(prs)
    _restyle_master(prs)
    _restyle_title_layout(prs.slide_layouts.get_by_name("Title Slide"))
    prs.core_properties.title = "guidegen slide template"
    prs.core_properties.author = "guidegen"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    prs.save(TARGET)
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
