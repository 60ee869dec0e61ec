"""A real-photo test set: two real portraits that ship inside installable packages, recomposed as ID photos.

Sources (no download: both files are inside the wheels pinned in requirements.txt):
- matplotlib ``mpl-data/sample_data/grace_hopper.jpg`` (512×600): Grace Hopper in uniform and cap; a US flag
  fills the left side, a blue studio backdrop the right.
- scikit-image ``skimage/data/astronaut.png`` (512×512): Eileen Collins in an orange suit; a flag on the
  left, a shuttle model and a dark table on the right, a grey mottled backdrop.

Geometry was measured once by hand on 2× and 4× enlargements with a 10/20 px grid (``python -m
tests.photo.realset --grid DIR`` redraws them) and is stored below as numbers, in the source image's pixels:
``top`` is the highest row of hair or cap, ``centre`` the midpoint between the head's left and right edges,
``outline`` a polygon traced a pixel or two inside the person's edge (head, neck, shoulders, held helmet).
Composites paste the person, cut out by that polygon, onto a backdrop, so the head top and centre of every
composite follow from these numbers and the placement, never from the checker.

Expected verdicts come from the spec text (national/graduation: light-blue backdrop, head top 50–110 px of a
640 px photo, centred; guangxi/graduation: blue or white; xinjiang/graduation: white) and from the tool's
documented tolerances (centring within 5 % passes, 5–10 % warns; ±15 % exposure keeps the colour).
``python -m tests.photo.realset OUT`` writes every photo as a JPEG for a look.
"""

from __future__ import annotations

import io
import random
import sys
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

from PIL import Image, ImageChops, ImageDraw, ImageFilter

Status = Literal["pass", "warn", "fail", "skip"]
W, H = 480, 640
LIGHT_BLUE, ID_BLUE, WHITE = (100, 197, 255), (66, 142, 218), (255, 255, 255)


@dataclass(frozen=True)
class Source:
    package: str
    path: str  # inside the installed package
    top: int  # hair/cap top row (hand-measured)
    centre: float  # head centre column (hand-measured)
    scale: float  # default scale for a 480×640 ID photo (eye line near 250 px when the head top is at 80)
    outline: tuple[tuple[int, int], ...]


GRACE = Source(
    "matplotlib", "mpl-data/sample_data/grace_hopper.jpg",
    # Cap top: the dark crown meets the backdrop at y = 22 for x = 258–282 (4× view). Centre: cap and face
    # edges at y = 80 (175, 362), 120 (148, 372), 140 (150, 372) give 268, 260, 261: median 261, plus the
    # face at y = 200 (155, 372) → 263.5; taken as 262.
    top=22, centre=262, scale=1.04,
    outline=((260, 23), (280, 23), (300, 27), (318, 37), (332, 49), (343, 62), (352, 76), (362, 92), (368, 115), (370, 145),
             (372, 180), (370, 210), (360, 245), (353, 280), (343, 305), (330, 322), (360, 341), (400, 361),
             (440, 381), (480, 401), (505, 421), (512, 433), (512, 600), (12, 600), (16, 560), (21, 480),
             (26, 440), (41, 401), (57, 381), (92, 361), (142, 341), (181, 331), (197, 316), (194, 301),
             (173, 283), (167, 245), (157, 205), (156, 165), (154, 140), (154, 115), (163, 97), (178, 80),
             (201, 59), (221, 41), (241, 29)),
)
ASTRONAUT = Source(
    "skimage", "data/astronaut.png",
    # Hair top: y = 16 at x = 228–236 (4× view). Centre: hair edges at y = 40 (180, 282), 60 (159, 293),
    # 80 (155, 299), 100 (161, 297) give 231, 226, 227, 229: taken as 228.
    top=16, centre=228, scale=1.6,
    outline=((230, 17), (240, 18), (250, 22), (260, 26), (270, 32), (280, 40), (289, 50), (294, 63), (292, 80),
             (289, 100), (284, 115), (276, 126), (271, 135), (267, 145), (262, 155), (258, 165), (256, 172),
             (268, 179), (280, 185), (288, 191), (294, 200), (297, 212), (301, 225), (303, 235), (315, 246), (332, 259), (344, 281), (351, 301), (357, 321), (361, 342), (400, 344), (440, 351),
             (470, 371), (490, 396), (505, 421), (512, 440), (512, 512), (23, 512), (21, 400), (24, 340),
             (36, 300), (43, 280), (53, 261), (73, 241), (107, 221), (113, 200), (121, 181), (141, 161),
             (175, 149), (185, 136), (172, 121), (162, 100), (156, 80), (160, 61), (171, 51), (181, 43),
             (191, 33), (201, 26), (211, 21), (221, 18)),
)
SOURCES = {"grace": GRACE, "astronaut": ASTRONAUT}


