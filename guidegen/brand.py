"""A company's brand, read from a brand.yml file (the format Quarto and Posit tools read).

guidegen honours what a printed guide and a slide deck can use: the company
name and link, logos, colours and the base and heading fonts. Everything else
brand.yml allows is accepted and reported, with its line, as ignored. Paths
resolve relative to the brand file and must stay inside its folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, Field

from .colors import AA_NORMAL, contrast, mix, readable_on
from .context import Theme
from .loader import Document, read_document
from .model import Strict, Text

COLOUR_NAMES = ("foreground", "background", "primary", "secondary", "tertiary", "success", "info", "warning",
                "danger", "light", "dark")

# CSS colour keywords a brand file is likely to use; anything else must be hex or a palette name.
CSS_COLOURS = {
    "black": "#000000", "white": "#FFFFFF", "red": "#FF0000", "green": "#008000", "blue": "#0000FF",
    "navy": "#000080", "teal": "#008080", "purple": "#800080", "orange": "#FFA500", "yellow": "#FFFF00",
    "gray": "#808080", "grey": "#808080", "silver": "#C0C0C0", "maroon": "#800000", "olive": "#808000",
    "lime": "#00FF00", "aqua": "#00FFFF", "fuchsia": "#FF00FF", "pink": "#FFC0CB", "indigo": "#4B0082",
    "darkblue": "#00008B", "darkgreen": "#006400", "darkred": "#8B0000", "gold": "#FFD700",
}
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


class NameParts(Strict):
    full: Text | None = None
    short: Text | None = None


class Meta(Strict):
    name: Text | NameParts | None = None
    link: Text | dict[str, Text] | None = None
    links: Text | dict[str, Text] | None = None


class ImageFile(Strict):
    path: Text
    alt: Text | None = None


class LightDark(Strict):
    light: Text | ImageFile | None = None
    dark: Text | ImageFile | None = None


LogoRef = Text | ImageFile | LightDark


class Logo(Strict):
    images: dict[str, Text | ImageFile] = {}
    small: LogoRef | None = None
    medium: LogoRef | None = None
    large: LogoRef | None = None


class Colours(Strict):
    palette: dict[str, Text] = {}
    foreground: Text | None = None
    background: Text | None = None
    primary: Text | None = None
    secondary: Text | None = None
    tertiary: Text | None = None
    success: Text | None = None
    info: Text | None = None
    warning: Text | None = None
    danger: Text | None = None
    light: Text | None = None
    dark: Text | None = None


class FontFile(Strict):
    path: Text
    weight: int | Text = 400
    style: Literal["normal", "italic"] = "normal"


class FontSource(Strict):
    family: Text
    source: Literal["system", "file", "google", "bunny"]
    files: list[Text | FontFile] = []
    weight: Any = None
    style: Any = None
    display: Any = None


class TextStyle(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    family: Text | None = None
    weight: int | Text | None = None
    style: Text | None = None
    size: Text | None = None
    line_height: float | Text | None = Field(default=None, alias="line-height")
    color: Text | None = None


class Typography(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    fonts: list[FontSource] = []
    base: Text | TextStyle | None = None
    headings: Text | TextStyle | None = None
    monospace: Any = None
    monospace_inline: Any = Field(default=None, alias="monospace-inline")
    monospace_block: Any = Field(default=None, alias="monospace-block")
    link: Any = None


class BrandFile(Strict):
    meta: Meta = Meta()
    logo: Text | Logo | None = None
    color: Colours = Colours()
    typography: Typography = Typography()
    defaults: Any = None


MAX_LOGO_PIXELS = 40_000_000  # far above any logo; a "decompression bomb" image is far above this


def bitmap_problem(path: Path) -> str | None:
    """Why a PNG or JPEG logo is refused, or None."""
    from PIL import Image as PILImage

    try:
        with PILImage.open(path) as image:
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                return f"is {width} x {height} pixels, too large for a logo"
            image.verify()
    except Exception as exc:  # Pillow raises many kinds of errors for broken files
        return f"cannot be read as an image ({exc})"
    return None


def svg_problem(path: Path) -> str | None:
    """Why an SVG logo is refused, or None: it must be well-formed and self-contained.

    An SVG can pull in other files or URLs (images, fonts, stylesheets, entities);
    a logo from someone else must not make the renderer read or fetch anything.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        return f"is not well-formed SVG ({exc})"
    if root.getroottree().docinfo.internalDTD is not None or b"<!ENTITY" in path.read_bytes()[:4096].upper():
        return "declares entities or a DTD, which a logo does not need"
    if not isinstance(root.tag, str) or etree.QName(root).localname != "svg":
        return "is not an SVG image"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in ("script", "foreignObject"):
            return f"contains <{name}>, which a logo must not"
        for attribute, value in element.attrib.items():
            value = value.strip()
            if etree.QName(attribute).localname == "href" and not value.startswith(("#", "data:")):
                return f"refers to {value!r}: a logo must not load other files or URLs"
            if "url(" in value and not all(part.lstrip(" '\"").startswith(("#", "data:"))
                                           for part in value.split("url(")[1:]):
                return f"refers to {value!r}: a logo must not load other files or URLs"
        if name == "style" and element.text and ("@import" in element.text or "url(" in element.text):
            if any(not part.lstrip(" '\"").startswith(("#", "data:")) for part in element.text.split("url(")[1:]) \
                    or "@import" in element.text:
                return "has a stylesheet that loads other files or URLs"
    return None


