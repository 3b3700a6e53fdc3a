"""A company's brand, read from a brand.yml file (the format Quarto and Posit tools read).

guidegen honours what a printed guide and a slide deck can use: the company
name and link, logos, colours and the base and heading fonts. Everything else
brand.yml allows is accepted and reported, with its line, as ignored. Paths
resolve relative to the brand file and must stay inside its folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from guidegen.input.asset_safety import bitmap_problem, font_problem, image_kind, svg_drawings, svg_problem
from guidegen.errors import InputFileError
from guidegen.input.yaml_document import YamlDocument, read_document
from guidegen.input.brand_schema import (COLOUR_NAMES, BrandFile, FontFile, ImageFile, LightDark, Logo, NameParts,
                                         TextStyle)
from guidegen.input.safe_read import MAX_FONT_BYTES, MAX_LOGO_BYTES, read_capped

# -- what the renderers get ---------------------------------------------------------------------


@dataclass(frozen=True)
class Image:
    path: Path
    alt: str
    kind: str  # "svg", "png" or "jpeg"
    # An SVG's drawing made when it was checked (asset_safety.DRAWN_HEIGHT_PX tall): the deck's picture.
    drawn: bytes | None = field(default=None, repr=False, compare=False)


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
    colours: dict[str, str]  # colour role (primary, background...) -> #RRGGBB, as the file sets them
    colour_keys: dict[str, str]  # colour role -> "file:line:col color.role", for warnings about it
    base_font: str | None
    heading_font: str | None
    font_faces: tuple[FontFace, ...]
    logo_on_light: Image | None  # for white pages and slides
    logo_on_dark: Image | None  # for the cover and the title slide, which are the primary colour
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def folder(self) -> Path:
        """The one folder the brand's files come from, for both documents: the brand file's own, as given
        (a brand.yml that is a symlink keeps its logos beside the link), with symlinks above it resolved."""
        return self.source.parent.resolve()

    @property
    def slug(self) -> str:
        """A folder name for this brand's documents."""
        text = (self.name or self.short_name or self.source.parent.name or self.source.stem).lower()
        return "".join(c if c.isalnum() else "-" for c in text).strip("-") or "brand"


_WEIGHTS = {"thin": 100, "extra-light": 200, "light": 300, "normal": 400, "regular": 400, "medium": 500,
            "semi-bold": 600, "bold": 700, "extra-bold": 800, "black": 900}


