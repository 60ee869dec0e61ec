"""Second readings of course plans (data/reviews/plans/<province>/<code>.yml): every course, rule, substitution and
note of a plan is a line a reader compares with the plan's source; a plan is 已复核 only when every line passed."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
import yaml

from macros.data import DataErrors, load_dataset
from macros.to_review import main as reviews_main
from macros.reviews import plan_reviewed, plan_texts
from tests.conftest import ROOT, data_tree

PLAN = "fujian/040107"
PLAN_FILE = f"data/plans/{PLAN}.yml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The real national file, specs, rules and one real plan; minimal provinces (tests.conftest.data_tree); no
    reviews."""
    data_tree(tmp_path, "photo_specs", "rules", PLAN_FILE.removeprefix("data/"))
    for rules in (ROOT / "data" / "plans").glob("*.yml"):  # plan-wide rule files, if any, sit beside the folders
        shutil.copy(rules, tmp_path / "data" / "plans" / rules.name)
    return tmp_path


def _reviews(root: Path, entries: list[dict[str, object]]) -> None:
    path = root / "data" / "reviews" / "plans" / f"{PLAN}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _all_pass(root: Path, date: str = "2026-11-29") -> list[dict[str, object]]:
    plan = load_dataset(root).plans[PLAN]
    return [{"fact": path, "text": text, "source": "fj-portal", "verdict": "pass", "date": date,
             "reader": "reader-test", "note": "对照页面逐项一致"} for path, text in plan_texts(plan).items()]


def test_every_course_rule_and_note_is_a_line_whose_text_carries_code_name_credits_and_kind(root: Path) -> None:
    plan = load_dataset(root).plans[PLAN]
    texts = plan_texts(plan)
    assert texts["courses[5]"] == "14450 小学课程与教学设计（实践） 1 学分 实践（配套 14449）"
    assert texts["minimums"] == "不少于 74 学分、14 门"
    assert texts["thesis"] == "10242 小学教育毕业论文 不计学分"
    assert texts["substitutions[0]"] == "03708（全部）→ 15043"
    assert len([k for k in texts if k.startswith("courses[")]) == len(plan.courses)
    assert len([k for k in texts if k.startswith("notes[")]) == len(plan.notes)


def test_a_plan_is_reviewed_only_when_every_line_passed_and_a_changed_credit_makes_it_wait_again(root: Path) -> None:
    entries = _all_pass(root)
    _reviews(root, entries[:-1])
    dataset = load_dataset(root)
    date, waiting = plan_reviewed(dataset.reviews[PLAN_FILE], dataset.plans[PLAN])
    assert date is None and waiting == [entries[-1]["fact"]]

    _reviews(root, entries)
    dataset = load_dataset(root)
    assert plan_reviewed(dataset.reviews[PLAN_FILE], dataset.plans[PLAN]) == (datetime.date(2026, 11, 29), [])

    text = (root / PLAN_FILE).read_text(encoding="utf-8")
    (root / PLAN_FILE).write_text(text.replace("name: 小学教育管理, credits: 6", "name: 小学教育管理, credits: 5"),
                                  encoding="utf-8")
    text = (root / PLAN_FILE).read_text(encoding="utf-8")
    text = text.replace("credits: 74", "credits: 73")  # keep the plan's own sum valid
    (root / PLAN_FILE).write_text(text, encoding="utf-8")
    dataset = load_dataset(root)
    date, waiting = plan_reviewed(dataset.reviews[PLAN_FILE], dataset.plans[PLAN])
    assert date is None and sorted(waiting) == ["courses[6]", "minimums"]


def test_a_failed_latest_reading_counts_as_not_reviewed(root: Path) -> None:
    entries = _all_pass(root)
    entries.append({**entries[3], "verdict": "fail", "date": "2026-11-30", "note": "学分与页面不符"})
    _reviews(root, entries)
    dataset = load_dataset(root)
    assert plan_reviewed(dataset.reviews[PLAN_FILE], dataset.plans[PLAN])[1] == [entries[3]["fact"]]


def test_plan_review_problems_are_located(root: Path) -> None:
    entries = _all_pass(root)[:2]
    entries[0] = {**entries[0], "fact": "courses[99]", "text": "99999 没有这门课 3 学分"}
    entries[1] = {**entries[1], "source": "no-such-source"}
    _reviews(root, entries)
    with pytest.raises(DataErrors) as info:
        load_dataset(root)
    lines = info.value.lines
    assert any(line.startswith(f"data/reviews/plans/{PLAN}.yml:1: [0].fact") and "courses[99]" in line for line in lines), lines
    assert any(f"data/reviews/plans/{PLAN}.yml:" in line and "[1].source" in line and "fj-portal" in line
               for line in lines), lines


