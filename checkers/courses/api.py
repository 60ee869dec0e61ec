"""Public entry points shared by the CLI and the browser: plans() and check()."""

from __future__ import annotations

import functools
from typing import Any, Mapping

from checkers.courses import messages, paste, plan_paste, verdict
from checkers.courses.plan import Plan
from checkers.courses.restructure import Restructure

class UnknownPlan(KeyError):
    """The plan id is not in the catalog; ``valid`` lists the ids that are."""

    def __init__(self, plan_id: str, valid: list[str]):
        super().__init__(plan_id)
        self.plan_id, self.valid = plan_id, valid
        self.message = f"没有编号为“{plan_id}”的专业计划。可用的计划：{'、'.join(valid) or '（无）'}"

    def __str__(self) -> str:
        return self.message


@functools.cache
def _catalog() -> tuple[Mapping[str, Plan], Mapping[str, Restructure]]:
    from checkers import catalog
    from checkers.schema import load

    return catalog.plans(), {k: load(Restructure, v) for k, v in catalog.rules().items()}


def summary(plan_id: str, plan: Plan) -> dict[str, Any]:
    return {
        "id": plan_id, "name": plan.name, "code": plan.code, "level": plan.level, "school": plan.school,
        "province": plan.province, "province_name": plan.province_name, "edition": plan.edition.name,
        "confidence": plan.confidence, "prior_diploma": plan.prior_diploma,
        "title": f"{plan.province_name} · {plan.name}（{plan.level}，{plan.code}）",
    }


def plans(catalog: tuple[Mapping[str, Plan], Mapping[str, Restructure]] | None = None) -> list[dict[str, Any]]:
    """Every plan: id, name, code, level, school, province (plus title, edition, confidence)."""
    source = (catalog or _catalog())[0]
    return [summary(k, p) for k, p in sorted(source.items())]


def _input_problem(text: str, parsed: paste.Parsed | None) -> dict[str, str] | None:
    if len(text) > paste.MAX_CHARS:
        return {"level": "error", "message": f"粘贴的内容太长（约 {len(text) // 1000} 千字符），最多 {paste.MAX_CHARS // 1000} 千字符。"
                                          "请只复制成绩表本身。"}
    if not text.strip():
        return {"level": "error", "message": "没有输入内容：请粘贴成绩查询页面上的成绩表，或逐行写出已通过课程的代码。"}
    if parsed is not None and not parsed.records:
        return {"level": "error", "message": "没有在粘贴的内容中找到课程代码（5 位数字，例如 00037）。请复制成绩查询页面上的成绩表"
                                          "（含“课程代码”一列），或逐行写出已通过课程的代码。"}
    return None


def _summary(v: verdict.Verdict, plan: Plan, problem: dict[str, str] | None) -> str:
    if problem is not None:
        return problem["message"]
    head = "按本计划核对，可以申请毕业。" if v.eligible else f"暂不能申请毕业：还缺 {len(v.missing)} 项。" if v.missing else "暂不能申请毕业。"
    return f"{head}已获得 {v.earned} 学分，要求不少于 {plan.minimums.credits} 学分。"


