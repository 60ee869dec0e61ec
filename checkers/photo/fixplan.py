"""What a fix may do to one photo, decided from its upright pixels and the spec: crop, size, or why not at all.

Never fixed (a new photo is needed): the background colour and evenness, lighting, greyscale photos, a
photo smaller than the spec's size (no upscaling), a head that cannot be found when a crop must be placed,
or a head touching the top edge. Many exam notices forbid 技术处理 (editing) of the picture itself, so only
the file is rewritten: turned upright, cropped within the photo, scaled down, re-encoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checkers.photo.analysis import Layout, analyse
from checkers.photo.pixel_checks import CENTRE_PASS, check_background, head_top_band
from checkers.photo.pixels import Pixels
from checkers.photo.spec import Dimensions, PhotoSpec

GREY_SPREAD, GREY_SHARE = 12, 0.005  # a photo is greyscale when under 0.5 % of its samples differ by > 12 between channels
NO_RULE_TOP = 0.10  # head top at 10 % of the height when a crop is needed and the spec places no head
BAND_MARGIN = 0.25  # keep the head top this share of the band's width away from the band's edges
PLAN_PIXELS = 1_000_000  # the plan analyses the photo at about this size: enough to place a crop, and quick
NEW_PHOTO = "需要重新拍摄或换一张原始照片；很多考试通知明确不允许对照片做技术处理，本工具也不做"


@dataclass(frozen=True)
class Action:
    """One change a fix makes, in Chinese for the candidate."""

    id: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text}


@dataclass(frozen=True)
class Unfixable:
    """A check that a fix cannot make pass, and why (Chinese)."""

    id: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "why": self.why}


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int

    def to_dict(self) -> dict[str, int]:
        return {"x": self.x, "y": self.y, "width": self.width, "height": self.height}


@dataclass(frozen=True)
class Plan:
    """The pixel work for the encoder: ``crop`` in the upright photo's pixels, then scale to ``target``."""

    width: int  # the upright photo
    height: int
    crop: Box
    target: tuple[int, int]
    actions: tuple[Action, ...]
    unfixable: tuple[Unfixable, ...]

    @property
    def ok(self) -> bool:
        return not self.unfixable

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "width": self.width, "height": self.height, "crop": self.crop.to_dict(),
                "target": {"width": self.target[0], "height": self.target[1]},
                "actions": [a.to_dict() for a in self.actions], "unfixable": [u.to_dict() for u in self.unfixable]}


@dataclass(frozen=True)
class _View:
    """The upright pixels as check_background reads them (a Context's spec and view())."""

    spec: PhotoSpec
    scene: Any

    def view(self) -> Any:
        return self.scene


def plan_size(width: int, height: int) -> tuple[int, int]:
    """The size to decode an upright ``width``×``height`` photo at for the plan (never larger than it is)."""
    if width * height <= PLAN_PIXELS:
        return width, height
    shrink = (width * height / PLAN_PIXELS) ** 0.5
    return max(8, round(width / shrink)), max(8, round(height / shrink))


