"""checkers.courses.api.check on realistic pastes: one test per graduation rule, against the real plans."""

from __future__ import annotations

import pytest

from checkers.courses import api
from tests.conftest import plan_ids

from .helpers import FULL, complete_rows, plan, row, table

ALL = plan_ids()  # every plan in data/plans/


def status(result: dict, code: str) -> str:
    return next(c["status"] for c in result["courses"] if c["code"] == code)


def missing_codes(result: dict) -> list[str]:
    return [m["code"] for m in result["missing"]]


@pytest.mark.parametrize("plan_id", ALL)
def test_complete_paste_is_eligible(plan_id: str) -> None:
    p = plan(plan_id)
    result = api.check(table(complete_rows(p)), plan_id, prior_diploma=True)
    assert result["eligible"] is True, result["messages"]
    assert result["missing"] == []
    assert result["credits"]["earned"] >= result["credits"]["required"] == p.minimums.credits
    assert not [m for m in result["messages"] if m["level"] == "error"]


@pytest.mark.parametrize("plan_id", ALL)
def test_one_required_course_missing(plan_id: str) -> None:
    p = plan(plan_id)
    gone = next(c for c in p.courses if c.code not in p.optional_codes() and c.kind == "theory" and c.code != "15040")
    result = api.check(table(complete_rows(p, skip=[gone.code])), plan_id, prior_diploma=True)
    assert result["eligible"] is False
    assert missing_codes(result) == [gone.code]
    assert status(result, gone.code) == "missing"
    full = api.check(table(complete_rows(p)), plan_id, prior_diploma=True)
    assert result["credits"]["earned"] == full["credits"]["earned"] - gone.credits


def test_failed_score_is_shown_with_its_score_and_keeps_best_of_duplicates() -> None:
    p = plan("jiangsu/120203K")
    rows = complete_rows(p, skip=["13141"])
    rows += [row("13141", "财务报表分析", "48", 5, "202304"), row("13141", "财务报表分析", "57", 5, "202310")]
    result = api.check(table(rows), "jiangsu/120203K", prior_diploma=True)
    assert result["eligible"] is False and missing_codes(result) == ["13141"]
    course = next(c for c in result["courses"] if c["code"] == "13141")
    assert course["status"] == "failed" and course["score"] == 57
    assert any("13141" in m["message"] and "57 分" in m["message"] for m in result["messages"])
    assert result["input"]["duplicates"] == 1


def test_duplicate_rows_keep_the_pass_whatever_the_order() -> None:
    p = plan("jiangsu/120203K")
    rows = complete_rows(p, skip=["13141"])
    for order in ([("52", "202304"), ("71", "202310")], [("71", "202304"), ("52", "202310")]):
        pasted = rows + [row("13141", "财务报表分析", s, 5, d) for s, d in order]
        result = api.check(table(pasted), "jiangsu/120203K", prior_diploma=True)
        assert result["eligible"] is True and status(result, "13141") == "passed"


def test_exempted_course_counts_and_is_shown_as_exempted() -> None:
    p = plan("jiangsu/080901")
    rows = complete_rows(p, skip=["13000"]) + [row("13000", "英语（专升本）", "", 7, "202304", "免考")]
    result = api.check(table(rows), "jiangsu/080901", prior_diploma=True)
    assert result["eligible"] is True
    assert status(result, "13000") == "exempted"


def test_old_sizheng_courses_benke_two_rows_leave_only_15040() -> None:
    p = plan("jiangsu/050101")
    rows = complete_rows(p, skip=["15040", "15043", "15044"])
    rows += [row("03708", "中国近现代史纲要", "66", 2, "202010"), row("03709", "马克思主义基本原理概论", "70", 4, "202104")]
    result = api.check(table(rows), "jiangsu/050101", prior_diploma=True)
    assert missing_codes(result) == ["15040"]
    assert status(result, "15043") == status(result, "15044") == "substituted"
    result = api.check(table(rows + [row("15040", "习近平新时代中国特色社会主义思想概论", "75", 3)]), "jiangsu/050101", prior_diploma=True)
    assert result["eligible"] is True
    assert {o["code"]: o["reason"] for o in result["others"]} == {"03708": "used", "03709": "used"}


@pytest.mark.parametrize(("old", "waived", "needed"), [
    ("03708", "15043", "15044"),  # only 03708 (row 6): take 15040 + 15044
    ("03709", "15044", "15043"),  # only another row: take 15040 + 15043
])
def test_old_sizheng_benke_one_row(old: str, waived: str, needed: str) -> None:
    p = plan("jiangsu/120201K")
    rows = complete_rows(p, skip=["15043", "15044"]) + [row(old, "旧思政课", "61", 2)]
    result = api.check(table(rows), "jiangsu/120201K", prior_diploma=True)
    assert status(result, waived) == "substituted" and status(result, needed) == "missing"
    assert missing_codes(result) == [needed]


