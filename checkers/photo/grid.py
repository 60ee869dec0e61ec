"""A coarse grid of colour samples over the photo, and connected regions of its cells."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from checkers.photo.colour import Lab, lab
from checkers.photo.pixels import Pixels

TARGET_CELLS = 80  # cells along the longer side


@dataclass(frozen=True)
class Grid:
    """``cols``×``rows`` cells of ``step`` pixels; per cell the mean colour of four pixels, in CIELAB and RGB."""

    cols: int
    rows: int
    step: int
    lab: tuple[Lab, ...]  # row-major
    rgb: tuple[tuple[int, int, int], ...]
    pixels: Pixels

    def texture(self, i: int) -> float:
        """0 for a flat colour, small for a smooth gradient (a shadow's soft edge), high for hair, fabric or
        a cell split by an outline: the larger of the four sampled pixels' departure from a plane (luma of
        top-left − top-right − bottom-left + bottom-right) and a third of their luma range."""
        px, half = self.pixels, self.step // 2
        x, y = (i % self.cols) * self.step, (i // self.cols) * self.step
        y2 = min(px.height - 1, y + half)
        lumas = []
        for yy, xx in ((y, x), (y, x + half), (y2, x), (y2, x + half)):
            j = 3 * (yy * px.width + xx)
            lumas.append(0.299 * px.rgb[j] + 0.587 * px.rgb[j + 1] + 0.114 * px.rgb[j + 2])
        return max(abs(lumas[0] - lumas[1] - lumas[2] + lumas[3]), (max(lumas) - min(lumas)) / 3)

    def index(self, col: int, row: int) -> int:
        return row * self.cols + col

    def x(self, col: int) -> int:
        return col * self.step + self.step // 2

    def y(self, row: int) -> int:
        return row * self.step + self.step // 2


def sample(px: Pixels) -> Grid:
    step = max(1, -(-max(px.width, px.height) // TARGET_CELLS))  # at most TARGET_CELLS cells a side
    cols, rows = max(1, px.width // step), max(1, px.height // step)
    half = step // 2
    data, stride = px.rgb, px.width * 3
    offsets = [3 * (col * step) for col in range(cols)]
    gap = 3 * half
    labs, rgbs = [], []
    cache: dict[tuple[int, int, int], Lab] = {}
    for row in range(rows):
        top = row * step * stride
        bottom = min(px.height - 1, row * step + half) * stride
        for o in offsets:
            a, b, c, d = top + o, top + o + gap, bottom + o, bottom + o + gap
            r1, g1, b1, r2, g2, b2 = data[a], data[a + 1], data[a + 2], data[b], data[b + 1], data[b + 2]
            r3, g3, b3, r4, g4, b4 = data[c], data[c + 1], data[c + 2], data[d], data[d + 1], data[d + 2]
            mean = ((r1 + r2 + r3 + r4 + 2) >> 2, (g1 + g2 + g3 + g4 + 2) >> 2, (b1 + b2 + b3 + b4 + 2) >> 2)
            rgbs.append(mean)
            value = cache.get(mean)
            if value is None:
                value = cache[mean] = lab(mean)
            labs.append(value)
    return Grid(cols, rows, step, tuple(labs), tuple(rgbs), px)


def flood(grid: Grid, seeds: Iterable[int], allowed: set[int]) -> set[int]:
    """Cells of ``allowed`` reachable from the seeds (that are allowed themselves), 4-connected."""
    open_ = bytearray(len(grid.lab))
    for i in allowed:
        open_[i] = 1
    return _fill(grid, seeds, open_)


def _fill(grid: Grid, seeds: Iterable[int], open_: bytearray) -> set[int]:
    """Cells reachable from the seeds through cells marked open; marks them closed on the way."""
    cols, size = grid.cols, len(open_)
    todo = []
    for s in seeds:
        if open_[s]:
            open_[s] = 0
            todo.append(s)
    reached = list(todo)
    while todo:
        i = todo.pop()
        col = i % cols
        for j, ok in ((i - cols, i >= cols), (i + cols, i + cols < size), (i - 1, col > 0), (i + 1, col < cols - 1)):
            if ok and open_[j]:
                open_[j] = 0
                todo.append(j)
                reached.append(j)
    return set(reached)


def components(grid: Grid, cells: set[int]) -> list[set[int]]:
    """Connected parts of ``cells``, largest first."""
    open_ = bytearray(len(grid.lab))
    for i in cells:
        open_[i] = 1
    parts = [_fill(grid, (i,), open_) for i in sorted(cells) if open_[i]]
    return sorted(parts, key=len, reverse=True)


def ring(grid: Grid) -> list[int]:
    """The outermost cells: top row, bottom row, left and right columns."""
    cells = {grid.index(c, r) for c in range(grid.cols) for r in (0, grid.rows - 1)}
    cells |= {grid.index(c, r) for r in range(grid.rows) for c in (0, grid.cols - 1)}
    return sorted(cells)
