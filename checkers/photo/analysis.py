"""Where the backdrop is and where the person is: backdrop colour, shadows, clutter, head top and centre.

The backdrop colour is the most common colour of the border bands (top band, upper halves of the side
bands). Every grid cell is then backdrop (close to it), shadow (the backdrop's chromaticity, darker,
smooth) or other. The background is what is reachable from the photo's edges through backdrop and
shadow; the person is the largest remaining region that reaches the bottom edge. Border cells inside
the person (hair at the top edge, shoulders at the sides) are left out of the background's statistics.
When the person region touches a side edge at head height, reaches a top corner, or the border is not
mostly one colour, the layout is marked unreliable: framing is then not judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from checkers.photo.colour import Lab, chromaticity, delta_e, lab
from checkers.photo.grid import Grid, components, flood, ring, sample
from checkers.photo.pixels import Pixels

BACKDROP_NEAR = 12.0  # ΔE around the most common border colour that is averaged into the backdrop colour
SHADOW_CHROMA = 0.07  # largest chromaticity difference of a shadow from the backdrop
SHADOW_TEXTURE = 12.0  # a shadow is smooth (see Grid.texture); hair and fabric are not
SHADOW_MIN_L = 0.4  # a shadow keeps at least this share of the backdrop's lightness
FREE_SHARE = 0.85  # below this share of backdrop on the free border, the background is not one colour
SHOULDER_ROWS = 0.25  # a side edge touched less than this share of the height below the head top is not a shoulder
CLUTTER_SHARE = 0.005  # stray regions covering more than this share of the photo make the layout unreliable


@dataclass(frozen=True)
class Shadow:
    """Shadow on the backdrop next to the person: share of the background area, lightness drop, side."""

    share: float
    depth: float  # backdrop L* minus the shadow's median L*
    side: str  # "左侧", "右侧" or "两侧"


@dataclass(frozen=True)
class Unclear:
    """Why the person cannot be told from the background; ``busy`` when the background itself is not one colour
    (clutter, several colours), not busy when only the person touches a side edge at head height (an object
    joined to the head, or a head at the edge: the tool cannot tell which)."""

    reason: str
    busy: bool


@dataclass(frozen=True)
class Layout:
    """The analysis of one photo, in the analysed pixels' coordinates."""

    rgb: tuple[int, int, int]  # backdrop colour (median of backdrop cells on the free border)
    lab: Lab
    threshold: float  # ΔE within which a cell counts as backdrop
    free: int  # border cells not covered by the person
    touched: float  # share of border cells covered by the person (hair at the top edge, shoulders)
    outliers: float  # share of free border cells that are neither backdrop nor shadow
    gradient: float  # ΔE between the backdrop colours of the top, left and right bands
    clutter: float  # share of the photo in stray regions that are neither backdrop nor person
    shadow: Shadow | None
    head_top: int | None  # first pixel row of the person; None when no person was found
    centre_x: float | None  # median horizontal centre of the head region
    unreliable: Unclear | None  # why the person cannot be told from the background, or None

    def to_dict(self) -> dict[str, object]:
        return {
            "rgb": list(self.rgb), "lab": [round(v, 1) for v in self.lab], "threshold": round(self.threshold, 1),
            "free_samples": self.free, "touched": round(self.touched, 3), "outliers": round(self.outliers, 3),
            "gradient": round(self.gradient, 1), "clutter": round(self.clutter, 3),
            "shadow": None if self.shadow is None else {"share": round(self.shadow.share, 3),
                                                        "depth": round(self.shadow.depth, 1), "side": self.shadow.side},
        }


