"""Why a logo or font file from someone else is refused, decided before any renderer touches it.

An SVG is a program for a renderer: it can load other files or URLs (``href``, CSS ``url()`` and
``@import``, stylesheet processing instructions), nest another SVG or a gzip bomb in a ``data:``
URI, or make a 1 KB file draw millions of elements through nested ``<use>`` or patterns that
refer to themselves. A font file can be anything with a .ttf name. Each check here reads only
the bytes given, parses them with a real parser (lxml, tinycss2, fontTools), and bounds the work.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from urllib.parse import unquote_to_bytes

IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
MAX_LOGO_PIXELS = 40_000_000  # far above any logo; a "decompression bomb" image is far above this
MAX_SVG_ELEMENTS = 20_000  # elements drawn once every <use> and pattern is expanded; logos have hundreds
MAX_DATA_URI_BYTES = 2_000_000
_ABSOLUTE_LENGTH = re.compile(r"^\s*(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*(px|pt|pc|mm|cm|in|em|ex)?\s*$", re.I)
_XLINK = "{http://www.w3.org/1999/xlink}href"


def image_kind(head: bytes) -> str | None:
    """"svg", "png" or "jpeg" from a file's first bytes, or None."""
    kind = next((kind for magic, kind in IMAGE_SIGNATURES.items() if head.startswith(magic)), None)
    if kind is None and b"<svg" in head[:4096].lower():
        kind = "svg"
    return kind


def bitmap_problem(data: bytes) -> str | None:
    """Why a PNG or JPEG logo is refused, or None."""
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                return f"is {width} x {height} pixels, too large for a logo"
            image.verify()
    except Exception as exc:  # Pillow raises many kinds of errors for broken files  # noqa: BLE001
        return f"cannot be read as an image ({exc})"
    return None


