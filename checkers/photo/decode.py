"""CPython-only decoding for the CLI: Pillow if installed, after the pixel budget check on header dimensions."""

from __future__ import annotations

import io
import warnings
from typing import Any

from checkers.photo.jpeg import JpegInfo
from checkers.photo.pixels import Pixels, analysis_size, decode_refusal

NO_PILLOW = "未安装 Pillow，像素检查（背景、构图）跳过；安装方法：pip install pillow"


def decode(data: bytes, info: JpegInfo) -> Pixels | str:
    """RGB pixels in stored orientation (no EXIF transpose), scaled down if large; or a Chinese reason."""
    w, h = info.frame.width, info.frame.height
    refusal = decode_refusal(w, h)
    if refusal is not None:
        return refusal
    try:
        from PIL import Image
    except ImportError:
        return NO_PILLOW
    try:
        with warnings.catch_warnings():  # Pillow warns on stderr about corrupt EXIF; the checks report it in Chinese
            warnings.simplefilter("ignore")
            return _decode(Image, data, w, h)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as err:
        return f"照片无法解码（{type(err).__name__}: {err}），像素检查跳过"


def _decode(Image: Any, data: bytes, w: int, h: int) -> Pixels | str:
    with Image.open(io.BytesIO(data), formats=["JPEG"]) as image:
        if image.size != (w, h):
            return f"解码器读到的尺寸 {image.size[0]}×{image.size[1]} 与文件头的 {w}×{h} 不一致，像素检查跳过"
        target = analysis_size(w, h)
        if target != (w, h):
            # JPEG DCT scaling decodes at 1/2, 1/4 or 1/8 size, fast and small; it keeps at least the size asked
            # for, so ask for half the target: the result lies between half and all of the analysis size.
            image.draft("RGB", (max(1, target[0] // 2), max(1, target[1] // 2)))
        rgb = image.convert("RGB")
        if rgb.width * rgb.height > target[0] * target[1]:  # draft only halves; finish the reduction here
            rgb = rgb.resize(target, Image.Resampling.BILINEAR, reducing_gap=2.0)
        return Pixels(rgb.width, rgb.height, rgb.tobytes())