def test_make_check_counts_plan_lines_and_the_plan_page_says_how_far_it_was_re_read(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from macros import render
    from macros.validate import report_truth

    entries = _all_pass(root)
    _reviews(root, entries[:-2])
    dataset = load_dataset(root)
    report_truth(dataset, root)
    out = capsys.readouterr().out
    assert f"专业计划：1 个，共 {len(entries)} 行" in out and "尚未复核的行 2 行" in out and f"{PLAN}（2）" in out
    page = render.Renderer(dataset, datetime.date(2026, 11, 29), "https://example.org/edit/").plan(PLAN)
    assert f"还有 2 行没有经过第二位编辑对照来源复核" in page and "已复核" not in page.split("## 课程与学分")[0]

    _reviews(root, entries)
    page = render.Renderer(load_dataset(root), datetime.date(2026, 11, 29), "https://example.org/edit/").plan(PLAN)
    assert "已复核 2026-11-29" in page.split("## 课程与学分")[0]


def test_the_skeleton_command_prints_the_lines_still_waiting(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    entries = _all_pass(root)
    _reviews(root, entries[1:])
    monkeypatch.chdir(root)
    assert reviews_main([PLAN_FILE]) == 0
    out = capsys.readouterr().out
    assert out.count("- fact: ") == 1 and f"fact: {entries[0]['fact']}" in out
    assert reviews_main(["data/plans/fujian/999999.yml"]) == 2
    capsys.readouterr()
    assert reviews_main([]) == 0  # every file: the stub provinces' authority facts and the plan's one line wait
    out = capsys.readouterr().out
    assert f"# data/reviews/plans/{PLAN}.yml" in out and "# data/reviews/provinces/yunnan.yml" in out
    assert 'text: "云南省的考试机构"' in out


def test_on_the_same_day_the_record_written_last_decides(root: Path) -> None:
    entries = _all_pass(root)
    fail = {**entries[3], "verdict": "fail", "note": "学分与页面不符"}
    _reviews(root, entries + [fail])  # a pass, then the same day a fail of the same text
    dataset = load_dataset(root)
    assert plan_reviewed(dataset.reviews[PLAN_FILE], dataset.plans[PLAN])[1] == [entries[3]["fact"]]
    _reviews(root, entries[:3] + [fail] + entries[3:])  # a fail, then the same day a pass (a later reading)
    dataset = load_dataset(root)
    assert plan_reviewed(dataset.reviews[PLAN_FILE], dataset.plans[PLAN])[1] == []


def test_a_fail_about_a_source_the_fact_no_longer_cites_is_history() -> None:
    from macros.reviews import Review, passed_on

    day = datetime.date(2026, 11, 29)
    kept = Review("lookup.steps[0]", "成绩公布后查询。", "kept", "pass", day, "reader-a", "页面写明")
    dropped = Review("lookup.steps[0]", "成绩公布后查询。", "gone", "fail", day, "reader-a", "页面找不到，已去掉这个来源")
    assert passed_on((kept, dropped), "成绩公布后查询。", ("kept",)) == day
    assert passed_on((kept, dropped), "成绩公布后查询。", ("kept", "gone")) is None  # still cited: the fail stands
    assert passed_on((kept, dropped), "成绩公布后查询。") is None  # without the fact's sources: the latest decides


def test_a_pass_against_a_source_the_fact_no_longer_cites_does_not_count() -> None:
    """A fact re-cited to another page with its text unchanged waits until someone reads the new page."""
    from macros.reviews import Review, passed_on

    day = datetime.date(2026, 11, 30)
    old = Review("graduation.steps[3]", "上传照片后提交。", "gone", "pass", day, "reader-a", "旧来源写明")
    assert passed_on((old,), "上传照片后提交。", ("new",)) is None
    assert passed_on((old,), "上传照片后提交。", ("new", "gone")) == day
    new = Review("graduation.steps[3]", "上传照片后提交。", "new", "pass", day, "reader-b", "新来源写明")
    assert passed_on((old, new), "上传照片后提交。", ("new",)) == day


def test_a_record_of_a_replaced_text_is_history_once_the_new_text_passed(root: Path) -> None:
    from macros.coverage import truth

    entries = _all_pass(root)
    _reviews(root, entries)
    text = (root / PLAN_FILE).read_text(encoding="utf-8")
    text = text.replace("name: 小学教育管理, credits: 6", "name: 小学教育管理, credits: 5").replace("credits: 74", "credits: 73")
    (root / PLAN_FILE).write_text(text, encoding="utf-8")
    t = truth(load_dataset(root))
    assert sorted(hint for _, _, hint, _ in t.stale) == ["courses[6]", "minimums"] and t.history == 0

    new_texts = plan_texts(load_dataset(root).plans[PLAN])
    _reviews(root, entries + [{**entries[0], "fact": k, "text": new_texts[k]} for k in ("courses[6]", "minimums")])
    t = truth(load_dataset(root))
    assert t.stale == [] and t.history == 2 and t.plans_waiting == {}


def test_a_waiting_photo_spec_line_names_its_own_entrys_source(root: Path, capsys, monkeypatch) -> None:
    """The skeleton for a photo-spec line names the first source of that line's entry, not the file's first."""
    specs = load_dataset(root).photo_specs
    registration, graduation = (specs[f"guangxi/{p}"].sources[0].url for p in ("registration", "graduation"))
    assert registration != graduation  # the case this test is about
    monkeypatch.chdir(root)
    assert reviews_main(["data/photo_specs/guangxi.yml"]) == 0
    out = capsys.readouterr().out
    blocks = out.split("- fact: ")[1:]
    assert blocks and all(f"source: {graduation if b.startswith('graduation') else registration}\n" in b for b in blocks)
