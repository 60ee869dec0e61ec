"""What else the verdict says: pasted codes outside the plan, reasons, order rules and reminders."""

from __future__ import annotations

import re
from typing import Any

from checkers.courses.paste import Record
from checkers.courses.plan import Plan
from checkers.courses.restructure import Restructure
from checkers.courses.verdict import DONE, Row, Verdict, msg


def others(plan: Plan, v: Verdict, records: dict[str, Record], rule: Restructure | None) -> list[dict[str, Any]]:
    """Every pasted code that is not a course of this plan, with what became of it."""
    level = rule.level_for(plan.level) if rule else None
    old_names = dict(level.old_codes()) if level else {}
    for sub in plan.substitutions:
        old_names.update({c: (sub.old_names[i] if i < len(sub.old_names) else None) for i, c in enumerate(sub.old)})
    out = []
    for code, record in records.items():
        if code in v.rows:
            continue
        if code in v.used_old:
            reason = "used"
            targets = [r.code for r in v.rows.values() if code in r.by]
            text = f"已用于替代 {'、'.join(targets)}" if targets else "旧课程，同一行的其他旧课程未全部通过，暂不能替代"
        elif code in old_names:
            reason, text = "old_not_passed", "旧课程，但这条记录不是合格成绩，不能用于替代"
        else:
            reason, text = "not_in_plan", "不在本专业计划中，也不在新旧课程对照表中，不计入"
        out.append({"code": code, "name": record.name or (old_names.get(code) or ""), "status": record.outcome,
                    "score": record.score, "mark": record.mark, "reason": reason, "note": text, "line": record.line})
    return out


def reminders(plan: Plan, v: Verdict, extra: list[dict[str, Any]], prior_diploma: bool) -> None:
    """Reasons and reminders, most important first (appended to ``v.messages``)."""
    m = v.messages
    first: list[dict[str, str]] = []
    for row in v.rows.values():
        if row.status == "failed" and row.role in ("required", "thesis"):
            result = f"{row.score:g} 分" if row.score is not None else (row.note or row.mark or "未通过")
            first.append(msg("error", f"{row.code} {row.name}：最好成绩 {result}，未合格（60 分及格）。"))
    missing = [x for x in v.missing if x["code"] and v.rows.get(x["code"], Row("", "", 0, "")).status != "failed"]
    if missing:
        first.append(msg("error", "还缺：" + "；".join(f"{x['code']} {x['name']}" for x in missing) + "。"))
    for g in v.groups:
        if not g["ok"]:
            need = "、".join(s for s in (f"不少于 {g['min_courses']} 门" if g["min_courses"] else "",
                                         f"不少于 {g['min_credits']} 学分" if g["min_credits"] else "") if s)
            first.append(msg("error", f"{g['label']}：已完成 {g['courses']} 门、{g['credits']} 学分，要求{need}。"))
    if v.earned < plan.minimums.credits:
        first.append(msg("error", f"已获得 {v.earned} 学分，计划要求不少于 {plan.minimums.credits} 学分。"))
    if plan.minimums.courses is not None and v.counted < plan.minimums.courses:
        first.append(msg("error", f"已合格 {v.counted} 门课程，计划要求不少于 {plan.minimums.courses} 门。"))
    if plan.prior_diploma:
        if prior_diploma:
            first.append(msg("info", "你已确认持有专科或以上毕业证书（或本科结业证书）：申请毕业时须核验，请提前准备。"))
        else:
            first.append(msg("error", f"{plan.level}须持有专科或以上毕业证书（或本科结业证书）才能申请毕业；持有的话请勾选“已有前置学历”（命令行加 --prior-diploma）。"))
    m[:0] = first
    if plan.paths and v.path is not None:
        m.append(msg("info", f"本专业有多种选课方式，按最接近完成的“{v.path.label}”核对。"))
    for course in plan.courses:
        row = v.rows[course.code]
        if course.theory and row.status in ("passed", "exempted") and v.rows[course.theory].status not in DONE:
            m.append(msg("warning", f"实践课 {course.code} 已通过，但理论课 {course.theory} {v.rows[course.theory].name} 还没有合格：按规定理论课合格后才能参加实践考核，请核对成绩。"))
    if plan.thesis is not None:
        thesis = v.rows[plan.thesis.code]
        others_left = [x for x in v.missing if x["code"] != plan.thesis.code]
        if thesis.status in DONE and others_left:
            m.append(msg("warning", f"{thesis.name}已有成绩，但还有课程未完成：毕业论文（设计）须在全部课程合格后报考，请核对。"))
        elif thesis.status not in DONE and not others_left:
            m.append(msg("info", f"其余课程都已完成，可以按主考学校要求报考 {thesis.code} {thesis.name}。"))
        elif thesis.status not in DONE:
            m.append(msg("info", f"{thesis.code} {thesis.name}要在全部课程合格后才能报考。"))
    unknown = [x for x in extra if x["reason"] != "used"]
    if unknown and plan.province != "jiangsu":
        m.append(msg("warning", "以下代码不在本专业计划中，没有计入：" + "、".join(x["code"] for x in unknown) + "。"))
    elif unknown:
        m.append(msg("warning", "以下代码不在本专业计划中，没有计入：" + "、".join(x["code"] for x in unknown)
                      + "。如果是本专业旧版计划中通过、且对照表中没有替代关系的课程，江苏规定可以计入门数和学分（不能替代 15040），请向考办确认。"))
    listed = [r.code for r in v.rows.values() if r.note == "粘贴内容没有分数，按已通过计算"]
    if listed:
        m.append(msg("info", f"{len(listed)} 门课程的粘贴内容没有分数或“合格/免考”字样，按已通过计算：{'、'.join(listed)}。"))
    exempted = sum(1 for r in v.rows.values() if r.status == "exempted")
    if plan.province == "jiangsu" and exempted and exempted * 2 > sum(1 for c in plan.courses if c.countable):
        m.append(msg("warning", f"有 {exempted} 门免考：江苏免考实施细则（二手资料）规定免考课程一般不超过计划课程的一半，请向考办确认。"))
    m.append(msg("reminder", "思想品德鉴定：申请毕业时须经鉴定合格，本工具无法核对。"))
    m.append(msg("reminder", "本工具依据公开资料整理的考试计划核对，结果仅供参考，以省教育考试院和主考学校的毕业审核为准。"))


