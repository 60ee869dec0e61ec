"""Pasted plans (issue 17): PDF text, portal tables, CSV, typed text and PDF-viewer copies give the curated plan's verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers import catalog
from checkers.courses import api

from .helpers import complete_rows, plan, row, table
from .plan_paste_known import KNOWN_PLAN, KNOWN_VERDICT
from .plan_variants import FORMATS

HERE = Path(__file__).parent / "paste_plans"
PLANS = sorted(catalog.plans())


def understood(text: str) -> dict:
    parsed = api.parse_plan(text)
    assert parsed["ok"], parsed["refused"]
    return parsed


def same_plan(parsed: dict, plan_id: str, kinds: bool = True) -> list[str]:
    """Differences between a parsed plan and the curated record (empty when they agree)."""
    p = plan(plan_id)
    got = [(c["code"], c["name"], c["credits"], c["kind"] if kinds else "", c["theory"]) for c in parsed["courses"] if c["kind"] != "thesis"]
    want = [(c.code, c.name, float(c.credits), c.kind if kinds else "", c.theory) for c in p.courses]
    got, want = sorted(got), sorted(want)  # order does not matter in a plan
    diffs = [f"course {g} != {w}" for g, w in zip(got, want) if g != w]
    if len(got) != len(want):
        diffs.append(f"{len(got)} courses, curated {len(want)}")
    thesis = [c["code"] for c in parsed["courses"] if c["kind"] == "thesis"]
    if thesis != ([p.thesis.code] if p.thesis else []):
        diffs.append(f"thesis {thesis}")
    if parsed["minimums"]["credits"] != p.minimums.credits:
        diffs.append(f"credits {parsed['minimums']['credits']} != {p.minimums.credits}")
    rules = sorted([x["options"] for x in parsed["choices"]] + [x["courses"] for x in parsed["groups"]])
    if rules != sorted([list(c.options) for c in p.choices] + [list(g.courses) for g in p.groups]):
        diffs.append(f"rules {rules}")
    return diffs


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("plan_id", PLANS)
def test_every_format_gives_the_curated_plan(plan_id: str, fmt: str) -> None:
    # Typed text has no 考试方式 column: a stand-alone practical cannot be told from a theory course there.
    diffs = plan_diffs(understood(FORMATS[fmt](plan(plan_id))), plan_id, kinds=fmt != "typed")
    assert diffs == KNOWN_PLAN.get((plan_id, fmt), []), diffs


def plan_diffs(parsed: dict, plan_id: str, kinds: bool = True) -> list[str]:
    """:func:`same_plan` with the course rows as two sets: which curated rows were not read, which read rows are extra."""
    p = plan(plan_id)
    got = {(c["code"], c["name"], c["credits"], c["kind"] if kinds else "", c["theory"]) for c in parsed["courses"] if c["kind"] != "thesis"}
    want = {(c.code, c.name, float(c.credits), c.kind if kinds else "", c.theory) for c in p.courses}
    return ([f"not read {w}" for w in sorted(want - got)] + [f"read instead {g}" for g in sorted(got - want)]
            + [d for d in same_plan(parsed, plan_id, kinds) if not d.startswith("course ")])


def verdict_diffs(plan_id: str, fmt: str) -> list[str]:
    """Where the verdict against the pasted plan differs from the curated verdict, for four score pastes."""
    p = plan(plan_id)
    rows = complete_rows(p)
    cases = [table(rows), table(rows[2:]), table(rows[:-3] + [row(rows[-3][0], rows[-3][1], "41")])]
    if p.paths:
        cases.append(table(complete_rows(p, path=p.paths[-1].id)))
    pasted = FORMATS[fmt](p)
    diffs = []
    for n, scores in enumerate(cases):
        want = api.check(scores, plan_id, prior_diploma=True)
        got = api.check_pasted(pasted, scores, prior_diploma=True)
        assert got["plan_source"] == "paste" and got["refused"] is None
        diffs += [f"case {n} {key}: {got[key]} != {want[key]}" for key in ("eligible", "credits", "course_count", "missing")
                  if got[key] != want[key]]
        if [{**g, "label": ""} for g in got["groups"]] != [{**g, "label": ""} for g in want["groups"]]:
            diffs.append(f"case {n} groups: {[{**g, 'label': ''} for g in got['groups']]}")
        if (got["path"] or {}).get("id") != (want["path"] or {}).get("id"):
            diffs.append(f"case {n} path: {got['path']}")
        rows_got = [(c["code"], c["status"]) for c in got["courses"]]
        if rows_got != [(c["code"], c["status"]) for c in want["courses"]]:
            diffs.append(f"case {n} courses: {rows_got}")
    return diffs


@pytest.mark.parametrize("fmt", ["portal", "pdf", "viewer"])
@pytest.mark.parametrize("plan_id", PLANS)
def test_verdict_equals_the_curated_verdict(plan_id: str, fmt: str) -> None:
    diffs = verdict_diffs(plan_id, fmt)
    assert diffs == KNOWN_VERDICT.get((plan_id, fmt), []), diffs


@pytest.mark.parametrize("name", ["jiangsu-050101", "jiangsu-570102K"])
def test_pdf_text_of_the_2024_edition_becomes_the_current_edition(name: str) -> None:
    """The PDF lists the old 思政 courses; the national restructure turns them into the curated (current) plan."""
    parsed = understood((HERE / f"{name}.pdf.txt").read_text(encoding="utf-8"))
    plan_id = "jiangsu/" + name.split("-")[1]
    assert same_plan(parsed, plan_id) == []
    assert parsed["minimums"]["sentence"].startswith("取得本专业考试计划规定的")
    assert parsed["changes"] and "考委〔2024〕1号" in parsed["changes"][0]
    assert parsed["problems"] == []
    p = plan(plan_id)
    scores = table(complete_rows(p)[3:] + [row("03708" if p.level == "专升本" else "03706", "旧思政", "70"),
                                           row("03709" if p.level == "专升本" else "12656", "旧思政", "70"),
                                           row("15040", "习近平新时代中国特色社会主义思想概论", "66")])
    want, got = api.check(scores, plan_id, True), api.check_pasted(parsed and (HERE / f"{name}.pdf.txt").read_text(encoding="utf-8"), scores, True)
    assert (got["eligible"], got["missing"], got["credits"]) == (want["eligible"], want["missing"], want["credits"])


def test_pdf_text_080901_reads_wrapped_names_practicals_and_the_thesis() -> None:
    parsed = understood((HERE / "jiangsu-080901.pdf.txt").read_text(encoding="utf-8"))
    by = {c["code"]: c for c in parsed["courses"]}
    assert by["00899"]["name"] == "互联网软件应用与开发（实践）" and by["00899"]["theory"] == "00898"
    assert by["04748"]["name"] == "Java 语言程序设计（一）（实践）" and by["04748"]["credits"] == 1
    assert by["14976"]["kind"] == "thesis" and by["14976"]["name"] == "计算机科学与技术（本科）毕业设计"
    assert parsed["minimums"]["courses"] == 14 and parsed["minimums"]["credits"] == 76
    # The 2024 PDF predates 苏教考自〔2025〕18号: only 04751 (the later either-or option) differs from the curated record.
    codes = {c["code"] for c in parsed["courses"]}
    assert {c.code for c in plan("jiangsu/080901").courses} - codes == {"04751"} and parsed["choices"] == []


def test_fujian_table_with_categories_and_an_old_course_column() -> None:
    parsed = understood((HERE / "fujian-040107.tab.txt").read_text(encoding="utf-8"))
    assert (parsed["name"], parsed["code"], parsed["level"]) == ("小学教育", "040107", "专升本")
    assert parsed["minimums"]["credits"] == 74 and parsed["minimums"]["courses"] == 14
    by = {c["code"]: c for c in parsed["courses"]}
    assert len([c for c in parsed["courses"] if c["kind"] != "thesis"]) == 17
    assert by["14450"]["theory"] == "14449" and by["10242"]["kind"] == "thesis"
    assert by["14449"]["replaces"] == [{"code": "00465", "name": "心理卫生与心理辅导"}]
    result = api.check_pasted(parsed and (HERE / "fujian-040107.tab.txt").read_text(encoding="utf-8"),
                              "00465 心理卫生与心理辅导 70\n14450 小学课程与教学设计（实践） 合格\n")
    row_ = next(c for c in result["courses"] if c["code"] == "14449")
    assert row_["status"] == "substituted" and row_["by"] == ["00465"]


def test_hebei_typed_table_either_or_row_without_number_and_credit_less_assessment() -> None:
    parsed = understood((HERE / "hebei-050101.typed.txt").read_text(encoding="utf-8"))
    assert [c["options"] for c in parsed["choices"]] == [["13000", "14025"]]
    assert {c["code"]: c["kind"] for c in parsed["courses"]}["07998"] == "thesis"
    assert parsed["minimums"]["sentence"] == "取得本专业考试计划规定的14门课程的合格成绩，累计达到74学分"
    assert parsed["level"] == "专升本" and parsed["restructure"] == "sizheng-2024"


def test_wrapped_name_between_two_wrapped_rows_is_marked_as_guessed() -> None:
    text = ("课程代码 课程名称 学分\n 1  00001   甲乙丙丁戊   3   笔试\n            长名称课程\n 2  00002              4   笔试\n"
            "            第一部分\n            第二部分\n 3  00003              5   笔试\n            尾部\n 4  00004   己庚   2   笔试\n")
    parsed = understood(text)
    by = {c["code"]: c for c in parsed["courses"]}
    assert by["00002"]["name"].startswith("长名称课程") and "name" in by["00002"]["guessed"]
    assert by["00003"]["name"].endswith("尾部") and by["00004"]["name"] == "己庚"


def test_nothing_that_looks_like_a_course_is_dropped_silently() -> None:
    text = ("00037 美学 6 笔试\n00536 古代汉语 8 笔试\n00540 外国文学史 6 笔试\n00537 中国现代文学史 笔试\n00538 6\n00037 美学 6\n"
            "说明：通过 00015 英语（二）的考生，可以申请免考本专业的英语课程，具体办法见省考试院当年发布的通知。\n")
    parsed = understood(text)
    problems = " ".join(p["message"] for p in parsed["problems"])
    assert "00537 的学分没有读出" in problems and "00538 的名称没有读出" in problems
    assert "00037 重复出现" in problems and "说明文字" in problems
    assert [c["code"] for c in parsed["courses"]] == ["00037", "00536", "00540", "00537", "00538"]


@pytest.mark.parametrize("text, words", [
    ("", "没有输入考试计划"),
    ("自学考试是个人自学、社会助学和国家考试相结合的高等教育形式。我准备明年报名，想先了解一下专业。" * 20, "没有课程代码"),
    ("课程代码\t课程名称\t考试日期\t分数\n03708\t中国近现代史纲要\t202404\t72\n03709\t马克思主义基本原理概论\t202410\t66\n"
     "13000\t英语（专升本）\t202410\t61\n00023\t高等数学（工本）\t202504\t78\n", "成绩单"),
    ("03708 中国近现代史纲要 2\n", "只读到 1 门"),
    ("x" * 50_001, "太长"),
])
def test_a_paste_that_is_not_a_plan_is_refused_with_no_verdict(text: str, words: str) -> None:
    parsed = api.parse_plan(text)
    assert not parsed["ok"] and words in parsed["refused"] and parsed["courses"] == []
    result = api.check_pasted(text, "03708 70\n")
    assert result["refused"] == parsed["refused"] and result["eligible"] is False
    assert result["courses"] == [] and result["missing"] == [] and result["messages"][0]["level"] == "error"


def test_pitfall_messages() -> None:
    p = plan("jiangsu/080901")
    text = FORMATS["portal"](p)
    scores = "准考证号：030115200123\n13013 高级语言程序设计 70\n准考证号：030119100456\n02331 数据结构 66\n02325 计算机系统结构 61\n"
    messages = " ".join(m["message"] for m in api.check_pasted(text, scores)["messages"])
    assert "2 个不同的准考证号" in messages and "030115200123" in messages
    assert "13014 高级语言程序设计（实践）还没有成绩" in messages
    renamed = "03708 中国近现代史纲要 70\n99999 操作系统 75\n"
    messages = " ".join(m["message"] for m in api.check_pasted(text, renamed)["messages"])
    assert "99999 操作系统 与计划中的 13180 操作系统 名称相同、代码不同" in messages
    one_number = " ".join(m["message"] for m in api.check_pasted(text, "准考证号 030115200123\n13013 70\n13014 合格\n")["messages"])
    assert "准考证号" not in one_number and "还没有成绩" not in one_number


def test_a_stopped_major_says_its_last_dates() -> None:
    import dataclasses

    from checkers.courses.plan import Stopped

    p = plan("jiangsu/050101")
    stopped = dataclasses.replace(p, stopped=Stopped(("js-hb",), last_exam="2027-10", last_graduation="2028-06"))
    plans, rules = api._catalog()
    result = api.check("00037 70\n", "x", catalog=({"x": stopped}, rules))
    assert any("本专业已停考：最后一次考试 2027-10；最后一次申请毕业 2028-06" in m["message"] for m in result["messages"])
    assert list(stopped.check()) == list(p.check())


@pytest.mark.parametrize("name, electives, need", [("jiangsu-101101", 5, (4, 20)), ("jiangsu-130502", 3, (2, 12))])
def test_english_or_not_rule_from_a_wrapped_remark_column(name: str, electives: int, need: tuple[int, int]) -> None:
    text = (HERE / f"{name}.pdf.txt").read_text(encoding="utf-8")
    parsed = understood(text)
    groups = {g["id"]: g for g in parsed["groups"]}
    assert len(groups["electives"]["courses"]) == electives and (groups["electives"]["min_courses"], groups["electives"]["min_credits"]) == need
    assert groups["electives-all"]["min_courses"] == electives and groups["language"]["courses"] == ["13000"]
    assert [p["id"] for p in parsed["paths"]] == ["foreign-language", "no-foreign-language"] and parsed["problems"] == []
    # Without English: every other course and all electives passed → eligible on the 不考英语 path.
    done = [c for c in parsed["courses"] if c["code"] != "13000"]
    scores = "\n".join(f"{c['code']}\t{c['name']}\t{'合格' if c['kind'] == 'thesis' else 70}" for c in done)
    result = api.check_pasted(text, scores, prior_diploma=True)
    assert result["eligible"] and result["path"]["id"] == "no-foreign-language", result["messages"]
    short = api.check_pasted(text, scores.replace(groups["electives"]["courses"][0], "99999"), prior_diploma=True)
    assert not short["eligible"]


def test_a_remark_column_that_starts_with_a_number_keeps_the_number() -> None:
    # 081001 as extracted from the PDF: "4 门课程，" stands in the remark column of a practical's row (after 实践);
    # the 4 is the rule's course count, not a cell of that row.
    text = (HERE.parent / "plan_texts" / "jiangsu" / "081001.txt").read_text(encoding="utf-8")
    groups = {g["id"]: g for g in understood(text)["groups"]}
    assert (groups["electives"]["min_courses"], groups["electives"]["min_credits"]) == (4, 21)
    assert "选考不少于4门课程" in understood(text)["notes"][0]


def test_all_electives_with_practicals_means_every_credit() -> None:
    # 081001 without English: "全选" of six courses, three of them with a practical → all 29 credits, not six theory passes.
    parsed = understood(FORMATS["portal"](plan("jiangsu/081001")))
    every = next(g for g in parsed["groups"] if g["id"] == "electives-all")
    assert (every["min_courses"], every["min_credits"]) == (6, 29)
    assert every["label"] == "选考课（不考英语者）：6 门全选（含实践，共 29 学分）"
    rows = complete_rows(plan("jiangsu/081001"), path="no-foreign-language")
    short = table([r for r in rows if r[0] != "13649"])  # 工程项目管理（实践） not passed
    assert api.check_pasted(FORMATS["portal"](plan("jiangsu/081001")), short, prior_diploma=True)["eligible"] is False
    assert api.check_pasted(FORMATS["portal"](plan("jiangsu/081001")), table(rows), prior_diploma=True)["eligible"] is True


def test_an_either_or_beside_the_language_rule_holds_on_both_paths() -> None:
    # 130503: 室内设计 / 景观设计 任选一门, and 考英语者 … 不考英语者全选 further down: the choice binds either way.
    text = (HERE.parent / "plan_texts" / "jiangsu" / "130503.txt").read_text(encoding="utf-8")
    parsed = understood(text)
    assert [p["choices"] for p in parsed["paths"]] == [["choice-1"], ["choice-1"]]
    for path in ("foreign-language", "no-foreign-language"):
        rows = [r for r in complete_rows(plan("jiangsu/130503"), path=path) if r[0] not in ("00709", "13897")]
        result = api.check_pasted(text, table(rows), prior_diploma=True)
        assert not result["eligible"] and any(m["code"] == "00709/13897" for m in result["missing"]), result["missing"]


def test_a_name_with_zhe_is_a_name_and_a_row_takes_the_number_nearest_to_it() -> None:
    text = ("凡取得本专业考试计划规定的 14 门课程的合格成绩，累计达到 20 学分，颁发毕业证书。\n序号\n课程代码\n课程名称\n学分\n"
            "1\n15040\n习近平新时代中国特色社会主义思想概论\n3\n2\n14443\n消费者行为学\n6\n3\n14002\n旅游消费者行为\n6\n"
            "14\n14106\n人力资源管理高级实验（实践）\n4\n")
    parsed = understood(text)
    got = {c["code"]: (c["name"], c["seq"], c["theory"]) for c in parsed["courses"]}
    assert got["14443"] == ("消费者行为学", "2", None) and got["14002"] == ("旅游消费者行为", "3", None)
    assert got["15040"][1] == "1" and got["14106"] == ("人力资源管理高级实验（实践）", "14", None)


@pytest.mark.parametrize("text", [
    "00839 第二外语（俄语） 6 任选一门\n00840 第二外语（日语） 6\n00841 第二外语（法语） 6\n13605 高级商务英语 12\n",
    "4\n00839\n第二外语（俄语）\n6\n笔试\n任选一门\n4\n00840\n第二外语（日语）\n6\n笔试\n4\n00841\n第二外语（法语）\n6\n笔试\n"
    "5\n13605\n高级商务英语\n12\n笔试\n",
])
def test_a_three_way_choice_typed_or_with_the_remark_on_its_own_line(text: str) -> None:
    parsed = understood("凡取得本专业考试计划规定的课程合格成绩，累计达到 30 学分者，颁发毕业证书。\n课程代码 课程名称 学分 备注\n" + text)
    assert [x["options"] for x in parsed["choices"]] == [["00839", "00840", "00841"]]
