"""Decide, from the parsed records and one plan, whether the candidate may apply to graduate, and why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checkers.courses.paste import Record
from checkers.courses.plan import Plan, PlanPath
from checkers.courses.restructure import Restructure

DONE = ("passed", "exempted", "substituted")
STATUS_LABELS = {
    "passed": "通过", "exempted": "免考", "substituted": "替代", "failed": "未通过",
    "missing": "缺", "optional": "可选", "not_needed": "不需要",
}


@dataclass
class Row:
    """One course of the plan and what the paste says about it."""

    code: str
    name: str
    credits: int
    kind: str
    status: str = "missing"
    score: float | None = None
    mark: str | None = None
    by: tuple[str, ...] = ()
    via: str | None = None  # "table" (comparison row) or the rule id
    note: str | None = None
    role: str = "required"  # required | choice | elective | thesis

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "credits": self.credits, "kind": self.kind,
            "status": self.status, "score": self.score, "mark": self.mark, "by": list(self.by),
            "via": self.via, "note": self.note, "role": self.role,
            "status_label": STATUS_LABELS[self.status], "message": self.detail(),
        }

    def detail(self) -> str:
        """Score or mark, what it was substituted by, and any note, in one line."""
        parts = []
        if self.score is not None:
            parts.append(f"{self.score:g} 分")
        elif self.mark:
            parts.append(self.mark)
        if self.by:
            parts.append("由 " + "、".join(self.by) + " 替代")
        if self.note:
            parts.append(self.note)
        return "；".join(parts)


@dataclass
class Verdict:
    """Everything the API returns, before it becomes plain data."""

    rows: dict[str, Row]
    path: PlanPath | None
    groups: list[dict[str, Any]]
    missing: list[dict[str, str]]
    messages: list[dict[str, str]] = field(default_factory=list)
    used_old: set[str] = field(default_factory=set)
    eligible: bool = False
    earned: int = 0
    counted: int = 0


def _rows(plan: Plan, records: dict[str, Record]) -> dict[str, Row]:
    optional = plan.optional_codes()
    choice_codes = {c for ch in plan.choices for c in ch.options}
    choice_codes |= {c.code for c in plan.courses if c.theory in choice_codes}
    rows: dict[str, Row] = {}
    courses = [(c.code, c.name, c.credits, c.kind) for c in plan.courses]
    if plan.thesis is not None:
        courses.append((plan.thesis.code, plan.thesis.name, 0, "thesis"))
    for code, name, credits, kind in courses:
        role = "thesis" if kind == "thesis" else "choice" if code in choice_codes else "elective" if code in optional else "required"
        row = Row(code, name, credits, kind, role=role)
        record = records.get(code)
        if record is not None:
            row.score, row.mark = record.score, record.mark
            if record.counts:
                row.status = "exempted" if record.outcome == "exempted" else "passed"
                if record.outcome == "listed":
                    row.note = "粘贴内容没有分数，按已通过计算"
            else:
                row.status = "failed"
                row.note = {"absent": "缺考", "void": f"成绩{record.mark or '无效'}"}.get(record.outcome)
        rows[code] = row
    return rows


def _units(plan: Plan, listed: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The courses of a choice or group, each with the practicals that belong to it (listed there or not)."""
    by_code = {c.code: c for c in plan.courses}
    return [(code, *plan.practicals_of(code)) for code in listed if code not in by_code or by_code[code].theory not in listed]


def _complete(rows: dict[str, Row], unit: tuple[str, ...]) -> bool:
    """A course counts toward a choice or an elective group only with every practical that belongs to it."""
    return all(rows[c].status in DONE for c in unit)


def _open_credits(rows: dict[str, Row], unit: tuple[str, ...]) -> int:
    """Credits still to pass to complete one course: the course and its practicals that are not yet done."""
    return sum(rows[c].credits for c in unit if rows[c].status not in DONE)


