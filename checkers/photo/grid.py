"""A coarse grid of colour samples over the photo, its backdrop/shadow/other labels, and connected regions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from checkers.photo.colour import Lab, lab
from checkers.photo.pixels import Pixels

TARGET_CELLS = 128  # cells along the longer side
Label = Literal["backdrop", "shadow", "other"]


@dataclass(frozen=True)
class Grid:
    """``cols``×``rows`` cells of ``step`` pixels; per cell the mean colour of four pixels and their spread."""

    cols: int
    rows: int
    step: int
    lab: tuple[Lab, ...]  # row-major
    rgb: tuple[tuple[int, int, int], ...]
    texture: tuple[float, ...]  # largest luma difference between the cell's four pixels (hair, fabric: high)

    def index(self, col: int, row: int) -> int:
        return row * self.cols + col

    def x(self, col: int) -> int:
        return col * self.step + self.step // 2

    def y(self, row: int) -> int:
        return row * self.step + self.step // 2


def sample(px: Pixels) -> Grid:
    step = max(1, max(px.width, px.height) // TARGET_CELLS)
    cols, rows = max(1, px.width // step), max(1, px.height // step)
    half = max(1, step // 2) if step > 1 else 0
    data, stride = px.rgb, px.width * 3
    labs, rgbs, textures = [], [], []
    for row in range(rows):
        y0 = row * step
        y1 = min(px.height - 1, y0 + half)
        for col in range(cols):
            x0 = col * step
            x1 = min(px.width - 1, x0 + half)
            r = g = b = 0
            lo, hi = 255 * 1000, 0
            for y, x in ((y0, x0), (y0, x1), (y1, x0), (y1, x1)):
                i = y * stride + 3 * x
                pr, pg, pb = data[i], data[i + 1], data[i + 2]
                r, g, b = r + pr, g + pg, b + pb
                luma = 299 * pr + 587 * pg + 114 * pb
                lo, hi = min(lo, luma), max(hi, luma)
            mean = ((r + 2) // 4, (g + 2) // 4, (b + 2) // 4)
            rgbs.append(mean)
            labs.append(lab(mean))
            textures.append((hi - lo) / 1000)
    return Grid(cols, rows, step, tuple(labs), tuple(rgbs), tuple(textures))


def neighbours(grid: Grid, i: int) -> Iterable[int]:
    col, row = i % grid.cols, i // grid.cols
    if col > 0:
        yield i - 1
    if col < grid.cols - 1:
        yield i + 1
    if row > 0:
        yield i - grid.cols
    if row < grid.rows - 1:
        yield i + grid.cols


def flood(grid: Grid, seeds: Iterable[int], allowed: set[int]) -> set[int]:
    """Cells of ``allowed`` reachable from the seeds (that are allowed themselves), 4-connected."""
    reached = {s for s in seeds if s in allowed}
    todo = list(reached)
    while todo:
        i = todo.pop()
        for j in neighbours(grid, i):
            if j in allowed and j not in reached:
                reached.add(j)
                todo.append(j)
    return reached


def components(grid: Grid, cells: set[int]) -> list[set[int]]:
    """Connected parts of ``cells``, largest first."""
    left, parts = set(cells), []
    while left:
        part = flood(grid, (next(iter(left)),), left)
        left -= part
        parts.append(part)
    return sorted(parts, key=len, reverse=True)


def ring(grid: Grid) -> list[int]:
    """The outermost cells: top row, bottom row, left and right columns."""
    cells = {grid.index(c, r) for c in range(grid.cols) for r in (0, grid.rows - 1)}
    cells |= {grid.index(c, r) for r in range(grid.rows) for c in (0, grid.cols - 1)}
    return sorted(cells)
