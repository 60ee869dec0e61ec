"""Pixel checks: background colour and uniformity, and framing (head top, horizontal centring)."""

from __future__ import annotations

from checkers.photo.analysis import BorderStats, Silhouette, colour_words, distance, family_of
from checkers.photo.result import CheckResult, Status, judge, skip, worst
from checkers.photo.spec import Colour, Framing, Limit, PhotoSpec

COLOUR_PASS, COLOUR_WARN = 50, 90  # RGB distance from a reference colour
OUTLIERS_WARN, OUTLIERS_FAIL = 0.04, 0.12  # share of border samples that are not background
GRADIENT_WARN, GRADIENT_FAIL = 24, 45  # distance between the top, left and right band colours
CENTRE_PASS, CENTRE_WARN = 0.05, 0.10  # horizontal offset of the head as a share of the width
FAMILY_WORDS = {"white": "白色", "light_blue": "浅蓝色", "blue": "蓝色系", "red": "红色系"}


def rgb_words(rgb: tuple[int, ...]) -> str:
    return f"RGB({rgb[0]}, {rgb[1]}, {rgb[2]})"


def _colour_verdict(colours: tuple[Colour, ...], rgb: tuple[int, int, int]) -> tuple[Status, str, str]:
    """(status, what the spec wants, how the measured colour compares)."""
    families = family_of(rgb)
    best: tuple[float, Colour] | None = None
    for colour in colours:
        if colour.rgb is not None:
            d = distance(rgb, tuple(colour.rgb))  # type: ignore[arg-type]
            if best is None or d < best[0]:
                best = (d, colour)
    wanted = "、".join(
        f"{c.name}（参考色值 {rgb_words(c.rgb)}）" if c.rgb is not None else f"{c.name}（{FAMILY_WORDS[c.family or 'blue']}）"
        for c in colours
    )
    for colour in colours:
        if colour.rgb is None and colour.family in families:
            return "pass", wanted, f"属于{colour.name}"
    if best is not None and best[0] <= COLOUR_PASS:
        return "pass", wanted, f"与{best[1].name}的参考色值相差 {best[0]:.0f}"
    if best is not None and best[0] <= COLOUR_WARN:
        return "warn", wanted, f"与{best[1].name}的参考色值相差 {best[0]:.0f}，偏差较大"
    if any(c.family == "light_blue" for c in colours) and "blue" in families:
        return "warn", wanted, "是蓝色但不够浅"
    return "fail", wanted, "不是规定的背景颜色"


def check_background(spec: PhotoSpec, border: BorderStats | None, reason: str | None) -> CheckResult:
    rule = spec.background
    if border is None:
        return skip("background", reason or "没有像素数据，背景检查跳过")
    rgb = border.rgb
    values = border.to_dict()
    found = f"背景（照片上边和左右两侧上半部分）平均颜色为 {rgb_words(rgb)}，看起来是{colour_words(rgb)}"
    if rule is None:
        return skip("background", f"{found}；该规格没有背景要求", values)
    statuses: list[Status] = []
    expected_parts, fixes, findings = [], [], [found]
    if rule.colours:
        status, wanted, verdict = _colour_verdict(rule.colours, rgb)
        statuses.append(status)
        findings.append(verdict)
        expected_parts.append(f"背景为{wanted}")
        if status != "pass":
            fixes.append("在规定颜色的纯色背景前重新拍摄，或用证件照工具换成规定的背景色")
    if rule.uniform:
        expected_parts.append("颜色均匀，没有渐变、阴影或杂物")
        uneven: Status = "pass"
        if border.outliers > OUTLIERS_FAIL or border.gradient > GRADIENT_FAIL:
            uneven = "fail"
        elif border.outliers > OUTLIERS_WARN or border.gradient > GRADIENT_WARN:
            uneven = "warn"
        statuses.append(uneven)
        share = f"{border.outliers * 100:.0f}%"
        if uneven == "pass":
            findings.append("颜色均匀")
        else:
            findings.append(f"不够均匀：边缘有 {share} 的采样点明显偏离背景色，上、左、右三处颜色最多相差 {border.gradient:.0f}")
            fixes.append("让背景平整、光线均匀，人离背景远一些以免投下阴影，画面里不要出现杂物")
    if rule.note:
        expected_parts.append(rule.note.rstrip("。"))
    status = worst(*statuses) if statuses else "pass"
    return judge("background", status, "，".join(findings), "；".join(expected_parts), "；".join(fixes) or None, values)


