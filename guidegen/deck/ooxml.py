"""DrawingML and PresentationML details python-pptx has no API for, and the deck's text writing.

Text frames that never autofit, runs that name the theme's East Asian and complex-script fonts,
right-to-left paragraphs and slides, bullets, alt text, a template's inherited title size, and logos turned
into pictures (SVG drawn under a time and memory budget).
"""

from __future__ import annotations

import unicodedata

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from guidegen.deck.measure import BULLET_INDENT, INSET, PARAGRAPH_GAP, Para
from guidegen.deck.template import SUBTITLES, TITLES

THEME_HEADING_FONT = "+mj-lt"  # DrawingML's reference to the theme's heading (major) font
DEFAULT_TITLE_PT = 44


def fixed_frame(frame, box_text: bool = True) -> None:
    """Wrap text and never autofit: PowerPoint would shrink text only after an edit, so it is sized here.

    Text boxes and shapes the deck draws (``box_text``) also get top anchoring and the insets that
    the measurements assume; template placeholders keep their own.
    """
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    if box_text:
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = INSET


def write_paras(frame, paras: list[Para], size: float, colour, lead_colour, align=None, font=None) -> None:
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        set_bullet(paragraph, para)
        # CJK punctuation that cannot start a line would otherwise hang past the box's edge in
        # LibreOffice; without hanging it pulls a character down with it, as the measuring wrap does.
        paragraph._p.get_or_add_pPr().set("hangingPunct", "0")
        if right_to_left(para.lead or para.text):
            paragraph._p.get_or_add_pPr().set("rtl", "1")
            align = align if align is not None else PP_ALIGN.RIGHT
        paragraph.line_spacing = 1.0
        paragraph.space_before = Pt(0 if index == 0 else round(PARAGRAPH_GAP * size, 1))
        if align is not None:
            paragraph.alignment = align
        if para.lead:
            run = paragraph.add_run()
            run.text = para.lead
            run.font.bold = True
            run.font.size = Pt(size)
            if font:
                run.font.name = font
            paint(run.font, lead_colour)
            script_fonts(run, heading=bool(font))
            if para.text:
                paragraph.add_line_break()
        for number, line in enumerate(para.text.split("\n") if para.text else []):
            if number:  # a list: one item to a line, as it was measured
                paragraph.add_line_break()
            run = paragraph.add_run()
            run.text = line
            run.font.size = Pt(size)
            paint(run.font, colour)
            script_fonts(run, heading=False)


def set_bullet(paragraph, para: Para) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    for tag in ("a:buNone", "a:buChar", "a:buFont", "a:buClr", "a:buAutoNum"):
        for element in pPr.findall(qn(tag)):
            pPr.remove(element)
    indented = para.bullet or para.continued
    pPr.set("marL", str(int(BULLET_INDENT)) if indented else "0")
    pPr.set("indent", str(-int(BULLET_INDENT)) if para.bullet else "0")
    if para.bullet:
        colour = pPr.makeelement(qn("a:buClr"), {})
        colour.append(colour.makeelement(qn("a:schemeClr"), {"val": "accent1"}))
        pPr.append(colour)
        pPr.append(pPr.makeelement(qn("a:buChar"), {"char": "\u2022"}))
    else:
        pPr.append(pPr.makeelement(qn("a:buNone"), {}))


