"""One check's outcome (status and a Chinese message: what was found, expected, how to fix) and its result row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

Status = Literal["pass", "fail", "warn", "skip"]
SEVERITY = {"pass": 0, "skip": 0, "warn": 1, "fail": 2}


@dataclass(frozen=True)
class Outcome:
    """What a check function returns; the table of checks (checkers.photo.table) gives it the check's id.

    ``message`` is a complete sentence; ``found``/``expected``/``fix`` are its parts for compact displays.
    """

    status: Status
    message: str
    found: str | None = None
    expected: str | None = None
    fix: str | None = None
    values: Mapping[str, Any] | None = None  # machine-readable measurements (numbers, lists)

    def named(self, check_id: str) -> CheckResult:
        return CheckResult(check_id, self)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "message": self.message}
        for key in ("found", "expected", "fix"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.values is not None:
            out["values"] = dict(self.values)
        return out


@dataclass(frozen=True)
class CheckResult:
    """One row of a report: the check's id (from the table) and its outcome."""

    id: str
    outcome: Outcome

    @property
    def status(self) -> Status:
        return self.outcome.status

    @property
    def message(self) -> str:
        return self.outcome.message

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.outcome.to_dict()}


def judge(status: Status, found: str, expected: str | None = None, fix: str | None = None,
          values: Mapping[str, Any] | None = None, note: str | None = None) -> Outcome:
    """Compose the message from its parts: '<found>。要求：<expected>。<fix>。<note>'."""
    parts = [found.rstrip("。") + "。"]
    if expected and status != "skip":
        verdict = "符合要求" if status == "pass" else "要求"
        parts.append(f"{verdict}：{expected.rstrip('。')}。")
    if fix and status in ("fail", "warn"):
        parts.append(fix.rstrip("。") + "。")
    if note:
        parts.append(note.rstrip("。") + "。")
    return Outcome(status, "".join(parts), found, expected, fix, values)


def skip(reason: str, values: Mapping[str, Any] | None = None) -> Outcome:
    return Outcome("skip", reason.rstrip("。") + "。", values=values)


def worst(*statuses: Status) -> Status:
    """The most severe status: fail > warn > pass."""
    top: Status = "pass"
    for status in statuses:
        if SEVERITY[status] > SEVERITY[top]:
            top = status
    return top
