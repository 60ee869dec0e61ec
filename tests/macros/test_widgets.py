"""macros/widgets.py (and Renderer.widget): widget markup from the data, escaped, with the right loading policy."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from macros import widgets
from macros.render import Renderer


@pytest.fixture
def dataset():
    spec = lambda province, name, title: SimpleNamespace(province=province, province_name=name, title=title)  # noqa: E731
    data = SimpleNamespace(
        photo_specs={"national/graduation": spec("national", "全国", "全国标准"),
                     "hubei/registration": spec("hubei", "湖北", "湖北 <b>报名</b> & 照片")},
        plans={"hubei/1": SimpleNamespace(province="hubei", province_name="湖北", name="会计<script>", code="1",
                                          level="专升本", prior_diploma=True)},
    )
    return data


@pytest.fixture
def renderer(dataset) -> Renderer:
    return Renderer(dataset, datetime.date(2026, 11, 1))


def test_photo_widget_preselects_escapes_and_loads_on_idle(dataset) -> None:
    html = widgets.photo_checker(dataset.photo_specs, "hubei/registration")
    assert 'data-checker="photo" data-load="idle"' in html and "<details" not in html
    assert '<option value="hubei/registration" selected>湖北 &lt;b&gt;报名&lt;/b&gt; &amp; 照片</option>' in html
    assert html.index("全国标准") < html.index("湖北 &lt;b&gt;")  # national first
    assert "\n\n" not in html and not any(line.startswith("    ") for line in html.splitlines())


def test_embedded_widgets_are_folded_and_load_on_reach(renderer) -> None:
    html = renderer.embedded_widget("photo", None)
    assert html.startswith('<details class="checker-embed"') and 'data-load="interaction"' in html
    assert '<option value="" selected disabled>' in html
    courses = renderer.embedded_widget("courses", "hubei/1")
    assert 'data-prior="1"' in courses and "会计&lt;script&gt;" in courses and "<script>" not in courses


def test_unknown_records_fail_the_build(renderer) -> None:
    with pytest.raises(KeyError, match="unknown photo spec"):
        renderer.widget("photo", "nowhere/registration")
    with pytest.raises(KeyError, match="unknown plan"):
        renderer.widget("courses", "nowhere/0")
    with pytest.raises(KeyError, match="unknown kind"):
        renderer.widget("calendar")


def test_no_plans_says_so(dataset) -> None:
    dataset.plans.clear()
    html = widgets.course_checker(dataset.plans)
    assert "还没有收录专业考试计划" in html and "<textarea" not in html
