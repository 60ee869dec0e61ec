"""macros/render.py: plan pages render from the same records the checker uses (every course, credit, group and
source is on the page), for every plan in data/."""

from __future__ import annotations

import datetime
import re

import pytest

from macros import render
from tests.conftest import dataset, plan_ids


@pytest.fixture(scope="module")
def renderer() -> render.Renderer:
    return render.Renderer(dataset(), datetime.date(2026, 11, 23))


@pytest.mark.parametrize("plan_id", plan_ids())
def test_plan_page_lists_every_course_and_source(renderer: render.Renderer, plan_id: str) -> None:
    plan = renderer.data.plans[plan_id]
    page = renderer.plan(plan_id)
    assert page.startswith(f"# {plan.name}（{plan.level}，{plan.code}）")
    for course in plan.courses:
        assert re.search(rf"^\| {course.code} \| {re.escape(course.name)}.* \| {course.credits} \|", page, re.M), course.code
    assert f"不少于 {plan.minimums.credits} 学分" in page
    for s in plan.substitutions:
        assert s.old[0] in page
    for source in plan.sources.values():
        assert f"核对：{source.seen}" in page
    if plan.thesis:
        assert f"| {plan.thesis.code} | {plan.thesis.name} | 不计学分 |" in page
    else:
        assert "本专业没有毕业论文" in page
    # The restructure table is Jiangsu's way of applying 考委〔2024〕1号 (data/rules/sizheng-2024.yml says so): only
    # plans that declare it get it; a plan from another province already lists the new courses itself.
    assert ("思想政治理论课调整（考委〔2024〕1号）" in page) == bool(plan.restructure), plan_id


def test_groups_and_paths_on_the_page(renderer: render.Renderer) -> None:
    page = renderer.plan("jiangsu/050101")
    assert "选考课（考外语者）：不少于 3 门、不少于 14 学分" in page and "**不考外语**" in page
    assert "| 13000 | 英语（专升本） | 7 | 笔试 | 二选一 |" in page


def test_index_lists_plans(renderer: render.Renderer) -> None:
    index = renderer.plan_index("plans/index.md")
    for plan_id in plan_ids():
        assert f"({plan_id}.md)" in index