def svg_problem(data: bytes) -> str | None:
    """Why an SVG logo is refused, or None: it must be well-formed, self-contained, sized and bounded."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(io.BytesIO(data), parser).getroot()
    except etree.XMLSyntaxError as exc:
        return f"is not well-formed SVG ({exc})"
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or b"<!ENTITY" in data[:4096].upper():
        return "declares entities or a DTD, which a logo does not need"
    if not isinstance(root.tag, str) or etree.QName(root).localname != "svg":
        return "is not an SVG image"
    instructions = [*root.itersiblings(etree.ProcessingInstruction, preceding=True),
                    *root.iter(etree.ProcessingInstruction)]
    if instructions:
        return f"holds the processing instruction <?{instructions[0].target} ...?>, which may load a stylesheet"
    problem = _size_problem(root)
    if problem:
        return problem
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    if len(elements) > MAX_SVG_ELEMENTS:
        return f"has {len(elements):,} elements; a logo may have at most {MAX_SVG_ELEMENTS:,}"
    for element in elements:
        name = etree.QName(element).localname
        if name in ("script", "foreignObject", "iframe", "audio", "video"):
            return f"contains <{name}>, which a logo must not"
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname
            if local.lower().startswith("on"):
                return f"has the event handler {local}=, which a logo must not"
            if local == "href":
                problem = _reference_problem(value.strip())
            elif local == "style":
                problem = _css_problem(value, declarations=True)
            else:
                problem = _css_problem(value, declarations=False) if "(" in value else None
            if problem:
                return problem
        if name == "style":
            problem = _css_problem("".join(element.itertext()), declarations=False, stylesheet=True)
            if problem:
                return problem
    return _expansion_problem(root, elements)


def _size_problem(root) -> str | None:
    """An SVG needs a positive, absolute size, or a viewBox to take one from."""
    width, height = root.get("width"), root.get("height")
    if width is not None or height is not None:
        for name, value in (("width", width), ("height", height)):
            if value is None:
                continue
            match = _ABSOLUTE_LENGTH.match(value)
            if not match:
                return f"has {name}={value!r}: a logo needs an absolute size (a number, or px, mm, ...), not a percentage"
            if float(match.group(1) + (match.group(3) or "")) <= 0:
                return f"has {name}={value!r}: a logo's size must be above zero"
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if width is None or height is None:
        try:
            box_width, box_height = float(box[2]), float(box[3])
        except (IndexError, ValueError):
            return "has no size: give it width and height, or a viewBox"
        if box_width <= 0 or box_height <= 0:
            return "has a viewBox of no size"
    return None


def _reference_problem(value: str) -> str | None:
    if value.startswith("#"):
        return None
    if value.lower().startswith("data:"):
        return _data_uri_problem(value)
    return f"refers to {value[:80]!r}: a logo must not load other files or URLs"


def _data_uri_problem(uri: str) -> str | None:
    """A ``data:`` URI may carry a PNG or JPEG; not another SVG, a gzip stream, or megabytes."""
    header, _, payload = uri.partition(",")
    media = header[5:].split(";")[0].strip().lower()
    try:
        data = base64.b64decode(payload, validate=False) if ";base64" in header.lower() else unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return "holds a data: URI that does not decode"
    if len(data) > MAX_DATA_URI_BYTES:
        return f"holds a data: URI of {len(data):,} bytes; at most {MAX_DATA_URI_BYTES:,} are allowed"
    if data.startswith(b"\x1f\x8b"):
        return "holds a gzip-compressed data: URI, which a logo does not need"
    if "svg" in media or image_kind(data) == "svg":
        return "nests another SVG in a data: URI; put its drawing in the logo itself"
    if image_kind(data) in ("png", "jpeg"):
        return bitmap_problem(data)
    if media.startswith("image/"):
        return f"holds a data: URI of type {media}, which is not PNG or JPEG"
    return None  # other data (a font in a style's url(), say) is inert text or bytes


def _css_problem(text: str, *, declarations: bool, stylesheet: bool = False) -> str | None:
    """A stylesheet, a style attribute or a presentation attribute that loads nothing from outside.

    Parsed with tinycss2, so comments, case (``@IMPORT``, ``URL(``) and escapes (``u\\72l(``) are
    read as a browser reads them rather than matched as text.
    """
    import tinycss2

    if stylesheet:
        nodes = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    elif declarations:
        nodes = tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True)
    else:
        nodes = tinycss2.parse_component_value_list(text, skip_comments=True)
    stack = list(nodes)
    while stack:
        node = stack.pop()
        kind = getattr(node, "type", "")
        if kind == "at-rule" and node.lower_at_keyword in ("import", "namespace", "font-face"):
            return f"has a stylesheet with @{node.lower_at_keyword}, which may load other files or URLs"
        if kind == "url":
            problem = _reference_problem(node.value.strip())
            if problem:
                return problem.replace("refers to", "has a style that refers to", 1)
        if kind == "function" and node.lower_name in ("url", "src", "image", "image-set", "element"):
            strings = [arg.value for arg in node.arguments if getattr(arg, "type", "") in ("string", "url")]
            if node.lower_name != "url" or not strings:
                return f"has a style using {node.lower_name}(), which a logo does not need"
            problem = _reference_problem(strings[0].strip())
            if problem:
                return problem.replace("refers to", "has a style that refers to", 1)
        for attribute in ("prelude", "content", "value", "arguments"):
            children = getattr(node, attribute, None)
            if isinstance(children, list):
                stack.extend(children)
    return None


def _expansion_problem(root, elements) -> str | None:
    """How many elements the logo draws once each ``<use>``, pattern and paint reference is followed.

    Nested ``<use>`` fan out: ten levels of ten make ten billion from a 2 KB file. Each element with
    an id is costed once (memoised), so this stays linear in the file's size; a reference back to an
    element being costed is a loop, which renderers follow until they run out of memory or stack.
    """
    from lxml import etree

    by_id = {element.get("id"): element for element in elements if element.get("id")}
    costs: dict[int, int] = {}
    visiting: set[int] = set()

    def references(element) -> list:
        found = []
        for attribute, value in element.attrib.items():
            if etree.QName(attribute).localname == "href" and value.strip().startswith("#"):
                found.append(value.strip()[1:])
            found.extend(re.findall(r"url\(\s*['\"]?#([^)'\"\s]+)", value))
        return [by_id[name] for name in found if name in by_id]

    def cost(element) -> int:
        key = id(element)
        if key in costs:
            return costs[key]
        if key in visiting:
            raise _Loop(element.get("id") or etree.QName(element).localname)
        visiting.add(key)
        total = 1
        for child in element:
            if isinstance(child.tag, str):
                total += cost(child)
        for target in references(element):
            total += cost(target)
        visiting.discard(key)
        costs[key] = min(total, MAX_SVG_ELEMENTS + 1)
        return costs[key]

    try:
        drawn = cost(root)
    except _Loop as loop:
        return f"refers back to itself through #{loop.args[0]}, which a renderer would follow forever"
    except RecursionError:
        return "nests references too deeply"
    if drawn > MAX_SVG_ELEMENTS:
        return (f"draws more than {MAX_SVG_ELEMENTS:,} elements once its <use> references are expanded; "
                f"a logo needs far fewer")
    return None


class _Loop(Exception):
    pass


def draw_svg(data: bytes, height: int) -> bytes:
    """The SVG as PNG bytes ``height`` pixels tall (CairoSVG, given the bytes: no path to read as a URL)."""
    import cairosvg

    return cairosvg.svg2png(bytestring=data, output_height=height, unsafe=False)


DRAWN_HEIGHT_PX = 300  # an SVG logo is drawn this tall when checked; the deck reuses that drawing
DRAWING_SECONDS = 10  # one logo's time budget: a logo draws in a fraction of a second
SECONDS_PER_EXTRA_DRAWING = 0.5  # drawn together, each more logo adds this (CairoSVG is imported once)


def svg_drawings(drawings: list[bytes]) -> list[tuple[bytes | None, str | None]]:
    """Draw each SVG once, under a time and memory budget: what the static checks missed shows here.

    All are drawn in one child process, so CairoSVG is imported once for all of them (a brand's, or a
    batch's). Each comes back as its PNG, ``DRAWN_HEIGHT_PX`` tall, or the reason it is refused. Should
    the drawings together overrun their budget, each is drawn again alone, to tell which one did.
    """
    from guidegen.bounded import OverBudget, run_bounded

    if not drawings:
        return []
    try:
        # A batch of twenty brands draws forty logos: one of them looping must not hold all of it for 400 s.
        seconds = DRAWING_SECONDS + SECONDS_PER_EXTRA_DRAWING * (len(drawings) - 1)
        return run_bounded(_draw_each, drawings, seconds=seconds, megabytes=500)
    except OverBudget as exc:
        if len(drawings) > 1:
            return [svg_drawings([data])[0] for data in drawings]
        return [(None, f"drawing it {exc}; a logo draws in a fraction of a second")]


def _draw_each(drawings: list[bytes]) -> list[tuple[bytes | None, str | None]]:
    outcomes = []
    for data in drawings:
        try:
            outcomes.append((draw_svg(data, DRAWN_HEIGHT_PX), None))
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 (CairoSVG's errors for drawings it cannot make)
            outcomes.append((None, f"cannot be drawn ({type(exc).__name__}: {str(exc)[:120]})"))
    return outcomes


def font_problem(data: bytes) -> str | None:
    """Why a font file is refused, or None: it must be a whole font that fontTools can read."""
    if not data:
        return "is empty, not a font"
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data), lazy=False, fontNumber=0)
        missing = [tag for tag in ("cmap", "head", "hhea", "hmtx", "maxp") if tag not in font]
        if missing:
            return f"is not a usable font: it has no {', '.join(missing)} table"
        if not font.getBestCmap():
            return "is not a usable font: it maps no characters"
        font["hmtx"].metrics  # noqa: B018  (reads the table: a truncated file fails here)
        font["head"].unitsPerEm  # noqa: B018
    except Exception as exc:  # fontTools raises many kinds of errors for files that are not fonts  # noqa: BLE001
        return f"is not a font file that can be read ({type(exc).__name__}: {str(exc)[:120]})"
    return None
