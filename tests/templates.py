"""Slide templates the tests make: a company's 4:3 .potx with other fonts and layout names."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"

CORPORATE_FONTS = ("DejaVu Serif", "DejaVu Sans")  # major (headings), minor (body)
CORPORATE_ACCENT = "C0392B"


def make_corporate_template(path: Path, *, rename_layouts: bool = True, keep_title_layouts: bool = True) -> Path:
    """python-pptx's own 4:3 template, restyled: other theme fonts and accent, renamed layouts,
    one sample slide left in, saved as a .potx when ``path`` ends so."""
    prs = Presentation()  # 4:3, 10 x 7.5 in
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    major, minor = CORPORATE_FONTS
    theme.find(f".//{A}majorFont/{A}latin").set("typeface", major)
    theme.find(f".//{A}minorFont/{A}latin").set("typeface", minor)
    accent = theme.find(f".//{A}accent1")
    for child in list(accent):
        accent.remove(child)
    etree.SubElement(accent, f"{A}srgbClr", val=CORPORATE_ACCENT)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)

    if rename_layouts:  # as a company in another language would have them: found by placeholder type instead
        for layout in prs.slide_layouts:
            layout.name = {"Title Slide": "Couverture", "Title Only": "Titre seul"}.get(layout.name, layout.name)
    if not keep_title_layouts:
        for layout in list(prs.slide_layouts):
            for placeholder in list(layout.placeholders):
                if placeholder.placeholder_format.type.name in ("TITLE", "CENTER_TITLE"):
                    placeholder._element.getparent().remove(placeholder._element)

    sample = prs.slides.add_slide(prs.slide_layouts[1])
    if sample.shapes.title is not None:
        sample.shapes.title.text = "Sample slide the company left in its template"
    buffer = io.BytesIO()
    prs.save(buffer)
    data = buffer.getvalue()
    if path.suffix == ".potx":
        data = _retype(data, PRESENTATION_TYPE, TEMPLATE_TYPE)
    path.write_bytes(data)
    return path


def _retype(data: bytes, old: bytes, new: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(old, new)
            target.writestr(item, content)
    return out.getvalue()