def greyscale(px: Pixels) -> bool:
    """True when (almost) every pixel has equal red, green and blue: a black-and-white photo."""
    data, step = px.rgb, max(1, (px.width * px.height) // 6000) * 3
    coloured = total = 0
    for i in range(0, len(data) - 2, step):
        r, g, b = data[i], data[i + 1], data[i + 2]
        total += 1
        if max(r, g, b) - min(r, g, b) > GREY_SPREAD:
            coloured += 1
    return total > 0 and coloured / total < GREY_SHARE


def aspect_of(rule: Dimensions | None) -> float | None:
    """The width/height ratio the spec implies: its aspect, else its largest size, else its smallest size."""
    if rule is None:
        return None
    if rule.aspect is not None:
        a, b = (int(v) for v in rule.aspect.split(":"))
        return a / b
    for pick in ("max", "min"):
        w = getattr(rule.width, pick) if rule.width else None
        h = getattr(rule.height, pick) if rule.height else None
        if w and h:
            return w / h
    return None


def preferred(rule: Dimensions | None) -> tuple[int, int] | None:
    """The size a fix scales to: the spec's largest allowed size, else its smallest (None: keep the crop's)."""
    if rule is None or rule.width is None or rule.height is None:
        return None
    for pick in ("max", "min"):
        w, h = getattr(rule.width, pick), getattr(rule.height, pick)
        if w and h:
            return w, h
    return None


def fits(rule: Dimensions | None, w: int, h: int) -> bool:
    if rule is None:
        return True
    return (rule.width is None or rule.width.contains(w)) and (rule.height is None or rule.height.contains(h))


def _band(spec: PhotoSpec) -> tuple[float, float]:
    """The head-top target range as shares of the output height (safe margins inside the spec's band)."""
    rule = spec.framing
    if rule is None or rule.head_top is None:
        return NO_RULE_TOP, NO_RULE_TOP
    low, high = head_top_band(rule, 1000)
    low_s, high_s = (low or 0.0) / 1000, (high if high is not None else 300.0) / 1000
    margin = (high_s - low_s) * BAND_MARGIN
    return low_s + margin, high_s - margin


def _whole_frame_ok(spec: PhotoSpec, layout: Layout, scale: float, w: int, h: int, aspect: float | None) -> bool:
    if aspect is not None and abs(w / h - aspect) > 0.005 * aspect:
        return False
    if spec.framing is None:
        return True
    if layout.head_top is None or layout.centre_x is None:
        return False
    low, high = _band(spec)
    top = layout.head_top * scale / h
    offset = abs(layout.centre_x * scale - (w - 1) / 2) / w
    inside = spec.framing.head_top is None or low <= top <= high
    return inside and (not spec.framing.centred or offset <= CENTRE_PASS * 0.5)


def _place(layout: Layout, scale: float, w: int, h: int, aspect: float, band: tuple[float, float]) -> Box | None:
    """The largest crop of ``aspect`` with the head top inside ``band`` and the head centred; None if none fits."""
    top, centre = (layout.head_top or 0) * scale, (layout.centre_x or 0) * scale
    side = 2 * min(centre, w - centre)
    mid = (band[0] + band[1]) / 2
    candidates = []
    for k in range(11):
        m = band[0] + (band[1] - band[0]) * k / 10
        limits = [float(h), w / aspect, side / aspect, (h - top) / (1 - m)] + ([top / m] if m > 0 else [])
        candidates.append((min(limits), -abs(m - mid), m))
    ch_f, _, m = max(candidates)  # the largest crop; of equals, the head top nearest the band's middle
    if ch_f < 8:
        return None
    ch = int(ch_f)
    cw = min(w, round(ch * aspect))
    x = min(max(0, round(centre - cw / 2)), w - cw)
    y = min(max(0, round(top - m * ch)), h - ch)
    return Box(x, y, cw, ch)


def make_plan(spec: PhotoSpec, px: Pixels, width: int, height: int, *, components: int = 3,
              exif_orientation: int | None = None) -> Plan:
    """The plan for an upright photo of ``width``×``height`` whose (possibly reduced) upright pixels are ``px``."""
    unfixable: list[Unfixable] = []
    actions: list[Action] = []
    if components == 1 or greyscale(px):
        unfixable.append(Unfixable("color", "这是一张黑白（灰度）照片；规格要求彩色照片，黑白照片转成彩色文件也仍是黑白的，"
                                   + NEW_PHOTO))
    scale = width / px.width
    layout = analyse(px)
    if spec.background is not None:
        background = check_background(_View(spec, _scene(px, scale, width, height, layout)))  # type: ignore[arg-type]
        if background.status == "fail":
            unfixable.append(Unfixable("background", f"{background.message}背景颜色、阴影和光线不能靠裁剪或压缩改正，"
                                       + NEW_PHOTO))
    if exif_orientation not in (None, 1):
        actions.append(Action("orientation", f"按 EXIF 方向标记 {exif_orientation} 把照片转正，并去掉方向标记"))
    rule = spec.dimensions
    aspect = aspect_of(rule)
    crop = Box(0, 0, width, height)
    if not _whole_frame_ok(spec, layout, scale, width, height, aspect):
        if layout.head_top is None or layout.centre_x is None or layout.unreliable is not None:
            unfixable.append(Unfixable("framing", "照片里找不到能可靠定位的人像头部，本工具不猜测裁剪位置；" + NEW_PHOTO))
        elif layout.head_top * scale < 2:
            unfixable.append(Unfixable("framing", "头顶贴着或超出照片上边缘，裁剪无法在头顶上方补出空白；" + NEW_PHOTO))
        else:
            placed = _place(layout, scale, width, height, aspect or width / height, _band(spec))
            if placed is None:
                unfixable.append(Unfixable("framing", "在这张照片里找不到既不裁到头部、又让头顶位置和左右居中都符合要求的裁剪框；"
                                           + NEW_PHOTO))
            else:
                crop = placed
                actions.append(Action("crop", f"按规格的构图要求裁剪：从 {width}×{height} 中取 {crop.width}×{crop.height}"
                                      "（头顶落在要求的范围内，头部左右居中，不裁到头部）"))
    target = _target(rule, crop, unfixable)
    if (target[0], target[1]) != (crop.width, crop.height):
        actions.append(Action("scale", f"缩小到 {target[0]}×{target[1]} 像素（只缩小，不放大）"))
    return Plan(width, height, crop, target, tuple(actions), tuple(unfixable))


def _scene(px: Pixels, scale: float, width: int, height: int, layout: Layout) -> Any:
    from checkers.photo.context import Scene

    scene = Scene(px, (scale, height / px.height), (width, height))
    scene.__dict__["layout"] = layout  # the analysis already made, reused (cached_property storage)
    return scene


def _target(rule: Dimensions | None, crop: Box, unfixable: list[Unfixable]) -> tuple[int, int]:
    want = preferred(rule)
    if want is not None and crop.width >= want[0] and crop.height >= want[1]:
        return want
    if fits(rule, crop.width, crop.height):
        return crop.width, crop.height
    if want is not None:
        shown = f"{want[0]}×{want[1]}"
    else:
        shown = f"{rule.width.min if rule and rule.width else '?'}×{rule.height.min if rule and rule.height else '?'}"
    unfixable.append(Unfixable("dimensions", f"可用的画面只有 {crop.width}×{crop.height} 像素，小于规格要求的 {shown}；"
                               "放大会让照片模糊，本工具不放大，请用原始的大照片（手机或相机直接拍出的文件）"))
    return crop.width, crop.height
