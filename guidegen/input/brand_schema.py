"""The brand.yml schema (posit-dev's brand-yml), as pydantic models: what a brand file may say.

Everything brand.yml allows is accepted, so that a company's existing file validates; what the
guide and the deck cannot use is reported as ignored by the resolver (brand.py), with its line.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field

from guidegen.input.schema import Strict, Text

COLOUR_NAMES = ("foreground", "background", "primary", "secondary", "tertiary", "success", "info", "warning",
                "danger", "light", "dark")



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