@pytest.mark.parametrize(("olds", "missing"), [
    (["03706", "12656"], []),           # two rows: 15040 only
    (["03706"], ["15041"]),             # only row 5: 15040 + 15041
    (["12656"], ["15042"]),             # one of rows 1–4: 15040 + 15042
    (["03707", "00002"], ["15042"]),    # two codes of the same row are one row
])
def test_old_sizheng_zhuanke(olds: list[str], missing: list[str]) -> None:
    p = plan("jiangsu/570102K")
    rows = complete_rows(p, skip=["15041", "15042"]) + [row(c, "旧思政课", "68", 4) for c in olds]
    result = api.check(table(rows), "jiangsu/570102K")
    assert missing_codes(result) == missing
    assert result["eligible"] is (not missing)


def test_old_sizheng_never_replaces_15040() -> None:
    p = plan("jiangsu/570102K")
    rows = complete_rows(p, skip=["15040", "15041", "15042"]) + [row(c, "旧思政课", "68", 4) for c in ("03706", "12656", "99043")]
    assert missing_codes(api.check(table(rows), "jiangsu/570102K")) == ["15040"]


def test_comparison_row_substitutes_at_new_credits() -> None:
    p = plan("jiangsu/080901")
    rows = complete_rows(p, skip=["13013", "13014"]) + [row("04737", "旧课", "70", 3), row("04738", "旧实践", "合格", 1)]
    result = api.check(table(rows), "jiangsu/080901", prior_diploma=True)
    assert result["eligible"] is True
    assert status(result, "13013") == status(result, "13014") == "substituted"
    assert next(c for c in result["courses"] if c["code"] == "13013")["by"] == ["04737", "04738"]
    # half a row is not enough, and says so
    rows = complete_rows(p, skip=["13013", "13014"]) + [row("04737", "旧课", "70", 3)]
    result = api.check(table(rows), "jiangsu/080901", prior_diploma=True)
    assert missing_codes(result) == ["13013", "13014"]
    assert any("04738" in m["message"] for m in result["messages"] if m["level"] == "warning")


def test_either_or_and_elective_group() -> None:
    p = plan("jiangsu/050101")
    rows = complete_rows(p, skip=["13000", "10398"])
    result = api.check(table(rows), "jiangsu/050101", prior_diploma=True)
    assert result["eligible"] is False
    assert "13000/14970" in missing_codes(result)
    group = next(g for g in result["groups"] if g["id"] == "electives")
    assert group["ok"] is False and group["courses"] == 2
    rows.append(row("14970", "日语（专升本）", "66", 7))
    rows.append(row("00814", "中国古代文论选读", "66", 4))
    result = api.check(table(rows), "jiangsu/050101", prior_diploma=True)
    assert result["eligible"] is True
    assert status(result, "13000") == "not_needed" and status(result, "14025") in ("passed", "not_needed")


def test_no_foreign_language_path_needs_all_five_electives() -> None:
    p = plan("jiangsu/050101")
    rows = complete_rows(p, path="no-foreign-language")
    assert all(r[0] not in ("13000", "14970") for r in rows)
    result = api.check(table(rows), "jiangsu/050101", prior_diploma=True)
    assert result["eligible"] is True and result["path"]["id"] == "no-foreign-language"
    result = api.check(table([r for r in rows if r[0] != "00814"]), "jiangsu/050101", prior_diploma=True)
    assert result["eligible"] is False


def test_thesis_last_and_practical_after_theory_reminders() -> None:
    p = plan("jiangsu/080901")
    rows = complete_rows(p, skip=["14976", "04735"])
    result = api.check(table(rows), "jiangsu/080901", prior_diploma=True)
    warnings = " ".join(m["message"] for m in result["messages"] if m["level"] == "warning")
    assert "04736" in warnings and "04735" in warnings
    assert missing_codes(result) == ["04735", "14976"]
    done = api.check(table(complete_rows(p, skip=["14976"])), "jiangsu/080901", prior_diploma=True)
    assert missing_codes(done) == ["14976"]
    assert any("可以按主考学校要求报考 14976" in m["message"] for m in done["messages"])
    early = api.check(table(complete_rows(p, skip=["13180"])), "jiangsu/080901", prior_diploma=True)
    assert any("毕业设计已有成绩" in m["message"] for m in early["messages"])


def test_zhuanshengben_without_prior_diploma_is_not_eligible() -> None:
    p = plan("jiangsu/120201K")
    result = api.check(table(complete_rows(p)), "jiangsu/120201K")
    assert result["eligible"] is False and result["missing"] == []
    assert any("专科或以上毕业证书" in m["message"] for m in result["messages"] if m["level"] == "error")
    assert api.check(table(complete_rows(plan("jiangsu/570102K"))), "jiangsu/570102K")["eligible"] is True


def test_moral_assessment_reminder_always_present() -> None:
    result = api.check("00037 85", "jiangsu/050101")
    assert any("思想品德鉴定" in m["message"] for m in result["messages"] if m["level"] == "reminder")


def test_full_width_digits_and_spaces() -> None:
    p = plan("jiangsu/570102K")
    text = table(complete_rows(p), sep="\u3000\u3000").translate(FULL)
    assert "0" not in text.replace("\n", "")[:200]
    result = api.check(text, "jiangsu/570102K")
    assert result["eligible"] is True and result["input"]["courses"] == len(complete_rows(p))


