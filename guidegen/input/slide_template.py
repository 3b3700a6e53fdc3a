"""A company's slide template, checked and cleaned before the deck is built on it.

A .pptx or .potx is a zip of XML parts, and a template from someone else may be hostile: a zip
bomb, parts that do not inflate, a slide size of zero, no slide master, macros smuggled in as a
renamed .potm, or links to images, templates and pages elsewhere that the finished deck would
fetch when opened ("phoning home"). Everything here works on the zip's own directory and
parts, before python-pptx reads anything, and the deck is built from the cleaned bytes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from guidegen.errors import InputError, InputFileError
from guidegen.input.safe_read import MAX_TEMPLATE_BYTES, read_capped

MAX_PARTS = 5_000
MAX_UNPACKED_BYTES = 300_000_000  # a template with many high-resolution pictures stays far below
MAX_RATIO = 200  # XML compresses about 10:1; a zip bomb compresses thousands to one
MIN_SLIDE_EMU = 914_400  # one inch: smaller is no slide at all
MAX_SLIDE_EMU = 51_206_400  # 56 inches, the largest slide PowerPoint allows

_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
}
_PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_OTHER_DOCUMENTS = {"wordprocessingml": "a Word document", "spreadsheetml": "an Excel workbook",
                    "ms-word": "a Word document", "ms-excel": "an Excel workbook"}
_MACRO_WORDS = ("vbaproject", "vbadata", "activex")


@dataclass(frozen=True)
class SlideTemplate:
    """A template that passed every check: its cleaned package, and what was dropped from it."""

    path: Path
    data: bytes
    warnings: tuple[str, ...] = ()
    colours: dict[str, str] = field(default_factory=dict)  # its theme's colour slots (dk1, accent1...) as #RRGGBB


def _unusable(path: Path, why: str) -> InputError:
    return InputError(f"{path}: not a usable slide template: {why}")


def check_template(path: Path) -> SlideTemplate:
    """Read, check and clean a company template, or raise ``InputError`` naming it and saying why."""
    try:
        data = read_capped(path, MAX_TEMPLATE_BYTES, "slide template")
    except InputFileError as exc:
        raise InputError(exc.problems[0]) from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise _unusable(path, "it is not a zip package, as a .pptx or .potx is") from None
    _check_directory(path, archive)
    try:
        parts = {item.filename: archive.read(item) for item in archive.infolist() if not item.is_dir()}
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise _unusable(path, f"a part does not inflate ({exc})") from None
    warnings: list[str] = []
    try:
        parts = _cleaned(path, parts, warnings)
    except etree.XMLSyntaxError as exc:
        raise _unusable(path, f"a part is not well-formed XML ({exc})") from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    template = SlideTemplate(path, out.getvalue(), tuple(warnings))
    return replace(template, colours=_check_presentation(template))


def _check_directory(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb from its directory alone, before inflating a single part."""
    items = archive.infolist()
    if len(items) > MAX_PARTS:
        raise _unusable(path, f"it has {len(items):,} parts; at most {MAX_PARTS:,} are allowed")
    total = sum(item.file_size for item in items)
    if total > MAX_UNPACKED_BYTES:
        raise _unusable(path, f"it unpacks to {total:,} bytes; at most {MAX_UNPACKED_BYTES:,} are allowed")
    for item in items:
        if item.file_size > 1_000_000 and item.file_size > MAX_RATIO * max(item.compress_size, 1):
            raise _unusable(path, f"its part {item.filename} inflates {item.file_size // max(item.compress_size, 1):,} "
                                  f"times, as a zip bomb does")


