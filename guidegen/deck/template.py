"""Open a slide template (the built-in one or a company's) and find what the deck needs in it.

A company template may be a ``.potx``, may hold sample slides, may name its
layouts differently and may be 4:3. Layouts are looked up by name first and
then by the placeholders they carry, so that any sensible template works.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from guidegen.errors import InputError
from guidegen.view.type_scale import DECK

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"

TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
SUBTITLES = {PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY}
# Placeholders PowerPoint fills itself or that slides do not inherit: never left empty on a slide.
FURNITURE = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}


@dataclass(frozen=True)
class ThemeFonts:
    major: str  # headings
    minor: str  # body text


def _as_presentation_package(data: bytes) -> bytes:
    """A .potx differs from a .pptx only in its main content type, which python-pptx refuses."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml")
    if _TEMPLATE_TYPE not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
            target.writestr(item, content)
    return out.getvalue()


def open_template(source):
    """The template as a presentation with no slides, ready for the deck's own.

    ``source`` is the built-in template's path or a company's ``SlideTemplate``, already checked and
    cleaned (slide_template.py).
    """
    if isinstance(source, Path):
        try:
            data = _as_presentation_package(source.read_bytes())
        except OSError as exc:
            raise InputError(f"{source}: cannot read the slide template ({exc.strerror})") from None
    else:
        data = source.data
    prs = Presentation(io.BytesIO(data))
    _drop_slides(prs)
    return prs


def _drop_slides(prs) -> None:
    """Remove the template's own slides: python-pptx has no API for it, so drop the relationship and the id."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def theme_fonts(prs) -> ThemeFonts:
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    major = theme.find(f".//{_A}majorFont/{_A}latin")
    minor = theme.find(f".//{_A}minorFont/{_A}latin")
    return ThemeFonts(
        major=(major.get("typeface") if major is not None else "") or DECK.theme_family,
        minor=(minor.get("typeface") if minor is not None else "") or DECK.theme_family,
    )


def _kinds(layout) -> list:
    return [p.placeholder_format.type for p in layout.placeholders if p.placeholder_format.type not in FURNITURE]


def _has_title(layout) -> bool:
    return any(kind in TITLES for kind in _kinds(layout))


# What each slide of the deck needs: preferred layout names, then a test on placeholder kinds.
_ROLES = {
    "title": (("Title Slide",), lambda kinds: any(k in TITLES for k in kinds) and PP_PLACEHOLDER.SUBTITLE in kinds),
    "title_only": (("Title Only",), lambda kinds: any(k in TITLES for k in kinds)),
}


def find_layout(prs, role: str, template: Path):
    """The layout for ``role``: by name, else the title-bearing layout with the fewest other placeholders."""
    names, fits = _ROLES[role]
    for name in names:
        layout = prs.slide_layouts.get_by_name(name)
        if layout is not None and _has_title(layout):
            return layout
    candidates = [layout for layout in prs.slide_layouts if fits(_kinds(layout))]
    if not candidates and role == "title":
        return find_layout(prs, "title_only", template)
    if not candidates:
        names_found = ", ".join(repr(layout.name) for layout in prs.slide_layouts) or "none"
        raise InputError(f"{template}: no usable slide layout: the deck needs a layout with a title placeholder "
                         f"(layouts found: {names_found})")
    return min(candidates, key=lambda layout: len(_kinds(layout)))


def remove_unused_placeholders(slide, keep: set[int]) -> None:
    """Delete placeholders the deck did not fill, so that no empty 'Click to add text' is left behind."""
    for placeholder in list(slide.placeholders):
        if placeholder.placeholder_format.idx not in keep:
            element = placeholder._element
            element.getparent().remove(element)


def _theme_part(prs):
    return prs.slide_master.part.part_related_by(RT.THEME)


def apply_theme(prs, colours: dict[str, str], major: str | None = None, minor: str | None = None,
                name: str | None = None) -> None:
    """Write colours (slot -> #RRGGBB) and fonts into the deck's theme, so that every shape using them follows."""
    part = _theme_part(prs)
    theme = etree.fromstring(part.blob)
    if name:
        theme.set("name", name)
    scheme = theme.find(f".//{_A}clrScheme")
    for slot, value in colours.items():
        element = scheme.find(f"{_A}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{_A}srgbClr", val=value.lstrip("#").upper())
    for tag, family in (("majorFont", major), ("minorFont", minor)):
        if family:
            latin = theme.find(f".//{_A}{tag}/{_A}latin")
            latin.set("typeface", family)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
