"""checkers.photo.jpeg: structure of valid files, and a structured failure for every malformed one."""

from __future__ import annotations

import struct
import time
import tracemalloc

import pytest

from checkers.photo.jpeg import MAX_SEGMENTS, JpegFailure, JpegInfo, parse

from .factory import jpeg, patch, portrait, segment_offset


def failure(data: bytes) -> JpegFailure:
    result = parse(data)
    assert isinstance(result, JpegFailure), result
    return result


def test_baseline_header(good: bytes) -> None:
    info = parse(good)
    assert isinstance(info, JpegInfo)
    assert (info.frame.width, info.frame.height, info.frame.precision) == (480, 640, 8)
    assert len(info.frame.components) == 3 and info.frame.marker == 0xC0
    assert info.jfif is not None and info.jfif.dpi() == (300.0, 300.0)
    assert info.scans == 1 and info.trailing == 0 and info.exif is None
    assert set(info.quant_tables) == {0, 1}
    assert info.segments[0].name == "SOI" and info.segments[-1].name == "EOI"
    assert info.to_dict()["width"] == 480


def test_progressive_has_many_scans() -> None:
    info = parse(jpeg(portrait(120, 160), progressive=True))
    assert isinstance(info, JpegInfo)
    assert info.frame.marker == 0xC2 and info.scans > 1


def test_greyscale_and_cmyk_components() -> None:
    grey = parse(jpeg(portrait(64, 80).convert("L")))
    cmyk = parse(jpeg(portrait(64, 80).convert("CMYK")))
    assert isinstance(grey, JpegInfo) and len(grey.frame.components) == 1
    assert isinstance(cmyk, JpegInfo) and len(cmyk.frame.components) == 4 and cmyk.adobe_transform is not None


def test_exif_orientation_read() -> None:
    info = parse(jpeg(portrait(64, 80), orientation=6))
    assert isinstance(info, JpegInfo) and info.exif is not None and info.exif.orientation == 6


@pytest.mark.parametrize("data, code", [
    (b"", "empty"),
    (b"hello, world", "not_jpeg"),
    (b"\xff", "not_jpeg"),
    (b"\xff\xd8", "truncated"),
    (b"\xff\xd8\xff", "truncated"),
    (b"\xff\xd8\xff\xd9", "no_frame"),
    (b"\xff\xd8\x00\x00", "bad_marker"),
    (b"\xff\xd8\xff\xe0\x00\x01", "bad_length"),
])
def test_tiny_inputs(data: bytes, code: str) -> None:
    fail = failure(data)
    assert fail.code == code
    assert fail.message and not fail.message.isascii()  # a Chinese sentence for users


@pytest.mark.parametrize("magic, name", [
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF89a", "GIF"), (b"\x00\x00\x00\x18ftypheic", "HEIC"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WebP"), (b"%PDF-1.7", "PDF"),
])
def test_other_formats_are_named(magic: bytes, name: str) -> None:
    fail = failure(magic + bytes(64))
    assert fail.code == "not_jpeg" and name in fail.message and fail.detected


def test_every_truncation_fails_cleanly() -> None:
    data = jpeg(portrait(48, 64, noise=2))
    codes = set()
    for cut in range(0, len(data) - 1):
        codes.add(failure(data[:cut]).code)
    assert codes <= {"empty", "not_jpeg", "truncated", "bad_length", "bad_frame", "bad_dqt", "no_frame", "no_scan"}
    assert "truncated" in codes


def test_segment_length_past_the_end(good: bytes) -> None:
    sof = segment_offset(good, 0xC0)
    fail = failure(patch(good, sof + 2, b"\xff\xff"))
    assert fail.code == "bad_length" and fail.offset == sof and "65535" in fail.message


def test_segment_length_too_short_lands_off_a_marker(good: bytes) -> None:
    app0 = segment_offset(good, 0xE0)
    fail = failure(patch(good, app0 + 2, b"\x00\x08"))
    assert fail.code == "bad_marker"


def test_segment_length_below_two(good: bytes) -> None:
    assert failure(patch(good, segment_offset(good, 0xDB) + 2, b"\x00\x01")).code == "bad_length"


def test_frame_claiming_65000_square_is_read_without_allocating(good: bytes) -> None:
    sof = segment_offset(good, 0xC0)
    bomb = patch(good, sof + 5, struct.pack(">HH", 65000, 65000))
    tracemalloc.start()
    started = time.perf_counter()
    info = parse(bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(info, JpegInfo) and (info.frame.width, info.frame.height) == (65000, 65000)
    assert peak < 2 * 1024 * 1024 and elapsed < 0.5


def test_zero_sized_frame(good: bytes) -> None:
    sof = segment_offset(good, 0xC0)
    assert failure(patch(good, sof + 5, b"\x00\x00")).code == "bad_frame"


def test_frame_with_wrong_component_count(good: bytes) -> None:
    sof = segment_offset(good, 0xC0)
    assert failure(patch(good, sof + 9, b"\x05")).code == "bad_frame"


def test_two_frames(good: bytes) -> None:
    sof = segment_offset(good, 0xC0)
    length = int.from_bytes(good[sof + 2 : sof + 4], "big")
    twice = good[: sof + 2 + length] + good[sof : sof + 2 + length] + good[sof + 2 + length :]
    assert failure(twice).code == "bad_frame"


def test_scan_before_frame() -> None:
    assert failure(b"\xff\xd8\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\xff\xd9").code == "bad_frame"


def test_missing_quantisation_table(good: bytes) -> None:
    dqt = segment_offset(good, 0xDB)
    length = int.from_bytes(good[dqt + 2 : dqt + 4], "big")
    fail = failure(good[:dqt] + good[dqt + 2 + length :])
    assert fail.code == "bad_dqt"


def test_bad_quantisation_table(good: bytes) -> None:
    dqt = segment_offset(good, 0xDB)
    assert failure(patch(good, dqt + 4, b"\x27")).code == "bad_dqt"  # precision 2 does not exist


def test_data_after_end_marker(good: bytes) -> None:
    info = parse(good + b"\x00" * 777)
    assert isinstance(info, JpegInfo) and info.trailing == 777 and not info.notes
    doubled = parse(good + good)
    assert isinstance(doubled, JpegInfo) and doubled.trailing == len(good) and doubled.notes


def test_too_many_segments(good: bytes) -> None:
    spam = b"\xff\xfe\x00\x02" * (MAX_SEGMENTS + 1)
    assert failure(good[:2] + spam + good[2:]).code == "too_many_segments"


def test_fill_bytes_before_markers_are_allowed(good: bytes) -> None:
    info = parse(good[:2] + b"\xff\xff" + good[2:])
    assert isinstance(info, JpegInfo)


def test_bad_exif_is_reported_not_raised(good: bytes) -> None:
    exif = b"Exif\x00\x00XX*\x00\x08\x00\x00\x00"
    data = good[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif + good[2:]
    info = parse(data)
    assert isinstance(info, JpegInfo) and info.exif is None and info.exif_problem
