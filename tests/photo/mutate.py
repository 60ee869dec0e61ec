"""Byte-level mutation of real JPEGs, random pixel buffers and a per-input guard, for fuzzing (tests and bench)."""

from __future__ import annotations

import contextlib
import random
import signal
import struct
import time
from typing import Any, Callable, Iterator

from checkers.photo import api
from checkers.photo.context import Context, Scene
from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.pixel_checks import check_background, check_framing
from checkers.photo.pixels import Pixels
from checkers.photo.table import CHECK_IDS

INTERESTING = (0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0xD8, 0xD9, 0xDA, 0xDB, 0xC0, 0xC2, 0xC4, 0xE0, 0xE1)
LENGTHS = (0, 1, 2, 3, 4, 5, 0x7FFF, 0xFFFF)
STATUSES = {"pass", "fail", "warn", "skip"}


class Hang(Exception):
    """An input took longer than the per-input time limit."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` inside the block if it uses more than ``seconds`` of CPU time (SIGPROF; main thread
    only). CPU time, not wall time: on a busy machine (2 cores shared by several jobs) wall time stretches
    many times over, while a real hang still burns CPU until the guard fires."""

    def expired(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def segments(data: bytes) -> list[tuple[int, int, int]]:
    """(offset, marker, length) of the header segments up to the first scan, tolerating garbage."""
    out, pos = [], 2
    while pos + 4 <= len(data) and data[pos] == 0xFF and len(out) < 64:
        marker = data[pos + 1]
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        out.append((pos, marker, length))
        if marker == 0xDA or length < 2:
            break
        pos += 2 + length
    return out


class Mutator:
    """Makes mutated copies of ``seeds``; every choice comes from ``rng``, so a seed replays a campaign."""

    def __init__(self, seeds: list[bytes], rng: random.Random):
        self.seeds, self.rng = seeds, rng
        self.ops: list[Callable[[bytearray], bytearray]] = [
            self.flip_bits, self.set_bytes, self.truncate, self.segment_length, self.segment_length, self.splice,
            self.insert_segment, self.delete_range, self.duplicate_segment, self.frame_size, self.exif, self.trailing,
        ]

    def __call__(self) -> bytes:
        data = bytearray(self.rng.choice(self.seeds))
        for _ in range(self.rng.choice((1, 1, 1, 2, 3))):
            data = self.rng.choice(self.ops)(data)
        return bytes(data)

    def _pos(self, data: bytearray, header_bias: bool = True) -> int:
        if not data:
            return 0
        limit = min(len(data), 700) if header_bias and self.rng.random() < 0.7 else len(data)
        return self.rng.randrange(limit)

    def flip_bits(self, data: bytearray) -> bytearray:
        for _ in range(self.rng.randint(1, 8)):
            if data:
                data[self._pos(data)] ^= 1 << self.rng.randrange(8)
        return data

    def set_bytes(self, data: bytearray) -> bytearray:
        for _ in range(self.rng.randint(1, 4)):
            if data:
                data[self._pos(data)] = self.rng.choice(INTERESTING)
        return data

    def truncate(self, data: bytearray) -> bytearray:
        return data[: self._pos(data, header_bias=self.rng.random() < 0.5)]

    def segment_length(self, data: bytearray) -> bytearray:
        segs = segments(bytes(data))
        if not segs:
            return self.flip_bits(data)
        offset, _, length = self.rng.choice(segs)
        new = self.rng.choice(LENGTHS + (length - 1, length + 1, length * 2, self.rng.randrange(0x10000)))
        data[offset + 2 : offset + 4] = struct.pack(">H", max(0, min(0xFFFF, new)))
        return data

    def splice(self, data: bytearray) -> bytearray:
        other = self.rng.choice(self.seeds)
        return data[: self._pos(data)] + other[self.rng.randrange(max(1, len(other))) :]

    def insert_segment(self, data: bytearray) -> bytearray:
        marker = self.rng.choice((0xC0, 0xC2, 0xC4, 0xDA, 0xDB, 0xDD, 0xE0, 0xE1, 0xEE, 0xFE, 0xD9, 0xD8, 0x01))
        body = self.rng.randbytes(self.rng.randrange(0, 40))
        length = self.rng.choice((len(body) + 2, len(body) + 2, self.rng.choice(LENGTHS)))
        segs = segments(bytes(data))
        at = self.rng.choice(segs)[0] if segs else 2
        return data[:at] + bytes((0xFF, marker)) + struct.pack(">H", length) + body + data[at:]

    def delete_range(self, data: bytearray) -> bytearray:
        start = self._pos(data)
        return data[:start] + data[start + self.rng.randint(1, 64) :]

    def duplicate_segment(self, data: bytearray) -> bytearray:
        segs = segments(bytes(data))
        if not segs:
            return data + data
        offset, _, length = self.rng.choice(segs)
        chunk = data[offset : offset + 2 + length]
        return data[:offset] + chunk + data[offset:]

    def frame_size(self, data: bytearray) -> bytearray:
        for offset, marker, _ in segments(bytes(data)):
            if marker in (0xC0, 0xC1, 0xC2) and offset + 9 <= len(data):
                pick = lambda: self.rng.choice((0, 1, 8, 255, 256, 4096, 65000, 65535, self.rng.randrange(65536)))  # noqa: E731
                data[offset + 5 : offset + 9] = struct.pack(">HH", pick(), pick())
                break
        return data

    def exif(self, data: bytearray) -> bytearray:
        endian = self.rng.choice("<>")
        count = self.rng.choice((0, 1, 3, 600, 0xFFFF))
        entries = b"".join(
            struct.pack(endian + "HHI", self.rng.choice((0x0112, 0x011A, 0x011B, 0x0128, 0x8769)),
                        self.rng.choice((1, 2, 3, 4, 5, 7, 10)), self.rng.choice((0, 1, 2, 0xFFFFFFFF)))
            + self.rng.randbytes(4)
            for _ in range(min(count, 4))
        )
        ifd = self.rng.choice((8, 0, 7, 0xFFFFFFF0))
        tiff = (b"II" if endian == "<" else b"MM") + struct.pack(endian + "HIH", 42, ifd, count) + entries
        body = b"Exif\x00\x00" + tiff + self.rng.randbytes(self.rng.randrange(16))
        return data[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + data[2:]

    def trailing(self, data: bytearray) -> bytearray:
        return data + self.rng.choice((b"\x00" * self.rng.randrange(1, 5000), self.rng.choice(self.seeds),
                                       self.rng.randbytes(self.rng.randrange(1, 100))))


def validate(result: dict[str, Any], spec_id: str) -> None:
    """The JSON contract every answer must keep, whatever the input."""
    assert result["spec"] == spec_id and isinstance(result["ok"], bool)
    assert [c["id"] for c in result["checks"]] == list(CHECK_IDS)
    for item in result["checks"]:
        assert item["status"] in STATUSES and isinstance(item["message"], str) and item["message"]
    assert result["ok"] == all(c["status"] != "fail" for c in result["checks"])


def file_level(data: bytes, spec_id: str, filename: str) -> None:
    """Parser, inspect() and every file-level check on one input."""
    parse(data)
    info = api.inspect(data)
    assert isinstance(info["ok"], bool) and isinstance(info["decode_allowed"], bool)
    if info["decode_allowed"]:
        assert info["decode_width"] * info["decode_height"] <= 4_100_000
    validate(api.check(data, spec_id, filename=filename), spec_id)


def random_pixels(rng: random.Random) -> Pixels:
    """A small RGB buffer: noise, flat colour, shapes, extremes, or a wrong length now and then."""
    w, h = rng.randint(1, 72), rng.randint(1, 96)
    kind = rng.randrange(6)
    if kind == 0:
        rgb = rng.randbytes(w * h * 3)
    elif kind == 1:
        rgb = bytes(rng.randbytes(3)) * (w * h)
    elif kind == 2:
        row = b"".join(bytes(rng.randbytes(3)) * rng.randint(1, 8) for _ in range(w))[: w * 3].ljust(w * 3, b"\x00")
        rgb = b"".join(row if rng.random() < 0.8 else rng.randbytes(w * 3) for _ in range(h))
    elif kind == 3:
        rgb = bytes(rng.choice((0, 255)) for _ in range(w * h * 3))
    elif kind == 4:
        flat = bytearray(bytes(rng.randbytes(3)) * (w * h))
        for _ in range(rng.randint(1, 4)):  # rectangles of another colour: a crude sitter
            x0, y0 = rng.randrange(w), rng.randrange(h)
            colour = rng.randbytes(3)
            for y in range(y0, min(h, y0 + rng.randint(1, h))):
                for x in range(x0, min(w, x0 + rng.randint(1, w))):
                    flat[3 * (y * w + x) : 3 * (y * w + x) + 3] = colour
        rgb = bytes(flat)
    else:
        rgb = rng.randbytes(max(0, w * h * 3 + rng.choice((-3, -1, 1, 5))))
    return Pixels(w, h, rgb)


def pixel_level(px: Pixels, header: bytes, rng: random.Random, specs: list[Any]) -> None:
    """Pixel analysis directly (every spec) and through api.check with a frame header of a scaled size."""
    if px.problem() is None:
        scale = rng.choice((1, 1, 2, 3))
        scene = Scene(px, (float(scale), float(scale)), (px.width * scale, px.height * scale))
        for spec in specs:
            ctx = Context(header, parse(header), spec, None, len(header), px)
            ctx.__dict__["scene"] = scene  # one analysis for every spec (the cached property's slot)
            check_background(ctx)
            check_framing(ctx)
    stored = (max(1, px.width * rng.choice((1, 2))), max(1, px.height * rng.choice((1, 2))))
    info = parse(header)
    assert isinstance(info, JpegInfo)
    for offset, marker, _ in segments(header):
        if marker in (0xC0, 0xC2):
            header = header[: offset + 5] + struct.pack(">HH", stored[1], stored[0]) + header[offset + 9 :]
            break
    spec = rng.choice(specs)
    validate(api.check(header, spec.id, pixels=px), spec.id)


def timed(fn: Callable[[], None], limit: float) -> float:
    """Run ``fn`` under the guard; returns the seconds it took."""
    started = time.perf_counter()
    with deadline(limit):
        fn()
    return time.perf_counter() - started
