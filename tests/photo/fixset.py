"""Inputs for the photo fix, made from the real portraits of tests/photo/realset.py: phone-sized scenes.

``scene`` puts a portrait, cut out by its hand-traced outline, on a large studio backdrop as a phone would
frame it (head well below the top, room on both sides); ``phone`` saves it as a phone does (EXIF with
orientation, GPS position and the device, the pixels stored turned); the other helpers make the variants
a candidate brings: PNG, CMYK, 72 dpi, too many KB, progressive, too few KB, greyscale, too small.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops

from tests.photo.realset import _mask, source_image, Source

PHONE = (1512, 2016)  # a 3:4 phone photo, halved from 3024×4032 to keep the tests quick


def backdrop(colour: tuple[int, int, int], size: tuple[int, int], seed: int = 3) -> Image.Image:
    """A studio backdrop: the colour, 3 % darker towards the corners, fine grain."""
    w, h = size
    light = Image.radial_gradient("L").resize((w * 2, h * 2)).crop((w // 2, h // 4, w // 2 + w, h // 4 + h))
    dim = Image.merge("RGB", [light.point(lambda v: 255 - v * 8 // 255)] * 3)
    plain = ImageChops.multiply(Image.new("RGB", size, colour), dim)
    grain = Image.frombytes("L", size, random.Random(seed).randbytes(w * h)).point(lambda v: v * 7 // 256)
    return ImageChops.add(plain, Image.merge("RGB", [grain] * 3), 1.0, -3)


def scene(src: Source, colour: tuple[int, int, int], size: tuple[int, int] = PHONE, top: float = 0.22,
          centre: float = 0.5, seed: int = 3) -> Image.Image:
    """``src`` on a ``size`` backdrop: head top at ``top`` of the height, head centre at ``centre`` of the width,
    scaled so that the person (whose outline ends at the source's bottom edge) reaches the scene's bottom edge."""
    image = source_image(src)
    s = (size[1] * (1 - top) + 2) / (image.height - src.top)
    scaled = (round(image.width * s), round(image.height * s))
    person, mask = image.resize(scaled, Image.Resampling.LANCZOS), _mask(src, scaled, s)
    dx, dy = round(centre * size[0] - src.centre * s), round(top * size[1] - src.top * s)
    canvas = backdrop(colour, size, seed)
    canvas.paste(person, (dx, dy), mask)
    return canvas


def exif_bytes(orientation: int = 1, gps: bool = True) -> bytes:
    """EXIF as a phone writes it: orientation, make and model, date, and a GPS position."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 15"
    exif[0x0132] = "2026:11:29 10:00:00"
    if gps:
        exif[0x8825] = {1: "N", 2: (25.0, 2.0, 30.0), 3: "E", 4: (102.0, 42.0, 10.0)}
    return exif.tobytes()


def phone(image: Image.Image, orientation: int = 6, quality: int = 92, gps: bool = True) -> bytes:
    """The JPEG a phone writes for an upright ``image``: pixels stored turned, EXIF orientation to undo it."""
    stored = {1: image, 3: image.rotate(180), 6: image.transpose(Image.Transpose.ROTATE_90),
              8: image.transpose(Image.Transpose.ROTATE_270)}[orientation]
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=quality, exif=exif_bytes(orientation, gps), dpi=(72, 72))
    return out.getvalue()


def save(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()