@dataclass(frozen=True)
class Case:
    """One photo and what the checker must say about it."""

    name: str
    spec: str
    background: Status
    framing: Status
    head_top: float | None = None  # expected head top in the photo (px), when framing is judged
    centre: float | None = None  # expected head centre (px)
    why: str = ""
    photo: bytes = field(default=b"", repr=False)


def source_image(src: Source) -> Image.Image:
    spec = find_spec(src.package)  # locates the installed package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{src.package} is not installed: pip install -r requirements.txt")
    path = Path(list(spec.submodule_search_locations)[0]) / src.path
    with Image.open(path) as image:
        return image.convert("RGB")


def _mask(src: Source, size: tuple[int, int], scale: float) -> Image.Image:
    big = Image.new("L", (size[0] * 4, size[1] * 4), 0)
    ImageDraw.Draw(big).polygon([(x * scale * 4, y * scale * 4) for x, y in src.outline], fill=255)
    return big.resize(size, Image.Resampling.BOX)  # anti-aliased edge


def _backdrop(colour: tuple[int, int, int], seed: int) -> Image.Image:
    """A studio backdrop: the colour, 3 % brighter at the top centre than at the bottom corners, fine grain."""
    light = Image.radial_gradient("L").resize((W * 2, H * 2)).crop((W // 2, H // 4, W // 2 + W, H // 4 + H))
    plain = Image.new("RGB", (W, H), colour)
    dim = Image.merge("RGB", [light.point(lambda v: 255 - v * 8 // 255)] * 3)
    backdrop = ImageChops.multiply(plain, dim)
    grain = Image.frombytes("L", (W, H), random.Random(seed).randbytes(W * H)).point(lambda v: v * 7 // 256)
    return ImageChops.add(backdrop, Image.merge("RGB", [grain] * 3), 1.0, -3)


def composite(src: Source, backdrop: tuple[int, int, int], top: float = 80, centre: float = W / 2,
              scale: float | None = None, shadow: float = 0.0, exposure: float = 1.0, seed: int = 7) -> Image.Image:
    """``src`` cut out and placed so its head top lands at row ``top`` and its head centre at column ``centre``.

    ``shadow`` darkens the backdrop by that share where the person, moved 30 px right and 12 px down and
    blurred, would stand (a flash from the left); ``exposure`` scales the whole photo (0.85 = 15 % darker).
    """
    s = scale or src.scale
    image = source_image(src)
    size = (round(image.width * s), round(image.height * s))
    person, mask = image.resize(size, Image.Resampling.LANCZOS), _mask(src, size, s)
    dx, dy = round(centre - src.centre * s), round(top - src.top * s)
    assert dy + size[1] >= H, "the person must reach the bottom edge"
    canvas = _backdrop(backdrop, seed)
    if shadow:
        shade = Image.new("L", (W, H), 0)
        shade.paste(mask, (dx + 30, dy + 12))
        shade = shade.filter(ImageFilter.GaussianBlur(6)).point(lambda v: round(v * shadow))
        canvas = ImageChops.subtract(canvas, ImageChops.multiply(canvas, Image.merge("RGB", [shade] * 3)))
    canvas.paste(person, (dx, dy), mask)
    if exposure != 1.0:
        canvas = canvas.point(lambda v: min(255, round(v * exposure)))
    return canvas


def original(src: Source, box: tuple[int, int, int, int]) -> Image.Image:
    """A 3:4 crop of the source on its own background, resized to 480×640."""
    return source_image(src).crop(box).resize((W, H), Image.Resampling.LANCZOS)


def encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, dpi=(300, 300))
    return out.getvalue()


def _where(src: Source, top: float, centre: float, scale: float | None = None) -> tuple[float, float]:
    s = scale or src.scale
    return round(top - src.top * s) + src.top * s, round(centre - src.centre * s) + src.centre * s


# What the spec text says (national/graduation, and the specs derived from it, for a 480×640 photo).
HEAD_TOP_BAND = (50, 110)  # 头顶距上边缘 50–110 像素（照片高 640 像素）
CENTRE_PASS, CENTRE_WARN = 0.05, 0.10  # the tool's documented centring tolerance (share of the width)


def framing_expected(top: float, centre: float) -> Status:
    """The framing verdict for a head top and centre, from the spec's band and the centring tolerance."""
    share = abs(centre - (W - 1) / 2) / W
    centring: Status = "pass" if share <= CENTRE_PASS else "warn" if share <= CENTRE_WARN else "fail"
    placed: Status = "pass" if HEAD_TOP_BAND[0] <= top <= HEAD_TOP_BAND[1] else "fail"
    return "fail" if "fail" in (centring, placed) else "warn" if "warn" in (centring, placed) else "pass"


def _scaled(src: Source, name: str, spec: str, background: Status, why: str, image: Image.Image,
            top: float, centre: float, scale: float | None = None) -> Case:
    exp_top, exp_centre = _where(src, top, centre, scale)
    framing = framing_expected(max(0.0, exp_top), exp_centre)
    return Case(name, spec, background, framing, max(0.0, exp_top), exp_centre, why, encode(image))


def composites(key: str) -> list[Case]:
    src = SOURCES[key]
    c = W / 2
    light, seed = composite(src, LIGHT_BLUE), sum(map(ord, key))
    cases = [
        _scaled(src, f"{key}-lightblue", "national/graduation", "pass", "浅蓝背景，头顶 80 像素，居中", light, 80, c),
        _scaled(src, f"{key}-lightblue-darker15", "national/graduation", "pass", "同上，整张照片暗 15%",
                composite(src, LIGHT_BLUE, exposure=0.85, seed=seed), 80, c),
        _scaled(src, f"{key}-lightblue-brighter10", "national/graduation", "pass", "同上，整张照片亮 10%",
                composite(src, LIGHT_BLUE, exposure=1.10, seed=seed + 1), 80, c),
    ]
    for colour, label in ((ID_BLUE, "idblue"), (WHITE, "white")):
        ok_spec = "guangxi/graduation" if colour == ID_BLUE else "xinjiang/graduation"  # 蓝色或白色 / 白色
        for exposure, suffix in ((1.0, ""), (0.85, "-darker15")):
            image = composite(src, colour, exposure=exposure, seed=seed + 2)
            cases.append(_scaled(src, f"{key}-{label}{suffix}", "national/graduation", "fail",
                                 "规格要求浅蓝色背景，这张是" + ("证件照蓝" if colour == ID_BLUE else "白色"), image, 80, c))
            cases.append(_scaled(src, f"{key}-{label}{suffix}@{ok_spec.split('/')[0]}", ok_spec, "pass",
                                 "规格允许这种背景色", image, 80, c))
    cases += [
        _scaled(src, f"{key}-shadow", "national/graduation", "fail", "人像右侧背景上有明显阴影（规格要求无阴影）",
                composite(src, LIGHT_BLUE, shadow=0.45, seed=seed + 3), 80, c),
        _scaled(src, f"{key}-shadow-white@xinjiang", "xinjiang/graduation", "fail", "白色背景上的阴影",
                composite(src, WHITE, shadow=0.35, seed=seed + 4), 80, c),
        _scaled(src, f"{key}-hair-at-top", "national/graduation", "pass", "头发碰到上边缘：构图不合格，背景不受影响",
                composite(src, LIGHT_BLUE, top=-6, scale=src.scale * 1.1, seed=seed + 5), -6, c, src.scale * 1.1),
        _scaled(src, f"{key}-head-cut", "national/graduation", "pass", "头顶被裁掉 40 像素",
                composite(src, LIGHT_BLUE, top=-40, scale=src.scale * 1.15, seed=seed + 6), -40, c,
                src.scale * 1.15),
        _scaled(src, f"{key}-offcentre-right", "national/graduation", "pass", "人像偏右 36 像素（7.5%）",
                composite(src, LIGHT_BLUE, centre=c + 36, seed=seed + 7), 80, c + 36),
        _scaled(src, f"{key}-offcentre-left", "national/graduation", "pass", "人像偏左 75 像素（15.6%）",
                composite(src, LIGHT_BLUE, centre=c - 75, seed=seed + 8), 80, c - 75),
        _scaled(src, f"{key}-far-left", "national/graduation", "pass", "人像偏左 90 像素（18.8%），头部没碰到左边",
                composite(src, LIGHT_BLUE, centre=c - 90, seed=seed + 11), 80, c - 90),
        _scaled(src, f"{key}-low", "national/graduation", "pass", "头顶 150 像素，低于 110",
                composite(src, LIGHT_BLUE, top=150, seed=seed + 9), 150, c),
        _scaled(src, f"{key}-high", "national/graduation", "pass", "头顶 28 像素，高于 50",
                composite(src, LIGHT_BLUE, top=28, scale=src.scale * 1.06, seed=seed + 10), 28, c, src.scale * 1.06),
    ]
    return cases


def at_the_edge() -> Case:
    """The astronaut's head cut by the left edge: hair left edge 155 lands at 100 − 1.6 × (228 − 155) = −17 px.

    Something that is not backdrop touches the left edge at head height: the head (framing fails) or an
    object joined to it (the background would fail). The tool cannot tell which: framing fails without
    stating a head top, and the background is only "check it yourself".
    """
    image = composite(ASTRONAUT, LIGHT_BLUE, centre=100, seed=99)
    return Case("astronaut-head-at-left-edge", "national/graduation", "warn", "fail", why="头部被照片左边裁掉",
                photo=encode(image))


def originals() -> list[Case]:
    """The portraits on their own busy backgrounds: the background fails and framing is not judged."""
    why = "原图背景（旗帜、航天飞机模型）不是纯色：背景不合格，构图无法判断"
    return [
        Case("grace-original", "national/graduation", "fail", "skip", why=why,
             photo=encode(original(GRACE, (37, 0, 487, 600)))),
        Case("astronaut-original", "national/graduation", "fail", "skip", why=why,
             photo=encode(original(ASTRONAUT, (36, 0, 420, 512)))),
    ] + [tight_original()]


def tight_original() -> Case:
    """A tight crop of the astronaut on her own grey studio backdrop (no flag, no model), hair cut at the top.

    The crop starts at y = 24, below the hair top (16): the head touches the top edge (head top 0). The
    head centre 228 lands at (228 − 96) × 480 / 270 = 234.7. Grey is not the light blue the spec asks for.
    """
    box = (96, 24, 366, 384)
    centre = (ASTRONAUT.centre - box[0]) * W / (box[2] - box[0])
    return Case("astronaut-original-tight", "national/graduation", "fail", framing_expected(0, centre), 0, centre,
                "原图的灰色背景，紧裁剪，头发碰到上边缘", encode(original(ASTRONAUT, box)))


def cases() -> list[Case]:
    return composites("grace") + composites("astronaut") + [at_the_edge()] + originals()


def _grid_views(out: Path) -> None:
    """The enlarged views with a pixel grid the geometry above was read from."""
    for key, src in SOURCES.items():
        image = source_image(src)
        for name, box, k, step in (("top", (src.centre - 90, 0, src.centre + 90, 60), 4, 10),
                                   ("upper", (0, 0, image.width, image.height // 2), 2, 20),
                                   ("lower", (0, image.height // 2, image.width, image.height), 2, 20)):
            x0, y0, x1, y1 = (round(v) for v in box)
            view = image.crop((x0, y0, x1, y1)).resize(((x1 - x0) * k, (y1 - y0) * k), Image.Resampling.NEAREST)
            draw = ImageDraw.Draw(view)
            for x in range(x0 - x0 % step + step, x1, step):
                draw.line([((x - x0) * k, 0), ((x - x0) * k, view.height)], fill=(255, 255, 0))
                draw.text(((x - x0) * k + 2, 2), str(x), fill=(255, 0, 0))
            for y in range(y0 - y0 % step + step, y1, step):
                draw.line([(0, (y - y0) * k), (view.width, (y - y0) * k)], fill=(255, 255, 0))
                draw.text((2, (y - y0) * k + 2), str(y), fill=(255, 0, 0))
            draw.polygon([((x - x0) * k, (y - y0) * k) for x, y in src.outline], outline=(255, 0, 255))
            view.save(out / f"{key}-{name}.png")


def main(argv: list[str]) -> int:
    grid = argv[:1] == ["--grid"]
    out = Path(argv[1] if grid else argv[0]) if argv[int(grid):] else Path("realset")
    out.mkdir(parents=True, exist_ok=True)
    if grid:
        _grid_views(out)
        return 0
    for case in cases():
        (out / f"{case.name.replace('@', '-at-')}.jpg").write_bytes(case.photo)
        print(f"{case.name:40s} {case.spec:22s} 背景 {case.background:5s} 构图 {case.framing:5s} {case.why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
