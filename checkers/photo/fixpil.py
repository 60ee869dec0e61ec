"""CPython-only pixel work for the CLI's fix, with Pillow: decode upright, crop, scale down, encode; drives fix.py."""

from __future__ import annotations

import io
import warnings
from typing import Any, Mapping

from checkers.photo import api, fix
from checkers.photo.context import TURNED
from checkers.photo.decode import decode
from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.fixplan import PLAN_PIXELS, plan_size
from checkers.photo.pixels import MAX_PIXELS, Pixels
from checkers.photo.spec import PhotoSpec

class Undecodable(ValueError):
    """Pillow cannot read the file; ``message`` says so in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def before(data: bytes, spec_id: str, filename: str | None, size: int | None = None,
           catalog: Mapping[str, PhotoSpec] | None = None) -> dict[str, Any]:
    """The ordinary check of the input, as ``python -m checkers photo`` makes it."""
    parsed = parse(data)
    pixels, reason = None, None
    turned = isinstance(parsed, JpegInfo) and parsed.exif is not None and parsed.exif.orientation in TURNED
    if isinstance(parsed, JpegInfo) and not turned:  # a turned photo's pixel checks are skipped: no decode
        decoded = decode(data, parsed)
        pixels, reason = (None, decoded) if isinstance(decoded, str) else (decoded, None)
    return api.check(data, spec_id, filename=filename, pixels=pixels, skip_reason=reason, file_size=size,
                     catalog=catalog)


def _load(data: bytes, scale: float = 1.0) -> tuple[Any, tuple[int, int]]:
    """(upright RGB image, the upright full size); a JPEG decodes at no less than ``scale`` of its size.

    JPEG DCT scaling (1/2, 1/4, 1/8) is fast and keeps at least the size asked for.
    """
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():  # Pillow warns about corrupt EXIF; the checks report it in Chinese
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
            w, h = image.size
            if w * h > MAX_PIXELS:
                raise Undecodable(f"图片为 {w}×{h} 像素，超过本工具 {MAX_PIXELS // 1_000_000} 百万像素的处理上限")
            turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            full = (h, w) if turned else (w, h)
            if scale < 1 and image.format == "JPEG":
                image.draft("RGB", (max(1, int(w * scale) + 1), max(1, int(h * scale) + 1)))
            upright = ImageOps.exif_transpose(image).convert("RGB")
            return upright, full
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as err:
        raise Undecodable(f"无法读取这张图片（{type(err).__name__}: {err}）") from None


def run(data: bytes, spec_id: str, *, filename: str | None, number: str | None = None, name: str | None = None,
        size: int | None = None, catalog: Mapping[str, PhotoSpec] | None = None) -> dict[str, Any]:
    """The whole fix with Pillow; the result of fix.finish (its "data" is the file to write, or None)."""
    from PIL import Image

    first = before(data, spec_id, filename, size, catalog)
    planned, work = _plan(data, spec_id, filename, number, name, catalog)
    if planned["unfixable"]:
        return fix.finish(b"", spec_id, filename=planned["filename"], pixels=None, before=first, planned=planned,
                          catalog=catalog)
    image, box = work
    tries: list[dict[str, int]] = []
    encodes: list[bytes] = []
    target = (planned["plan"]["target"]["width"], planned["plan"]["target"]["height"])
    step = planned["step"]
    scaled: dict[tuple[int, int], Any] = {}
    while step["keep"] is None and step["refuse"] is None:
        wanted = (step["width"], step["height"])
        if wanted not in scaled:
            scaled[wanted] = image.resize(wanted, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
        out = io.BytesIO()
        scaled[wanted].save(out, "JPEG", quality=step["quality"], subsampling=2, optimize=False, progressive=False)
        encodes.append(out.getvalue())
        tries.append({"width": wanted[0], "height": wanted[1], "quality": step["quality"], "size": len(encodes[-1])})
        step = fix.step(spec_id, target, tries, catalog=catalog)
    if step["refuse"] is not None:
        return fix.finish(b"", spec_id, filename=planned["filename"], pixels=None, before=first, planned=planned,
                          refused=step["refuse"], catalog=catalog)
    kept = encodes[step["keep"]]
    pixels = decode(kept, parse(kept))  # type: ignore[arg-type]
    return fix.finish(kept, spec_id, filename=planned["filename"], pixels=pixels if isinstance(pixels, Pixels) else None,
                      before=first, planned=planned, tries=[tries[step["keep"]]], catalog=catalog)


def _plan(data: bytes, spec_id: str, filename: str | None, number: str | None, name: str | None,
          catalog: Mapping[str, PhotoSpec] | None) -> tuple[dict[str, Any], Any]:
    """(the plan, and the upright RGB image at the resolution the crop needs with the crop box in it)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as probe:
            pixels = probe.width * probe.height
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as err:
        raise Undecodable(f"无法读取这张图片（{type(err).__name__}: {err}）") from None
    drafted, full = _load(data, min(1.0, (PLAN_PIXELS / pixels) ** 0.5))
    want = plan_size(*full)
    small = drafted if drafted.size == want else drafted.resize(want, Image.Resampling.BILINEAR, reducing_gap=2.0)
    analysed = Pixels(small.width, small.height, small.tobytes())
    planned = fix.plan(data, spec_id, analysed, full[0], full[1], filename=filename, number=number, name=name,
                       catalog=catalog)
    if not planned["ok"]:
        return planned, None
    crop, target = planned["plan"]["crop"], planned["plan"]["target"]
    k = target["width"] / crop["width"]
    # The plan's decode has enough pixels for the crop unless the crop is small: then decode again, larger.
    image = drafted if drafted.width / full[0] >= k else _load(data, k)[0]
    f = image.width / full[0]
    box = (crop["x"] * f, crop["y"] * f, (crop["x"] + crop["width"]) * f, (crop["y"] + crop["height"]) * f)
    return planned, (image, box)
