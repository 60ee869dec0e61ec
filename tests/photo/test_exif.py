"""checkers.photo.exif: orientation and resolution from IFD0, in both byte orders; bad blocks raise ExifError."""

from __future__ import annotations

import struct

import pytest

from checkers.photo.exif import Exif, ExifError, parse_exif


def tiff(endian: str, entries: list[tuple[int, int, int, bytes]], extra: bytes = b"") -> bytes:
    """A TIFF header, IFD0 with ``entries`` (tag, type, count, 4-byte field), then ``extra``."""
    order = b"II" if endian == "<" else b"MM"
    head = order + struct.pack(endian + "HI", 42, 8) + struct.pack(endian + "H", len(entries))
    body = b"".join(struct.pack(endian + "HHI", tag, typ, n) + field for tag, typ, n, field in entries)
    return head + body + struct.pack(endian + "I", 0) + extra


def short(endian: str, value: int) -> bytes:
    return struct.pack(endian + "HH", value, 0)


@pytest.mark.parametrize("endian", ["<", ">"])
def test_orientation_and_resolution(endian: str) -> None:
    rational_at = 8 + 2 + 3 * 12 + 4
    data = tiff(endian, [
        (0x0112, 3, 1, short(endian, 6)),
        (0x011A, 5, 1, struct.pack(endian + "I", rational_at)),
        (0x0128, 3, 1, short(endian, 3)),
    ], struct.pack(endian + "II", 11811, 100))
    exif = parse_exif(data)
    assert exif.orientation == 6 and exif.resolution_unit == 3 and exif.x_resolution == pytest.approx(118.11)
    assert exif.dpi() is None  # no YResolution
    both = Exif(x_resolution=118.11, y_resolution=118.11, resolution_unit=3)
    assert both.dpi() == pytest.approx((300.0, 300.0), abs=0.01)
    assert Exif(x_resolution=300, y_resolution=300).dpi() == (300, 300)  # TIFF default unit: inch


@pytest.mark.parametrize("data, words", [
    (b"II*", "太短"),
    (b"XX*\x00\x08\x00\x00\x00", "字节序"),
    (b"II+\x00\x08\x00\x00\x00", "标识"),
    (b"II*\x00\xff\x00\x00\x00", "目录位置"),
    (b"II*\x00\x08\x00\x00\x00\xff\xff", "条目数"),
])
def test_unusable_blocks(data: bytes, words: str) -> None:
    with pytest.raises(ExifError) as err:
        parse_exif(data)
    assert words in err.value.message


def test_wrong_types_and_offsets_become_problems() -> None:
    data = tiff("<", [
        (0x0112, 2, 4, b"abc\x00"),  # ASCII orientation
        (0x011A, 5, 1, struct.pack("<I", 10_000)),  # rational past the end
        (0x011B, 5, 1, struct.pack("<I", 8 + 2 + 3 * 12 + 4)),  # denominator 0
    ], struct.pack("<II", 300, 0))
    exif = parse_exif(data)
    assert exif.orientation is None and exif.x_resolution is None and exif.y_resolution is None
    assert len(exif.problems) == 3
    assert exif.to_dict()["problems"] == list(exif.problems)
