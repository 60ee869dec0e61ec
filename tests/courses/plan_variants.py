"""A curated plan written out the ways candidates paste plans: portal table, CSV, typed, PDF viewer copy, PDF text."""

from __future__ import annotations

from checkers.courses.plan import Plan

KIND = {"theory": "笔试", "practical": "实践"}


def rows(p: Plan) -> list[dict[str, str]]:
    """One dict per table row: seq (shared by a practical and its theory, and by either-or options), cells, remark."""
    out: list[dict[str, str]] = []
    seq = 0
    choice_of = {c: ch for ch in p.choices for c in ch.options}
    # One remark per elective rule: with the two language paths (考外语 / 不考外语) it sits once, beside the first elective.
    language = len(p.paths) == 2 and p.paths[0].id == "foreign-language"
    ruled = [next(g for g in p.groups if g.id == p.paths[0].groups[-1])] if language else p.groups
    group_first = {g.courses[0]: g for g in ruled}
    for course in p.courses:
        shares = course.theory is not None or (course.code in choice_of and choice_of[course.code].options[0] != course.code)
        seq += 0 if shares else 1
        remark = ""
        if course.code in choice_of and choice_of[course.code].options[0] == course.code:
            remark = "任选一门"
        if course.code in group_first and (not out or out[-1]["code"] not in group_first[course.code].courses):
            remark = _rule(p)
        out.append({"seq": str(seq), "code": course.code, "name": course.name, "credits": str(course.credits),
                    "method": KIND[course.kind], "remark": remark})
    if p.thesis is not None:
        out.append({"seq": str(seq + 1), "code": p.thesis.code, "name": p.thesis.name, "credits": "不计学分",
                    "method": "实践", "remark": ""})
    return out


def _rule(p: Plan) -> str:
    groups = {g.id: g for g in p.groups}
    if p.paths and len(p.paths) == 2:
        lang, other = (groups[x] for x in (p.paths[0].groups[-1], p.paths[1].groups[-1]))
        word = "英语" if "英语" in p.paths[0].label else "外语"  # as the plan's own text says it
        return f"考{word}者，选考不少于 {lang.min_courses} 门课程，不少于 {lang.min_credits} 学分；不考{word}者全选。"
    g = p.groups[0]
    return "选考不少于 {} 门课程，不少于 {} 学分".format(g.min_courses or 1, g.min_credits or 1)


def closing(p: Plan) -> str:
    count = f"{p.minimums.courses} 门课程的合格成绩，" if p.minimums.courses else "课程的合格成绩，"
    return f"凡取得本专业考试计划规定的 {count}累计达到 {p.minimums.credits} 学分，思想品德经鉴定符合要求者，颁发毕业证书。"


def title(p: Plan) -> str:
    return f"{p.name}专业（{p.level}）考试计划（专业代码：{p.code}）"


def portal(p: Plan, sep: str = "\t") -> str:
    """A web table copied from a browser: header row, cells separated by tabs (or commas for CSV)."""
    head = sep.join(["序号", "课程代码", "课程名称", "学分", "考试方式", "备注"])
    body = [sep.join([r["seq"], r["code"], r["name"], r["credits"], r["method"], r["remark"]]) for r in rows(p)]
    return "\n".join([title(p), closing(p), head, *body]) + "\n"


def typed(p: Plan) -> str:
    """Typed by hand: code, name, credits separated by single spaces; a remark after it."""
    body = [" ".join(x for x in (r["code"], r["name"], r["credits"].replace("不计学分", "不计学分"), r["remark"]) if x) for r in rows(p)]
    return "\n".join([title(p), *body, closing(p)]) + "\n"


def viewer(p: Plan) -> str:
    """Copied from a PDF viewer: one cell per line, sequence numbers on their own lines, page numbers in between."""
    out = [title(p), closing(p), "序号", "课程代码", "课程名称", "学分", "考试方式", "备注"]
    for i, r in enumerate(rows(p)):
        out += [r["seq"], r["code"], r["name"], r["credits"], r["method"]] + ([r["remark"]] if r["remark"] else [])
        if i == 7:
            out += ["— 3 —", "四、考试课程与学分（续）"]
    return "\n".join(out) + "\n"


def pdf_text(p: Plan) -> str:
    """PDF text extraction with the layout kept: long names wrapped over two lines, the row's code line in between."""
    out = [title(p), closing(p), " 序    课程                                  考试", "                      课程名称           学分          备注",
           " 号    代码                                  方式"]
    for r in rows(p):
        name, credits = r["name"], r["credits"]
        if credits == "不计学分":
            out += [f"             {name[:len(name) // 2]:<24}不计", f" {r['seq']:<4} {r['code']}   {'':<26}{r['method']}",
                    f"             {name[len(name) // 2:]:<24}学分"]
        elif len(name) > 12:
            out += [f"             {name[:10]}", f" {r['seq']:<4} {r['code']}   {'':<24}{credits:>3}   {r['method']}   {r['remark']}",
                    f"             {name[10:]}"]
        else:
            out.append(f" {r['seq']:<4} {r['code']}   {name:<24}{credits:>3}   {r['method']}   {r['remark']}")
    out += ["  学分合计                        不少于 {} 学分".format(p.minimums.credits), "                 -3-", "五、实践性环节学习考核要求"]
    return "\n".join(out) + "\n"


FORMATS = {"portal": portal, "csv": lambda p: portal(p, ","), "typed": typed, "viewer": viewer, "pdf": pdf_text}
