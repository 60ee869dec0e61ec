"""The file-level check functions; their ids, labels and order are in checkers.photo.table."""

from __future__ import annotations

import re

from checkers.photo.context import Context
from checkers.photo.jpeg import COMMON_SOF, JpegFailure, JpegInfo
from checkers.photo.quality import estimate
from checkers.photo.result import Outcome, Status, judge, skip
from checkers.photo.spec import Dimensions, Limit

ORIENTATIONS = {
    2: "水平镜像", 3: "旋转 180°", 4: "垂直镜像", 5: "镜像并旋转 90°",
    6: "需顺时针旋转 90° 才是正的", 7: "镜像并旋转 270°", 8: "需逆时针旋转 90° 才是正的",
}
RESAVE = "用手机相册的“编辑/导出”或电脑上的画图、Photoshop 等软件另存为 JPEG（.jpg）后再检查"


def _outside(limit: Limit) -> Status:
    return "warn" if limit.soft else "fail"


def _note(limit: Limit) -> str:
    return f"（{limit.note}）" if limit.note else ""


def check_format(ctx: Context) -> Outcome:
    if isinstance(ctx.parsed, JpegFailure):
        fail = ctx.parsed
        fix = "文件可能没有下载或复制完整，请重新导出或重新拍摄" if fail.code == "truncated" else RESAVE
        return judge("fail", fail.message, "JPEG 格式的照片文件", fix, {"code": fail.code})
    info = ctx.parsed
    frame = info.frame
    found = f"JPEG 文件，编码方式为{frame.process}，{frame.width}×{frame.height} 像素"
    values = {"process": frame.process, "scans": info.scans, "trailing_bytes": info.trailing}
    if frame.marker not in COMMON_SOF:
        return judge("warn", found, "常见的基线或渐进式 JPEG",
                     "这种编码很少见，上传系统可能读不出来；" + RESAVE, values)
    if info.trailing:
        return judge("warn", f"{found}；但在文件结束标记之后还附加了 {info.trailing} 字节数据"
            + ("（" + "；".join(info.notes) + "）" if info.notes else ""),
            "文件在结束标记处结束",
            "一些证件照工具用附加数据凑文件大小，平台重新处理照片时这部分会被丢掉；请用正常方式重新保存照片", values)
    return judge("pass", found, "JPEG 格式", values=values)


def _extension(filename: str) -> str:
    name = re.split(r"[\\/]", filename)[-1]
    return name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""


def check_extensions(ctx: Context) -> Outcome:
    if not ctx.filename:
        return skip("没有提供文件名，无法检查扩展名")
    ext = _extension(ctx.filename)
    shown = f".{ext}" if ext else "（没有扩展名）"
    allowed = ctx.spec.extensions
    values = {"extension": ext}
    if allowed:
        wanted = "、".join(f".{e}" for e in allowed)
        if ext in allowed:
            return judge("pass", f"扩展名为 {shown}（大小写不影响）", f"扩展名为 {wanted}", values=values)
        return judge("fail", f"扩展名为 {shown}", f"扩展名为 {wanted}",
                     f"把文件改名为以 .{allowed[0]} 结尾（只改名字，不用重新保存）" if ctx.info else RESAVE, values)
    if ext in ("jpg", "jpeg"):
        return judge("pass", f"扩展名为 {shown}；该规格没有写明扩展名，.jpg 和 .jpeg 都是 JPEG 的常用扩展名",
                     values=values)
    return judge("warn", f"扩展名为 {shown}，与 JPEG 文件不符", "JPEG 文件的扩展名一般为 .jpg",
                 "把文件改名为以 .jpg 结尾；如果文件本身不是 JPEG，请先另存为 JPEG", values)


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB（{size} 字节）"


def check_file_size_kb(ctx: Context) -> Outcome:
    size = ctx.size
    limit = ctx.spec.file_size_kb
    values = {"bytes": size, "kb": round(size / 1024, 2)}
    if limit is None:
        return skip(f"文件大小为 {kb(size)}；该规格没有文件大小要求", values)
    if ctx.info is None:
        return skip(f"文件大小为 {kb(size)}；文件不是有效的 JPEG，先按“文件格式”一项的提示重新保存，"
                    "再看大小是否符合要求", values)
    expected = limit.words("KB") + _note(limit) + "，1 KB 按 1024 字节计"
    quality = ctx.spec.quality.min if ctx.spec.quality and ctx.spec.quality.min else None
    if limit.max is not None and size / 1024 > limit.max:
        floor = f"（不要低于 {quality}）" if quality else ""
        return judge(_outside(limit), f"文件大小为 {kb(size)}，超过上限", expected,
                     f"用稍低的压缩质量{floor}重新保存，并确认像素尺寸没有超出要求", values)
    if limit.min is not None and size / 1024 < limit.min:
        return judge(_outside(limit), f"文件大小为 {kb(size)}，低于下限", expected,
                     "用更高的压缩质量重新保存；如果像素尺寸本来就小于要求，请用原始大照片重新裁剪", values)
    info = ctx.info
    if info is not None and info.trailing and limit.min is not None and (size - info.trailing) / 1024 < limit.min:
        return judge("warn", f"文件大小为 {kb(size)}，但其中 {info.trailing} 字节是结束标记后的附加数据，"
                     f"去掉后只有 {kb(size - info.trailing)}", expected,
                     "附加数据在平台重新处理时可能被丢掉；请改用更高的压缩质量保存来达到大小要求", values)
    return judge("pass", f"文件大小为 {kb(size)}", expected, values=values)


