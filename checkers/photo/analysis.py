"""Measure the background (border regions) and the sitter's silhouette on a deterministic grid of samples."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

from checkers.photo.pixels import Pixels

OUTLIER = 36  # RGB distance from the background colour that counts as "not background" for uniformity
MIN_SILHOUETTE = 48  # smallest distance from the background that counts as the sitter
MAX_SILHOUETTE = 110  # even on a noisy background, this far from it is the sitter


def distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2) ** 0.5


def _median(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _median_rgb(samples: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    return (_median([s[0] for s in samples]), _median([s[1] for s in samples]), _median([s[2] for s in samples]))


@dataclass(frozen=True)
class BorderStats:
    """The background as seen in the top band and the upper halves of the left and right bands."""

    rgb: tuple[int, int, int]  # per-channel median of all border samples
    outliers: float  # share of border samples farther than OUTLIER from that colour
    spread: float  # 90th percentile of the samples' distance from it
    regions: dict[str, tuple[int, int, int]]  # median colour of the top, left and right bands
    gradient: float  # largest distance between two region colours (shadows, gradients)
    samples: int

    def to_dict(self) -> dict[str, object]:
        return {
            "rgb": list(self.rgb), "outliers": round(self.outliers, 3), "spread": round(self.spread, 1),
            "regions": {k: list(v) for k, v in self.regions.items()}, "gradient": round(self.gradient, 1),
            "samples": self.samples,
        }


def _grab(px: Pixels, xs: range, ys: range) -> list[tuple[int, int, int]]:
    rgb, stride = px.rgb, px.width * 3
    out = []
    for y in ys:
        base = y * stride
        for x in xs:
            i = base + 3 * x
            out.append((rgb[i], rgb[i + 1], rgb[i + 2]))
    return out


def border_stats(px: Pixels) -> BorderStats:
    w, h = px.width, px.height
    band_h, band_w = max(2, h * 4 // 100), max(2, w * 5 // 100)
    step_x, step_y = max(1, w // 96), max(1, h // 96)
    regions_samples = {
        "top": _grab(px, range(0, w, step_x), range(0, band_h, max(1, band_h // 6))),
        "left": _grab(px, range(0, band_w, max(1, band_w // 4)), range(0, h // 2, step_y)),
        "right": _grab(px, range(w - band_w, w, max(1, band_w // 4)), range(0, h // 2, step_y)),
    }
    everything = [s for samples in regions_samples.values() for s in samples]
    centre = _median_rgb(everything)
    dists = sorted(distance(s, centre) for s in everything)
    regions = {k: _median_rgb(v) for k, v in regions_samples.items()}
    names = list(regions)
    gradient = max(distance(regions[a], regions[b]) for a in names for b in names)
    return BorderStats(
        rgb=centre,
        outliers=sum(1 for d in dists if d > OUTLIER) / len(dists),
        spread=dists[int(len(dists) * 0.9)],
        regions=regions,
        gradient=gradient,
        samples=len(dists),
    )


@dataclass(frozen=True)
class Silhouette:
    """The sitter against the background, in the analysed pixels' coordinates."""

    head_top: int | None  # first row of the silhouette; None when no sitter was found
    centre_x: float | None  # median horizontal centre of the head region
    rows: int  # head-region rows used for the centre
    threshold: float

    def to_dict(self) -> dict[str, object]:
        centre = None if self.centre_x is None else round(self.centre_x, 1)
        return {"head_top": self.head_top, "centre_x": centre, "rows": self.rows, "threshold": round(self.threshold, 1)}


def silhouette(px: Pixels, border: BorderStats) -> Silhouette:
    """Find the head top (first row with enough sitter samples) and the head's horizontal centre."""
    w, h = px.width, px.height
    limit = min(MAX_SILHOUETTE, max(MIN_SILHOUETTE, 2 * border.spread + 16))
    limit2 = limit * limit
    br, bg, bb = border.rgb
    rgb, stride = px.rgb, w * 3
    margin = max(1, w * 5 // 100)
    columns = [3 * x for x in range(margin, w - margin, max(1, w // 160))]
    need = max(2, len(columns) // 50)

    memo: dict[int, list[int]] = {}

    def hits(y: int) -> list[int]:
        if y not in memo:
            base = y * stride
            memo[y] = [
                i for i in columns
                if (rgb[base + i] - br) ** 2 + (rgb[base + i + 1] - bg) ** 2 + (rgb[base + i + 2] - bb) ** 2 > limit2
            ]
        return memo[y]

    step = max(1, h // 160)
    top = None
    for y in range(0, h, step):
        if len(hits(y)) >= need and len(hits(min(h - 1, y + step))) >= need:
            top = y
            for y2 in range(max(0, y - step + 1), y + 1):
                if len(hits(y2)) >= need:
                    top = y2
                    break
            break
    if top is None:
        return Silhouette(None, None, 0, limit)
    centres = []
    for y in range(top, min(h, top + h * 20 // 100), max(1, h // 80)):
        found = hits(y)
        if len(found) >= need:
            centres.append((found[0] + found[-1]) / 6)  # byte offsets -> pixel columns, then the midpoint
    centre = sorted(centres)[len(centres) // 2] if centres else None
    return Silhouette(top, centre, len(centres), limit)


def hsv(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """Hue in degrees, saturation and value in 0–1."""
    h, s, v = colorsys.rgb_to_hsv(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)
    return h * 360, s, v


def family_of(rgb: tuple[int, int, int]) -> set[str]:
    """Which of the colour families used by specs (white, light_blue, blue, red) the colour belongs to."""
    hue, sat, val = hsv(rgb)
    out = set()
    if val >= 0.86 and sat <= 0.10:
        out.add("white")
    if 180 <= hue <= 255 and sat >= 0.2 and val >= 0.3:
        out.add("blue")
        if val >= 0.85 and sat <= 0.65:  # (100, 197, 255) is light blue; the usual ID blue (67, 142, 219) is not
            out.add("light_blue")
    if (hue <= 20 or hue >= 335) and sat >= 0.4 and val >= 0.35:
        out.add("red")
    return out


def colour_words(rgb: tuple[int, int, int]) -> str:
    """A rough Chinese name for a colour, for messages."""
    hue, sat, val = hsv(rgb)
    if sat <= 0.12:
        if val >= 0.9:
            return "白色"
        if val >= 0.75:
            return "浅灰色"
        return "灰色" if val >= 0.3 else "黑色"
    families = family_of(rgb)
    if "light_blue" in families:
        return "浅蓝色"
    if "blue" in families:
        return "蓝色"
    if "red" in families:
        return "红色"
    if 35 <= hue <= 70:
        return "黄色"
    if 70 < hue < 170:
        return "绿色"
    return "其他颜色"
