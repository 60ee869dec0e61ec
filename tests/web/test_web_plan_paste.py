"""Pasting a plan on /tools/courses/ in Chromium (issue 17): the understood table first, then the CLI's verdict."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from test_web_browser import COURSES, PAYLOADS, _ready_and_quiet, _static_same_origin, visit  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PLANS = Path(__file__).resolve().parents[1] / "courses" / "paste_plans"


def _cli(plan_text: str, scores: str, prior: bool, tmp_path: Path) -> dict[str, Any]:
    from checkers.courses.cli import main

    (tmp_path / "plan.txt").write_text(plan_text, encoding="utf-8")
    (tmp_path / "scores.txt").write_text(scores, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    args = ["courses", "--plan-file", str(tmp_path / "plan.txt"), str(tmp_path / "scores.txt"), "--json"]
    code = main(args + (["--prior-diploma"] if prior else []), out=out, err=err)
    assert code in (0, 1, 2), err.getvalue()
    return json.loads(out.getvalue())


def _run(v: Any, plan_text: str, scores: str, prior: bool) -> tuple[str, list[str], list[tuple[str, str]]]:
    page = v.page
    page.check(f'{COURSES} input[name="plan_mode"][value="paste"]')
    page.fill(f"{COURSES} .checker__plan-text", plan_text)
    page.fill(f"{COURSES} .checker__paste", scores)
    page.set_checked(f"{COURSES} .checker__prior", prior)
    page.evaluate(f"delete document.querySelector('{COURSES}').dataset.verdict")
    page.click(f"{COURSES} .checker__run")
    v.wait(f"{COURSES}[data-verdict]")
    understood = [r.get_attribute("data-course-code") for r in page.query_selector_all(f"{COURSES} .checker__plan-rows tr")]
    rows = page.query_selector_all(f"{COURSES} .checker__rows [data-course-code]")
    return (page.get_attribute(COURSES, "data-verdict"), understood,
            [(r.get_attribute("data-course-code"), r.get_attribute("data-status")) for r in rows])


def test_pasted_plan_verdict_equals_the_cli_and_non_plans_are_refused(visit, base_url, tmp_path: Path, artifacts) -> None:
    pdf = (PLANS / "jiangsu-080901.pdf.txt").read_text(encoding="utf-8")
    fujian = (PLANS / "fujian-040107.tab.txt").read_text(encoding="utf-8")
    full = "\n".join(f"{c}\t课程\t75" for c in ("03708 03709 13000 00023 02324 13013 13014 13003 13004 13015 13180 02333 "
                                                "02334 00898 00899 04735 04736 04747 04748 13017 15040 14976").split())
    cases = [(pdf, full, True), (pdf, "03708\t中国近现代史纲要\t72\n13013\t高级语言程序设计\t66\n", False),
             (fujian, "00465 心理卫生与心理辅导 70\n14450 合格\n", True)]
    for width in (1280, 360):
        v = visit("tools/courses/", width=width)
        _ready_and_quiet(v, COURSES)
        before = len(v.requests)
        verdicts = set()
        for plan_text, scores, prior in cases:
            verdict, understood, rows = _run(v, plan_text, scores, prior)
            want = _cli(plan_text, scores, prior, tmp_path)
            assert understood == [c["code"] for c in want["parsed_plan"]["courses"]]
            assert verdict == ("ok" if want["eligible"] else "fail")
            assert rows == [(c["code"], c["status"]) for c in want["courses"]]
            verdicts.add(verdict)
            if width == 1280 and plan_text is pdf and prior:
                v.page.screenshot(path=str(artifacts / "tool-courses-paste-1280.png"), full_page=True)
        assert verdicts == {"ok", "fail"}
        v.page.screenshot(path=str(artifacts / f"tool-courses-paste-{width}.png"), full_page=True)
        # Not a plan: a score list, an essay, noise. A clear message, the result hidden, no verdict rows.
        for bad in (full, "我想了解自考的专业。" * 30, "\x00%$#@!" * 8000 + "".join(PAYLOADS)):
            verdict, understood, rows = _run(v, bad, full, False)
            assert verdict == "refused" and understood == [] and rows == []
            assert v.page.is_visible(f"{COURSES} .checker__refused")
            assert not v.page.is_visible(f"{COURSES} .checker__result")
        if width == 360:
            v.page.screenshot(path=str(artifacts / "tool-courses-paste-refused-360.png"), full_page=True)
        overflow = v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"horizontal scrolling of {overflow}px at {width}px"
        assert v.requests[before:] == [] and _static_same_origin(v.requests, base_url) == []
        assert v.page.evaluate("window.__pwned") is None
        assert v.csp_violations() == [] and v.errors == []
