"""Public entry points shared by the CLI and the browser: specs(), inspect() and check()."""

from __future__ import annotations

from typing import Any, Mapping

from checkers.photo import checks
from checkers.photo.analysis import border_stats, silhouette
from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.pixel_checks import check_background, check_framing
from checkers.photo.pixels import Pixels, analysis_size, decode_refusal
from checkers.photo.result import CheckResult, skip
from checkers.photo.spec import PhotoSpec, spec_summary


class UnknownSpec(KeyError):
    """The spec id is not in the catalog; ``valid`` lists the ids that are."""

    def __init__(self, spec_id: str, valid: list[str]):
        super().__init__(spec_id)
        self.spec_id = spec_id
        self.valid = valid
        self.message = f"没有编号为“{spec_id}”的照片规格。可用的规格：{'、'.join(valid)}"

    def __str__(self) -> str:
        return self.message


def _catalog() -> Mapping[str, PhotoSpec]:
    from checkers.catalog import photo_specs

    return photo_specs()


def specs(catalog: Mapping[str, PhotoSpec] | None = None) -> list[dict[str, Any]]:
    """Every spec: id, title, province, purpose (plus province_name and confidence)."""
    source = _catalog() if catalog is None else catalog
    return [spec_summary(spec) for _, spec in sorted(source.items())]


def inspect(data: bytes) -> dict[str, Any]:
    """Header-only look: is it a JPEG, its stored size, EXIF orientation, and whether it may be decoded."""
    parsed = parse(bytes(data))
    if not isinstance(parsed, JpegInfo):
        return {"ok": False, "width": None, "height": None, "orientation": None, "decode_allowed": False,
                "reason": parsed.message, "decode_width": None, "decode_height": None}
    w, h = parsed.frame.width, parsed.frame.height
    refusal = decode_refusal(w, h)
    dw, dh = analysis_size(w, h)
    return {
        "ok": True, "width": w, "height": h,
        "orientation": parsed.exif.orientation if parsed.exif else None,
        "decode_allowed": refusal is None, "reason": refusal,
        "decode_width": None if refusal else dw, "decode_height": None if refusal else dh,
    }


def _pixel_results(spec: PhotoSpec, info: JpegInfo | None, pixels: Pixels | None,
                   skip_reason: str | None) -> tuple[CheckResult, CheckResult]:
    reason: str | None = None
    if info is None:
        reason = "文件不是有效的 JPEG，无法检查{what}"
    else:
        w, h = info.frame.width, info.frame.height
        refusal = decode_refusal(w, h)
        if refusal is not None:
            reason = refusal
        elif pixels is None:
            reason = skip_reason or "没有提供解码后的像素，{what}检查跳过"
        else:
            reason = pixels.problem()
            if reason is None:
                scale = pixels.scale_to(w, h)
                if scale is None:
                    reason = (f"解码得到的像素为 {pixels.width}×{pixels.height}，与文件头记录的 {w}×{h} 不一致"
                              "（像素应按文件的存储方向传入，不要按 EXIF 方向转正），{what}检查跳过")
                else:
                    border = border_stats(pixels)
                    sil = silhouette(pixels, border) if spec.framing is not None else None
                    return (check_background(spec, border, None),
                            check_framing(spec, border, sil, scale, (w, h), None))
    return (skip("background", reason.replace("{what}", "背景")), skip("framing", reason.replace("{what}", "构图")))


def check(data: bytes, spec_id: str, filename: str | None = None, pixels: Pixels | None = None, *,
          skip_reason: str | None = None, file_size: int | None = None,
          catalog: Mapping[str, PhotoSpec] | None = None) -> dict[str, Any]:
    """Run every check; returns {"spec", "ok", "checks": [...]} (the CLI's --json output).

    ``pixels`` are the decoded RGB pixels in stored orientation; without them the pixel checks are
    skipped, with ``skip_reason`` (Chinese) as the reason when given. ``file_size`` is the real size when
    ``data`` was cut short (files over MAX_INPUT_BYTES are not parsed). Raises :class:`UnknownSpec`.
    """
    source = _catalog() if catalog is None else catalog
    spec = source.get(spec_id)
    if spec is None:
        raise UnknownSpec(spec_id, sorted(source))
    data = bytes(data)  # a bytearray or memoryview from JavaScript becomes immutable bytes
    ctx = checks.Context(data, parse(data), spec, filename, len(data) if file_size is None else file_size)
    results = [run(ctx) for run in checks.FILE_CHECKS]
    results += _pixel_results(spec, ctx.info, pixels, skip_reason)
    results.append(checks.check_filename(ctx))
    return {
        "spec": spec_id,
        "ok": not any(r.status == "fail" for r in results),
        "checks": [r.to_dict() for r in results],
    }
