"""Sample inputs for the build's trace and verification runs: photos and pastes covering every spec and plan."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any, Iterator

CATALOG = "checkers/_catalog.json"


def encode_jpeg(image: Any, quality: int = 85, dpi: int | None = 300, *, orientation: int | None = None,
                progressive: bool = False, mode: str | None = None) -> bytes:
    """A Pillow image as JPEG bytes, with the density, EXIF orientation and mode the samples and tests vary."""
    from PIL import Image

    if mode:
        image = image.convert(mode)
    kwargs: dict[str, Any] = {"quality": quality, "progressive": progressive}
    if dpi is not None:
        kwargs["dpi"] = (dpi, dpi)
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif.tobytes()
    out = io.BytesIO()
    image.save(out, "JPEG", **kwargs)
    return out.getvalue()


def _photo(width: int, height: int, background: tuple[int, int, int], *, quality: int = 90,
           dpi: int | None = 300, orientation: int | None = None, progressive: bool = False) -> tuple[bytes, Any]:
    """A JPEG of a dark head-and-shoulders silhouette on ``background``, and its decoded image."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(img)
    cx = width / 2
    draw.ellipse([cx - width * 0.2, height * 0.12, cx + width * 0.2, height * 0.58], fill=(40, 32, 30))
    draw.rectangle([cx - width * 0.08, height * 0.55, cx + width * 0.08, height * 0.7], fill=(45, 36, 34))
    draw.ellipse([cx - width * 0.48, height * 0.66, cx + width * 0.48, height * 1.3], fill=(30, 30, 60))
    data = encode_jpeg(img, quality, dpi, orientation=orientation, progressive=progressive)
    return data, img


def decode_rgb(data: bytes) -> tuple[int, int, bytes]:
    """Pixels as the CLI sees them: Pillow decode, stored orientation (no EXIF transpose), RGB."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        rgb = img.convert("RGB")
        return rgb.width, rgb.height, rgb.tobytes()


def photos() -> Iterator[tuple[str, bytes]]:
    """Named sample files: passing-looking, failing and malformed."""
    yield "blue-480x640.jpg", _photo(480, 640, (140, 200, 240))[0]
    yield "white-295x413.jpg", _photo(295, 413, (250, 250, 250), quality=75, dpi=None)[0]
    yield "red-358x441.jpg", _photo(358, 441, (200, 30, 40), quality=95, dpi=350, progressive=True)[0]
    yield "rotated-640x480.jpg", _photo(640, 480, (140, 200, 240), orientation=6)[0]
    yield "tiny-40x50.jpg", _photo(40, 50, (128, 128, 128), quality=30)[0]
    blue = _photo(480, 640, (140, 200, 240))[0]
    yield "truncated.jpg", blue[: len(blue) // 3]
    yield "header-only.jpg", blue[:200]
    yield "random.jpg", random.Random(5).randbytes(3000)
    yield "empty.jpg", b""
    yield "not-a-photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64)


def _codes(value: Any) -> Iterator[tuple[str, str]]:
    """(code, name) pairs of every course record found in a plan's data."""
    if isinstance(value, dict):
        code, name = value.get("code"), value.get("name")
        if isinstance(code, str) and isinstance(name, str):
            yield code, name
        for v in value.values():
            yield from _codes(v)
    elif isinstance(value, list):
        for v in value:
            yield from _codes(v)


def pastes(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    courses = sorted(set(_codes(plan)))
    rows = [f"{code}\t{name}\t{60 + i % 40}\t2024-10" for i, (code, name) in enumerate(courses)]
    yield "all", "\n".join(rows)
    yield "half", "\n".join(rows[::2])
    yield "failing", "\n".join(f"{code}\t{name}\t45" for code, name in courses)
    yield "garbage", "这不是成绩单 <b>x</b> \x00\t\t\n;;;,,,\n" + "课程 " * 50
    yield "empty", ""


def cases(root: Path, work: Path) -> list[dict[str, Any]]:
    """Operations for runtime/node/run.mjs: every photo against every spec (with and without pixels), every paste."""
    catalog = json.loads((root / CATALOG).read_text(encoding="utf-8"))
    work.mkdir(parents=True, exist_ok=True)
    courses = (root / "checkers" / "courses" / "api.py").is_file()
    out: list[dict[str, Any]] = [
        {"op": "specs", "args": {}},
        {"op": "limits", "args": {}},
        # Errors cross into JavaScript with a formatted traceback: that path must work with the trimmed stdlib.
        {"op": "no_such_operation", "args": {}, "ok": False},
    ]
    if courses:
        out += [{"op": "plans", "args": {}}, {"op": "check_courses", "args": {"text": 5, "plan": "x"}, "ok": False}]
    files: list[tuple[str, Path, dict[str, Any] | None]] = []
    for name, data in photos():
        path = work / name
        path.write_bytes(data)
        try:
            width, height, rgb = decode_rgb(data)
        except (OSError, ValueError):  # malformed samples have no pixels, as in the CLI
            pixels = None
        else:
            (work / f"{name}.rgb").write_bytes(rgb)
            pixels = {"width": width, "height": height, "rgb": {"$file": str(work / f"{name}.rgb")}}
        files.append((name, path, pixels))
        out.append({"op": "inspect_photo", "args": {"data": {"$file": str(path)}}})
    for spec_id in sorted(catalog.get("photo_specs", {})):
        for name, path, pixels in files:
            out.append({"op": "check_photo", "args": {"data": {"$file": str(path)}, "spec": spec_id,
                                                       "filename": name, "pixels": pixels}})
        name, path, _ = files[0]
        out.append({"op": "check_photo", "args": {"data": {"$file": str(path)}, "spec": spec_id,
                                                   "filename": "照片 <img src=x>.jpg", "pixels": None,
                                                   "skip_reason": "浏览器无法解码", "file_size": 70_000_000}})
        out.append({"op": "photo_guides", "args": {"spec": spec_id, "width": 480, "height": 640}})
    for plan_id, plan in sorted(catalog.get("plans", {}).items()) if courses else ():
        for _, text in pastes(plan):
            for prior in (False, True):
                out.append({"op": "check_courses", "args": {"text": text, "plan": plan_id, "prior_diploma": prior}})
    return out