def head_top_band(rule: Framing, height: int) -> tuple[float | None, float | None]:
    """The allowed head-top distance from the top edge, in pixels of a photo ``height`` px high."""
    limit = rule.head_top
    if limit is None:
        return None, None
    if rule.unit == "percent":
        factor = height / 100
    else:
        factor = height / (rule.reference_height or height)
    return (None if limit.min is None else limit.min * factor, None if limit.max is None else limit.max * factor)


def check_framing(spec: PhotoSpec, border: BorderStats | None, sil: Silhouette | None,
                  scale: tuple[float, float], stored: tuple[int, int], reason: str | None) -> CheckResult:
    rule = spec.framing
    if rule is None:
        return skip("framing", "该规格没有构图要求")
    if border is None or sil is None:
        return skip("framing", reason or "没有像素数据，构图检查跳过")
    width, height = stored
    unmeasured = ("另外，" + "、".join(rule.not_measured) + "这些要求本工具不测量，请自己对照检查") if rule.not_measured else ""
    if sil.head_top is None or sil.centre_x is None:
        return judge("framing", "fail", "在背景上没有找到人像轮廓（照片可能是空白、过曝，或人物颜色与背景太接近）",
                     "照片中有居中的人物头像", "重新拍摄：人物在纯色背景前，正面居中")
    head_top = round(sil.head_top * scale[1])
    centre = sil.centre_x * scale[0]
    offset = centre - (width - 1) / 2
    values = {"head_top": head_top, "centre_x": round(centre, 1), "offset_px": round(offset, 1),
              "offset_share": round(offset / width, 3), "silhouette_threshold": round(sil.threshold, 1)}
    statuses: list[Status] = []
    findings, expected, fixes = [], [], []
    if rule.head_top is not None:
        limit = rule.head_top
        band_low, band_high = head_top_band(rule, height)
        if rule.unit == "percent":
            value: float = head_top * 100 / height
            low, high = limit.min, limit.max
            findings.append(f"头顶（头发最高处）距照片上边缘 {head_top} 像素，占照片高度的 {value:.0f}%")
            expected.append(f"头顶距上边缘为照片高度的 {limit.words('%')}")
        else:
            value = head_top
            ref = rule.reference_height or height
            low = None if band_low is None else round(band_low)
            high = None if band_high is None else round(band_high)
            findings.append(f"头顶（头发最高处）距照片上边缘 {head_top} 像素")
            if height == ref:
                expected.append(f"头顶距上边缘 {limit.words('像素')}")
            else:
                scaled = Limit(min=low, max=high).words("像素")
                expected.append(f"头顶距上边缘 {limit.words('像素')}（这是对 {ref} 像素高的照片的规定；本照片高 {height} 像素，"
                                f"按高度比例换算为 {scaled}）")
        if limit.note:
            expected[-1] += f"（{limit.note}）"
        if head_top == 0:
            statuses.append("fail")
            fixes.append("头顶被裁掉或紧贴上边缘，要在头顶上方留出空白")
        elif (low is not None and value < low) or (high is not None and value > high):
            statuses.append("warn" if limit.soft else "fail")
            too_low = high is not None and value > high
            fixes.append("裁剪框" + ("往下移，减少头顶上方的空白" if too_low else "往上移，在头顶上方多留一些空白"))
        else:
            statuses.append("pass")
    if rule.centred:
        share = abs(offset) / width
        side = "偏右" if offset > 0 else "偏左"
        findings.append(f"头部水平中心{side} {abs(offset):.0f} 像素（照片宽度的 {share * 100:.1f}%）" if share >= 0.01
                        else "头部水平居中")
        expected.append(f"人像左右居中（本工具允许偏差不超过宽度的 {CENTRE_PASS * 100:.0f}%，"
                        f"{CENTRE_WARN * 100:.0f}% 以内只提醒）")
        if share <= CENTRE_PASS:
            statuses.append("pass")
        else:
            statuses.append("warn" if share <= CENTRE_WARN else "fail")
            fixes.append(f"裁剪框往{'右' if offset > 0 else '左'}移，让人像居中")
    if rule.note:
        expected.append(rule.note.rstrip("。"))
    status = worst(*statuses) if statuses else "pass"
    fix = ("重新裁剪照片：" + "；".join(fixes)) if fixes else None
    return judge("framing", status, "，".join(findings), "；".join(expected), fix, values,
                 note=unmeasured or None)
