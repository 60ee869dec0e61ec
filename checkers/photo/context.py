"""What every photo check reads (file, parse, spec, name, pixels) and why a check cannot run (a Gap)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from checkers.photo.analysis import Layout, analyse
from checkers.photo.jpeg import JpegFailure, JpegInfo
from checkers.photo.pixels import Pixels, decode_refusal
from checkers.photo.spec import PhotoSpec

Needs = Literal["file", "jpeg", "pixels"]  # what a check needs: any file, a parsed JPEG, usable pixels
TURNED = (3, 4, 5, 6, 7, 8)  # EXIF orientations whose stored pixels are rotated or upside down


@dataclass(frozen=True)
class Gap:
    """Why a check cannot run, and what to do first; ``whole`` when ``why`` already names the skipped checks."""

    why: str
    then: str | None = None
    whole: bool = False

    def message(self, label: str) -> str:
        text = self.why.rstrip("。") if self.whole else f"{self.why.rstrip('。')}，无法检查{label}"
        return text + (f"；{self.then.rstrip('。')}" if self.then else "")


NOT_JPEG = Gap("文件不是有效的 JPEG")


@dataclass(frozen=True)
class Scene:
    """Usable decoded pixels, their scale to the stored image and the stored size; the analysis runs once, on demand."""

    pixels: Pixels
    scale: tuple[float, float]
    stored: tuple[int, int]

    @cached_property
    def layout(self) -> Layout:
        return analyse(self.pixels)


@dataclass(frozen=True)
class Context:
    """The inputs of one check run; ``pixels`` in stored orientation, ``skip_reason`` when they could not be had."""

    data: bytes
    parsed: JpegInfo | JpegFailure
    spec: PhotoSpec
    filename: str | None
    size: int  # the file's size in bytes (the data may be cut short for oversized files)
    pixels: Pixels | None = None
    skip_reason: str | None = None

    @property
    def info(self) -> JpegInfo | None:
        return self.parsed if isinstance(self.parsed, JpegInfo) else None

    def gap(self, needs: Needs) -> Gap | None:
        """Why a check that needs ``needs`` cannot run on this input; None when it can."""
        if needs == "file":
            return None
        if needs == "jpeg":
            return NOT_JPEG if self.info is None else None
        return self.scene if isinstance(self.scene, Gap) else None

    @cached_property
    def scene(self) -> Scene | Gap:
        info = self.info
        if info is None:
            return NOT_JPEG
        w, h = info.frame.width, info.frame.height
        refusal = decode_refusal(w, h)
        if refusal is not None:
            return Gap(refusal, whole=True)
        orientation = info.exif.orientation if info.exif else None
        if orientation in TURNED:
            return Gap(f"照片带有 EXIF 方向标记 {orientation}，文件里存储的像素是转过或翻过的，按存储方向分析没有意义",
                       "请先把照片转正另存（见“方向”一项），再检查")
        if self.pixels is None:
            return Gap(self.skip_reason, whole=True) if self.skip_reason else Gap("没有提供解码后的像素")
        problem = self.pixels.problem()
        if problem is not None:
            return Gap(problem)
        scale = self.pixels.scale_to(w, h)
        if scale is None:
            return Gap(f"解码得到的像素为 {self.pixels.width}×{self.pixels.height}，与文件头记录的 {w}×{h} 不一致"
                       "（像素应按文件的存储方向传入，不要按 EXIF 方向转正）")
        return Scene(self.pixels, scale, (w, h))

    def jpeg(self) -> JpegInfo:
        """The parsed JPEG; only for checks whose ``needs`` is "jpeg" or "pixels"."""
        if self.info is None:
            raise RuntimeError("JPEG check run on a file that is not a JPEG")
        return self.info

    def view(self) -> Scene:
        """The usable pixels; only for checks whose ``needs`` is "pixels" (the table runs them only then)."""
        scene = self.scene
        if isinstance(scene, Gap):
            raise RuntimeError(f"pixel check run without usable pixels: {scene.why}")
        return scene
