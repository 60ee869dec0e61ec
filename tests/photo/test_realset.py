"""Background and framing verdicts on real portraits (tests/photo/realset.py): right in every case."""

from __future__ import annotations

import functools

import pytest

from checkers.photo import api

from .conftest import by_id
from .factory import pixels_of
from .realset import CENTRE_PASS, CENTRE_WARN, HEAD_TOP_BAND, Case, cases

TOP_TOLERANCE = 6  # px in a 640 px photo: hair and cap edges are soft, the outline is traced by hand
CENTRE_TOLERANCE = 0.02 * 480


@functools.cache
def _cases() -> dict[str, Case]:
    return {case.name: case for case in cases()}


def _run(case: Case) -> dict[str, dict]:
    result = api.check(case.photo, case.spec, filename="012345678901张三.jpg", pixels=pixels_of(case.photo))
    return {cid: by_id(result, cid) for cid in ("background", "framing")} | {"all": result}  # type: ignore[dict-item]


def test_the_set_states_the_spec_it_was_derived_from(catalog) -> None:
    rule = catalog["national/graduation"].framing
    assert (rule.head_top.min, rule.head_top.max, rule.reference_height) == (*HEAD_TOP_BAND, 640)
    assert (CENTRE_PASS, CENTRE_WARN) == (0.05, 0.10)  # the tolerances the framing check documents
    kinds = {c.name.split("-", 1)[1].split("@")[0] for c in _cases().values()}
    assert {"lightblue-darker15", "shadow", "hair-at-top", "head-cut", "offcentre-left", "original"} <= kinds


@pytest.mark.parametrize("name", [c.name for c in cases()])
def test_verdicts_on_real_portraits(name: str) -> None:
    case = _cases()[name]
    got = _run(case)
    background, framing = got["background"], got["framing"]
    assert (background["status"], framing["status"]) == (case.background, case.framing), (
        f"{case.why}\n背景：{background['message']}\n构图：{framing['message']}")
    if case.head_top is not None and case.framing != "skip":
        values = framing["values"]
        assert abs(values["head_top"] - case.head_top) <= TOP_TOLERANCE, (values, case.head_top)
        assert abs(values["centre_x"] - case.centre) <= CENTRE_TOLERANCE, (values, case.centre)
        assert f"{values['head_top']} 像素" in framing["message"]  # the message states what was measured
        assert "不测量" in framing["message"]  # eye line and face width: still said to be unmeasured
    if case.head_top is None:
        assert "头顶" in framing["message"] and "没有测量" in framing["message"]  # says what it did not measure
        assert "values" not in framing  # no measurement is reported that was not made
    if case.background == "pass" and case.framing == "pass":
        assert got["all"]["ok"], [c for c in got["all"]["checks"] if c["status"] == "fail"]  # no false failure


def test_shadow_is_reported_with_advice_and_not_taken_for_the_person() -> None:
    for key in ("grace", "astronaut"):
        got = _run(_cases()[f"{key}-shadow"])
        assert "右侧的背景上有阴影" in got["background"]["message"] and "离背景远一些" in got["background"]["message"]
        assert "旗帜" not in got["background"]["message"]


def test_hair_at_the_top_edge_gets_one_instruction() -> None:
    for key in ("grace", "astronaut"):
        got = _run(_cases()[f"{key}-hair-at-top"])
        assert got["framing"]["values"]["head_top"] == 0 and "头顶被裁掉或紧贴上边缘" in got["framing"]["message"]
        assert got["background"]["status"] == "pass" and "这部分不算背景" in got["background"]["message"]


def test_busy_background_names_the_background_not_the_crop() -> None:
    for name in ("grace-original", "astronaut-original"):
        got = _run(_cases()[name])
        assert "重新裁剪" not in got["framing"]["message"] and "纯色背景" in got["background"]["message"]
        assert "被人像挡住" not in got["background"]["message"]  # the flag is not called hair or shoulders