def _choice_done(plan: Plan, rows: dict[str, Row], code: str) -> bool:
    for choice in plan.choices:
        if code in choice.options:
            return any(rows[o].status in DONE for o in choice.options)
    return False


def _substitute(plan: Plan, rows: dict[str, Row], done: set[str], v: Verdict) -> None:
    for sub in plan.substitutions:
        have = [c for c in sub.old if c in done]
        enough = bool(have) and (sub.old_mode == "any" or len(have) == len(sub.old))
        if not have:
            continue
        v.used_old.update(have)
        if not enough:
            need = "、".join(c for c in sub.old if c not in done)
            v.messages.append(msg("warning", f"旧课程 {'、'.join(have)} 已通过，但对照表要求同一行的 {need} 也通过，才能替代 {'、'.join(sub.new)}。"))
            continue
        for code in sub.new:
            row = rows[code]
            if row.status in DONE or _choice_done(plan, rows, code):
                continue
            row.status, row.by, row.via, row.note = "substituted", tuple(have), "table", sub.note


def _restructure(plan: Plan, rule: Restructure | None, rows: dict[str, Row], done: set[str], v: Verdict) -> None:
    level = rule.level_for(plan.level) if rule else None
    if rule is None or level is None:
        return
    waived, used = level.waived(done)
    if not used:
        return
    v.used_old.update(used)
    names = level.old_codes()
    shown = "、".join(f"{c}{' ' + names[c] if names.get(c) else ''}" for c in used)
    still = [c for c in level.new if c not in waived]
    v.messages.append(msg("info", f"思政课调整（{rule.document}）：已通过旧课程 {shown}，"
                                   f"按规定只须再通过 {'、'.join(still)}；{'、'.join(waived) or '无'} 不必再考，按新课程学分计算。"))
    for code in waived:
        row = rows.get(code)
        if row is not None and row.status not in DONE:
            row.status, row.by, row.via = "substituted", used, rule.id
            row.note = f"{rule.document}：旧思政课替代"


