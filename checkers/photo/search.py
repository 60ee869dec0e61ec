"""The JPEG quality (and, where the spec allows a range of sizes, the pixel size) a fix encodes at.

Stateless, so the browser and the CLI drive it the same way: given the encodes tried so far, ``next_step``
names the next (width, height, quality) to encode, or the try to keep. It keeps the highest quality, never
below the spec's floor, whose file lands inside the spec's KB range; it searches and never pads a file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from checkers.photo.fixplan import fits
from checkers.photo.spec import PhotoSpec

TOP = 95  # above this, files grow a lot with no visible gain
HOUSE_FLOOR = 50  # the floor when the spec names none: below it JPEG blocks show around the face
MAX_TRIES = 24


@dataclass(frozen=True)
class Try:
    """One encode: its pixel size, quality and file size in bytes."""

    width: int
    height: int
    quality: int
    size: int

    def to_dict(self) -> dict[str, int]:
        return {"width": self.width, "height": self.height, "quality": self.quality, "size": self.size}


@dataclass(frozen=True)
class Step:
    """Encode next at (width, height, quality); or ``keep`` the try at that index; or ``refuse`` with why."""

    width: int | None = None
    height: int | None = None
    quality: int | None = None
    keep: int | None = None
    refuse: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"width": self.width, "height": self.height, "quality": self.quality, "keep": self.keep,
                "refuse": self.refuse}


def floor(spec: PhotoSpec) -> int:
    return spec.quality.min if spec.quality is not None and spec.quality.min is not None else HOUSE_FLOOR


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def next_step(spec: PhotoSpec, target: tuple[int, int], tries: list[Try]) -> Step:
    """What to do after ``tries`` (in the order made) for a plan whose size is ``target``."""
    if len(tries) >= MAX_TRIES:
        return Step(refuse=f"试了 {MAX_TRIES} 次仍没有找到合适的压缩质量")
    w, h = (tries[-1].width, tries[-1].height) if tries else target
    low, top = floor(spec), max(floor(spec), min(TOP, spec.quality.max if spec.quality and spec.quality.max else TOP))
    limit = spec.file_size_kb
    most = None if limit is None or limit.max is None else limit.max * 1024
    here = [(i, t) for i, t in enumerate(tries) if (t.width, t.height) == (w, h)]
    if not here:
        return Step(w, h, top)
    good = [(t.quality, i) for i, t in here if most is None or t.size <= most]
    bad = [t.quality for _, t in here if most is not None and t.size > most]
    best = max(good) if good else None
    ceiling = min(bad) if bad else top + 1
    lower = best[0] if best else low - 1
    if ceiling - lower > 1:
        return Step(w, h, (lower + ceiling) // 2 if best else max(low, (lower + ceiling) // 2))
    if best is not None:
        return _enough(spec, tries[best[1]], best[1])
    lowest = next(i for i, t in here if t.quality == low)
    return _smaller(spec, w, h, tries[lowest], lowest)


def _enough(spec: PhotoSpec, chosen: Try, index: int) -> Step:
    limit = spec.file_size_kb
    if limit is not None and limit.min is not None and chosen.size < limit.min * 1024 and not limit.soft:
        return Step(refuse=f"用最高压缩质量 {chosen.quality} 保存也只有 {_kb(chosen.size)}，低于规格下限 {limit.min} KB；"
                    "本工具不用填充数据凑大小（报名系统会拒收这种文件）")
    return Step(keep=index)


def _smaller(spec: PhotoSpec, w: int, h: int, lowest: Try, index: int) -> Step:
    """At the floor the file is still too large: a smaller size if the spec allows one, else refuse (or keep if soft)."""
    limit = spec.file_size_kb
    assert limit is not None and limit.max is not None
    shrink = math.sqrt(limit.max * 1024 / lowest.size) * 0.95
    nw, nh = int(w * shrink), int(h * shrink)
    if shrink < 1 and nw >= 8 and nh >= 8 and fits(spec.dimensions, nw, nh) and (
            spec.dimensions is None or spec.dimensions.aspect is not None or _has_range(spec)):
        return Step(nw, nh, max(floor(spec), min(TOP, lowest.quality + 10)))
    if limit.soft:
        return Step(keep=index)  # the source says 一般/约: a little over warns, and this is the best the floor allows
    return Step(refuse=f"用规格允许的最低压缩质量 {lowest.quality} 保存仍有 {_kb(lowest.size)}，超过上限 {limit.max} KB；"
                "照片细节太多（例如背景有纹理或噪点），请在更平整的背景前重新拍摄")


def _has_range(spec: PhotoSpec) -> bool:
    rule = spec.dimensions
    return rule is not None and any(
        limit is not None and limit.min != limit.max for limit in (rule.width, rule.height))
