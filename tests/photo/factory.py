"""Synthetic ID photos made with Pillow for the photo checker's tests (never real people)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops, ImageDraw

LIGHT_BLUE = (100, 197, 255)
WHITE = (255, 255, 255)
SKIN, HAIR, SUIT = (214, 172, 142), (28, 22, 22), (38, 40, 56)


def portrait(width: int = 480, height: int = 640, bg: tuple[int, int, int] = LIGHT_BLUE, head_top: int | None = None,
             shift: int = 0, noise: int = 4, seed: int = 1, person: bool = True) -> Image.Image:
    """A light background with a dark head-and-shoulders silhouette whose hair starts at row ``head_top``.

    ``shift`` moves the sitter right (px); ``noise`` adds uniform ±noise per channel (sensor-like texture,
    which also brings a 480×640 file at quality 85 to roughly 30 KB).
    """
    head_top = height // 8 if head_top is None else head_top  # 80 px in a 480×640 photo
    image = Image.new("RGB", (width, height), bg)
    if person:
        draw = ImageDraw.Draw(image)
        cx = width / 2 + shift
        hw, hh = width * 0.19, height * 0.21  # half width and half height of the face oval
        draw.ellipse([cx - width * 0.48, head_top + hh * 1.85, cx + width * 0.48, height * 1.4], fill=SUIT)
        draw.rectangle([cx - hw * 0.45, head_top + hh * 1.5, cx + hw * 0.45, head_top + hh * 2.1], fill=SKIN)
        draw.ellipse([cx - hw, head_top, cx + hw, head_top + 2 * hh], fill=SKIN)
        draw.ellipse([cx - hw * 1.03, head_top, cx + hw * 1.03, head_top + hh * 0.8], fill=HAIR)
    if noise:
        grain = Image.frombytes("L", (width, height), random.Random(seed).randbytes(width * height))
        grain = grain.point(lambda v: v * (2 * noise + 1) // 256).convert("RGB")
        image = ImageChops.add(image, grain, 1.0, -noise)
    return image


def jpeg(image: Image.Image, quality: int | None = 85, dpi: tuple[int, int] | None = (300, 300), *,
         orientation: int | None = None, progressive: bool = False, **options: object) -> bytes:
    """Encode with Pillow (libjpeg: IJG tables); ``orientation`` writes an EXIF Orientation tag."""
    out = io.BytesIO()
    kwargs: dict[str, object] = {"progressive": progressive, **options}
    if quality is not None:  # None with qtables=…: the tables are written unscaled
        kwargs["quality"] = quality
    if dpi is not None:
        kwargs["dpi"] = dpi
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif.tobytes()
    image.save(out, "JPEG", **kwargs)
    return out.getvalue()


def compliant() -> bytes:
    """A 480×640, 300 dpi, quality 85 light-blue photo that meets national/graduation (about 30 KB)."""
    return jpeg(portrait())


def segment_offset(data: bytes, marker: int) -> int:
    """Offset of the first ``FF marker`` segment before the scan data (walks the headers, test-side)."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos + 1] == marker:
            return pos
        if data[pos + 1] == 0xDA:
            break
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    raise LookupError(f"no FF{marker:02X} segment")


def patch(data: bytes, offset: int, new: bytes) -> bytes:
    return data[:offset] + new + data[offset + len(new) :]


def with_comment(data: bytes, size: int) -> bytes:
    """Insert a COM segment after SOI so that the file is exactly ``size`` bytes (a valid JPEG)."""
    body = size - len(data) - 4
    if not 0 <= body <= 65533:
        raise ValueError("cannot reach that size with one COM segment")
    return data[:2] + b"\xff\xfe" + (body + 2).to_bytes(2, "big") + b"x" * body + data[2:]


def pixels_of(data: bytes) -> "Pixels":
    """The RGB pixels of an encoded photo, decoded by Pillow in stored orientation."""
    from checkers.photo.pixels import Pixels

    with Image.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
        return Pixels(rgb.width, rgb.height, rgb.tobytes())


def pixels(image: Image.Image) -> "Pixels":
    from checkers.photo.pixels import Pixels

    rgb = image.convert("RGB")
    return Pixels(rgb.width, rgb.height, rgb.tobytes())
