"""The guide as one self-contained web page, for intranets and learning platforms.

The chapters are the PDF's own templates, filled from the same view; the page around them
(web.html.j2) has landmarks and a viewport, and its stylesheet (web.css.j2) is made for screens of
every width and for printing. Fonts (subset to the characters the page uses), logos and the
staircase are inline, and a Content-Security-Policy forbids loading anything else.
"""

from __future__ import annotations

import base64
import html as html_escape
import io
import re
from functools import lru_cache
from pathlib import Path

from guidegen.guide.html import _environment, finish, font_values, page_values
from guidegen.guide.options import GuideOptions
from guidegen.resources import html_templates_dir
from guidegen.view.ladder_view import LadderView
from guidegen.view.textmetrics import brand_fonts
from guidegen.view.type_scale import measured_family

MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
        ".gif": "image/gif", ".webp": "image/webp"}
# Characters every page may show whatever its text: digits and punctuation the stylesheet or a reader's
# own search might put on screen.
ALWAYS = "0123456789 .,;:!?'\"()[]-–—…“”‘’«»/%&+#*"


def data_url(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_image(image) -> dict | None:
    """A brand image for the page's ``src``: its bytes, inline."""
    if image is None:
        return None
    mime = MIME.get(image.path.suffix.lower(), "application/octet-stream")
    return {"url": data_url(image.path, mime), "alt": image.alt}


@lru_cache(maxsize=16)
def _subset(path: str, characters: str) -> bytes:
    """The font at ``path`` cut down to ``characters``, as WOFF (zlib: no extra library needed)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.font_number = 0  # the first face of a collection (.ttc)
    font = subset.load_font(path, options, lazy=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()


def _face(family: str, path: str, weight: str, style: str, characters: str) -> dict:
    woff = base64.b64encode(_subset(path, characters)).decode("ascii")
    return {"family": family, "url": f"data:font/woff;base64,{woff}", "format": "woff", "weight": weight,
            "style": style}


def font_faces(context: LadderView, characters: str) -> list[dict]:
    """The page's fonts, inline: the brand's own files, else the families it names (or the guide's
    default family) as installed here, regular for weights up to 500 and bold above."""
    from guidegen.view.textmetrics import find_font

    brand = context.brand
    if brand is not None and brand.font_faces:
        return [_face(face.family, str(face.path), str(face.weight), face.style, characters)
                for face in brand.font_faces]
    families = dict.fromkeys([measured_family(brand.base_font if brand else None),
                              *([brand.heading_font] if brand and brand.heading_font else [])])
    faces = []
    for family in families:
        for bold, weights in ((False, "100 500"), (True, "600 900")):
            try:
                faces.append(_face(family, find_font(family, bold=bold), weights, "normal", characters))
            except Exception:  # noqa: BLE001 (a font that cannot be subset: the reader's own fonts stand in)
                continue
    return faces


def page_characters(html: str) -> str:
    """Every character the page shows (its text, outside tags and the stylesheet), in a stable order."""
    text = re.sub(r"<style\b.*?</style>|<[^>]*>", " ", html, flags=re.S)
    return "".join(sorted(set(html_escape.unescape(text)) | set(ALWAYS)))


def render_web(context: LadderView, options: GuideOptions = GuideOptions(), live_reload: str = "") -> str:
    """The guide as one HTML page; ``live_reload`` is a script the preview server adds."""
    env = _environment(html_templates_dir())
    with brand_fonts(context.brand.font_faces if context.brand else ()):  # columns measured in the brand's fonts
        values = page_values(context, options, image=_inline_image)
    template = env.get_template("web.html.j2")
    fonts = font_values(context)
    draft = template.render(css="", live_reload="", **values)  # the text, to know which glyphs to embed
    css = env.get_template("web.css.j2").render(theme=context.theme,
                                               font_faces=font_faces(context, page_characters(draft)), **fonts)
    return finish(template.render(css=css, live_reload=live_reload, **values))

