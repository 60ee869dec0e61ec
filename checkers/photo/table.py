"""The table of photo checks: id, Chinese label, the spec rule it enforces, what it needs, its function; in order.

This is the only list of photo checks. Reports run and show the checks in this order, the CLI and the
browser take their labels from here, and the guide pages print a spec's rules in this order with these
labels. A check that enforces a spec rule has the rule's name (the PhotoSpec field) as its id.
Adding a check: one row here and one function returning an Outcome (and, for a new spec rule, its field
in checkers.photo.spec.Rules and a macro in macros/templates/photo_rules.md.j2 saying how a page prints it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from checkers.photo import checks, pixel_checks
from checkers.photo.context import Context, Needs
from checkers.photo.result import CheckResult, Outcome, skip
from checkers.photo.spec import Rules


@dataclass(frozen=True)
class PhotoCheck:
    """One row of the table; ``rule`` is True when the check enforces the spec rule named like its id."""

    id: str
    label: str
    rule: bool
    needs: Needs
    run: Callable[[Context], Outcome]

    def result(self, ctx: Context) -> CheckResult:
        gap = ctx.gap(self.needs)
        return (skip(gap.message(self.label)) if gap is not None else self.run(ctx)).named(self.id)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "rule": self.id if self.rule else None, "needs": self.needs}


CHECKS: tuple[PhotoCheck, ...] = (
    PhotoCheck("format", "文件格式", False, "file", checks.check_format),
    PhotoCheck("extensions", "扩展名", True, "file", checks.check_extensions),
    PhotoCheck("file_size_kb", "文件大小", True, "file", checks.check_file_size_kb),
    PhotoCheck("dimensions", "像素尺寸", True, "jpeg", checks.check_dimensions),
    PhotoCheck("dpi", "分辨率", True, "jpeg", checks.check_dpi),
    PhotoCheck("color", "颜色模式", True, "jpeg", checks.check_color),
    PhotoCheck("quality", "压缩质量", True, "jpeg", checks.check_quality),
    PhotoCheck("orientation", "方向", False, "jpeg", checks.check_orientation),
    PhotoCheck("background", "背景", True, "pixels", pixel_checks.check_background),
    PhotoCheck("framing", "构图", True, "pixels", pixel_checks.check_framing),
    PhotoCheck("filename", "文件名", True, "file", checks.check_filename),
)
CHECK_IDS = tuple(c.id for c in CHECKS)


def labels() -> dict[str, str]:
    """Check id -> Chinese label, in table order (the CLI's report and the browser widget's rows)."""
    return {c.id: c.label for c in CHECKS}


def run_all(ctx: Context) -> list[CheckResult]:
    """Every check's result, in table order."""
    return [check.result(ctx) for check in CHECKS]


def requirements(spec: Rules) -> list[tuple[str, str, Any]]:
    """(rule, label, value) for each rule the spec sets, in table order: what a guide page prints."""
    return [(c.id, c.label, getattr(spec, c.id)) for c in CHECKS if c.rule and getattr(spec, c.id) is not None]