def _cleaned(path: Path, parts: dict[str, bytes], warnings: list[str]) -> dict[str, bytes]:
    """The parts without macros and without any relationship to something outside the package."""
    types_xml = parts.get("[Content_Types].xml")
    if types_xml is None:
        raise _unusable(path, "it has no [Content_Types].xml, so it is not an Office package")
    types = etree.fromstring(types_xml)
    overrides = {element.get("PartName", "").lstrip("/"): element for element in types
                 if element.tag == f"{{{_CONTENT_TYPES}}}Override"}
    main = next((name for name, element in overrides.items() if element.get("ContentType") in _MAIN_TYPES), None)
    if main is None:
        kinds = " ".join(element.get("ContentType", "") for element in overrides.values())
        other = next((words for key, words in _OTHER_DOCUMENTS.items() if key in kinds), None)
        raise _unusable(path, f"it is {other}, not a PowerPoint file (.pptx or .potx)" if other
                        else "it holds no presentation (a .pptx or .potx has one)")
    overrides[main].set("ContentType", _PRESENTATION_TYPE)  # a .potx, .potm or .ppsx opens as a .pptx

    macros = [name for name in parts if any(word in name.lower() for word in _MACRO_WORDS)]
    for name in macros:
        del parts[name]
        if name in overrides:
            types.remove(overrides.pop(name))
    for element in list(types):
        if "vbaProject" in element.get("ContentType", "") or "activeX" in element.get("ContentType", ""):
            types.remove(element)
    if macros:
        warnings.append(f"{path}: dropped macros and controls from the template ({', '.join(sorted(macros))}); "
                        f"a deck made by guidegen runs no code")

    dropped_links: list[str] = []
    for rels_name in [name for name in parts if name.endswith(".rels")]:
        rels = etree.fromstring(parts[rels_name])
        folder, _, file = rels_name.rpartition("_rels/")
        source = posixpath.join(folder, file.removesuffix(".rels"))
        gone = set()
        for relationship in list(rels):
            target = relationship.get("Target", "")
            resolved = posixpath.normpath(posixpath.join(folder, target)).lstrip("/") if not target.startswith("/") \
                else target.lstrip("/")
            if relationship.get("TargetMode") == "External":
                gone.add(relationship.get("Id"))
                dropped_links.append(target)
                rels.remove(relationship)
            elif resolved in macros or any(word in relationship.get("Type", "").lower() for word in _MACRO_WORDS):
                gone.add(relationship.get("Id"))
                rels.remove(relationship)
        parts[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        if gone and source in parts:
            parts[source] = _without_references(parts[source], gone)
    if dropped_links:
        shown = ", ".join(sorted(set(dropped_links))[:5]) + (" ..." if len(set(dropped_links)) > 5 else "")
        warnings.append(f"{path}: dropped {len(dropped_links)} link(s) to outside the template ({shown}): "
                        f"a deck made by guidegen fetches nothing when it is opened")
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    return parts


def _without_references(xml: bytes, ids: set[str]) -> bytes:
    """``xml`` without the elements that use the relationships ``ids`` (a linked picture keeps its frame)."""
    root = etree.fromstring(xml)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        used = [name for name, value in element.attrib.items()
                if name.startswith(f"{{{_OFFICE_RELATIONSHIPS}}}") and value in ids]
        if not used:
            continue
        parent = element.getparent()
        if etree.QName(element).localname == "blip" or parent is None:  # a picture keeps its frame, unfilled
            for name in used:
                del element.attrib[name]
        else:  # a hyperlink, an attached template, a linked object: the element only points outside
            parent.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _check_presentation(template: SlideTemplate) -> dict[str, str]:
    """Open the cleaned package as python-pptx will, refuse what no deck can be built on, and return its
    theme's colours."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(template.data))
        masters = len(prs.slide_masters)
        width, height = prs.slide_width, prs.slide_height
    except Exception as exc:  # python-pptx raises many kinds for broken packages  # noqa: BLE001
        raise _unusable(template.path, f"python-pptx cannot open it ({type(exc).__name__})") from None
    if masters == 0:
        raise _unusable(template.path, "it has no slide master")
    for name, value in (("width", width), ("height", height)):
        if value is None or not MIN_SLIDE_EMU <= value <= MAX_SLIDE_EMU:
            shown = "missing" if value is None else f"{value / 914_400:.2f} inches"
            raise _unusable(template.path, f"its slide {name} is {shown}; it must be between 1 and 56 inches")
    return theme_colours(prs)


THEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
               "hlink", "folHlink")
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def theme_colours(prs) -> dict[str, str]:
    """The theme's colour slots as #RRGGBB (system colours by their last known value)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    scheme = theme.find(f".//{_A}clrScheme")
    colours = {}
    for slot in THEME_SLOTS:
        element = scheme.find(f"{_A}{slot}") if scheme is not None else None
        child = element[0] if element is not None and len(element) else None
        value = child.get("val") if child is not None and child.tag == f"{_A}srgbClr" else \
            child.get("lastClr") if child is not None else None
        if value:
            colours[slot] = "#" + value.upper()
    return colours