# -- what the renderers get ---------------------------------------------------------------------


@dataclass(frozen=True)
class Image:
    path: Path
    alt: str
    kind: str  # "svg", "png" or "jpeg"


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    weight: int
    style: str


@dataclass(frozen=True)
class Brand:
    """A brand as the renderers use it: resolved colours, fonts, logos, name."""

    source: Path
    name: str | None
    short_name: str | None
    link: str | None
    theme: Theme
    base_font: str | None
    heading_font: str | None
    font_faces: tuple[FontFace, ...]
    logo_on_light: Image | None  # for white pages and slides
    logo_on_dark: Image | None  # for the cover and the title slide, which are the primary colour
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def folder(self) -> Path:
        return self.source.parent

    @property
    def slug(self) -> str:
        """A folder name for this brand's documents."""
        text = (self.name or self.short_name or self.source.parent.name or self.source.stem).lower()
        return "".join(c if c.isalnum() else "-" for c in text).strip("-") or "brand"


_WEIGHTS = {"thin": 100, "extra-light": 200, "light": 300, "normal": 400, "regular": 400, "medium": 500,
            "semi-bold": 600, "bold": 700, "extra-bold": 800, "black": 900}


class _Resolver:
    def __init__(self, document: Document, brand: BrandFile):
        self.document = document
        self.brand = brand
        self.warnings: list[str] = []

    def warn(self, loc: tuple, message: str) -> None:
        line, column = self.document.positions.of(loc, key=True)
        self.warnings.append(f"{self.document.label}:{line}:{column} {'.'.join(map(str, loc))}: {message}")

    # colours
    def colour(self, value: str, loc: tuple, seen: tuple = ()) -> str | None:
        text = value.strip()
        palette = self.brand.color.palette
        if text.startswith("#") and len(text) in (4, 7) and all(c in "0123456789abcdefABCDEF" for c in text[1:]):
            return "#" + "".join(c * 2 for c in text[1:]).upper() if len(text) == 4 else text.upper()
        if text in palette and text not in seen:
            return self.colour(palette[text], ("color", "palette", text), (*seen, text))
        if text in COLOUR_NAMES and text not in seen and getattr(self.brand.color, text):
            return self.colour(getattr(self.brand.color, text), ("color", text), (*seen, text))
        if text.lower() in CSS_COLOURS:
            return CSS_COLOURS[text.lower()]
        self.document.add(loc, f"{value!r} is not a colour: use #RRGGBB, a palette name or a colour name")
        return None

    def theme(self) -> Theme:
        colours = self.brand.color
        resolved = {}
        for name in COLOUR_NAMES:
            value = getattr(colours, name)
            if value is not None:
                resolved[name] = self.colour(value, ("color", name))
        for name, value in colours.palette.items():
            self.colour(value, ("color", "palette", name))
        for name in ("success", "info", "warning", "danger", "dark"):
            if name in resolved:
                self.warn(("color", name), "ignored: the guide and the deck have no use for this colour")
        default = Theme()
        background = resolved.get("background") or default.background
        foreground = resolved.get("foreground") or default.text
        if contrast(foreground, background) < AA_NORMAL:
            better = readable_on(background, "#FFFFFF", "#000000")
            self.warn(("color", "foreground"), f"{foreground} on the background {background} has contrast "
                                               f"{contrast(foreground, background):.1f}:1, below 4.5:1; using {better}")
            foreground = better
        primary = resolved.get("primary") or default.primary
        accent = resolved.get("secondary") or resolved.get("tertiary") or primary
        light = resolved.get("light") or mix(primary, background, 0.9)
        theme = Theme(primary=primary, accent=accent, light=light, text=foreground,
                      muted=mix(foreground, background, 0.35), background=background)
        if contrast(theme.primary, background) < AA_NORMAL:
            self.warn(("color", "primary"), f"{primary} on the background {background} has contrast "
                                            f"{contrast(primary, background):.1f}:1; headings use a darker shade")
        if contrast(theme.on_primary, primary) < AA_NORMAL:
            self.warn(("color", "primary"), f"no text colour reaches 4.5:1 on {primary}: the cover's text "
                                            f"will be hard to read")
        return theme

    # files
    def file(self, value: str, loc: tuple, what: str) -> Path | None:
        folder = self.document.path.parent.resolve()
        path = (folder / value).resolve()
        if not path.is_relative_to(folder):
            self.document.add(loc, f"{value!r} is outside the brand file's folder; keep {what}s beside brand.yml")
            return None
        if not path.is_file():
            self.document.add(loc, f"{what} file {value!r} does not exist (looked for {path})")
            return None
        return path

    def image(self, ref: Any, loc: tuple) -> Image | None:
        logo = self.brand.logo
        images = logo.images if isinstance(logo, Logo) else {}
        if isinstance(ref, str) and ref in images:
            return self.image(images[ref], ("logo", "images", ref))
        path_text, alt = (ref.path, ref.alt) if isinstance(ref, ImageFile) else (ref, None)
        path = self.file(path_text, loc, "logo")
        if path is None:
            return None
        head = path.read_bytes()[:512]
        kind = next((kind for magic, kind in IMAGE_SIGNATURES.items() if head.startswith(magic)), None)
        if kind is None and b"<svg" in head.lower():
            kind = "svg"
        if kind is None:
            self.document.add(loc, f"{path_text!r} is not an SVG, PNG or JPEG image")
            return None
        problem = svg_problem(path) if kind == "svg" else bitmap_problem(path)
        if problem:
            self.document.add(loc, f"{path_text!r}: {problem}")
            return None
        name = self.name()[0] or "Company"
        return Image(path, alt or f"{name} logo", kind)

    def logos(self) -> tuple[Image | None, Image | None]:
        logo = self.brand.logo
        if logo is None:
            return None, None
        if isinstance(logo, str):
            image = self.image(logo, ("logo",))
            return image, image
        choices = [(size, getattr(logo, size)) for size in ("medium", "large", "small") if getattr(logo, size)]
        if not choices and logo.images:
            first = next(iter(logo.images))
            choices = [("images", first)]
        if not choices:
            return None, None
        size, ref = choices[0]
        if isinstance(ref, LightDark):
            light = self.image(ref.light, ("logo", size, "light")) if ref.light else None
            dark = self.image(ref.dark, ("logo", size, "dark")) if ref.dark else None
            return light or dark, dark or light
        image = self.image(ref, ("logo", size))
        return image, image

    # fonts
    def fonts(self) -> tuple[str | None, str | None, tuple[FontFace, ...]]:
        typography = self.brand.typography
        faces = []
        for index, source in enumerate(typography.fonts):
            loc = ("typography", "fonts", index)
            if source.source in ("google", "bunny"):
                self.warn((*loc, "source"), f"ignored: guidegen fetches nothing from the network; install "
                                            f"{source.family!r} on this machine or give its files with source: file")
            for number, entry in enumerate(source.files):
                spec = entry if isinstance(entry, FontFile) else FontFile(path=entry)
                path = self.file(spec.path, (*loc, "files", number), "font")
                if path is not None:
                    weight = spec.weight if isinstance(spec.weight, int) else _WEIGHTS.get(str(spec.weight), 400)
                    faces.append(FontFace(source.family, path, weight, spec.style))
        for name in ("monospace", "monospace_inline", "monospace_block", "link"):
            if getattr(typography, name) is not None:
                key = name.replace("_", "-")
                self.warn(("typography", key), "ignored: the guide and the deck have no code or styled links")
        families = []
        for role in ("base", "headings"):
            style = getattr(typography, role)
            family = style if isinstance(style, str) else (style.family if style else None)
            families.append(family)
            if isinstance(style, TextStyle):
                for key in ("size", "line_height", "weight", "style", "color"):
                    if getattr(style, key) is not None:
                        self.warn(("typography", role, key.replace("_", "-")),
                                  "ignored: guidegen keeps its own type scale so that the documents stay in balance")
        return families[0], families[1], tuple(faces)

    def name(self) -> tuple[str | None, str | None, str | None]:
        meta = self.brand.meta
        if isinstance(meta.name, NameParts):
            full, short = meta.name.full or meta.name.short, meta.name.short or meta.name.full
        else:
            full = short = meta.name
        links = meta.link or meta.links
        link = links if isinstance(links, str) else (links or {}).get("home") or next(iter((links or {}).values()), None)
        return full, short, link


def load_brand(path: str | Path) -> Brand:
    """Read and resolve a brand file, or raise ``InputFileError`` listing every problem with its line."""
    document = read_document(path, kind="brand")
    brand_file = document.validate(BrandFile)
    document.fail_if_problems()
    resolver = _Resolver(document, brand_file)
    if brand_file.defaults is not None:
        resolver.warn(("defaults",), "ignored: these are settings for other tools (Bootstrap, Quarto, Shiny)")
    theme = resolver.theme()
    name, short, link = resolver.name()
    base, headings, faces = resolver.fonts()
    on_light, on_dark = resolver.logos()
    document.fail_if_problems()
    return Brand(source=Path(path).resolve(), name=name, short_name=short, link=link, theme=theme,
                 base_font=base, heading_font=headings or base, font_faces=faces, logo_on_light=on_light,
                 logo_on_dark=on_dark, warnings=tuple(resolver.warnings))