ADMISSION = re.compile(r"(?<![0-9])([0-9]{12,15})(?![0-9])")


def _bare(name: str) -> str:
    return re.sub(r"[\s（）()]", "", name)


def pitfalls(text: str, plan: Plan, v: Verdict, extra: list[dict[str, Any]]) -> None:
    """What candidates often get wrong, as messages (inserted before the reminders)."""
    out: list[dict[str, str]] = []
    numbers = list(dict.fromkeys(ADMISSION.findall(text)))
    if len(numbers) >= 2:
        shown = "、".join(numbers[:5]) + ("等" if len(numbers) > 5 else "")
        out.append(msg("warning", f"粘贴的成绩里有 {len(numbers)} 个不同的准考证号（{shown}）：申请毕业前要先在本省考籍系统办理"
                                  "准考证号（成绩）合并，合并后所有成绩才算在同一个考籍下。本工具已把它们放在一起核对。"))
    for course in plan.courses:
        row, theory = v.rows[course.code], v.rows.get(course.theory or "")
        if theory is not None and theory.status in DONE and row.status in ("missing", "failed"):
            out.append(msg("warning", f"理论课 {theory.code} {theory.name} 已合格，但配套的实践课 {course.code} {course.name}"
                                      f"{'还没有合格' if row.status == 'failed' else '还没有成绩'}：实践课不考，这门课的学分不完整，毕业审核不能通过。"))
    names = {_bare(r.name): r for r in v.rows.values() if r.status not in DONE}
    for x in extra:
        same = names.get(_bare(x["name"] or ""))
        if x["reason"] == "not_in_plan" and same is not None and x["name"]:
            out.append(msg("warning", f"成绩中的 {x['code']} {x['name']} 与计划中的 {same.code} {same.name} 名称相同、代码不同："
                                      "新旧课程只能按本省公布的新旧课程对照（顶替）表替代，不能只看名称，请向考办核对。"))
    if plan.stopped is not None:
        dates = "；".join(f"{label} {value}" for label, value in plan.stopped.dates())
        out.append(msg("warning", f"本专业已停考{'：' + dates if dates else ''}。请按本省停考通知安排剩余课程和毕业申请。"))
    at = next((i for i, m in enumerate(v.messages) if m["level"] == "reminder"), len(v.messages))
    v.messages[at:at] = out
