"""One check's outcome: stable id, status, and a Chinese message saying what was found, expected and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

Status = Literal["pass", "fail", "warn", "skip"]
CHECK_IDS = ("format", "extension", "file_size", "dimensions", "dpi", "color", "quality", "orientation",
             "background", "framing", "filename")
LABELS = {
    "format": "文件格式", "extension": "扩展名", "file_size": "文件大小", "dimensions": "像素尺寸",
    "dpi": "分辨率", "color": "颜色模式", "quality": "压缩质量", "orientation": "方向",
    "background": "背景", "framing": "构图", "filename": "文件名",
}
SEVERITY = {"pass": 0, "skip": 0, "warn": 1, "fail": 2}


@dataclass(frozen=True)
class CheckResult:
    """``message`` is a complete sentence; ``found``/``expected``/``fix`` are its parts for compact displays."""

    id: str
    status: Status
    message: str
    found: str | None = None
    expected: str | None = None
    fix: str | None = None
    values: Mapping[str, Any] | None = None  # machine-readable measurements (numbers, lists)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status, "message": self.message}
        for key in ("found", "expected", "fix"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.values is not None:
            out["values"] = dict(self.values)
        return out


def judge(cid: str, status: Status, found: str, expected: str | None = None, fix: str | None = None,
          values: Mapping[str, Any] | None = None, note: str | None = None) -> CheckResult:
    """Compose the message from its parts: '<found>。要求：<expected>。<fix>。<note>'."""
    parts = [found.rstrip("。") + "。"]
    if expected and status != "skip":
        verdict = "符合要求" if status == "pass" else "要求"
        parts.append(f"{verdict}：{expected.rstrip('。')}。")
    if fix and status in ("fail", "warn"):
        parts.append(fix.rstrip("。") + "。")
    if note:
        parts.append(note.rstrip("。") + "。")
    return CheckResult(cid, status, "".join(parts), found, expected, fix, values)


def skip(cid: str, reason: str, values: Mapping[str, Any] | None = None) -> CheckResult:
    return CheckResult(cid, "skip", reason.rstrip("。") + "。", values=values)


def worst(*statuses: Status) -> Status:
    """The most severe status: fail > warn > pass."""
    top: Status = "pass"
    for status in statuses:
        if SEVERITY[status] > SEVERITY[top]:
            top = status
    return top
