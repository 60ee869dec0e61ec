"""Estimate JPEG quality by matching DQT tables against the IJG (ITU-T T.81 Annex K) tables scaled per quality."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Mapping

# Zigzag position k -> natural (row-major) index, as in the JPEG standard (figure A.6).
ZIGZAG = (
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
    12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
    58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
)

# ITU-T T.81 Annex K, tables K.1 (luminance) and K.2 (chrominance), natural order.
LUMA = (
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
)
CHROMA = (
    17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
    24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
)


@dataclass(frozen=True)
class QualityEstimate:
    """A quality 1–100; ``exact`` when the file's tables are exactly IJG's tables for that quality."""

    quality: int
    exact: bool
    distance: float  # mean absolute difference per entry from the nearest IJG table (0 when exact)

    def to_dict(self) -> dict[str, object]:
        return {"quality": self.quality, "exact": self.exact, "distance": round(self.distance, 2)}


def scale_factor(quality: int) -> int:
    """libjpeg's jpeg_quality_scaling."""
    quality = min(max(quality, 1), 100)
    return 5000 // quality if quality < 50 else 200 - 2 * quality


@functools.cache
def ijg_table(base: tuple[int, ...], quality: int, baseline: bool = True) -> tuple[int, ...]:
    """The table libjpeg writes for ``quality`` (jpeg_add_quant_table)."""
    scale = scale_factor(quality)
    top = 255 if baseline else 32767
    return tuple(min(max((b * scale + 50) // 100, 1), top) for b in base)


def estimate(tables: Mapping[int, tuple[int, ...]], luma_id: int, chroma_id: int | None,
             baseline: bool = True) -> QualityEstimate | None:
    """Match the luminance (and chrominance) tables against IJG's; None when the luminance table is absent."""
    luma = tables.get(luma_id)
    if luma is None or len(luma) != 64:
        return None
    chroma = tables.get(chroma_id) if chroma_id is not None and chroma_id != luma_id else None
    best: tuple[float, int] | None = None
    for q in range(100, 0, -1):
        diff = sum(abs(a - b) for a, b in zip(luma, ijg_table(LUMA, q, baseline)))
        if chroma is not None:
            diff += sum(abs(a - b) for a, b in zip(chroma, ijg_table(CHROMA, q, baseline)))
        if diff == 0:
            return QualityEstimate(q, True, 0.0)
        if best is None or diff < best[0]:
            best = (diff, q)
    assert best is not None  # the loop ran at least once
    return QualityEstimate(best[1], False, best[0] / (128 if chroma is not None else 64))
