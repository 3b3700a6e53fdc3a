"""The deck's slides drawn as HTML, for `guidegen preview`: no LibreOffice, no images to render.

Each slide becomes a box of the slide's proportions; each shape is placed in it in percent of the
slide, its text sized in units of the slide's width (``cqw``), so that the preview scales with the
window. It shows where text sits and how it breaks, not every effect PowerPoint draws.
"""

from __future__ import annotations

import base64
import io
import os
from html import escape
from typing import BinaryIO

from pptx import Presentation
from pptx.enum.dml import MSO_COLOR_TYPE, MSO_FILL, MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.oxml import parse_xml

from guidegen.view.type_scale import DECK, GENERIC_FAMILY

DEFAULT_PT = 18
ALIGN = {PP_ALIGN.CENTER: "center", PP_ALIGN.RIGHT: "right", PP_ALIGN.JUSTIFY: "justify"}
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SCHEME = {MSO_THEME_COLOR.TEXT_1: "dk1", MSO_THEME_COLOR.DARK_1: "dk1", MSO_THEME_COLOR.BACKGROUND_1: "lt1",
          MSO_THEME_COLOR.LIGHT_1: "lt1", MSO_THEME_COLOR.TEXT_2: "dk2", MSO_THEME_COLOR.DARK_2: "dk2",
          MSO_THEME_COLOR.BACKGROUND_2: "lt2", MSO_THEME_COLOR.LIGHT_2: "lt2", MSO_THEME_COLOR.HYPERLINK: "hlink",
          **{getattr(MSO_THEME_COLOR, f"ACCENT_{n}"): f"accent{n}" for n in range(1, 7)}}


def theme_colours(prs) -> dict[str, str]:
    """The deck theme's colour scheme (dk1, lt1, accent1...) as #RRGGBB."""
    try:
        theme = parse_xml(prs.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME).blob)
    except (KeyError, ValueError):
        return {}
    colours = {}
    scheme = theme.find(f".//{A}clrScheme")
    for entry in scheme if scheme is not None else []:
        value = next(iter(entry), None)
        if value is not None:
            colours[entry.tag.replace(A, "")] = "#" + (value.get("val") if value.tag == f"{A}srgbClr"
                                                       else value.get("lastClr", "000000"))
    return colours


def _colour(colour, theme: dict[str, str]) -> str | None:
    """A fill's or a run's colour as #RRGGBB: its own, or its theme colour's; None where it has none."""
    try:
        if colour.type == MSO_COLOR_TYPE.RGB:
            return f"#{colour.rgb}"
        if colour.type == MSO_COLOR_TYPE.SCHEME:
            return theme.get(SCHEME.get(colour.theme_color, ""))
    except (AttributeError, TypeError, ValueError):
        return None
    return None


def _box(left, top, width, height, slide_width, slide_height) -> str:
    return (f"left:{100 * left / slide_width:.3f}%;top:{100 * top / slide_height:.3f}%;"
            f"width:{100 * width / slide_width:.3f}%;height:{100 * height / slide_height:.3f}%")


def _paragraphs(frame, width_pt: float, theme: dict[str, str]) -> str:
    html = []
    for paragraph in frame.paragraphs:
        align = ALIGN.get(paragraph.alignment, "")
        runs = []
        for run in paragraph.runs:
            size = run.font.size.pt if run.font.size is not None else DEFAULT_PT
            style = [f"font-size:{100 * size / width_pt:.3f}cqw"]
            if run.font.bold:
                style.append("font-weight:700")
            if run.font.italic:
                style.append("font-style:italic")
            colour = _colour(run.font.color, theme)
            if colour:
                style.append(f"color:{colour}")
            runs.append(f'<span style="{";".join(style)}">{escape(run.text)}</span>')
        bullet = paragraph._p.pPr is not None and paragraph._p.pPr.find(f"{A}buChar") is not None
        direction = ' dir="rtl"' if paragraph._p.pPr is not None and paragraph._p.pPr.get("rtl") == "1" else ""
        html.append(f'<p class="{"bullet" if bullet else ""}"{direction} style="text-align:{align or "start"}">'
                    f'{"".join(runs) or "&#8203;"}</p>')
    return "".join(html)


