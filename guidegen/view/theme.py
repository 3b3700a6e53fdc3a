"""The colours both documents use, decided once: from the brand, from a company's slide template, or ours.

Colours that carry text are derived so that the text stays readable (WCAG AA) whatever the base
colours are; a brand whose own pairings fail is told so, naming the key of its file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from guidegen.view.colours import AA_NORMAL, contrast, darken_until, hue_distance, mix, readable_on, to_oklch

# How much darker (in OKLCH lightness) a brand colour may be made to serve as text before it stops looking
# like itself (an amber turns brown): beyond it, text takes the primary colour and the brand colour stays
# in rules, boxes and fills.
MAX_TEXT_DARKENING = 0.12

if TYPE_CHECKING:
    from guidegen.input.brand import Brand


@dataclass(frozen=True)
class Theme:
    """Colours as hex strings, shared by the PDF and the deck.

    Colours that carry text are derived so that the text stays readable
    (WCAG AA) whatever the base colours are.
    """

    primary: str = "#1F3A5F"  # deep navy: titles, the cover, the top step
    accent: str = "#2A9D8F"  # teal: rules, markers, steps
    light: str = "#E8F1F2"  # pale tint: boxes and alternate rows
    text: str = "#1D2430"
    muted: str = "#5B6675"
    background: str = "#FFFFFF"

    @property
    def primary_text(self) -> str:
        """The primary colour, darkened where needed to be readable as text (headings) on the background."""
        return darken_until(self.primary, self.background, AA_NORMAL)

    @property
    def accent_text(self) -> str:
        """The accent where it reads as text on the background; else the primary's text colour. A light brand
        colour (an amber) keeps its own hue in rules, boxes and fills rather than being darkened into another
        colour for text."""
        darker = darken_until(self.accent, self.background, AA_NORMAL)
        if to_oklch(self.accent)[0] - to_oklch(darker)[0] <= MAX_TEXT_DARKENING:
            return darker  # a shade deeper, still the same colour
        return self.primary_text

    @property
    def on_primary(self) -> str:
        return readable_on(self.primary, self.background, self.text)

    def step_fill(self, number: int, total: int) -> str:
        """Fill of a rung's step in the staircase, the highest in the primary colour.

        Lower steps blend from the accent when the two colours are neighbours on
        the colour wheel, and are lighter tints of the primary otherwise, since
        blending far-apart hues gives muddy in-between colours.
        """
        rise = (number - 1) / max(total - 1, 1)
        if hue_distance(self.accent, self.primary) <= 90:
            fill = mix(self.accent_text, self.primary, rise)
        else:
            fill = mix(self.primary, self.background, 0.45 * (1 - rise))
        if contrast(self.on_fill(fill), fill) < AA_NORMAL:  # a mid tone neither light nor dark text can read on
            fill = darken_until(fill, self.background, AA_NORMAL)
        return fill

    def on_fill(self, fill: str) -> str:
        return readable_on(fill, self.background, self.text)


def brand_theme(brand: Brand) -> tuple[Theme, list[str]]:
    """The brand's theme, and a warning (naming the brand file's key and line) for each pairing it had to fix."""
    default = Theme()
    colours = brand.colours
    warnings: list[str] = []

    def warn(role: str, message: str) -> None:
        warnings.append(f"{brand.colour_keys.get(role, f'{brand.source} color.{role}')}: {message}")

    background = colours.get("background") or default.background
    foreground = colours.get("foreground") or default.text
    if contrast(foreground, background) < AA_NORMAL:
        better = readable_on(background, "#FFFFFF", "#000000")
        warn("foreground", f"{foreground} on the background {background} has contrast "
                           f"{contrast(foreground, background):.1f}:1, below 4.5:1; using {better}")
        foreground = better
    primary = colours.get("primary") or default.primary
    accent = colours.get("secondary") or colours.get("tertiary") or primary
    light = colours.get("light") or mix(primary, background, 0.9)
    theme = Theme(primary=primary, accent=accent, light=light, text=foreground,
                  muted=mix(foreground, background, 0.35), background=background)
    if contrast(theme.primary, background) < AA_NORMAL:
        warn("primary", f"{primary} on the background {background} has contrast "
                        f"{contrast(primary, background):.1f}:1; headings use a darker shade")
    if contrast(theme.on_primary, primary) < AA_NORMAL:
        warn("primary", f"no text colour reaches 4.5:1 on {primary}: the cover's text will be hard to read")
    return theme, warnings


def template_theme(slots: dict[str, str]) -> Theme:
    """A company slide template's own colours (its theme's slots), where no brand file overrides them."""
    default = Theme()
    return Theme(primary=slots.get("dk2", default.primary), accent=slots.get("accent1", default.accent),
                 light=slots.get("lt2", default.light), text=slots.get("dk1", default.text),
                 muted=default.muted, background=slots.get("lt1", default.background))
