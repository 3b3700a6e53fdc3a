"""Colour arithmetic for readable text: WCAG 2 contrast, mixing and darkening."""

from __future__ import annotations

import colorsys

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


def darken_until(colour: str, against: str, ratio: float = AA_NORMAL) -> str:
    """``colour`` mixed towards black just enough to reach ``ratio`` against ``against``."""
    for step in range(0, 101):
        candidate = mix(colour, "#000000", step / 100)
        if contrast(candidate, against) >= ratio:
            return candidate
    return "#000000"


def hue_distance(first: str, second: str) -> float:
    """Angle between two colours' hues, in degrees (0 to 180)."""
    hues = [colorsys.rgb_to_hls(*(v / 255 for v in to_rgb(c)))[0] * 360 for c in (first, second)]
    distance = abs(hues[0] - hues[1]) % 360
    return min(distance, 360 - distance)
