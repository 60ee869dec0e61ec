"""checkers.photo.decode (CLI decoder): budget first, Pillow after, large photos scaled down, errors as text."""

from __future__ import annotations

import struct
from typing import Any

import pytest

from checkers.photo.decode import decode
from checkers.photo.jpeg import JpegInfo, parse

from .factory import jpeg, patch, portrait, segment_offset


def info(data: bytes) -> JpegInfo:
    parsed = parse(data)
    assert isinstance(parsed, JpegInfo)
    return parsed


def test_decodes_rgb(good: bytes) -> None:
    px = decode(good, info(good))
    assert not isinstance(px, str) and (px.width, px.height) == (480, 640) and len(px.rgb) == 480 * 640 * 3


def test_budget_is_checked_before_pillow_opens_anything(good: bytes, monkeypatch: Any) -> None:
    from PIL import Image

    def never(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("Pillow must not be asked to decode a refused image")

    monkeypatch.setattr(Image, "open", never)
    sof = segment_offset(good, 0xC0)
    bomb = patch(good, sof + 5, struct.pack(">HH", 65000, 65000))
    reason = decode(bomb, info(bomb))
    assert isinstance(reason, str) and "上限" in reason


def test_large_photo_is_decoded_smaller() -> None:
    data = jpeg(portrait(2400, 3200, noise=0), quality=70)
    px = decode(data, info(data))
    assert not isinstance(px, str) and px.width < 2400 and px.scale_to(2400, 3200) is not None


def test_corrupt_scan_data_is_a_reason(good: bytes) -> None:
    sos = good.index(b"\xff\xda")
    broken = good[: sos + 14] + bytes(range(256)).replace(b"\xff", b"\xfe") * 4 + b"\xff\xd9"
    result = decode(broken, info(broken))
    assert isinstance(result, str) or (result.width, result.height) == (480, 640)


def test_without_pillow(good: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "PIL" or name.startswith("PIL."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    reason = decode(good, info(good))
    assert isinstance(reason, str) and "Pillow" in reason


def test_corrupt_exif_makes_no_warning() -> None:
    """Found by fuzzing: Pillow printed 'Corrupt EXIF data' UserWarnings on the CLI's stderr.

    Pillow reads EXIF for the resolution when the JFIF header has none (dpi=None here).
    """
    import warnings

    good = jpeg(portrait(), dpi=None)

    body = bytes.fromhex(  # the APP1 of the mutated file: IFD0 at offset 0, entries running past the end
        "45786966000049492a0000000000ffff1b01010002000000afd2af3a12010200000000006823a1341a010700ffffffff"
        "6c4fdac02801070001000000ad40a3d30a8be27cf9df")
    data = good[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + good[2:]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        px = decode(data, info(data))
    assert not isinstance(px, str) and (px.width, px.height) == (480, 640)


def test_extreme_aspect_header_decodes_small_and_fast() -> None:
    """Found by fuzzing: a 256×65000 header on a small file took 0.37 s to decode at 1/2 scale."""
    import time

    small = jpeg(portrait(96, 128, noise=3))
    sof = segment_offset(small, 0xC0)
    tall = patch(small, sof + 5, struct.pack(">HH", 65000, 256))
    started = time.process_time()  # CPU time: wall time stretches on a busy machine
    px = decode(tall, info(tall))
    elapsed = time.process_time() - started
    assert isinstance(px, str) or px.width * px.height <= 4_000_000
    assert elapsed < 0.3