def _dimensions_ok(rule: Dimensions, w: int, h: int, hard_only: bool = False) -> bool:
    """Whether w×h meets the rule; with ``hard_only``, leaving out the soft width and height limits."""

    def meets(limit: Limit | None, value: int) -> bool:
        return limit is None or (hard_only and limit.soft) or limit.contains(value)

    ok = meets(rule.width, w) and meets(rule.height, h)
    if rule.aspect is not None:
        a, b = (int(x) for x in rule.aspect.split(":"))
        ok = ok and abs(w / h - a / b) <= 0.01 * a / b
    return ok


def check_dimensions(ctx: Context) -> Outcome:
    info = ctx.jpeg()
    w, h = info.frame.width, info.frame.height
    rule = ctx.spec.dimensions
    values = {"width": w, "height": h}
    found = f"照片为 {w}×{h} 像素（宽×高）"
    if rule is None:
        return skip(f"{found}；该规格没有像素尺寸要求", values)
    parts = []
    if rule.width is not None:
        parts.append(f"宽 {rule.width.words('像素')}")
    if rule.height is not None:
        parts.append(f"高 {rule.height.words('像素')}")
    if rule.aspect is not None:
        parts.append(f"宽高比 {rule.aspect}")
    expected = "，".join(parts) + (f"（{rule.note}）" if rule.note else "")
    if _dimensions_ok(rule, w, h):
        return judge("pass", found, expected, values=values)
    # Only soft limits (sources that disagree or say 约) missed: a warning, as for every other soft limit.
    status: Status = "warn" if _dimensions_ok(rule, w, h, hard_only=True) else "fail"
    orientation = info.exif.orientation if info.exif else None
    if orientation in (5, 6, 7, 8):
        found += f"；EXIF 方向标记会让它在手机和浏览器里显示为 {h}×{w}，但文件实际存储的是 {w}×{h}"
        if _dimensions_ok(rule, h, w):
            return judge(status, found, expected,
                         "用修图软件把照片转正后另存（保存后宽高对调，也不再带方向标记）", values)
    small = (rule.width is not None and rule.width.min is not None and w < rule.width.min) or (
        rule.height is not None and rule.height.min is not None and h < rule.height.min)
    fix = ("请用原始的大照片重新裁剪；不要把小照片放大，放大会让照片模糊" if small
           else "按要求的宽高比例裁剪后缩放到规定的像素尺寸，不要拉伸变形")
    return judge(status, found, expected, fix, values)


def _dpi_found(info: JpegInfo) -> tuple[tuple[float, float] | None, str]:
    jfif = info.jfif.dpi() if info.jfif else None
    exif = info.exif.dpi() if info.exif else None
    if jfif is not None:
        words = f"JFIF 头记录的分辨率为 {jfif[0]:.0f}×{jfif[1]:.0f} dpi"
        if exif is not None and (round(exif[0]), round(exif[1])) != (round(jfif[0]), round(jfif[1])):
            words += f"（EXIF 里另记为 {exif[0]:.0f} dpi，个别软件会显示这个值）"
        return jfif, words
    if exif is not None:
        return exif, f"EXIF 记录的分辨率为 {exif[0]:.0f}×{exif[1]:.0f} dpi"
    if info.jfif is not None:
        return None, "文件没有记录分辨率（JFIF 头只记录了像素宽高比，单位为 0）"
    return None, "文件没有记录分辨率（没有 JFIF 或 EXIF 分辨率信息）"


