"""The photo fix shared by the browser and the CLI: plan, encode steps, and the verified result.

The caller does the pixel work (the browser's decoder and encoder, or Pillow): it decodes the photo upright,
asks :func:`plan`, encodes the crop at each :func:`step` until told which encode to keep, then hands that
encode to :func:`finish`, which writes the JFIF density, drops all metadata and checks the file with the
same checker as any photo. A file is offered only when that check has no failure.
"""

from __future__ import annotations

from typing import Any, Mapping

from checkers.photo import api
from checkers.photo.fixplan import Action, Unfixable, make_plan
from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.naming import NamingError, output_name
from checkers.photo.pixels import Pixels
from checkers.photo.rewrite import rewrite
from checkers.photo.search import Try, floor, next_step
from checkers.photo.spec import PhotoSpec
from checkers.photo.table import labels

NEVER_FIXED = "background"  # the one check whose failure no fix touches (colour, evenness, shadows, lighting)
DEFAULT_DPI = 300  # written when the spec names no resolution (the usual value for ID photos)
__all__ = ["NamingError", "plan", "step", "finish", "spec_of", "needs", "worth_offering"]


def spec_of(spec_id: str, catalog: Mapping[str, PhotoSpec] | None = None) -> PhotoSpec:
    source = api._catalog() if catalog is None else catalog
    spec = source.get(spec_id)
    if spec is None:
        raise api.UnknownSpec(spec_id, sorted(source))
    return spec


def needs(spec_id: str, catalog: Mapping[str, PhotoSpec] | None = None) -> dict[str, Any]:
    """What the fix must ask the candidate for (number, name) under this spec's naming rule."""
    from checkers.photo.naming import needs as naming_needs

    return naming_needs(spec_of(spec_id, catalog))


def worth_offering(result: Mapping[str, Any]) -> bool:
    """Whether a verdict has something a fix may change: a check other than the background that fails or warns.

    Every check in the table but the background is about the file, its size, crop or name (a greyscale photo's
    colour is the exception, and the plan refuses it with the reason).
    """
    return any(c.get("status") in ("fail", "warn") and c.get("id") != NEVER_FIXED for c in result.get("checks", []))


def _source_actions(data: bytes) -> tuple[list[Action], int, int | None]:
    """Actions that follow from the input file itself; its colour components and EXIF orientation."""
    info = parse(data)
    if not isinstance(info, JpegInfo):
        kind = info.detected or "不是 JPEG 的图片"
        return [Action("format", f"把{kind}转存为 JPEG")], 3, None
    actions = []
    comps = len(info.frame.components)
    if comps == 4:
        actions.append(Action("color", "把 CMYK 四色（印刷用）转为 24 位 RGB 彩色"))
    if info.frame.marker != 0xC0:
        actions.append(Action("format", f"把{info.frame.process}编码改为基线 JPEG"))
    return actions, comps, info.exif.orientation if info.exif else None


def plan(data: bytes, spec_id: str, pixels: Pixels, width: int, height: int, *, filename: str | None = None,
         number: str | None = None, name: str | None = None,
         catalog: Mapping[str, PhotoSpec] | None = None) -> dict[str, Any]:
    """The fix plan for ``data`` whose upright size is ``width``×``height``; ``pixels`` are upright, maybe reduced.

    Returns {"spec", "ok", "plan", "filename", "step", "actions", "unfixable"}; raises NamingError when the
    number or name cannot be used, UnknownSpec for an unknown spec.
    """
    spec = spec_of(spec_id, catalog)
    out_name = output_name(spec, filename, number, name)
    actions, comps, orientation = _source_actions(bytes(data))
    made = make_plan(spec, pixels, width, height, components=comps, exif_orientation=orientation)
    first = next_step(spec, made.target, []) if made.ok else None
    return {
        "spec": spec_id, "ok": made.ok, "plan": made.to_dict(), "filename": out_name,
        "step": None if first is None else first.to_dict(),
        "actions": [a.to_dict() for a in actions + list(made.actions)],
        "unfixable": [u.to_dict() for u in made.unfixable],
    }


def _tries(raw: Any) -> list[Try]:
    out = []
    for item in raw or []:
        values = {key: item[key] for key in ("width", "height", "quality", "size")}
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values.values()):
            raise ValueError(f"tries: expected positive integers, got {values}")
        out.append(Try(**values))
    return out


def step(spec_id: str, target: tuple[int, int], tries: Any, *,
         catalog: Mapping[str, PhotoSpec] | None = None) -> dict[str, Any]:
    """The next encode (width, height, quality), or which try to keep, or why none can be kept."""
    return next_step(spec_of(spec_id, catalog), target, _tries(tries)).to_dict()


def finish(encoded: bytes, spec_id: str, *, filename: str, pixels: Pixels | None, before: Mapping[str, Any],
           planned: Mapping[str, Any], tries: Any = (), refused: str | None = None,
           catalog: Mapping[str, PhotoSpec] | None = None) -> dict[str, Any]:
    """Rewrite the kept encode (JFIF density, no metadata), check it, and say whether it may be offered.

    ``pixels`` are the kept encode decoded (stored orientation = upright). ``refused`` is the search's reason
    when no encode could be kept (then ``encoded`` is ignored and nothing is offered).
    Returns {"spec", "ok", "before", "after", "actions", "unfixable", "filename", "data", "labels"}.
    """
    spec = spec_of(spec_id, catalog)
    actions = [dict(a) for a in planned.get("actions", [])]
    unfixable = [dict(u) for u in planned.get("unfixable", [])]
    names = labels()
    base = {"spec": spec_id, "before": dict(before), "filename": filename, "labels": names}
    if refused is not None:
        unfixable.append(Unfixable("file_size_kb", refused).to_dict())
    if unfixable:
        return {**base, "ok": False, "after": None, "actions": actions, "unfixable": unfixable, "data": None}
    dpi = (spec.dpi.min or spec.dpi.max or DEFAULT_DPI) if spec.dpi is not None else DEFAULT_DPI
    done = rewrite(bytes(encoded), dpi)
    kept = _tries(tries)
    quality = next((t.quality for t in kept if t.size == len(encoded)), None)
    info = parse(done.data)
    size = f"{len(done.data) / 1024:.1f} KB"
    words = f"以压缩质量 {quality} " if quality else ""
    lowest = floor(spec)
    actions.append(Action("encode", f"{words}重新保存为基线 JPEG、24 位彩色，文件 {size}"
                          f"（在不低于 {lowest} 的质量里选最高的、大小又符合要求的一个；不填充数据）").to_dict())
    actions.append(Action("dpi", f"在 JFIF 头写入分辨率 {dpi} dpi").to_dict())
    actions.append(Action("metadata", "不保留 EXIF 等任何元数据（手机照片的 EXIF 里有拍摄位置和设备信息）").to_dict())
    actions.append(Action("filename", f"文件名：{filename}").to_dict())
    after = api.check(done.data, spec_id, filename=filename, pixels=pixels, catalog=catalog)
    failing = [c for c in after["checks"] if c["status"] == "fail"]
    unfixable = [{"id": c["id"], "why": f"{names[c['id']]}：{c['message']}"} for c in failing]
    ok = isinstance(info, JpegInfo) and after["ok"]
    return {**base, "ok": ok, "after": after, "actions": actions, "unfixable": unfixable,
            "data": done.data if ok else None}
