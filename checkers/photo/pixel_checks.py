"""Pixel check functions: background colour, uniformity and shadows; framing (head top, horizontal centring)."""

from __future__ import annotations

from dataclasses import dataclass

from checkers.photo.analysis import Layout
from checkers.photo.colour import ACCEPTS, Lab, delta_e, family, lab, lch, words
from checkers.photo.context import Context
from checkers.photo.result import SEVERITY, Outcome, Status, judge, skip, worst
from checkers.photo.spec import Colour, Framing, Limit

LIGHT_PASS, LIGHT_WARN = 15, 25  # lightness difference (ΔL*) from a reference colour of the same family
NEAR_WHITE_L = 70  # a neutral colour this light under a white-only spec: probably an under-exposed white backdrop
OUTLIERS_WARN, OUTLIERS_FAIL = 0.04, 0.12  # share of free border cells that are neither backdrop nor shadow
GRADIENT_WARN, GRADIENT_FAIL = 10, 18  # ΔE between the top, left and right band colours
SHADOW_WARN, SHADOW_FAIL = 8, 15  # how much darker (ΔL*) a shadow next to the person is than the backdrop
SHADOW_AREA_WARN, SHADOW_AREA_FAIL = 0.01, 0.03  # share of the background area it covers
CENTRE_PASS, CENTRE_WARN = 0.05, 0.10  # horizontal offset of the head as a share of the width
FAMILY_WORDS = {"white": "白色", "light_blue": "浅蓝色", "blue": "蓝色系", "red": "红色系"}
REDO = "在规定颜色的纯色背景前重新拍摄（背景里不要有旗帜、家具、门窗等），或用证件照工具换成规定的背景色"


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
    fixes = list(dict.fromkeys(p.fix for p in parts if p.fix and p.status != "pass"))
    expected = [p.expected for p in parts if p.expected] + ([extra_expected.rstrip("。")] if extra_expected else [])
    return judge(worst(*(p.status for p in parts)), "，".join(p.found for p in parts if p.found),
                 "；".join(expected), (fix_prefix + "；".join(fixes)) if fixes else None, values, note)


def rgb_words(rgb: tuple[int, ...]) -> str:
    return f"RGB({rgb[0]}, {rgb[1]}, {rgb[2]})"


def _wanted_one(c: Colour) -> str:
    if c.rgb is not None:
        return f"{c.name}（参考色值 {rgb_words(c.rgb)}）"
    family = FAMILY_WORDS[c.family or "blue"]
    return c.name if family == c.name else f"{c.name}（{family}）"  # not "浅蓝色（浅蓝色）"


def _wanted(colours: tuple[Colour, ...]) -> str:
    return "、".join(_wanted_one(c) for c in colours)


def _reference_part(colour: Colour, measured: Lab, expected: str) -> Part | None:
    """The verdict against a reference RGB of the same family, judged by lightness; None if another family."""
    ref = lab(tuple(colour.rgb))  # type: ignore[arg-type]
    kind = family(ref)
    if family(measured) != kind and delta_e(measured, ref) > 10:  # a reference names one family, not a series
        return None
    dl = measured[0] - ref[0]
    same = f"与{colour.name}（参考色值 {rgb_words(colour.rgb)}）同属{FAMILY_WORDS.get(kind, '一类颜色')}，明度"
    if abs(dl) <= LIGHT_PASS:
        return Part("pass", f"{same}相差 {abs(dl):.0f}（本工具允许 ±{LIGHT_PASS}，约为 15% 的曝光差）", expected)
    status: Status = "warn" if abs(dl) <= LIGHT_WARN else "fail"
    return Part(status, f"{same}{'偏暗' if dl < 0 else '偏亮'} {abs(dl):.0f}，超过了曝光差的范围", expected,
                "光线" + ("不足，补光或调亮曝光后重拍" if dl < 0 else "过强，减弱光线或降低曝光后重拍"))


def _colour_part(colours: tuple[Colour, ...], measured: Lab) -> Part:
    expected = f"背景为{_wanted(colours)}"
    kind = family(measured)
    found: list[Part] = []
    for colour in colours:
        part = _reference_part(colour, measured, expected) if colour.rgb is not None else None
        if part is not None:
            found.append(part)
        elif colour.family is not None and kind in ACCEPTS[colour.family]:
            found.append(Part("pass", f"属于{colour.name}", expected))
    if found:
        return min(found, key=lambda p: SEVERITY[p.status])
    wanted = {colour.family or family(lab(tuple(colour.rgb or (0, 0, 0)))) for colour in colours}
    if kind == "blue" and "light_blue" in wanted and "blue" not in wanted:
        return Part("fail", f"是{words(measured)}，不是浅蓝色（浅蓝色更浅、更偏青）", expected, REDO)
    light, chroma = lch(measured)[:2]
    if "white" in wanted and chroma < 10 and light >= NEAR_WHITE_L:
        return Part("warn", "偏灰，可能是白色背景拍得偏暗", expected, "补光或调亮曝光后重拍，或换成规定的背景色")
    return Part("fail", "不是规定的背景颜色", expected, REDO)