def check_dpi(ctx: Context) -> Outcome:
    info = ctx.jpeg()
    dpi, found = _dpi_found(info)
    values = {"dpi": None if dpi is None else [round(dpi[0], 1), round(dpi[1], 1)]}
    limit = ctx.spec.dpi
    if limit is None:
        return skip(f"{found}；该规格没有分辨率要求", values)
    expected = limit.words("dpi") + _note(limit)
    fix = (f"在修图软件的“图像大小”或证件照工具里把分辨率设为 {limit.min or limit.max} dpi 后保存；"
           "这只改文件里的分辨率记录，不改变像素尺寸")
    if dpi is None or not (limit.contains(round(dpi[0])) and limit.contains(round(dpi[1]))):
        return judge(_outside(limit), found, expected, fix, values)
    return judge("pass", found, expected, values=values)


def check_color(ctx: Context) -> Outcome:
    info = ctx.jpeg()
    frame = info.frame
    n, bits = len(frame.components), frame.precision
    kinds = {1: "灰度（黑白）图像", 3: "彩色图像", 4: "CMYK 四色图像（印刷用的颜色模式）"}
    found = f"{kinds.get(n, f'{n} 通道图像')}，每通道 {bits} 位 × {n} 个通道（共 {bits * n} 位）"
    values = {"components": n, "precision": bits}
    if ctx.spec.color is None:
        return skip(f"{found}；该规格没有颜色模式要求", values)
    expected = "24 位真彩色（每通道 8 位 × 3 个通道的 RGB/YCbCr 彩色）"
    if n == 3 and bits == 8:
        return judge("pass", found, expected, values=values)
    fix = ("用原始的彩色照片重新导出" if n == 1
           else "在修图软件里把颜色模式改为 RGB、每通道 8 位后另存为 JPEG")
    return judge("fail", found, expected, fix, values)


def check_quality(ctx: Context) -> Outcome:
    info = ctx.jpeg()
    comps = info.frame.components
    baseline = info.quant_precision.get(comps[0].table, 0) == 0
    est = estimate(info.quant_tables, comps[0].table, comps[1].table if len(comps) >= 3 else None, baseline)
    if est is None:
        return skip("文件没有量化表（无损压缩），无法估计压缩质量")
    values = est.to_dict()
    if est.exact:
        found = f"压缩质量为 {est.quality}（量化表与 IJG 标准表完全一致）"
    else:
        found = (f"压缩质量估计值约为 {est.quality}（文件的量化表不是 IJG 标准表，"
                 "常见于手机相机或 Photoshop 等软件，只能估计）")
    limit = ctx.spec.quality
    if limit is None:
        return skip(f"{found}；该规格没有压缩质量要求", values)
    expected = f"压缩质量{limit.words()}" + _note(limit)
    if limit.contains(est.quality):
        return judge("pass", found, expected, values=values)
    status: Status = _outside(limit)
    if not est.exact and limit.min is not None and est.quality >= limit.min - 15:
        status = "warn"  # an estimate this close is not proof
    fix = f"用压缩质量 {limit.min} 以上重新保存原始照片（反复保存会越来越模糊，请从原图开始）" if limit.min else "调整压缩质量后重新保存"
    return judge(status, found, expected, fix, values)


def check_orientation(ctx: Context) -> Outcome:
    info = ctx.jpeg()
    fix = "用修图软件把照片转正后另存（保存后不应再带方向标记）"
    if info.exif_problem is not None:
        return judge("warn", f"EXIF 数据损坏（{info.exif_problem}），无法确定照片方向",
                     "照片不带旋转标记", "用修图软件重新导出照片，去掉损坏的 EXIF 信息")
    value = info.exif.orientation if info.exif else None
    values = {"orientation": value}
    expected = "照片按存储方向就是正的，不靠 EXIF 方向标记旋转或镜像"
    if value in (None, 1):
        return judge("pass", "没有旋转或镜像标记" if value is None else "EXIF 方向标记为 1（正常）",
                     expected, values=values)
    if value in ORIENTATIONS:
        return judge("fail",
                     f"EXIF 方向标记为 {value}（{ORIENTATIONS[value]}）：手机和浏览器会自动转正显示，"
                     "但文件里存储的照片其实是歪的或镜像的，报名系统和制证程序不一定按标记转正", expected, fix, values)
    return judge("warn", f"EXIF 方向标记的值 {value} 无效", expected, fix, values)


def check_filename(ctx: Context) -> Outcome:
    rule = ctx.spec.filename
    if rule is None:
        return skip("该规格没有文件命名要求")
    if not ctx.filename:
        return skip("没有提供文件名，无法检查命名")
    name = re.split(r"[\\/]", ctx.filename)[-1]
    if len(name) <= 255 and re.fullmatch(rule.pattern, name):
        return judge("pass", f"文件名为“{name}”", rule.help)
    return judge("fail", f"文件名为“{name}”", rule.help, "按要求重命名文件（只改名字，不用重新保存）")