class _Resolver:
    def __init__(self, document: YamlDocument, brand: BrandFile):
        self.document = document
        self.brand = brand
        self.warnings: list[str] = []
        self._svgs: list[tuple[Image, tuple, str, bytes]] = []  # checked, but not drawn yet
        self._refused: set[tuple[tuple, str]] = set()

    def warn(self, loc: tuple, message: str) -> None:
        line, column = self.document.positions.of(loc, key=True)
        self.warnings.append(f"{self.document.label}:{line}:{column} {'.'.join(map(str, loc))}: {message}")

    # colours
    def colour(self, value: str, loc: tuple, seen: tuple = ()) -> str | None:
        """``value`` as #RRGGBB: a palette name, a theme colour name, or any CSS colour (through tinycss2)."""
        text = value.strip()
        palette = self.brand.color.palette
        if text in palette and text not in seen:
            return self.colour(palette[text], ("color", "palette", text), (*seen, text))
        if text in COLOUR_NAMES and text not in seen and getattr(self.brand.color, text):
            return self.colour(getattr(self.brand.color, text), ("color", text), (*seen, text))
        from tinycss2.color4 import parse_color

        parsed = parse_color(text)
        if parsed is not None and not isinstance(parsed, str):
            try:
                red, green, blue = (max(0.0, min(1.0, channel)) for channel in parsed.to("srgb").coordinates)
            except NotImplementedError:
                self.document.add(loc, f"{value!r}: colours in {parsed.space} are not supported; use hex, rgb(), "
                                       f"hsl() or a CSS colour name")
                return None
            if parsed.alpha < 1:
                self.warn(loc, f"{value!r}: transparency is ignored; the colour is used opaque")
            return "#" + "".join(f"{round(channel * 255):02X}" for channel in (red, green, blue))
        message = f"{value!r} is not a colour: use #RRGGBB, rgb(), hsl(), a CSS colour name or a palette name"
        import difflib

        names = [*palette, *(name for name in COLOUR_NAMES if getattr(self.brand.color, name))]
        hint = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
        self.document.add(loc, message + (f"; did you mean {hint[0]!r}?" if hint else ""))
        return None

    def colours(self) -> tuple[dict[str, str], dict[str, str]]:
        """Each colour role the file sets, as #RRGGBB, and where it is set (for the view's contrast warnings)."""
        colours = self.brand.color
        resolved, keys = {}, {}
        for name in COLOUR_NAMES:
            value = getattr(colours, name)
            if value is not None:
                hex_colour = self.colour(value, ("color", name))
                if hex_colour:
                    resolved[name] = hex_colour
                line, column = self.document.positions.of(("color", name), key=True)
                keys[name] = f"{self.document.label}:{line}:{column} color.{name}"
        for name, value in colours.palette.items():
            self.colour(value, ("color", "palette", name))
        for name in ("success", "info", "warning", "danger", "dark"):
            if name in resolved:
                self.warn(("color", name), "ignored: the guide and the deck have no use for this colour")
        return resolved, keys

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
        try:
            data = read_capped(path, MAX_LOGO_BYTES, "logo")
        except InputFileError as exc:
            self.document.add(loc, f"{path_text!r}: {exc.problems[0].removeprefix(f'{path}: ')}")
            return None
        kind = image_kind(data[:4096])
        if kind is None:
            self.document.add(loc, f"{path_text!r} is not an SVG, PNG or JPEG image")
            return None
        problem = svg_problem(data) if kind == "svg" else bitmap_problem(data)
        if problem:
            self.document.add(loc, f"{path_text!r}: {problem}")
            return None
        name = self.name()[0] or "Company"
        image = Image(path, alt or f"{name} logo", kind)
        if kind == "svg":
            self._svgs.append((image, loc, path_text, data))
        return image

    def logos(self) -> tuple[Image | None, Image | None]:
        logo = self.brand.logo
        if logo is None:
            return None, None
        if isinstance(logo, str):
            light = dark = self.image(logo, ("logo",))
        else:
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
            else:
                light = dark = self.image(ref, ("logo", size))
        return light, dark

    @property
    def svgs(self) -> list[bytes]:
        """The SVG logos checked so far, still to be drawn (``drawn``)."""
        return [data for *_, data in self._svgs]

    def drawn(self, image: Image | None, outcomes: list[tuple[bytes | None, str | None]]) -> Image | None:
        """``image`` with its drawing (``outcomes`` as ``svg_drawings`` gave them for ``svgs``), or None, its
        problem reported, if it could not be drawn."""
        for (svg, loc, path_text, _), (png, problem) in zip(self._svgs, outcomes):
            if svg is image:
                if problem and (loc, problem) not in self._refused:  # one logo may be both light and dark
                    self._refused.add((loc, problem))
                    self.document.add(loc, f"{path_text!r}: {problem}")
                return replace(image, drawn=png) if png else None
        return image

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
                if path is not None and not self.font_file_is_usable(path, spec.path, (*loc, "files", number)):
                    path = None
                if path is not None:
                    weight = spec.weight if isinstance(spec.weight, int) else _WEIGHTS.get(str(spec.weight), 400)
                    faces.append(FontFace(source.family, path, weight, spec.style))
        for name in ("monospace", "monospace_inline", "monospace_block", "link"):
            if getattr(typography, name) is not None:
                key = name.replace("_", "-")
                self.warn(("typography", key), "ignored: the guide and the deck have no code or styled links")
        for index, source in enumerate(typography.fonts):
            self.check_family_name(source.family, ("typography", "fonts", index, "family"))
        from_files = {face.family.casefold() for face in faces}
        families = []
        for role in ("base", "headings"):
            style = getattr(typography, role)
            family = style if isinstance(style, str) else (style.family if style else None)
            families.append(family)
            loc = ("typography", role) if isinstance(style, str) else ("typography", role, "family")
            if family and self.check_family_name(family, loc) and family.casefold() not in from_files:
                self.warn_if_not_installed(family, loc)
            if isinstance(style, TextStyle):
                for key in ("size", "line_height", "weight", "style", "color"):
                    if getattr(style, key) is not None:
                        self.warn(("typography", role, key.replace("_", "-")),
                                  "ignored: guidegen keeps its own type scale so that the documents stay in balance")
        return families[0], families[1], tuple(faces)

    def font_file_is_usable(self, path: Path, shown: str, loc: tuple) -> bool:
        try:
            problem = font_problem(read_capped(path, MAX_FONT_BYTES, "font file"))
        except InputFileError as exc:
            problem = exc.problems[0].removeprefix(f"{path}: ")
        if problem:
            self.document.add(loc, f"{shown!r}: {problem}")
        return problem is None

    def check_family_name(self, family: str, loc: tuple) -> bool:
        """A family name reaches fontconfig's tools: one starting with '-' would be read as an option."""
        if family.startswith("-"):
            self.document.add(loc, f"{family!r} is not a font family name (it starts with '-')")
            return False
        return True

    def warn_if_not_installed(self, family: str, loc: tuple) -> None:
        """A ``source: system`` family that this machine lacks: say which font would stand in for it."""
        from guidegen.input.fontconfig import installed_family

        used = installed_family(family)
        if used is not None and used.casefold() != family.casefold():
            self.warn(loc, f"the font {family!r} is not installed here; the documents would use {used!r} instead. "
                           f"Install it, or give its files with source: file")

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
    unfinished = _read(path)
    return _finish(unfinished, svg_drawings(unfinished.resolver.svgs))