def _shape(shape, slide_width: int, slide_height: int, width_pt: float, theme: dict[str, str]) -> str:
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return "".join(_shape(child, slide_width, slide_height, width_pt, theme) for child in shape.shapes)
    if shape.left is None or shape.width is None:
        return ""
    box = _box(shape.left, shape.top, shape.width, shape.height, slide_width, slide_height)
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        data = base64.b64encode(shape.image.blob).decode("ascii")
        return f'<img class="shape" style="{box}" src="data:{shape.image.content_type};base64,{data}" alt="">'
    if getattr(shape, "has_table", False) and shape.has_table:
        rows = "".join("<tr>" + "".join(f"<td>{_paragraphs(cell.text_frame, width_pt, theme)}</td>"
                                        for cell in row.cells) + "</tr>" for row in shape.table.rows)
        return f'<div class="shape table" style="{box}"><table>{rows}</table></div>'
    fill = None
    try:
        if shape.fill.type == MSO_FILL.SOLID:
            fill = _colour(shape.fill.fore_color, theme)
    except (AttributeError, TypeError, NotImplementedError):
        fill = None
    text = _paragraphs(shape.text_frame, width_pt, theme) if shape.has_text_frame else ""
    background = f";background:{fill}" if fill else ""
    return f'<div class="shape" title="{escape(shape.name)}" style="{box}{background}">{text}</div>'


def _background(slide, theme: dict[str, str]) -> str:
    """The colour behind the slide: its layout's or its master's solid background, else the theme's light."""
    for owner in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        background = owner._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}bg")
        if background is not None:
            try:
                fill = owner.background.fill
                if fill.type == MSO_FILL.SOLID:
                    return _colour(fill.fore_color, theme) or "#FFFFFF"
            except (AttributeError, TypeError, NotImplementedError):
                pass
    return theme.get("lt1", "#FFFFFF")


def _ink(background: str, theme: dict[str, str]) -> str:
    """Text that sets no colour of its own: the theme's dark on a light slide, its light on a dark one."""
    red, green, blue = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    dark = 0.2126 * red + 0.7152 * green + 0.0722 * blue < 128
    return theme.get("lt1", "#FFFFFF") if dark else theme.get("dk1", "#000000")


def slides_html(deck: str | os.PathLike | bytes | BinaryIO) -> str:
    """Every slide of ``deck`` as a ``<section class="slide">``, with its speaker notes under it. ``deck`` is
    a path, the deck's bytes, or a readable binary file object (a deck built in memory)."""
    if isinstance(deck, (bytes, bytearray, memoryview)):
        deck = io.BytesIO(deck)
    prs = Presentation(str(deck) if isinstance(deck, (str, os.PathLike)) else deck)
    width, height = int(prs.slide_width), int(prs.slide_height)
    width_pt = width / 12700
    theme = theme_colours(prs)
    parts = []
    for number, slide in enumerate(prs.slides, start=1):
        # The layout's own drawings (a title slide's band, a rule under titles) under the slide's shapes.
        layout = [shape for shape in slide.slide_layout.shapes if not shape.is_placeholder]
        shapes = "".join(_shape(shape, width, height, width_pt, theme) for shape in [*layout, *slide.shapes])
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        background = _background(slide, theme)
        parts.append(f'<section class="slide-block"><p class="number">{number}</p>'
                     f'<div class="slide" style="aspect-ratio:{width}/{height};background:{background};'
                     f'color:{_ink(background, theme)}">{shapes}</div>'
                     f'<details class="notes"><summary>Speaker notes</summary><pre>{escape(notes)}</pre></details>'
                     f'</section>')
    return "".join(parts)


SLIDES_CSS = """
body { margin: 0; background: #E9ECEF; font-family: FAMILIES; }
main { max-width: 70rem; margin: 0 auto; padding: 3.5rem 1rem 2rem; }
.slide-block { margin: 0 0 2rem; }
.number { font: 600 0.8rem sans-serif; color: #495057; margin: 0 0 0.3rem; }
.slide { position: relative; background: #FFFFFF; container-type: inline-size; overflow: hidden;
         box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2); }
.shape { position: absolute; overflow: visible; padding: 0.75cqw; box-sizing: border-box; }
.shape p { margin: 0 0 0.35em; line-height: 1.15; }
.shape p.bullet::before { content: "\\2022"; margin-inline-end: 0.5em; }
.table table { border-collapse: collapse; width: 100%; }
.table td { border: 1px solid #DEE2E6; vertical-align: top; padding: 0.3cqw; }
.notes { margin-top: 0.4rem; font-size: 0.85rem; color: #343A40; }
.notes pre { white-space: pre-wrap; font-family: inherit; }
""".replace("FAMILIES", ", ".join(f"'{name}'" if " " in name else name
                                  for name in (*DECK.preview_families, GENERIC_FAMILY)))
