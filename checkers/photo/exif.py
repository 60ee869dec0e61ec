"""Read the few EXIF IFD0 tags the checker needs (orientation and resolution) from an APP1 payload."""

from __future__ import annotations

import struct
from dataclasses import asdict, dataclass
from typing import Any

MAX_ENTRIES = 512  # IFD0 of real cameras has a few dozen entries

TAG_ORIENTATION = 0x0112
TAG_X_RESOLUTION = 0x011A
TAG_Y_RESOLUTION = 0x011B
TAG_RESOLUTION_UNIT = 0x0128
TYPE_SHORT, TYPE_LONG, TYPE_RATIONAL = 3, 4, 5

RESOLUTION_UNITS = {1: "无单位", 2: "英寸", 3: "厘米"}


class ExifError(ValueError):
    """The EXIF block cannot be read; ``message`` is Chinese and fit for users."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Exif:
    """IFD0 values used by the checks; None when the tag is absent or unreadable."""

    orientation: int | None = None
    x_resolution: float | None = None
    y_resolution: float | None = None
    resolution_unit: int | None = None
    problems: tuple[str, ...] = ()

    def dpi(self) -> tuple[float, float] | None:
        """(x, y) in dots per inch, or None when the tags give no physical resolution."""
        if self.x_resolution is None or self.y_resolution is None:
            return None
        unit = 2 if self.resolution_unit is None else self.resolution_unit  # TIFF default is inches
        if unit == 2:
            return (self.x_resolution, self.y_resolution)
        if unit == 3:
            return (self.x_resolution * 2.54, self.y_resolution * 2.54)
        return None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["problems"] = list(self.problems)
        return out


def parse_exif(tiff: bytes) -> Exif:
    """``tiff`` is the APP1 payload after ``Exif\\0\\0``. Raises :class:`ExifError` if unusable."""
    if len(tiff) < 8:
        raise ExifError("EXIF 数据太短")
    order = tiff[:2]
    if order == b"II":
        endian = "<"
    elif order == b"MM":
        endian = ">"
    else:
        raise ExifError("EXIF 字节序标记无效")
    magic, ifd0 = struct.unpack(endian + "HI", tiff[2:8])
    if magic != 42:
        raise ExifError("EXIF 头部标识无效")
    if ifd0 < 8 or ifd0 + 2 > len(tiff):
        raise ExifError("EXIF 目录位置超出数据范围")
    (count,) = struct.unpack(endian + "H", tiff[ifd0 : ifd0 + 2])
    if count > MAX_ENTRIES or ifd0 + 2 + 12 * count > len(tiff):
        raise ExifError("EXIF 目录条目数与数据长度不符")
    values: dict[str, Any] = {}
    problems: list[str] = []
    for i in range(count):
        start = ifd0 + 2 + 12 * i
        tag, typ, n = struct.unpack(endian + "HHI", tiff[start : start + 8])
        field = tiff[start + 8 : start + 12]
        if tag == TAG_ORIENTATION:
            values["orientation"] = _integer(endian, typ, n, field, problems, "方向（Orientation）")
        elif tag == TAG_RESOLUTION_UNIT:
            values["resolution_unit"] = _integer(endian, typ, n, field, problems, "分辨率单位")
        elif tag in (TAG_X_RESOLUTION, TAG_Y_RESOLUTION):
            key = "x_resolution" if tag == TAG_X_RESOLUTION else "y_resolution"
            values[key] = _rational(endian, typ, n, field, tiff, problems)
    return Exif(problems=tuple(problems), **values)


def _integer(endian: str, typ: int, n: int, field: bytes, problems: list[str], label: str) -> int | None:
    if n != 1 or typ not in (TYPE_SHORT, TYPE_LONG):
        problems.append(f"EXIF {label}标签的类型不正确，已忽略")
        return None
    if typ == TYPE_SHORT:
        return struct.unpack(endian + "H", field[:2])[0]
    return struct.unpack(endian + "I", field)[0]


def _rational(endian: str, typ: int, n: int, field: bytes, tiff: bytes, problems: list[str]) -> float | None:
    if n != 1 or typ != TYPE_RATIONAL:
        problems.append("EXIF 分辨率标签的类型不正确，已忽略")
        return None
    (offset,) = struct.unpack(endian + "I", field)
    if offset + 8 > len(tiff):
        problems.append("EXIF 分辨率数值的位置超出数据范围，已忽略")
        return None
    num, den = struct.unpack(endian + "II", tiff[offset : offset + 8])
    if den == 0:
        problems.append("EXIF 分辨率的分母为 0，已忽略")
        return None
    return num / den
