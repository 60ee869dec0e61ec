"""Colours in CIELAB/LCh (sRGB, D65) and the colour families backdrops are judged by.

Why LCh, and why these boundaries. A backdrop photographed brighter or darker is, to a good
approximation, the same colour scaled by a factor k in linear light. In CIELAB (cube-root region)
that scales L*+16, a* and b* all by k^(1/3): the hue angle h and the ratio C*/(L*+16) (``sat`` below)
do not change, only the lightness does. So a family is decided by hue and ``sat`` (exposure-proof),
with lightness bounds wide enough for about ±15 % exposure, and lightness is judged separately.

Reference colours, as L*, C*, h, sat (computed by ``lch``):
  浅蓝 RGB(100, 197, 255): 76.0, 38.9, 252°, 0.42;  15 % darker (85, 167, 217): 65.4, 34.4, 253°, 0.42
  证件照蓝 RGB(66, 142, 218): 57.6, 45.7, 272°, 0.62;  15 % brighter (76, 163, 251): 65.5, 51.4, 272°, 0.63
  白 RGB(255, 255, 255): 100, 0;  15 % darker (217, 217, 217): 86.7, 0
A 15 % darker light blue and a 15 % brighter ID blue have the same lightness (65.4 / 65.5): lightness
cannot tell them apart, hue (252° vs 272°) and sat (0.42 vs 0.62) can. The light-blue/blue boundary
sits midway, at h = 262° or sat = 0.35 for pale colours; both families span 215°–308°.

Families (``family``):
  white       C* < 10 and L* ≥ 80 (a white backdrop down to about 25 % under-exposed)
  light_blue  hue 215°–308°, C* ≥ 10, L* ≥ 45 (light blue 40 % under), and h < 262° or sat < 0.35
  blue        hue 215°–308°, C* ≥ 10, L* ≥ 25, not light_blue (the usual ID-photo blue and darker)
  red         hue ≥ 345° or ≤ 50°, C* ≥ 35, L* ≥ 20 (skin, h ≈ 55–65° and C* ≈ 25, stays out)
  other       everything else (grey, black, green, yellow, …)
A spec's 蓝色 (``blue``) means the blue series, light blue included; 浅蓝色 (``light_blue``) means only
light blue, so the usual ID-photo blue fails it.
"""

from __future__ import annotations

import math
from typing import Literal

Lab = tuple[float, float, float]
Measured = Literal["white", "light_blue", "blue", "red", "other"]
ACCEPTS: dict[str, frozenset[str]] = {  # spec family -> measured families that satisfy it
    "white": frozenset({"white"}), "light_blue": frozenset({"light_blue"}),
    "blue": frozenset({"light_blue", "blue"}), "red": frozenset({"red"}),
}
NEUTRAL_C = 10.0
WHITE_L = 80.0
BLUE_HUE = (215.0, 308.0)
LIGHT_BLUE_HUE, PALE_SAT, LIGHT_BLUE_L = 262.0, 0.35, 45.0
RED_C = 35.0

_LINEAR = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (i / 255 for i in range(256))]
_EPS = 216 / 24389


def _f(t: float) -> float:
    return t ** (1 / 3) if t > _EPS else (24389 / 27 * t + 16) / 116


def lab(rgb: tuple[int, int, int]) -> Lab:
    """CIELAB (D65 white) of an 8-bit sRGB colour."""
    r, g, b = _LINEAR[rgb[0]], _LINEAR[rgb[1]], _LINEAR[rgb[2]]
    fx = _f((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047)
    fy = _f(0.2126729 * r + 0.7151522 * g + 0.0721750 * b)
    fz = _f((0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lch(c: Lab) -> tuple[float, float, float, float]:
    """(L*, C*, hue in degrees, sat = C*/(L*+16))."""
    chroma = math.hypot(c[1], c[2])
    return c[0], chroma, math.degrees(math.atan2(c[2], c[1])) % 360, chroma / (c[0] + 16) if c[0] > -16 else 0.0


def delta_e(a: Lab, b: Lab) -> float:
    """CIE76 colour difference (about 2.3 is just noticeable; backdrop noise in a JPEG is a few units)."""
    return math.sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2)


def chromaticity(c: Lab) -> tuple[float, float]:
    """(a*, b*) / (L*+16): unchanged when the same surface is lit more or less (a shadow keeps it)."""
    scale = c[0] + 16 if c[0] > -15 else 1.0
    return c[1] / scale, c[2] / scale


def family(c: Lab) -> Measured:
    light, chroma, hue, sat = lch(c)
    if chroma < NEUTRAL_C:
        return "white" if light >= WHITE_L else "other"
    if BLUE_HUE[0] <= hue <= BLUE_HUE[1] and light >= 25:
        if light >= LIGHT_BLUE_L and (hue < LIGHT_BLUE_HUE or sat < PALE_SAT):
            return "light_blue"
        return "blue"
    if (hue >= 345 or hue <= 50) and chroma >= RED_C and light >= 20:
        return "red"
    return "other"


def words(c: Lab) -> str:
    """A rough Chinese name for a colour, for messages."""
    light, chroma, hue, _ = lch(c)
    if chroma < NEUTRAL_C:
        return "白色" if light >= WHITE_L + 8 else "浅灰色" if light >= 70 else "灰色" if light >= 20 else "黑色"
    kind = family(c)
    if kind == "light_blue":
        return "浅蓝色"
    if kind == "blue":
        return "深蓝色" if light < 40 else "蓝色"
    if kind == "red":
        return "红色"
    if 50 < hue < 70:
        return "棕色" if light < 50 else "橙色"
    if 70 <= hue < 105:
        return "黄色"
    if 105 <= hue < 215:
        return "绿色" if hue < 180 else "青色"
    return "其他颜色"
