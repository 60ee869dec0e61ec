"""Pixel check functions: background colour and uniformity, and framing (head top, horizontal centring)."""

from __future__ import annotations

from dataclasses import dataclass

from checkers.photo.analysis import BorderStats, Silhouette, colour_words, distance, family_of
from checkers.photo.context import Context
from checkers.photo.result import Outcome, Status, judge, skip, worst
from checkers.photo.spec import Colour, Framing, Limit

COLOUR_PASS, COLOUR_WARN = 50, 90  # RGB distance from a reference colour
OUTLIERS_WARN, OUTLIERS_FAIL = 0.04, 0.12  # share of border samples that are not background
GRADIENT_WARN, GRADIENT_FAIL = 24, 45  # distance between the top, left and right band colours
CENTRE_PASS, CENTRE_WARN = 0.05, 0.10  # horizontal offset of the head as a share of the width
FAMILY_WORDS = {"white": "白色", "light_blue": "浅蓝色", "blue": "蓝色系", "red": "红色系"}


@dataclass(frozen=True)
class Part:
    """One judged aspect of a check: its status, what was found, what the spec wants, and the fix if any."""

    status: Status
    found: str
    expected: str | None = None
    fix: str | None = None


def combine(parts: list[Part], values: dict[str, object], *, fix_prefix: str = "", note: str | None = None,
            extra_expected: str | None = None) -> Outcome:
    """One outcome from its parts: the worst status, findings joined by '，', expectations by '；'."""
    fixes = [p.fix for p in parts if p.fix and p.status != "pass"]
    expected = [p.expected for p in parts if p.expected] + ([extra_expected.rstrip("。")] if extra_expected else [])
    return judge(worst(*(p.status for p in parts)), "，".join(p.found for p in parts if p.found),
                 "；".join(expected), (fix_prefix + "；".join(fixes)) if fixes else None, values, note)


def rgb_words(rgb: tuple[int, ...]) -> str:
    return f"RGB({rgb[0]}, {rgb[1]}, {rgb[2]})"


def _wanted(colours: tuple[Colour, ...]) -> str:
    return "、".join(
        f"{c.name}（参考色值 {rgb_words(c.rgb)}）" if c.rgb is not None else f"{c.name}（{FAMILY_WORDS[c.family or 'blue']}）"
        for c in colours
    )


def _colour_part(colours: tuple[Colour, ...], rgb: tuple[int, int, int]) -> Part:
    families = family_of(rgb)
    fix = "在规定颜色的纯色背景前重新拍摄，或用证件照工具换成规定的背景色"
    expected = f"背景为{_wanted(colours)}"
    for colour in colours:
        if colour.rgb is None and colour.family in families:
            return Part("pass", f"属于{colour.name}", expected)
    near = min(((distance(rgb, tuple(c.rgb)), c) for c in colours if c.rgb is not None),  # type: ignore[arg-type]
               key=lambda pair: pair[0], default=None)
    if near is not None and near[0] <= COLOUR_PASS:
        return Part("pass", f"与{near[1].name}的参考色值相差 {near[0]:.0f}", expected)
    if near is not None and near[0] <= COLOUR_WARN:
        return Part("warn", f"与{near[1].name}的参考色值相差 {near[0]:.0f}，偏差较大", expected, fix)
    if any(c.family == "light_blue" for c in colours) and "blue" in families:
        return Part("warn", "是蓝色但不够浅", expected, fix)
    return Part("fail", "不是规定的背景颜色", expected, fix)


def _uniform_part(border: BorderStats) -> Part:
    expected = "颜色均匀，没有渐变、阴影或杂物"
    status: Status = "pass"
    if border.outliers > OUTLIERS_FAIL or border.gradient > GRADIENT_FAIL:
        status = "fail"
    elif border.outliers > OUTLIERS_WARN or border.gradient > GRADIENT_WARN:
        status = "warn"
    if status == "pass":
        return Part("pass", "颜色均匀", expected)
    return Part(status, f"不够均匀：边缘有 {border.outliers * 100:.0f}% 的采样点明显偏离背景色，"
                f"上、左、右三处颜色最多相差 {border.gradient:.0f}", expected,
                "让背景平整、光线均匀，人离背景远一些以免投下阴影，画面里不要出现杂物")


def check_background(ctx: Context) -> Outcome:
    border = ctx.view().border
    rule = ctx.spec.background
    found = f"背景（照片上边和左右两侧上半部分）平均颜色为 {rgb_words(border.rgb)}，看起来是{colour_words(border.rgb)}"
    if rule is None:
        return skip(f"{found}；该规格没有背景要求", border.to_dict())
    parts = [Part("pass", found)]
    if rule.colours:
        parts.append(_colour_part(rule.colours, border.rgb))
    if rule.uniform:
        parts.append(_uniform_part(border))
    return combine(parts, border.to_dict(), extra_expected=rule.note)


