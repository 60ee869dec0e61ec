"""Public entry points shared by the CLI and the browser: specs(), inspect(), check() and guides()."""

from __future__ import annotations

from typing import Any, Mapping

from checkers.photo.context import Context
from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.pixel_checks import CENTRE_PASS, head_top_band
from checkers.photo.pixels import MAX_SIDE, Pixels, analysis_size, decode_refusal
from checkers.photo.spec import PhotoSpec, spec_summary
from checkers.photo.table import run_all


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
    ctx = Context(data, parse(data), spec, filename, len(data) if file_size is None else file_size, pixels, skip_reason)
    results = run_all(ctx)
    return {
        "spec": spec_id,
        "ok": not any(r.status == "fail" for r in results),
        "checks": [r.to_dict() for r in results],
    }


def guides(spec_id: str, width: int, height: int, *,
           catalog: Mapping[str, PhotoSpec] | None = None) -> dict[str, Any]:
    """Framing guide lines for a stored ``width``×``height`` photo, in its pixel coordinates (y down).

    ``lines``: horizontal head-top limits (``axis`` "y") and the vertical centre line (``axis`` "x");
    ``bands``: the allowed head-top band and the tolerated centring band. Both are empty when the spec
    has no framing rule. Raises :class:`UnknownSpec`, and ValueError for a size outside 1–65535.
    """
    source = _catalog() if catalog is None else catalog
    spec = source.get(spec_id)
    if spec is None:
        raise UnknownSpec(spec_id, sorted(source))
    if not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE):
        raise ValueError(f"photo size must be 1–{MAX_SIDE} px per side, got {width}×{height}")
    lines: list[dict[str, Any]] = []
    bands: list[dict[str, Any]] = []
    rule = spec.framing
    if rule is not None:
        low, high = head_top_band(rule, height)
        if low is not None:
            lines.append({"id": "head_top_min", "axis": "y", "at": round(low, 1),
                          "label": f"头顶最高处不高于此线（距上边缘 {low:.0f} 像素）"})
        if high is not None:
            lines.append({"id": "head_top_max", "axis": "y", "at": round(high, 1),
                          "label": f"头顶最高处不低于此线（距上边缘 {high:.0f} 像素）"})
        if low is not None or high is not None:
            bands.append({"id": "head_top", "axis": "y", "from": round(low or 0.0, 1),
                          "to": round(high if high is not None else height, 1), "label": "头顶应落在这个范围内"})
        if rule.centred:
            centre = width / 2
            lines.append({"id": "centre", "axis": "x", "at": round(centre, 1), "label": "照片的左右中线，人像应以此线对称"})
            slack = width * CENTRE_PASS
            bands.append({"id": "centre", "axis": "x", "from": round(centre - slack, 1), "to": round(centre + slack, 1),
                          "label": "头部中心应落在这个范围内"})
    return {"spec": spec_id, "width": width, "height": height, "lines": lines, "bands": bands}