def median(values: Iterable[float]) -> float:
    """The middle value (the upper of the two middle ones for an even count); kept here so that the browser's
    trimmed standard library needs no ``statistics`` module (which pulls in decimal and fractions)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median of nothing")
    return ordered[len(ordered) // 2]


def _median_lab(cells: list[Lab]) -> Lab:
    return median(c[0] for c in cells), median(c[1] for c in cells), median(c[2] for c in cells)


def _bands(grid: Grid) -> dict[str, set[int]]:
    top_n, side_n, upper = max(2, grid.rows * 4 // 100), max(2, grid.cols * 5 // 100), max(1, grid.rows * 55 // 100)
    return {
        "top": {grid.index(c, r) for r in range(min(top_n, grid.rows)) for c in range(grid.cols)},
        "left": {grid.index(c, r) for r in range(upper) for c in range(min(side_n, grid.cols))},
        "right": {grid.index(c, r) for r in range(upper) for c in range(max(0, grid.cols - side_n), grid.cols)},
    }


def _backdrop(grid: Grid, border: set[int]) -> tuple[Lab, float]:
    """The most common border colour (refined twice) and the ΔE threshold for backdrop cells."""
    bins: dict[tuple[int, int, int], list[Lab]] = {}
    for i in border:
        c = grid.lab[i]
        bins.setdefault((round(c[0] / 8), round(c[1] / 8), round(c[2] / 8)), []).append(c)
    def near(key: tuple[int, int, int]) -> int:  # cells in the bin and its 26 neighbours: noise spreads a colour
        return sum(len(bins.get((key[0] + i, key[1] + j, key[2] + k), ())) for i in (-1, 0, 1) for j in (-1, 0, 1)
                   for k in (-1, 0, 1))

    seed = _median_lab(bins[max(bins, key=near)])
    close = [seed]
    for _ in range(2):
        close = [grid.lab[i] for i in border if delta_e(grid.lab[i], seed) <= BACKDROP_NEAR] or [seed]
        seed = _median_lab(close)
    noise = median(delta_e(c, seed) for c in close)
    return seed, min(16.0, max(8.0, 3 * noise + 4))


def _labels(grid: Grid, ref: Lab, threshold: float) -> tuple[set[int], set[int]]:
    """(backdrop cells, shadow cells)."""
    backdrop, shadow = set(), set()
    rl, ra, rb = ref
    ca, cb = chromaticity(ref)
    limit, darkest = threshold * threshold, SHADOW_MIN_L * rl
    for i, (l, a, b) in enumerate(grid.lab):
        if (l - rl) ** 2 + (a - ra) ** 2 + (b - rb) ** 2 <= limit:
            backdrop.add(i)
        elif darkest <= l < rl - 4:
            scale = l + 16
            if (a / scale - ca) ** 2 + (b / scale - cb) ** 2 <= SHADOW_CHROMA ** 2 and grid.texture(i) <= SHADOW_TEXTURE:
                shadow.add(i)
    return backdrop, shadow


def _person(grid: Grid, background: set[int]) -> tuple[set[int], float]:
    """The person region (largest part reaching the bottom edge, else the largest) and the stray share."""
    parts = [p for p in components(grid, set(range(len(grid.lab))) - background) if len(p) >= 4]
    if not parts:
        return set(), 0.0
    bottom = (grid.rows - 1) * grid.cols
    person = next((p for p in parts if any(i >= bottom for i in p)), parts[0])
    stray = sum(len(p) for p in parts if p is not person)
    return person, stray / len(grid.lab)


def _shadow(grid: Grid, shadow: set[int], background: set[int], person: set[int], ref: Lab) -> Shadow | None:
    cells = shadow & background
    near = {i for i in cells if any(j in person for j in _around(grid, i))}
    touching = flood(grid, near, cells)
    if not touching or not background:
        return None
    cols = [i % grid.cols for i in touching]
    person_cols = [i % grid.cols for i in person] or [grid.cols // 2]
    centre = median(person_cols)
    left, right = sum(1 for c in cols if c < centre), sum(1 for c in cols if c >= centre)
    side = "两侧" if min(left, right) > 0.3 * max(left, right) else ("左侧" if left > right else "右侧")
    depth = ref[0] - median(grid.lab[i][0] for i in touching)
    return Shadow(len(touching) / len(background), depth, side)


def _around(grid: Grid, i: int) -> list[int]:
    col, row = i % grid.cols, i // grid.cols
    return [grid.index(c, r) for r in range(max(0, row - 1), min(grid.rows, row + 2))
            for c in range(max(0, col - 1), min(grid.cols, col + 2))]


def _gradient(grid: Grid, bands: dict[str, set[int]], backdrop: set[int]) -> float:
    regions = [_median_lab([grid.lab[i] for i in cells & backdrop]) for cells in bands.values()
               if len(cells & backdrop) >= 3]
    return max((delta_e(a, b) for a in regions for b in regions), default=0.0)


def _unreliable(grid: Grid, bands: dict[str, set[int]], person: set[int], top_row: int | None,
                free_share: float, clutter: float) -> Unclear | None:
    side_n = max(2, grid.cols * 5 // 100)
    if free_share < FREE_SHARE:
        return Unclear(f"照片上边和两侧只有 {free_share * 100:.0f}% 是同一种背景色", True)
    if clutter > CLUTTER_SHARE:
        return Unclear(f"背景里有约占画面 {clutter * 100:.1f}% 的其他物体", True)
    corners = [i for i in bands["top"] & person if i % grid.cols < side_n or i % grid.cols >= grid.cols - side_n]
    if corners:
        return Unclear("照片上边的角落有与背景颜色不同的部分（例如旗帜、门窗、墙角），与人像连在一起", True)
    if top_row is None:
        return None
    shoulder = top_row + SHOULDER_ROWS * grid.rows
    for name, col in (("左", 0), ("右", grid.cols - 1)):
        rows = [i // grid.cols for i in person if i % grid.cols == col]
        if rows and min(rows) < shoulder:
            return Unclear(f"在头部的高度，人像就碰到了照片{name}边（人像太靠边，或有别的东西与人像连在一起）", False)
    return None


def _top_row(grid: Grid, person: set[int]) -> int | None:
    need = max(2, grid.cols // 50)
    counts = [0] * grid.rows
    for i in person:
        counts[i // grid.cols] += 1
    for row in range(grid.rows):
        if counts[row] >= need and (row + 1 >= grid.rows or counts[row + 1] >= need):
            return row
    return None


def _head_top_px(px: Pixels, grid: Grid, person: set[int], row: int, ref: Lab, threshold: float) -> int:
    """The first pixel row, in the grid cell above ``row`` and ``row`` itself, with enough non-backdrop pixels."""
    cols = [i % grid.cols for i in person if row <= i // grid.cols <= row + 1]
    x0, x1 = max(0, min(cols) * grid.step - grid.step), min(px.width, (max(cols) + 2) * grid.step)
    need = max(2, grid.cols // 50) * grid.step // 2
    data, stride = px.rgb, px.width * 3
    far: dict[tuple[int, int, int], bool] = {}
    for y in range(max(0, (row - 1) * grid.step), min(px.height, (row + 1) * grid.step)):
        base = y * stride
        count = 0
        for x in range(x0, x1):
            i = base + 3 * x
            rgb = (data[i], data[i + 1], data[i + 2])
            if rgb not in far:
                far[rgb] = delta_e(lab(rgb), ref) > threshold
            if far[rgb]:
                count += 1
                if count >= need:
                    return y
    return row * grid.step


def _centre(grid: Grid, person: set[int], row: int) -> float | None:
    """Median midpoint of the person's rows from 6 % to 26 % of the photo's height below the head top: the
    forehead to the cheeks in an ID photo, below a cap's or a hairdo's often lopsided crown."""
    first, last = row + grid.rows * 6 // 100, row + max(1, grid.rows * 26 // 100)
    spans: dict[int, list[int]] = {}
    for i in person:
        r = i // grid.cols
        if first <= r < last:
            spans.setdefault(r, []).append(i % grid.cols)
    mids = [(grid.x(min(c)) + grid.x(max(c))) / 2 for c in spans.values()]
    return median(mids) if mids else None


def analyse(px: Pixels) -> Layout:
    grid = sample(px)
    bands = _bands(grid)
    border = bands["top"] | bands["left"] | bands["right"]
    ref, threshold = _backdrop(grid, border)
    backdrop, shadow = _labels(grid, ref, threshold)
    background = flood(grid, ring(grid), backdrop | shadow)
    person, clutter = _person(grid, background)
    free = border - person
    free_share = len(free & (backdrop | shadow)) / len(free) if free else 0.0
    top_row = _top_row(grid, person)
    unreliable = _unreliable(grid, bands, person, top_row, free_share, clutter)
    ref_cells = [grid.rgb[i] for i in free & backdrop] or [grid.rgb[i] for i in border]
    rgb = (int(median(c[0] for c in ref_cells)), int(median(c[1] for c in ref_cells)), int(median(c[2] for c in ref_cells)))
    head_top = None if top_row is None else _head_top_px(px, grid, person, top_row, ref, threshold)
    return Layout(
        rgb=rgb, lab=ref, threshold=threshold, free=len(free),
        touched=len(border & person) / len(border), outliers=1 - free_share if free else 1.0,
        gradient=_gradient(grid, {k: v - person for k, v in bands.items()}, backdrop), clutter=clutter,
        shadow=_shadow(grid, shadow, background, person, ref), head_top=head_top,
        centre_x=None if top_row is None else _centre(grid, person, top_row), unreliable=unreliable,
    )