def head_top_band(rule: Framing, height: int) -> tuple[float | None, float | None]:
    """The allowed head-top distance from the top edge, in pixels of a photo ``height`` px high."""
    limit = rule.head_top
    if limit is None:
        return None, None
    factor = height / 100 if rule.unit == "percent" else height / (rule.reference_height or height)
    return (None if limit.min is None else limit.min * factor, None if limit.max is None else limit.max * factor)


def _head_top_expected(rule: Framing, limit: Limit, height: int) -> str:
    if rule.unit == "percent":
        text = f"头顶距上边缘为照片高度的 {limit.words('%')}"
    else:
        ref = rule.reference_height or height
        low, high = head_top_band(rule, height)
        text = f"头顶距上边缘 {limit.words('像素')}"
        if height != ref:
            scaled = Limit(min=None if low is None else round(low), max=None if high is None else round(high))
            text += f"（这是对 {ref} 像素高的照片的规定；本照片高 {height} 像素，按高度比例换算为 {scaled.words('像素')}）"
    return text + (f"（{limit.note}）" if limit.note else "")


def _head_top_part(rule: Framing, limit: Limit, head_top: int, height: int) -> Part:
    expected = _head_top_expected(rule, limit, height)
    found = f"头顶（头发最高处）距照片上边缘 {head_top} 像素"
    if rule.unit == "percent":
        value: float = head_top * 100 / height
        low, high = limit.min, limit.max
        found += f"，占照片高度的 {value:.0f}%"
    else:
        value = head_top
        band = head_top_band(rule, height)
        low, high = (None if b is None else round(b) for b in band)
    if head_top == 0:
        return Part("fail", found, expected, "头顶被裁掉或紧贴上边缘，要在头顶上方留出空白")
    too_high, too_low = low is not None and value < low, high is not None and value > high
    if not (too_high or too_low):
        return Part("pass", found, expected)
    move = "往下移，减少头顶上方的空白" if too_low else "往上移，在头顶上方多留一些空白"
    return Part("warn" if limit.soft else "fail", found, expected, "裁剪框" + move)


def _centre_part(offset: float, width: int) -> Part:
    share = abs(offset) / width
    side = "偏右" if offset > 0 else "偏左"
    found = f"头部水平中心{side} {abs(offset):.0f} 像素（照片宽度的 {share * 100:.1f}%）" if share >= 0.01 else "头部水平居中"
    expected = (f"人像左右居中（本工具允许偏差不超过宽度的 {CENTRE_PASS * 100:.0f}%，"
                f"{CENTRE_WARN * 100:.0f}% 以内只提醒）")
    if share <= CENTRE_PASS:
        return Part("pass", found, expected)
    return Part("warn" if share <= CENTRE_WARN else "fail", found, expected,
                f"裁剪框往{'右' if offset > 0 else '左'}移，让人像居中")


def _unmeasured(rule: Framing) -> str | None:
    if not rule.not_measured:
        return None
    return "另外，" + "、".join(rule.not_measured) + "这些要求本工具不测量，请自己对照检查"


def _framing_values(sil: Silhouette, head_top: int, offset: float, centre: float, width: int) -> dict[str, object]:
    return {"head_top": head_top, "centre_x": round(centre, 1), "offset_px": round(offset, 1),
            "offset_share": round(offset / width, 3), "silhouette_threshold": round(sil.threshold, 1)}


def check_framing(ctx: Context) -> Outcome:
    rule = ctx.spec.framing
    if rule is None:
        return skip("该规格没有构图要求")
    scene = ctx.view()
    sil = scene.silhouette
    width, height = scene.stored
    if sil.head_top is None or sil.centre_x is None:
        return judge("fail", "在背景上没有找到人像轮廓（照片可能是空白、过曝，或人物颜色与背景太接近）",
                     "照片中有居中的人物头像", "重新拍摄：人物在纯色背景前，正面居中")
    head_top = round(sil.head_top * scene.scale[1])
    centre = sil.centre_x * scene.scale[0]
    offset = centre - (width - 1) / 2
    parts = []
    if rule.head_top is not None:
        parts.append(_head_top_part(rule, rule.head_top, head_top, height))
    if rule.centred:
        parts.append(_centre_part(offset, width))
    return combine(parts, _framing_values(sil, head_top, offset, centre, width), fix_prefix="重新裁剪照片：",
                   note=_unmeasured(rule), extra_expected=rule.note)