def check(text: str, plan_id: str, prior_diploma: bool = False, *,
          catalog: tuple[Mapping[str, Plan], Mapping[str, Restructure]] | None = None) -> dict[str, Any]:
    """The verdict as plain data: plan, eligible, credits, missing, courses, messages (+ groups, others, input).

    Raises :class:`UnknownPlan`; bad text never raises, it is answered with a message.
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    plans_, rules = catalog or _catalog()
    plan = plans_.get(plan_id)
    if plan is None:
        raise UnknownPlan(plan_id, sorted(plans_))
    rule = rules.get(plan.restructure) if plan.restructure else None
    return _verdict(text, plan_id, plan, rule, prior_diploma)


def _verdict(text: str, plan_id: str, plan: Plan, rule: Restructure | None, prior_diploma: bool) -> dict[str, Any]:
    parsed = None
    if len(text) <= paste.MAX_CHARS:
        credits = {c.code: float(c.credits) for c in plan.courses}
        parsed = paste.parse(text, credits.get)
    problem = _input_problem(text, parsed)
    records = parsed.records if parsed and problem is None else {}
    v = verdict.decide(plan, records, rule, prior_diploma)
    extra = messages.others(plan, v, records, rule)
    messages.reminders(plan, v, extra, prior_diploma)
    if problem is None:
        messages.pitfalls(text, plan, v, extra)
    if problem is not None:
        v.messages.insert(0, problem)
    elif parsed is not None and parsed.duplicates:
        at = next((i for i, m in enumerate(v.messages) if m["level"] == "reminder"), len(v.messages))
        v.messages.insert(at, {"level": "info", "message": f"有 {parsed.duplicates} 行是同一门课程的重复记录，已按最好的一次成绩计算。"})
    return {
        "plan": plan_id,
        "plan_info": summary(plan_id, plan),
        "summary": _summary(v, plan, problem),
        "eligible": v.eligible and problem is None,
        "prior_diploma": prior_diploma,
        "credits": {"earned": v.earned, "required": plan.minimums.credits},
        "course_count": {"earned": v.counted, "required": plan.minimums.courses},
        "missing": v.missing if problem is None else [],  # unreadable input: the message says why, not a full list
        "courses": [r.to_dict() for r in v.rows.values()],
        "groups": v.groups,
        "path": {"id": v.path.id, "label": v.path.label} if v.path else None,
        "others": extra,
        "messages": v.messages,
        "input": {
            "rows": parsed.rows if parsed else 0,
            "courses": len(parsed.records) if parsed else 0,
            "duplicates": parsed.duplicates if parsed else 0,
            "skipped_lines": parsed.skipped if parsed else 0,
            "ok": problem is None,
        },
    }


def parse_plan(text: str, *, catalog: tuple[Mapping[str, Plan], Mapping[str, Restructure]] | None = None) -> dict[str, Any]:
    """What the parser understood from a pasted plan (``ok`` false and ``refused`` set when it is not a plan)."""
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    return plan_paste.parse(text, (catalog or _catalog())[1]).to_dict()


def refusal(message: str, *, plan: str = "paste", prior_diploma: bool = False,
            parsed: plan_paste.ParsedPlan | None = None) -> dict[str, Any]:
    """No verdict, only ``message`` (a refused paste, or a file the command line could not read): the keys of :func:`check_pasted`."""
    return {"plan": plan, "plan_source": "paste" if plan == "paste" else "catalog",
            "parsed_plan": (parsed or plan_paste.refused_plan(message)).to_dict() if plan == "paste" else None,
            "refused": message, "plan_info": None, "summary": message, "eligible": False, "prior_diploma": prior_diploma,
            "credits": None, "course_count": None, "missing": [], "courses": [], "groups": [], "path": None,
            "others": [], "messages": [{"level": "error", "message": message}], "input": None}


def plan_refusal(message: str) -> dict[str, Any]:
    """The :func:`parse_plan` answer for text that could not be read at all."""
    return plan_paste.refused_plan(message).to_dict()


def check_pasted(plan_text: str, text: str, prior_diploma: bool = False, *,
                 catalog: tuple[Mapping[str, Plan], Mapping[str, Restructure]] | None = None) -> dict[str, Any]:
    """The verdict against a pasted plan: the same keys as :func:`check`, plus plan_source and parsed_plan.

    A paste that is not a plan gets ``refused`` (a message) and no verdict: eligible false, no course rows.
    """
    if not isinstance(plan_text, str) or not isinstance(text, str):
        raise TypeError("plan_text and text must be str")
    rules = (catalog or _catalog())[1]
    parsed = plan_paste.parse(plan_text, rules)
    if parsed.refused is not None:
        return refusal(parsed.refused, prior_diploma=prior_diploma, parsed=parsed)
    plan = parsed.to_plan()
    rule = rules.get(parsed.restructure) if parsed.restructure else None
    result = _verdict(text, "paste", plan, rule, prior_diploma)
    note = {"level": "warning", "message": "本结果按你粘贴的考试计划核对：请先核对上面“读到的计划”一表（标“猜测”和“未读出”的地方尤其要看），"
                                           "计划文本是否为本省、本专业、现行版本，本工具无法确认。"}
    at = next((i for i, m in enumerate(result["messages"]) if m["level"] == "reminder"), len(result["messages"]))
    result["messages"].insert(at, note)
    return {**result, "plan_source": "paste", "parsed_plan": parsed.to_dict(), "refused": None}
