"""macros/widgets.py: widget markup from the data, escaped, with the right loading policy."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from macros import render, widgets


@pytest.fixture
def dataset():
    spec = lambda province, name, title: SimpleNamespace(province=province, province_name=name, title=title)  # noqa: E731
    data = SimpleNamespace(
        photo_specs={"national/graduation": spec("national", "全国", "全国标准"),
                     "hubei/registration": spec("hubei", "湖北", "湖北 <b>报名</b> & 照片")},
        plans={"hubei/1": SimpleNamespace(province="hubei", province_name="湖北", name="会计<script>", code="1",
                                          level="专升本", prior_diploma=True)},
    )
    previous = render._current
    render.set_current(render.Renderer(data, datetime.date(2026, 11, 1)))
    yield data
    render._current = previous


def test_photo_widget_preselects_escapes_and_loads_on_idle(dataset) -> None:
    html = widgets.photo_checker("hubei/registration")
    assert 'data-checker="photo" data-load="idle"' in html and "<details" not in html
    assert '<option value="hubei/registration" selected>湖北 &lt;b&gt;报名&lt;/b&gt; &amp; 照片</option>' in html
    assert html.index("全国标准") < html.index("湖北 &lt;b&gt;")  # national first
    assert "\n\n" not in html and not any(line.startswith("    ") for line in html.splitlines())


def test_embedded_widgets_are_folded_and_load_on_reach(dataset) -> None:
    html = render.widget("photo", None)
    assert html.startswith('<details class="checker-embed"') and 'data-load="interaction"' in html
    assert '<option value="" selected disabled>' in html
    courses = render.widget("courses", "hubei/1")
    assert 'data-prior="1"' in courses and "会计&lt;script&gt;" in courses and "<script>" not in courses


def test_unknown_records_fail_the_build(dataset) -> None:
    with pytest.raises(KeyError, match="unknown photo spec"):
        widgets.photo_checker("nowhere/registration")
    with pytest.raises(KeyError, match="unknown plan"):
        widgets.course_checker("nowhere/0")


def test_no_plans_says_so(dataset) -> None:
    dataset.plans.clear()
    html = widgets.course_checker()
    assert "还没有收录专业考试计划" in html and "<textarea" not in html
