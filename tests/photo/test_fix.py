"""The photo fix on every spec: realistic inputs made from real portraits come out passing their spec's checker,
with no metadata and the right name; what cannot be fixed is refused with the reason and nothing is offered."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from PIL import Image

from checkers.catalog import photo_specs
from checkers.photo.fixpil import run
from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.spec import PhotoSpec

from . import fixset
from .realset import ASTRONAUT, GRACE, LIGHT_BLUE, WHITE, composite, original

FAMILY_RGB = {"white": (255, 255, 255), "light_blue": LIGHT_BLUE, "blue": (66, 142, 218), "red": (200, 30, 40)}
SPECS = sorted(photo_specs())
NUMBER, NAME = "012345678901", "张三"  # a made-up 12-digit 准考证号


def backdrop_of(spec: PhotoSpec) -> tuple[int, int, int]:
    """A backdrop colour the spec allows (its first colour), light blue when it names none."""
    if spec.background is None or not spec.background.colours:
        return LIGHT_BLUE
    first = spec.background.colours[0]
    return tuple(first.rgb) if first.rgb is not None else FAMILY_RGB[first.family or "light_blue"]  # type: ignore[return-value]


@functools.lru_cache(maxsize=None)
def phone_scene(colour: tuple[int, int, int], who: str = "grace") -> Image.Image:
    return fixset.scene(GRACE if who == "grace" else ASTRONAUT, colour)


@functools.lru_cache(maxsize=None)
def id_photo(colour: tuple[int, int, int]) -> Image.Image:
    """480×640, head top at 80 px, centred: the framing national/graduation asks for."""
    return composite(GRACE, colour)


def variants(spec: PhotoSpec) -> dict[str, tuple[str, bytes]]:
    """name -> (file name, bytes) of each fixable kind of input for ``spec``."""
    colour = backdrop_of(spec)
    scene, small = phone_scene(colour), id_photo(colour)
    out = {
        "phone-rotated-gps": ("IMG_2041.JPG", fixset.phone(scene, orientation=6)),
        "phone-upside-down": ("IMG_2042.jpg", fixset.phone(phone_scene(colour, "astronaut"), orientation=3)),
        "png": ("证件照.png", fixset.save(scene.resize((960, 1280)), "PNG")),
        "cmyk": ("scan.jpg", fixset.save(scene.resize((1200, 1600)).convert("CMYK"), "JPEG", quality=90, dpi=(300, 300))),
        "72dpi": ("photo.jpg", fixset.save(small, "JPEG", quality=85, dpi=(72, 72))),
        "too-many-kb": ("photo.jpg", fixset.save(small, "JPEG", quality=100, dpi=(300, 300))),
        "progressive": ("photo.jpg", fixset.save(small, "JPEG", quality=85, progressive=True, dpi=(300, 300))),
        "too-few-kb": ("photo.jpg", fixset.save(small, "JPEG", quality=25, dpi=(300, 300))),
    }
    return out


def segments(data: bytes) -> list[str]:
    info = parse(data)
    assert isinstance(info, JpegInfo)
    return [s.name for s in info.segments]


def assert_clean(data: bytes, spec: PhotoSpec) -> None:
    info = parse(data)
    assert isinstance(info, JpegInfo)
    names = segments(data)
    assert [n for n in names if n.startswith("APP") or n == "COM"] == ["APP0"], names
    assert info.jfif is not None and info.jfif.units == 1
    want = (spec.dpi.min or spec.dpi.max) if spec.dpi else 300
    assert (info.jfif.x_density, info.jfif.y_density) == (want, want)
    assert info.exif is None and b"Exif" not in data and b"GPS" not in data
    assert info.frame.marker == 0xC0 and info.frame.precision == 8 and len(info.frame.components) == 3
    assert info.trailing == 0


def fixed(spec_id: str, filename: str, data: bytes, **kw: Any) -> dict[str, Any]:
    needs_name = photo_specs()[spec_id].filename is not None
    return run(data, spec_id, filename=filename, number=NUMBER if needs_name else kw.get("number"),
               name=NAME if needs_name else None)


@pytest.mark.slow  # eight real-portrait inputs for every spec: minutes, so outside `make test-fast`
@pytest.mark.parametrize("spec_id", SPECS)
def test_every_fixable_input_comes_out_passing(spec_id: str) -> None:
    spec = photo_specs()[spec_id]
    for kind, (filename, data) in variants(spec).items():
        result = fixed(spec_id, filename, data)
        assert result["ok"], (kind, result["unfixable"])
        after = {c["id"]: c["status"] for c in result["after"]["checks"]}
        assert "fail" not in after.values(), (kind, after)
        assert after["dimensions"] in ("pass", "skip") and after["orientation"] == "pass", (kind, after)
        if spec.background is not None:
            assert after["background"] in ("pass", "warn"), (kind, result["after"]["checks"][8])
        if spec.framing is not None:
            assert after["framing"] in ("pass", "warn"), (kind, [c for c in result["after"]["checks"] if c["id"] == "framing"])
        assert_clean(result["data"], spec)
        if spec.filename is not None:
            assert result["filename"] == f"{NUMBER}{NAME}.{spec.extensions[0] if spec.extensions else 'jpg'}"
            assert after["filename"] == "pass"
        else:
            assert result["filename"].endswith(".jpg") and result["filename"] != filename
        quality = next(c for c in result["after"]["checks"] if c["id"] == "quality")["values"]["quality"]
        if spec.quality is not None and spec.quality.min is not None:
            assert quality >= spec.quality.min


def test_phone_photo_is_turned_cropped_and_loses_its_gps() -> None:
    data = fixset.phone(phone_scene(LIGHT_BLUE), orientation=6)
    assert b"GPS" in data or parse(data).exif.orientation == 6  # type: ignore[union-attr]
    result = run(data, "national/graduation", filename="IMG_2041.JPG")
    ids = [a["id"] for a in result["actions"]]
    assert ids[:3] == ["orientation", "crop", "scale"] and "metadata" in ids
    before = {c["id"]: c["status"] for c in result["before"]["checks"]}
    assert before["orientation"] == "fail" and before["dimensions"] == "fail"
    framing = next(c for c in result["after"]["checks"] if c["id"] == "framing")
    assert framing["status"] == "pass" and 50 <= framing["values"]["head_top"] <= 110
    assert abs(framing["values"]["offset_share"]) <= 0.05
    with Image.open(__import__("io").BytesIO(result["data"])) as image:
        assert image.size == (480, 640) and not image.getexif()


@pytest.mark.parametrize("spec_id", ["national/graduation", "fujian/registration", "anhui/registration"])
def test_quality_search_keeps_the_highest_quality_that_fits(spec_id: str) -> None:
    """Driven with real encodes: the kept quality fits the KB limit, one step higher does not, never below the floor."""
    from checkers.photo.search import TOP, Try, floor, next_step

    spec = photo_specs()[spec_id]
    image = id_photo(backdrop_of(spec)).resize(
        (spec.dimensions.width.max, spec.dimensions.height.max))  # type: ignore[union-attr]
    size = {}

    def encoded(q: int) -> int:
        size[q] = size.get(q) or len(fixset.save(image, "JPEG", quality=q))
        return size[q]

    tries: list[Try] = []
    step = next_step(spec, image.size, tries)
    while step.keep is None and step.refuse is None:
        assert step.quality is not None and floor(spec) <= step.quality <= TOP
        tries.append(Try(step.width, step.height, step.quality, encoded(step.quality)))  # type: ignore[arg-type]
        step = next_step(spec, image.size, tries)
    assert step.keep is not None, step.refuse
    kept = tries[step.keep]
    most = spec.file_size_kb.max * 1024  # type: ignore[union-attr]
    assert kept.size <= most and kept.quality >= floor(spec)
    assert kept.quality == TOP or encoded(kept.quality + 1) > most
    assert len(tries) <= 8


@pytest.mark.parametrize("what, spec_id, make, check_id", [
    ("white backdrop, light blue asked", "national/graduation", lambda: fixset.phone(phone_scene(WHITE)), "background"),
    ("greyscale", "national/graduation", lambda: fixset.save(phone_scene(LIGHT_BLUE).convert("L"), "JPEG"), "color"),
    ("greyscale saved as RGB", "national/graduation",
     lambda: fixset.save(phone_scene(LIGHT_BLUE).convert("L").convert("RGB"), "JPEG"), "color"),
    ("too small", "national/graduation", lambda: fixset.save(id_photo(LIGHT_BLUE).resize((420, 560)), "JPEG"), "dimensions"),
    ("too small, other spec", "sichuan/registration",
     lambda: fixset.save(id_photo(LIGHT_BLUE).resize((300, 400)), "JPEG"), "dimensions"),
    ("head cut at the top", "national/graduation",
     lambda: fixset.save(composite(GRACE, LIGHT_BLUE, top=-40, scale=GRACE.scale * 1.15), "JPEG"), "framing"),
    ("busy background (flag)", "national/graduation",
     lambda: fixset.save(original(GRACE, (37, 0, 487, 600)), "JPEG"), "background"),
])
def test_unfixable_is_refused_with_the_reason(what: str, spec_id: str, make: Any, check_id: str) -> None:
    result = run(make(), spec_id, filename="photo.jpg")
    assert result["ok"] is False and result["data"] is None, what
    ids = [u["id"] for u in result["unfixable"]]
    assert check_id in ids, (what, result["unfixable"])
    assert all(u["why"] for u in result["unfixable"])
    if check_id in ("background", "color", "framing"):
        assert any("重新拍摄" in u["why"] or "原始照片" in u["why"] for u in result["unfixable"]), result["unfixable"]