def _uniform_part(layout: Layout) -> Part:
    expected = "颜色均匀，没有渐变、阴影或杂物"
    unclear = layout.unreliable
    if unclear is not None and unclear.busy:
        return Part("fail", f"不是均匀的纯色背景：{unclear.reason}", expected, REDO)
    if unclear is not None:
        return Part("warn", f"无法确认背景是否均匀：{unclear.reason}", expected,
                    "人像应居中、头部两侧留出背景；如果照片边上有别的东西，请换到纯色背景前重拍")
    shadow = _shadow_part(layout)
    if shadow is not None:
        return shadow
    status: Status = "pass"
    if layout.outliers > OUTLIERS_FAIL or layout.gradient > GRADIENT_FAIL:
        status = "fail"
    elif layout.outliers > OUTLIERS_WARN or layout.gradient > GRADIENT_WARN:
        status = "warn"
    if status == "pass":
        return Part("pass", "颜色均匀", expected)
    return Part(status, f"不够均匀：边缘有 {layout.outliers * 100:.0f}% 的采样点明显偏离背景色，"
                f"上、左、右三处颜色最多相差 ΔE {layout.gradient:.0f}", expected,
                "让背景平整、光线均匀，画面里不要出现杂物")


def _shadow_part(layout: Layout) -> Part | None:
    shadow = layout.shadow
    if shadow is None or shadow.depth < SHADOW_WARN or shadow.share < SHADOW_AREA_WARN:
        return None
    status: Status = "fail" if shadow.depth >= SHADOW_FAIL or shadow.share >= SHADOW_AREA_FAIL else "warn"
    return Part(status, f"人像{shadow.side}的背景上有阴影（比背景暗 {shadow.depth:.0f} 个明度单位，"
                f"约占背景面积的 {shadow.share * 100:.0f}%）", "颜色均匀，没有渐变、阴影或杂物",
                "阴影是人离背景太近、光从侧面照过来造成的：人离背景远一些（半米以上），让光从正前方均匀照亮，"
                "或在阴影一侧补光")


def _touch_note(layout: Layout) -> str:
    if layout.touched < 0.01 or layout.unreliable is not None:  # when unclear, the "person" may hold a flag
        return ""
    return f"（边缘有 {layout.touched * 100:.0f}% 被人像挡住，如头发、肩膀，这部分不算背景）"


def check_background(ctx: Context) -> Outcome:
    layout = ctx.view().layout
    rule = ctx.spec.background
    found = (f"背景（照片上边和左右两侧上半部分）颜色为 {rgb_words(layout.rgb)}，看起来是{words(layout.lab)}"
             + _touch_note(layout))
    if rule is None:
        return skip(f"{found}；该规格没有背景要求", layout.to_dict())
    parts = [Part("pass", found)]
    if rule.colours:
        parts.append(_colour_part(rule.colours, layout.lab))
    if rule.uniform:
        parts.append(_uniform_part(layout))
    return combine(parts, layout.to_dict(), extra_expected=rule.note)


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


def _framing_values(layout: Layout, head_top: int, offset: float, centre: float, width: int) -> dict[str, object]:
    return {"head_top": head_top, "centre_x": round(centre, 1), "offset_px": round(offset, 1),
            "offset_share": round(offset / width, 3), "backdrop_threshold": round(layout.threshold, 1)}


def check_framing(ctx: Context) -> Outcome:
    rule = ctx.spec.framing
    if rule is None:
        return skip("该规格没有构图要求")
    scene = ctx.view()
    layout = scene.layout
    width, height = scene.stored
    unclear = layout.unreliable
    if unclear is not None and unclear.busy:
        return skip(f"本工具无法可靠地把人像和背景分开（{unclear.reason}），所以没有测量头顶位置和左右居中；"
                    "请先按“背景”一项的提示换成纯色背景，再检查构图")
    if unclear is not None:  # the head, or something joined to it, touches a side: not acceptable either way
        return judge("fail", unclear.reason, "人像左右居中，头部两侧留出背景",
                     "重新裁剪或重拍：让人像居中，头部两侧留出背景；如果碰到照片边的是背景里的东西，请换到纯色背景前重拍",
                     note="头顶位置和居中程度没有测量")
    if layout.head_top is None or layout.centre_x is None:
        return judge("fail", "在背景上没有找到人像轮廓（照片可能是空白、过曝，或人物颜色与背景太接近）",
                     "照片中有居中的人物头像", "重新拍摄：人物在纯色背景前，正面居中")
    head_top = round(layout.head_top * scene.scale[1])
    centre = layout.centre_x * scene.scale[0]
    offset = centre - (width - 1) / 2
    parts = []
    if rule.head_top is not None:
        parts.append(_head_top_part(rule, rule.head_top, head_top, height))
    if rule.centred:
        parts.append(_centre_part(offset, width))
    return combine(parts, _framing_values(layout, head_top, offset, centre, width), fix_prefix="重新裁剪照片：",
                   note=_unmeasured(rule), extra_expected=rule.note)
