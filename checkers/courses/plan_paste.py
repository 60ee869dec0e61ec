"""A plan pasted by the candidate: parse it, say what was understood, and turn it into a Plan the verdict can use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from checkers.courses import plan_lines, plan_parse, plan_rules
from checkers.courses.plan import Choice, Course, Edition, Group, Minimums, Plan, PlanPath, Substitution, Thesis
from checkers.courses.plan_parse import ParsedCourse
from checkers.courses.restructure import Restructure

MAX_CHARS = 50_000
MIN_COURSES = 3
SCORE_WORDS = re.compile(r"准考证|成绩|分数|考试日期|考试时间|免考|合格|缺考|(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?![0-9])")
DATED = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?![0-9])|(?<![0-9])[4-9][0-9](?:\.[0-9])?分")
SHOW = {"theory": "笔试", "practical": "实践", "thesis": "毕业论文/设计"}


@dataclass(frozen=True)
class ParsedPlan:
    """What the parser understood; ``refused`` is a Chinese message when the text is not a plan (then no verdict)."""

    name: str | None
    code: str | None
    level: str | None
    level_guessed: bool
    courses: tuple[ParsedCourse, ...]
    choices: tuple[Choice, ...]
    groups: tuple[Group, ...]
    paths: tuple[PlanPath, ...]
    credits: int | None
    course_count: int | None
    closing: str | None
    credits_guessed: bool
    restructure: str | None
    changes: tuple[str, ...]
    notes: tuple[str, ...]
    problems: tuple[dict[str, Any], ...]
    refused: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.refused is None, "refused": self.refused, "name": self.name, "code": self.code,
            "level": self.level, "level_guessed": self.level_guessed,
            "courses": [{**c.to_dict(), "kind_label": SHOW[c.kind]} for c in self.courses],
            "choices": [{"id": c.id, "label": c.label, "options": list(c.options)} for c in self.choices],
            "groups": [{"id": g.id, "label": g.label, "courses": list(g.courses), "min_courses": g.min_courses,
                        "min_credits": g.min_credits} for g in self.groups],
            "paths": [{"id": p.id, "label": p.label, "choices": list(p.choices), "groups": list(p.groups)} for p in self.paths],
            "minimums": {"credits": self.credits, "courses": self.course_count, "sentence": self.closing,
                         "credits_guessed": self.credits_guessed},
            "restructure": self.restructure, "changes": list(self.changes), "notes": list(self.notes),
            "problems": list(self.problems),
        }

    def to_plan(self) -> Plan:
        """A Plan for the verdict: thesis apart, credits as whole numbers where they are whole."""
        courses = tuple(Course(c.code, c.name or f"（名称未读出）{c.code}", _num(c.credits or 0), c.kind, c.theory)  # type: ignore[arg-type]
                        for c in self.courses if c.kind != "thesis")
        thesis = next((Thesis(c.code, c.name or "毕业论文（设计）") for c in self.courses if c.kind == "thesis"), None)
        title = self.name or "粘贴的考试计划"
        codes = {c.code for c in self.courses}
        subs = tuple(Substitution((old,), (c.code,), "all", (name,), None, "粘贴的计划表中写明的替代关系")
                     for c in self.courses for old, name in c.replaces if old not in codes)
        have = {c.code for c in courses}
        choices = tuple(Choice(c.id, c.label, o) for c in self.choices
                        for o in [tuple(x for x in dict.fromkeys(c.options) if x in have)] if len(o) >= 2)
        groups = tuple(Group(g.id, g.label, k, g.min_courses and min(g.min_courses, len(k)), g.min_credits)
                       for g in self.groups for k in [tuple(x for x in dict.fromkeys(g.courses) if x in have)] if k)
        ids = {c.id for c in choices} | {g.id for g in groups}
        paths = tuple(PlanPath(p.id, p.label, tuple(x for x in p.choices if x in ids), tuple(x for x in p.groups if x in ids))
                      for p in self.paths)
        return Plan("paste", "粘贴的计划", self.code or "", title, self.level or "专升本", "（粘贴的计划没有写明）",  # type: ignore[arg-type]
                    Edition("考生粘贴的计划文本", ""), "low", {}, courses, Minimums(self.credits or 0, self.course_count),
                    thesis, choices, groups, paths, subs, self.restructure, self.level == "专升本")


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _refuse(text: str, found: list[ParsedCourse]) -> str | None:
    if not text.strip():
        return "没有输入考试计划：请粘贴本专业考试计划中“考试课程与学分”那张表（含课程代码、课程名称、学分）。"
    if len(found) > plan_lines.MAX_ROWS:
        return f"读到超过 {plan_lines.MAX_ROWS} 门课程，不像一份专业考试计划：请只复制本专业的那张课程表。"
    if not found:
        return ("这段内容里没有课程代码（5 位数字，例如 03708），不像考试计划。请从省考试院公布的专业考试计划中复制"
                "“考试课程与学分”表（课程代码、课程名称、学分各列）。")
    with_credits = [c for c in found if c.credits is not None and c.name]
    scored = sum(1 for c in found if "credits" in c.unreadable or DATED.search(c.name + c.remark))
    if scored * 2 >= len(found) and SCORE_WORDS.search(text):
        return ("这看起来是成绩单（有分数、考试日期或“合格/免考”），不是考试计划：请把成绩粘贴到成绩框，"
                "把专业考试计划的课程表粘贴到计划框。")
    if len(with_credits) < MIN_COURSES:
        if len(SCORE_WORDS.findall(text)) >= 2 or scored * 2 >= len(found):
            return ("这看起来是成绩单（有分数、考试日期或“合格/免考”），不是考试计划：请把成绩粘贴到成绩框，"
                    "把专业考试计划的课程表粘贴到计划框。")
        return (f"只读到 {len(with_credits)} 门带学分的课程，不像完整的考试计划。请复制计划中的整张课程表"
                "（每行有课程代码、课程名称和学分）。")
    return None


def _restructure(found: list[ParsedCourse], level: str | None, rules: Mapping[str, Restructure],
                 credits: int | None) -> tuple[list[ParsedCourse], str | None, int | None, list[str]]:
    """Apply a national course change to a pasted plan: old 思政 courses give way to the new ones (credits adjusted)."""
    codes = {c.code for c in found}
    for rule in rules.values():
        lv = rule.level_for(level) if level else None
        if lv is None:
            continue
        old = [c for c in found if c.code in lv.old_codes()]
        if codes & set(lv.new):
            return found, rule.id, credits, []
        if not old or len(lv.courses) != len(lv.new):
            continue
        at = found.index(old[0])
        new = [ParsedCourse(n.code, n.name, float(n.credits), "theory", None, None, old[0].line, None, "", ("from_rule",), ())
               for n in lv.courses]
        rest = [c for c in found if c not in old]
        delta = sum(n.credits for n in lv.courses) - sum(c.credits or 0 for c in old)
        shown_old = "、".join(f"{c.code} {c.name}" for c in old)
        change = (f"思政课调整（{rule.document}）：计划中的 {shown_old} 已停考，换成 {'、'.join(f'{n.code} {n.name}（{n.credits} 学分）' for n in lv.courses)}；"
                  "已通过的旧课程按规定替代。")
        notes = [change]
        if credits is not None and delta:
            notes.append(f"最低学分相应由 {credits} 改为 {credits + int(delta)}（江苏简编的做法；其他省份以本省通知为准）。")
            credits += int(delta)
        return rest[:at] + new + rest[at:], rule.id, credits, notes
    return found, None, credits, []


def parse(text: str, rules: Mapping[str, Restructure] | None = None) -> ParsedPlan:
    """Parse a pasted plan. Never raises for bad text: a non-plan comes back with ``refused`` set."""
    if len(text) > MAX_CHARS:
        return refused_plan(f"粘贴的计划太长（约 {len(text) // 1000} 千字符），最多 {MAX_CHARS // 1000} 千字符：请只复制“考试课程与学分”那张表和毕业条件那段话。")
    if not plan_lines.CODE.search(plan_lines.normalise(text)):
        return refused_plan(_refuse(text, []) or "")
    lines = plan_lines.read(text)
    found, problems = plan_parse.courses(lines)
    refused = _refuse(text, found)
    if refused is not None:
        return refused_plan(refused)
    if text.count("\n") >= plan_lines.MAX_LINES:
        problems.append({"line": plan_lines.MAX_LINES, "code": None,
                         "message": f"粘贴的内容超过 {plan_lines.MAX_LINES} 行，只读了前 {plan_lines.MAX_LINES} 行"})
    problems += [{"line": n, "code": None, "message": f"这一行有课程代码，但读起来是说明文字，没有当作课程：{line[:60]}"}
                 for n, line in lines.prose_codes]
    for c in found:
        if c.unreadable:
            what = "、".join({"credits": "学分", "name": "名称"}[u] for u in c.unreadable)
            problems.append({"line": c.line, "code": c.code, "message": f"{c.code} 的{what}没有读出，请核对这一行"})
    stated = plan_rules.closing(text)
    lvl, lvl_guessed = plan_rules.level(text, {c.code for c in found})
    choices, groups, paths, notes = plan_rules.rules(lines, found)
    credits, guessed = stated.credits, False
    if credits is None:
        credits = int(sum(c.credits or 0 for c in found if c.kind != "thesis" and not _optional(c, choices, groups)))
        guessed = True
        notes.append(f"文中没有写最低学分，按表中必考课程的学分合计 {credits} 计算（猜测）")
    found, rule_id, credits, changes = _restructure(found, lvl, rules or {}, credits)
    name, code = plan_rules.title(text)
    return ParsedPlan(name, code, lvl, lvl_guessed, tuple(found), tuple(choices), tuple(groups), tuple(paths), credits,
                      stated.courses, stated.sentence, guessed, rule_id, tuple(changes), tuple(notes), tuple(problems), None)


def _optional(c: ParsedCourse, choices: list[Choice], groups: list[Group]) -> bool:
    return any(c.code in ch.options[1:] for ch in choices) or any(c.code in g.courses for g in groups)


def refused_plan(message: str) -> ParsedPlan:
    """A refusal: no courses, no rules, ``message`` saying why (also used when the file itself cannot be read)."""
    return ParsedPlan(None, None, None, False, (), (), (), (), None, None, None, False, None, (), (), (), message)
