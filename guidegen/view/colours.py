"""Colour arithmetic for readable text: WCAG 2 contrast, mixing, and darkening that keeps a colour's hue.

Darkening works in OKLCH (Björn Ottosson's perceptual colour space): lowering lightness there keeps the
hue a reader sees, where mixing towards black in sRGB turns an amber into a muddy olive.
"""

from __future__ import annotations

import colorsys
import math

AA_NORMAL = 4.5  # WCAG 2 AA for body text


def to_rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in rgb)


def luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2 defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in to_rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(first: str, second: str, amount: float) -> str:
    """``amount`` 0 gives ``first``, 1 gives ``second``."""
    a, b = to_rgb(first), to_rgb(second)
    return to_hex(tuple(x + (y - x) * amount for x, y in zip(a, b)))


def readable_on(background: str, light: str = "#FFFFFF", dark: str = "#000000") -> str:
    """Whichever of ``light`` and ``dark`` contrasts more with ``background``."""
    return light if contrast(light, background) >= contrast(dark, background) else dark


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _gamma(channel: float) -> float:
    return 12.92 * channel if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def to_oklch(hex_colour: str) -> tuple[float, float, float]:
    """(lightness 0..1, chroma, hue in degrees) of an sRGB colour."""
    r, g, b = (_linear(v / 255) for v in to_rgb(hex_colour))
    l_ = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    m_ = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    s_ = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    lightness = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    b2 = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    return lightness, math.hypot(a, b2), math.degrees(math.atan2(b2, a)) % 360


def _oklch_to_linear(lightness: float, chroma: float, hue: float) -> tuple[float, float, float]:
    a, b = chroma * math.cos(math.radians(hue)), chroma * math.sin(math.radians(hue))
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
            -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
            -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_)


def from_oklch(lightness: float, chroma: float, hue: float) -> str:
    """The sRGB colour of those coordinates; outside sRGB, the same lightness and hue with less chroma."""
    for _ in range(40):
        rgb = _oklch_to_linear(lightness, chroma, hue)
        if all(-1e-4 <= channel <= 1 + 1e-4 for channel in rgb):
            break
        chroma *= 0.9
    return to_hex(tuple(_gamma(min(max(channel, 0.0), 1.0)) * 255 for channel in rgb))


def darken_until(colour: str, against: str, ratio: float = AA_NORMAL) -> str:
    """``colour`` just dark enough to reach ``ratio`` against ``against``, its hue kept (OKLCH lightness)."""
    if contrast(colour, against) >= ratio:
        return colour
    lightness, chroma, hue = to_oklch(colour)
    for step in range(1, 101):
        candidate = from_oklch(lightness * (1 - step / 100), chroma, hue)
        if contrast(candidate, against) >= ratio:
            return candidate
    return "#000000"


def hue_distance(first: str, second: str) -> float:
    """Angle between two colours' hues, in degrees (0 to 180)."""
    hues = [colorsys.rgb_to_hls(*(v / 255 for v in to_rgb(c)))[0] * 360 for c in (first, second)]
    distance = abs(hues[0] - hues[1]) % 360
    return min(distance, 360 - distance)
