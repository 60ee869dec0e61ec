"""Decoded RGB pixels handed to the pixel checks, and the pixel budget decided from header dimensions."""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_SIDE = 65535  # the JPEG frame header stores each side in 16 bits
MAX_PIXELS = 40_000_000  # images above this are never decoded (a 4:3 phone photo of 48 MP is refused)
ANALYSIS_PIXELS = 4_000_000  # decoders should scale larger images down to about this size before analysis


@dataclass(frozen=True)
class Pixels:
    """Row-major 8-bit RGB in the image's STORED orientation (EXIF orientation not applied).

    It may be a scaled-down decode of the stored image (same aspect ratio); results are converted
    back to the stored image's pixel coordinates.
    """

    width: int
    height: int
    rgb: bytes

    def problem(self) -> str | None:
        """Why these pixels cannot be analysed, in Chinese; None when they are usable."""
        if self.width < 8 or self.height < 8:
            return f"像素数据只有 {self.width}×{self.height}，太小"
        if len(self.rgb) != self.width * self.height * 3:
            return f"像素数据长度 {len(self.rgb)} 与 {self.width}×{self.height} 的 RGB 图像不符"
        return None

    def scale_to(self, width: int, height: int) -> tuple[float, float] | None:
        """Factors (x, y) from these pixels to a stored image of ``width``×``height``; None if they do not match."""
        fx, fy = width / self.width, height / self.height
        if fx < 0.999 or fy < 0.999 or abs(fx - fy) > 0.02 * fx:
            return None
        return fx, fy


def megapixels(width: int, height: int) -> str:
    return f"{width * height / 1_000_000:.1f}"


def decode_refusal(width: int, height: int) -> str | None:
    """The Chinese reason an image of this header size must not be decoded, or None if it may be."""
    if width * height > MAX_PIXELS:
        return (
            f"文件头声明的尺寸为 {width}×{height}（约 {megapixels(width, height)} 百万像素），"
            f"超过本工具 {MAX_PIXELS // 1_000_000} 百万像素的处理上限，为防止设备卡死不做解码，背景和构图检查跳过"
        )
    return None


def analysis_size(width: int, height: int) -> tuple[int, int]:
    """A decode size of at most ANALYSIS_PIXELS with the same aspect ratio (the stored size if small)."""
    if width * height <= ANALYSIS_PIXELS:
        return width, height
    shrink = math.sqrt(width * height / ANALYSIS_PIXELS)
    return max(1, round(width / shrink)), max(1, round(height / shrink))