def right_to_left(text: str) -> bool:
    """Whether the first strongly directional character of ``text`` is Arabic or Hebrew."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def script_fonts(run, heading: bool) -> None:
    """Name the theme's East Asian and complex-script fonts too: python-pptx sets only the Latin one,
    and without these slots PowerPoint may draw Chinese, Japanese, Arabic or Hebrew in the wrong font."""
    rpr = run._r.get_or_add_rPr()
    role = "mj" if heading else "mn"
    for slot in ("ea", "cs"):
        for old in rpr.findall(qn(f"a:{slot}")):
            rpr.remove(old)
    anchor = rpr.find(qn("a:latin"))
    position = list(rpr).index(anchor) + 1 if anchor is not None else len(rpr)
    for offset, slot in enumerate(("ea", "cs")):
        rpr.insert(position + offset, rpr.makeelement(qn(f"a:{slot}"), {"typeface": f"+{role}-{slot}"}))


def paint(font, colour) -> None:
    """Colour text with a theme colour (it follows the theme) or an exact one (its contrast was checked)."""
    if isinstance(colour, RGBColor):
        font.color.rgb = colour
    elif colour is not None:
        font.color.theme_color = colour


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def logo_picture(image, height_emu: int):
    """A logo as a stream python-pptx can embed (SVG is rasterised) and its width-to-height ratio."""
    import io

    from PIL import Image as PILImage

    from guidegen.input.asset_safety import DRAWN_HEIGHT_PX, draw_svg
    from guidegen.bounded import OverBudget, run_bounded
    from guidegen.errors import BuildError, InputFileError
    from guidegen.input.safe_read import MAX_LOGO_BYTES, read_capped

    try:
        data = read_capped(image.path, MAX_LOGO_BYTES, "logo")
        if image.kind == "svg":
            pixels = max(64, int(height_emu / 914400 * 300))  # 300 dpi at the size it is shown
            if image.drawn is not None and pixels <= DRAWN_HEIGHT_PX:
                data = _scaled_png(image.drawn, pixels)  # drawn when the brand was checked, tall enough
            else:
                data = run_bounded(draw_svg, data, pixels, seconds=20, megabytes=600)
    except InputFileError as exc:
        raise BuildError(exc.problems[0]) from None
    except OverBudget as exc:
        raise BuildError(f"{image.path}: drawing the logo {exc}") from None
    with PILImage.open(io.BytesIO(data)) as opened:
        ratio = opened.width / opened.height
    return io.BytesIO(data), ratio


def _scaled_png(data: bytes, height: int) -> bytes:
    """A PNG made ``height`` pixels tall (smaller: a deck need not carry more pixels than it shows)."""
    import io

    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as opened:
        if opened.height <= height:
            return data
        width = max(1, round(opened.width * height / opened.height))
        output = io.BytesIO()
        opened.resize((width, height), PILImage.Resampling.LANCZOS).save(output, format="PNG", optimize=True)
        return output.getvalue()


def set_alt_text(shape, text: str) -> None:
    """Alt text lives in the ``descr`` attribute of the shape's non-visual properties."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def title_placeholder(layout):
    return next((p for p in layout.placeholders if p.placeholder_format.type in TITLES), None)


def subtitle_placeholder(slide):
    return next((p for p in slide.placeholders if p.placeholder_format.type in SUBTITLES), None)


def inherited_title_size(slide, placeholder) -> float:
    """The title size the template gives: layout placeholder, then master title style."""
    layout_placeholder = slide.slide_layout.placeholders.get(idx=placeholder.placeholder_format.idx)
    sources = []
    if layout_placeholder is not None:
        sources.append(layout_placeholder._element)
    master = slide.slide_layout.slide_master
    sources.append(master.element.find(qn("p:txStyles")))
    for source in sources:
        if source is None:
            continue
        for element in source.iter(qn("a:lvl1pPr")):
            rpr = element.find(qn("a:defRPr"))
            if rpr is not None and rpr.get("sz"):
                return int(rpr.get("sz")) / 100
            break  # only the first level-1 style of each source speaks for the title
    return DEFAULT_TITLE_PT


def _inherited_alignment(slide, placeholder) -> str:
    """How the template aligns a placeholder's text: its layout placeholder, the master's placeholder of
    its kind, then the master's title or body style; left where none says."""
    kind = placeholder.placeholder_format.type
    layout = slide.slide_layout
    sources = [layout.placeholders.get(idx=placeholder.placeholder_format.idx)]
    sources.append(next((p for p in layout.slide_master.placeholders if p.placeholder_format.type == kind
                         or (kind in TITLES and p.placeholder_format.type in TITLES)), None))
    elements = [source._element for source in sources if source is not None]
    styles = layout.slide_master.element.find(qn("p:txStyles"))
    if styles is not None:
        elements.append(styles.find(qn("p:titleStyle") if kind in TITLES else qn("p:bodyStyle")))
    for element in elements:
        level = next(element.iter(qn("a:lvl1pPr")), None) if element is not None else None
        if level is not None and level.get("algn"):
            return level.get("algn")
    return "l"


def mirror_right_to_left(slide) -> None:
    """A right-to-left slide: every paragraph and table runs from the right, and text the template or the
    deck set at the left moves to the right; centred and justified text stays as it is."""
    def mirror(paragraphs, base: str) -> None:
        for paragraph in paragraphs:
            properties = paragraph.get_or_add_pPr()
            properties.set("rtl", "1")
            if (properties.get("algn") or base) == "l":
                properties.set("algn", "r")

    def visit(shapes) -> None:
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                visit(shape.shapes)
                continue
            if shape.has_text_frame:
                base = _inherited_alignment(slide, shape) if shape.is_placeholder else "l"
                mirror(shape.text_frame._txBody.p_lst, base)
            if getattr(shape, "has_table", False):
                table = shape.table._tbl
                table.get_or_add_tblPr().set("rtl", "1")
                mirror(table.iter(qn("a:p")), "l")

    visit(slide.shapes)