def load_brands(paths: list[str | Path]) -> list[Brand | InputFileError]:
    """Several brand files, each read and resolved, or the ``InputFileError`` listing its problems.

    Their SVG logos are all drawn in one child process: each child imports CairoSVG afresh (0.25 s),
    which for a batch of twenty brands took 5 s before any of them was built.
    """
    read: list[_Unfinished | InputFileError] = []
    for path in paths:
        try:
            read.append(_read(path))
        except InputFileError as exc:
            read.append(exc)
    unfinished = [each for each in read if isinstance(each, _Unfinished)]
    outcomes = iter(svg_drawings([svg for each in unfinished for svg in each.resolver.svgs]))
    loaded: list[Brand | InputFileError] = []
    for each in read:
        if isinstance(each, InputFileError):
            loaded.append(each)
            continue
        try:
            loaded.append(_finish(each, [next(outcomes) for _ in each.resolver.svgs]))
        except InputFileError as exc:
            loaded.append(exc)
    return loaded


@dataclass
class _Unfinished:
    """A brand read and resolved but for the drawing of its SVG logos."""

    path: str | Path
    resolver: _Resolver
    fields: dict[str, Any]
    light: Image | None
    dark: Image | None


def _read(path: str | Path) -> _Unfinished:
    document = read_document(path, kind="brand")
    if "rungs" in document.data:
        line, column = document.positions.of(("rungs",), key=True)
        raise InputFileError([f"{document.label}:{line}:{column}: this looks like a ladder file (it has rungs), "
                              f"not a brand file; give it with --ladder, or as the file to validate"])
    brand_file = document.validate(BrandFile)
    document.fail_if_problems()
    resolver = _Resolver(document, brand_file)
    if brand_file.defaults is not None:
        resolver.warn(("defaults",), "ignored: these are settings for other tools (Bootstrap, Quarto, Shiny)")
    colours, colour_keys = resolver.colours()
    name, short, link = resolver.name()
    base, headings, faces = resolver.fonts()
    light, dark = resolver.logos()
    fields = dict(name=name, short_name=short, link=link, colours=colours, colour_keys=colour_keys, base_font=base,
                  heading_font=headings or base, font_faces=faces)
    return _Unfinished(path, resolver, fields, light, dark)


def _finish(unfinished: _Unfinished, outcomes: list[tuple[bytes | None, str | None]]) -> Brand:
    """The brand, its SVG logos drawn (``outcomes``), or ``InputFileError`` with every problem found."""
    resolver = unfinished.resolver
    light, dark = (resolver.drawn(image, outcomes) for image in (unfinished.light, unfinished.dark))
    resolver.document.fail_if_problems()
    return Brand(source=Path(unfinished.path).absolute(), logo_on_light=light or dark, logo_on_dark=dark or light,
                 warnings=tuple(resolver.warnings), **unfinished.fields)
