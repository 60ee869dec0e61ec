"""Inputs for the web tests: synthetic photos made with Pillow (never real people), and the CLI's answers."""

from __future__ import annotations

import io
import json
import random
import struct
from pathlib import Path
from typing import Any

from runtime.samples import encode_jpeg as encode


ROOT = Path(__file__).resolve().parents[2]
BLUE, WHITE, RED = (100, 197, 255), (255, 255, 255), (200, 30, 40)


def portrait(width: int = 480, height: int = 640, bg: tuple[int, int, int] = BLUE, *, head_top: float = 0.125,
             shift: float = 0.0, noise: int = 4, seed: int = 1) -> Any:
    """A plain background and a dark head-and-shoulders silhouette; ``head_top``/``shift`` as shares of the size."""
    from PIL import Image, ImageChops, ImageDraw

    image = Image.new("RGB", (width, height), bg)
    draw = ImageDraw.Draw(image)
    cx, top = width * (0.5 + shift), height * head_top
    hw, hh = width * 0.19, height * 0.21
    draw.ellipse([cx - width * 0.48, top + hh * 1.85, cx + width * 0.48, height * 1.4], fill=(38, 40, 56))
    draw.rectangle([cx - hw * 0.45, top + hh * 1.5, cx + hw * 0.45, top + hh * 2.1], fill=(214, 172, 142))
    draw.ellipse([cx - hw, top, cx + hw, top + 2 * hh], fill=(214, 172, 142))
    draw.ellipse([cx - hw * 1.03, top, cx + hw * 1.03, top + hh * 0.8], fill=(28, 22, 22))
    if noise:
        grain = Image.frombytes("L", (width, height), random.Random(seed).randbytes(width * height))
        grain = grain.point(lambda v: v * (2 * noise + 1) // 256).convert("RGB")
        image = ImageChops.add(image, grain, 1.0, -noise)
    return image


def bomb(width: int = 60000, height: int = 60000) -> bytes:
    """A small real JPEG whose frame header claims ``width``×``height`` (a decompression bomb's header)."""
    data = bytearray(encode(portrait(64, 64), dpi=None))
    pos = 2
    while pos + 9 < len(data):
        marker, length = data[pos + 1], struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            data[pos + 5:pos + 9] = struct.pack(">HH", height, width)
            return bytes(data)
        pos += 2 + length
    raise AssertionError("no SOF segment")


def photo_set() -> dict[str, bytes]:
    """The declared photo subset: between them they give every check a pass and a non-pass result."""
    return {
        "good.jpg": encode(portrait()),
        "white-bg.jpg": encode(portrait(bg=WHITE, seed=2)),
        "red-bg.jpg": encode(portrait(bg=RED, seed=3)),
        "head-too-high.jpg": encode(portrait(head_top=0.01, seed=4)),
        "off-centre.jpg": encode(portrait(shift=0.09, seed=5)),
        "small-low-quality.jpg": encode(portrait(240, 320, seed=6), quality=30, dpi=72),
        "no-dpi-progressive.jpg": encode(portrait(seed=7), dpi=None, progressive=True),
        "grey.jpg": encode(portrait(seed=8), mode="L"),
        "big-noisy.jpg": encode(portrait(480, 640, noise=40, seed=9), quality=98),
        "rotated.jpg": encode(portrait(640, 480, seed=10), orientation=6),
        "large-rotated.jpg": encode(portrait(2400, 3200, noise=0), quality=80, orientation=8),
        "bomb.jpg": bomb(),
        "truncated.jpg": encode(portrait(seed=11))[:5000],
        "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(200),
        "12345678张三.jpg": encode(portrait(seed=12)),
    }


def cli_json(path: Path, spec: str) -> dict[str, Any]:
    """The CLI's answer for one photo: `python -m checkers photo FILE --spec SPEC --json`, run in-process."""
    from checkers.photo.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(["photo", str(path), "--spec", spec, "--json"], out=out, err=err)
    assert code in (0, 1), err.getvalue()
    return json.loads(out.getvalue())


def statuses(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["id"], c["status"]) for c in result["checks"]]


class Held:
    """A Playwright route handler that holds requests back until ``release()``; those that arrive later go on at
    once. A tool page asks for the runtime's WebAssembly twice on a first visit (its preload, then the worker),
    so a test that holds the download must let both go."""

    def __init__(self) -> None:
        self.routes: list[Any] = []
        self.released = False

    def __call__(self, route: Any) -> None:
        if self.released:
            route.continue_()
        else:
            self.routes.append(route)

    def __bool__(self) -> bool:
        return bool(self.routes)

    def release(self) -> None:
        self.released = True
        for route in self.routes:
            route.continue_()