def _group_progress(plan: Plan, rows: dict[str, Row], group_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for group in plan.groups:
        if group.id not in group_ids:
            continue
        done = [u for u in _units(plan, group.courses) if _complete(rows, u)]
        n = sum(1 for u in done if rows[u[0]].kind == "theory" or plan.course(u[0]).theory is None)  # type: ignore[union-attr]
        credits = sum(rows[c].credits for u in done for c in u)
        ok = (group.min_courses is None or n >= group.min_courses) and (group.min_credits is None or credits >= group.min_credits)
        out.append({"id": group.id, "label": group.label, "courses": n, "credits": credits,
                    "min_courses": group.min_courses, "min_credits": group.min_credits, "ok": ok})
    return out


def _group_gap(plan: Plan, rows: dict[str, Row], g: dict[str, Any]) -> int:
    """Least credits still to pass to satisfy a group: enough of its smallest open courses."""
    group = next(x for x in plan.groups if x.id == g["id"])
    open_credits = sorted(_open_credits(rows, u) for u in _units(plan, group.courses) if not _complete(rows, u))
    need_courses = max(0, (g["min_courses"] or 0) - g["courses"])
    need_credits = max(0, (g["min_credits"] or 0) - g["credits"])
    return max(sum(open_credits[:need_courses]), need_credits)


def _path_missing(plan: Plan, rows: dict[str, Row], path: PlanPath | None) -> tuple[list[dict[str, str]], list[dict[str, Any]], int]:
    """What is missing on one path, its groups' progress, and how many credits it is short (to pick the closest)."""
    choice_ids = path.choices if path else tuple(c.id for c in plan.choices)
    group_ids = path.groups if path else tuple(g.id for g in plan.groups)
    open_rows = [r for r in rows.values() if r.role == "required" and r.status not in DONE]
    missing = [{"code": r.code, "name": r.name} for r in open_rows]
    gap = sum(r.credits for r in open_rows)
    for choice in plan.choices:
        if choice.id in choice_ids and not any(_complete(rows, u) for u in _units(plan, choice.options)):
            missing.append({"code": "/".join(choice.options), "name": " 或 ".join(rows[o].name for o in choice.options) + "（任选一门）"})
            gap += min(_open_credits(rows, u) for u in _units(plan, choice.options))
    groups = _group_progress(plan, rows, group_ids)
    for g in groups:
        if not g["ok"]:
            missing.append({"code": "", "name": g["label"]})
            gap += _group_gap(plan, rows, g)
    thesis = rows.get(plan.thesis.code) if plan.thesis else None
    if thesis is not None and thesis.status not in DONE:
        missing.append({"code": thesis.code, "name": thesis.name})
    return missing, groups, gap


def _mark_optional(plan: Plan, rows: dict[str, Row], path: PlanPath | None, groups: list[dict[str, Any]]) -> None:
    active_choices = path.choices if path else tuple(c.id for c in plan.choices)
    ok_groups = {g["id"] for g in groups if g["ok"]}
    in_path_groups = {g["id"] for g in groups}
    open_choices: set[str] = set()
    for choice in plan.choices:
        done = any(_complete(rows, u) for u in _units(plan, choice.options))
        if not done and choice.id in active_choices:
            open_choices.update(choice.options)
        for o in choice.options:
            if rows[o].status == "missing":
                rows[o].status = "not_needed" if done or choice.id not in active_choices else "optional"
    active = [g for g in plan.groups if g.id in in_path_groups]
    open_groups = {c for g in active if g.id not in ok_groups for c in g.courses}
    for group in plan.groups:
        for c in group.courses:
            if rows[c].status != "missing":
                continue
            mine = [g for g in active if c in g.courses]
            rows[c].status = "optional" if any(g.id not in ok_groups for g in mine) else "not_needed"
    for theory in sorted({c for ch in plan.choices for c in ch.options} | {c for g in plan.groups for c in g.courses}):
        for c in plan.practicals_of(theory):
            if rows[c].status not in ("missing", "optional", "not_needed"):  # passed, failed or substituted: as it is
                continue
            if rows[theory].status in DONE:  # the elective was taken: its practical is wanted while its rule is still open
                rows[c].status = "missing" if theory in open_choices | open_groups else "not_needed"
            else:
                rows[c].status = rows[theory].status if rows[theory].status in ("optional", "not_needed") else "optional"


def decide(plan: Plan, records: dict[str, Record], rule: Restructure | None, prior_diploma: bool) -> Verdict:
    """The verdict for one plan; ``records`` is the best record per pasted code."""
    rows = _rows(plan, records)
    done = {code for code, r in records.items() if r.counts}
    v = Verdict(rows=rows, path=None, groups=[], missing=[])
    _substitute(plan, rows, done, v)
    _restructure(plan, rule, rows, done, v)
    candidates = list(plan.paths) or [None]
    scored = [(p, *_path_missing(plan, rows, p)) for p in candidates]
    v.path, v.missing, v.groups, _ = min(scored, key=lambda t: (t[3], len(t[1])))
    _mark_optional(plan, rows, v.path, v.groups)
    v.earned = sum(r.credits for r in rows.values() if r.status in DONE)
    v.counted = sum(1 for r in rows.values() if r.status in DONE and r.kind != "thesis"
                    and (r.kind == "theory" or plan.course(r.code).theory is None))  # type: ignore[union-attr]
    short_credits = v.earned < plan.minimums.credits
    short_count = plan.minimums.courses is not None and v.counted < plan.minimums.courses
    needs_diploma = plan.prior_diploma and not prior_diploma
    v.eligible = not v.missing and not short_credits and not short_count and not needs_diploma
    return v


def msg(level: str, text: str) -> dict[str, str]:
    """A message as the API returns it: level (error, warning, info, reminder) and Chinese text."""
    return {"level": level, "message": text}
