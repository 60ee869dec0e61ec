"""Realistic score pastes built from a plan: the columns a provincial portal shows, one row per course."""

from __future__ import annotations

from typing import Iterable

from checkers import catalog
from checkers.courses.plan import Plan

HEADER = ("课程代码", "课程名称", "考试日期", "通过方式", "分数", "学分", "状态")
FULL = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}


def plan(plan_id: str) -> Plan:
    return catalog.plans()[plan_id]


def row(code: str, name: str, score: str, credits: int | str = "", date: str = "202404", method: str = "考试") -> list[str]:
    return [code, name, date, method, score, str(credits), "有效"]


def table(rows: Iterable[list[str]], sep: str = "\t", header: bool = True) -> str:
    lines = [sep.join(HEADER)] if header else []
    lines += [sep.join(r) for r in rows]
    return "\n".join(lines) + "\n"


def complete_rows(p: Plan, skip: Iterable[str] = (), path: str | None = None) -> list[list[str]]:
    """A passing row for every course a candidate on ``path`` (default: the first path) must pass."""
    skip = set(skip)
    chosen = next((x for x in p.paths if x.id == path), p.paths[0] if p.paths else None)
    choices = [c for c in p.choices if chosen is None or c.id in chosen.choices]
    groups = [g for g in p.groups if chosen is None or g.id in chosen.groups]
    wanted = [c.code for c in p.courses if c.code not in p.optional_codes()]
    wanted += [c.options[0] for c in choices]
    for g in groups:
        need = g.min_courses or len(g.courses)
        picked = list(g.courses[:need])
        rest = list(g.courses[need:])
        while g.min_credits and sum(p.course(c).credits for c in picked) < g.min_credits and rest:
            picked.append(rest.pop(0))
        wanted += [c for c in picked if c not in wanted]
    for code in list(wanted):  # an elective taken with its own practical, right after it
        for x in p.practicals_of(code):
            if x not in wanted:
                wanted.insert(wanted.index(code) + 1, x)
    rows = []
    for i, code in enumerate(wanted):
        if code in skip:
            continue
        course = p.course(code)
        score = "合格" if course.kind == "practical" else str(60 + (i * 7) % 35)
        rows.append(row(code, course.name, score, course.credits, method="考核" if course.kind == "practical" else "考试"))
    if p.thesis is not None and p.thesis.code not in skip:
        rows.append(row(p.thesis.code, p.thesis.name, "良好", "", "202510", "考核"))
    return rows