def test_unknown_codes_are_reported_not_dropped() -> None:
    p = plan("jiangsu/120203K")
    rows = complete_rows(p) + [row("00321", "中国文化概论", "70", 5), row("99999", "某课程", "80", 4)]
    result = api.check(table(rows), "jiangsu/120203K", prior_diploma=True)
    assert result["eligible"] is True
    assert {o["code"]: o["reason"] for o in result["others"]} == {"00321": "not_in_plan", "99999": "not_in_plan"}
    assert any("00321" in m["message"] and "99999" in m["message"] for m in result["messages"] if m["level"] == "warning")


@pytest.mark.parametrize("text", ["", "   \n\t", "你好，我想问一下毕业的事情", "\x00\x01\x02binary", "<script>alert(1)</script>",
                                  "准考证号 012345678901 身份证 32010219900101123X"])
def test_garbage_gets_a_message_not_an_exception(text: str) -> None:
    result = api.check(text, "jiangsu/080901", prior_diploma=True)
    assert result["eligible"] is False and result["input"]["ok"] is False and result["missing"] == []
    assert result["messages"][0]["level"] == "error"
    assert "课程代码" in result["messages"][0]["message"] or "没有输入内容" in result["messages"][0]["message"]


def test_oversized_paste_refused_with_message() -> None:
    text = table(complete_rows(plan("jiangsu/570102K"))) * 200
    result = api.check(text, "jiangsu/570102K")
    assert result["eligible"] is False and "太长" in result["messages"][0]["message"]


def test_unknown_plan_raises_with_chinese_list() -> None:
    with pytest.raises(api.UnknownPlan) as info:
        api.check("00037 85", "jiangsu/999999")
    assert "没有编号为“jiangsu/999999”的专业计划" in str(info.value) and "jiangsu/080901" in str(info.value)


def test_contract_shape_and_plans() -> None:
    result = api.check(table(complete_rows(plan("jiangsu/080901"))), "jiangsu/080901")
    assert {"plan", "eligible", "credits", "missing", "courses", "messages"} <= set(result)
    assert set(result["credits"]) == {"earned", "required"}
    assert all({"code", "name", "status", "status_label", "credits"} <= set(c) for c in result["courses"])
    assert all(set(m) == {"level", "message"} for m in result["messages"])
    ids = [p["id"] for p in api.plans()]
    assert ids == sorted(ALL)
    assert all({"id", "name", "code", "level", "school", "province"} <= set(p) for p in api.plans())


@pytest.mark.parametrize("listed", [True, False])
def test_an_elective_with_its_own_practical_counts_only_with_that_practical(listed: bool) -> None:
    """120103: 13542 房地产投资与融资 is one of six electives and has its own practical 13543; choose one, take both.

    The same whether the group lists the practical beside its theory course (as the data does) or not."""
    import dataclasses

    p = plan("jiangsu/120103")
    if not listed:
        p = dataclasses.replace(p, groups=tuple(dataclasses.replace(g, courses=tuple(c for c in g.courses if c != "13543"))
                                                for g in p.groups))
    catalog = ({"jiangsu/120103": p}, api._catalog()[1])

    def check(rows: list) -> dict:
        return api.check(table(rows), "jiangsu/120103", prior_diploma=True, catalog=catalog)

    assert p.practicals_of("13542") == ("13543",) and "13543" in p.optional_codes()
    four = complete_rows(p)  # 考英语: 06086 08263 01854 06393, 19 credits, 13542 not chosen
    result = check(four)
    assert result["eligible"] is True and status(result, "13543") == "not_needed"
    # 13542 instead of 06393, its practical not yet passed: the elective does not count, the practical is asked for
    swapped = [r for r in four if r[0] != "06393"] + [row("13542", "房地产投资与融资", "70", 4)]
    result = check(swapped)
    group = next(g for g in result["groups"] if g["id"] == "electives")
    assert result["eligible"] is False and group["ok"] is False and group["courses"] == 3
    assert status(result, "13543") == "missing"
    assert any("13543" in m["message"] and "还没有成绩" in m["message"] for m in result["messages"])
    # with its practical the elective counts, credits included (5 + 5 + 5 + 4 + 2)
    result = check(swapped + [row("13543", "房地产投资与融资（实践）", "合格", 2)])
    group = next(g for g in result["groups"] if g["id"] == "electives")
    assert result["eligible"] is True and (group["courses"], group["credits"]) == (4, 21)
    # a fifth elective beyond the rule does not make its practical compulsory
    extra = four + [row("13542", "房地产投资与融资", "70", 4)]
    result = check(extra)
    assert result["eligible"] is True and status(result, "13543") == "not_needed"
    # 不考英语者全选: all six electives, so 13542 and 13543 both
    rows = complete_rows(p, path="no-foreign-language")
    assert {"13542", "13543"} <= {r[0] for r in rows}
    assert check(rows)["eligible"] is True
    result = check([r for r in rows if r[0] != "13543"])
    assert result["eligible"] is False and status(result, "13543") == "missing"
