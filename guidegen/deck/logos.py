"""The brand's logos: the one for dark backgrounds on the title slide, the one for light backgrounds small at
the foot of the slide master, so on every slide."""

from __future__ import annotations

from pptx.oxml.shapes.picture import CT_Picture

from guidegen.deck.ooxml import logo_picture, set_alt_text
from guidegen.deck.writer import SlideWriter


def add_logos(writer: SlideWriter, title_slide) -> None:
    brand = writer.context.brand
    if brand is None:
        return
    if brand.logo_on_dark is not None:
        _title_logo(writer, title_slide, brand.logo_on_dark)
    if brand.logo_on_light is not None:
        _master_logo(writer, brand.logo_on_light)


def _title_logo(writer: SlideWriter, title_slide, logo) -> None:
    """At the top left of the title slide, no wider than a third of it."""
    height = int(writer.height * 0.09)
    stream, ratio = logo_picture(logo, height)
    width = min(int(height * ratio), int(writer.width * 0.3))
    picture = title_slide.shapes.add_picture(stream, writer.margin, int(writer.height * 0.07), width,
                                             int(width / ratio))
    picture.name = "Logo"
    set_alt_text(picture, logo.alt)


def _master_logo(writer: SlideWriter, logo) -> None:
    """In the master's footer band at the right, aligned with the content's right edge. python-pptx adds
    pictures only to slides, so the picture element is made and appended to the master's shape tree."""
    height = int(writer.height * 0.045)
    stream, ratio = logo_picture(logo, height)
    width = min(int(height * ratio), int(writer.width * 0.2))
    height = int(width / ratio)
    master = writer.prs.slide_master
    _, rel_id = master.part.get_or_add_image_part(stream)
    ids = [int(i) for i in master.element.xpath("//p:cNvPr/@id")]
    left = writer.width - writer.content_left - width
    footer = int(writer.height * 0.05)
    top = writer.height - footer + (footer - height) // 2
    picture = CT_Picture.new_pic(max(ids, default=0) + 1, "Logo", logo.alt, rel_id, left, top, width, height)
    master.shapes._spTree.append(picture)
