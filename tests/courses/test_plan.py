"""Plan data: each Jiangsu plan adds up to its stated minimums; editors' mistakes give file:line: key.path errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers.courses.plan import Plan
from macros.data import DataErrors, load_dataset
from tests.conftest import data_tree, dataset, plan_ids

from .helpers import plan

IDS = plan_ids()  # every plan in data/plans/


def path_totals(p: Plan) -> list[int]:
    """Least credits that satisfy each path: required courses + cheapest option + cheapest way through each group."""
    required = sum(c.credits for c in p.courses if c.code not in p.optional_codes())
    totals = []
    for path in p.paths or [None]:
        total = required
        for choice in p.choices:
            if path is None or choice.id in path.choices:
                total += min(p.course(o).credits for o in choice.options)
        for group in p.groups:
            if path is None or group.id in path.groups:
                units: dict[str, int] = {}  # a practical listed with its theory course counts with it, as one course
                for c in group.courses:
                    theory = p.course(c).theory
                    key = theory if theory in group.courses else c
                    units[key] = units.get(key, 0) + p.course(c).credits
                credits = sorted(units.values())
                need = credits[: group.min_courses or 0]
                total += max(sum(need), group.min_credits or 0)
        totals.append(total)
    return totals


@pytest.mark.parametrize("plan_id", IDS)
def test_credits_add_up_to_the_stated_minimum(plan_id: str) -> None:
    p = plan(plan_id)
    assert min(path_totals(p)) == p.minimums.credits
    if p.minimums.courses is not None:
        countable = [c for c in p.courses if c.countable and c.code not in p.optional_codes()]
        assert len(countable) + len(p.choices) + max((g.min_courses or 0 for g in p.groups), default=0) >= p.minimums.courses


def test_known_totals_from_the_research_notes() -> None:
    """The notes: 050101 ≥ 76 after the restructure; 080901 73 (76 with 13017); 570102K 82 after it."""
    assert plan("jiangsu/050101").minimums.credits == 76
    p = plan("jiangsu/080901")
    base = sum(c.credits for c in p.courses if c.code not in p.optional_codes())
    assert (base + 6, base + 3) == (76, 73)
    assert plan("jiangsu/570102K").minimums.credits == 82 and plan("jiangsu/570102K").thesis is None
    assert all(plan(i).prior_diploma for i in IDS if plan(i).level == "专升本")


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A small valid data/ (tests.conftest.data_tree) with the rules and the plans the tests below break."""
    return data_tree(tmp_path, "rules", *(f"plans/jiangsu/{code}.yml" for code in ("050101", "080901", "120201K", "570102K")))


def _errors(root: Path) -> list[str]:
    with pytest.raises(DataErrors) as info:
        load_dataset(root)
    return info.value.lines


def _edit(root: Path, old: str, new: str, name: str = "080901") -> None:
    path = root / "data" / "plans" / "jiangsu" / f"{name}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(root: Path, needle: str, name: str = "080901") -> int:
    lines = (root / "data" / "plans" / "jiangsu" / f"{name}.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_real_data_is_valid() -> None:
    assert sorted(dataset().plans) == IDS  # every file in data/plans/ loads and validates


def test_unquoted_code_duplicate_and_bad_references(data_root: Path) -> None:
    _edit(data_root, '{code: "02324", name: 离散数学', '{code: 2324, name: 离散数学')
    _edit(data_root, 'theory: "04747"}', 'theory: "04749"}')
    _edit(data_root, 'options: ["13017", "04751"]', 'options: ["13017", "04752"]')
    errors = _errors(data_root)
    f = "data/plans/jiangsu/080901.yml"
    assert errors == [
        f"{f}:{_line(data_root, 'code: 2324')}: courses[5].code: 应为文本，实际为数字 2324",
    ]
    _edit(data_root, '{code: 2324, name: 离散数学', '{code: "02324", name: 离散数学')
    assert _errors(data_root) == [
        f"{f}:{_line(data_root, 'theory: \"04749\"')}: courses[19].theory: 理论课 04749 不在本计划的 courses 中",
        f"{f}:{_line(data_root, '04752')}: choices[0].options[1]: 课程 04752 不在本计划的 courses 中",
    ]


def test_missing_source_wrong_level_and_folder_mismatch(data_root: Path) -> None:
    _edit(data_root, "sources: [js-hb, js-adj, js-pdf]", "sources: [js-hb, js-adjust, js-pdf]")
    _edit(data_root, "level: 专升本", "level: 本科", "050101")
    _edit(data_root, "code: 120201K", "code: 120202K", "120201K")
    errors = _errors(data_root)
    assert f"data/plans/jiangsu/050101.yml:{_line(data_root, 'level:', '050101')}: level: 应为以下之一：专科、专升本，实际为文本“本科”" in errors
    assert f"data/plans/jiangsu/080901.yml:{_line(data_root, 'js-adjust')}: edition.sources[1]: 来源编号“js-adjust”在本文件的 sources 中不存在；已有：js-pdf、js-hb、js-adj" in errors
    assert f"data/plans/jiangsu/120201K.yml:{_line(data_root, 'code: 120202K', '120201K')}: code: 应与文件名一致：120201K" in errors
    assert len(errors) == 3


def test_rule_reference_and_rule_file_checked(data_root: Path) -> None:
    _edit(data_root, "restructure: sizheng-2024", "restructure: sizheng-2025", "570102K")
    rules = data_root / "data" / "rules" / "sizheng-2024.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace('two_or_more_waive: ["15043", "15044"]', 'two_or_more_waive: ["15043", "15045"]'), encoding="utf-8")
    errors = _errors(data_root)
    line = next(i for i, s in enumerate(rules.read_text(encoding="utf-8").splitlines(), 1) if "15045" in s)
    assert errors[0] == f"data/rules/sizheng-2024.yml:{line}: levels.本科.two_or_more_waive[1]: 15045 不在 new 中"
    assert errors[1] == (f"data/plans/jiangsu/570102K.yml:{_line(data_root, 'sizheng-2025', '570102K')}: restructure: "
                         "没有编号为“sizheng-2025”的规则；已有：sizheng-2024（规则文件在 data/rules/）")
    assert len(errors) == 2
