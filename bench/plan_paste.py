"""Pasted plans (issue 17): parsing a 60-course plan text on CPython, and the whole verdict in the browser."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from bench.timing import TABLE_HEAD, median_ms

from checkers.catalog import plans
from checkers.courses import api
from checkers.courses.plan import Plan

PARSE_TARGET_MS = 50.0
BROWSER_TARGET_MS = 100.0
RUNS = 200
REPEATS = 10
COURSES = 60


def sixty() -> Plan:
    """A 60-course plan made of the curated plans' courses (050101's rules kept), every practical with its theory."""
    catalog = plans()
    base = catalog["jiangsu/050101"]
    seen: dict[str, object] = {}
    for plan_id in ["jiangsu/050101", *sorted(catalog)]:
        for course in catalog[plan_id].courses:
            if len(seen) < COURSES and course.code not in seen and (course.theory is None or course.theory in seen):
                seen[course.code] = course
    return dataclasses.replace(base, courses=tuple(seen.values()))  # type: ignore[arg-type]


def texts() -> dict[str, str]:
    from tests.courses.plan_variants import FORMATS

    p = sixty()
    return {name: FORMATS[name](p) for name in ("pdf", "portal", "viewer")}


def scores(p: Plan) -> str:
    return "\n".join(f"{c.code}\t{c.name}\t{60 + i % 35}" for i, c in enumerate(p.courses[::2])) + "\n"


def _browser(text: str, paste: str) -> tuple[list[float], set[str]] | str:
    from playwright.sync_api import sync_playwright

    from bench.browser import OBSERVER, goto_ready, launch
    from bench.verdicts import _series
    from tools.serve import serve

    site = Path(__file__).resolve().parents[1] / "site"
    if not any(site.glob("assets/checkers/*/runtime.mjs")):
        return "no built site (run `make build`)"
    with sync_playwright() as pw, serve(site) as base:
        browser = launch(pw)
        try:
            page = browser.new_context().new_page()
            page.add_init_script(OBSERVER)
            goto_ready(page, base + "tools/courses/")
            root = ".checker--courses"
            page.check(f'{root} input[name="plan_mode"][value="paste"]')
            page.fill(f"{root} .checker__plan-text", text)
            page.fill(f"{root} .checker__paste", paste)
            return _series(page, [lambda: page.click(f"{root} .checker__run")] * (REPEATS + 1), "click")
        finally:
            browser.close()


def run(browser: bool = True) -> str:
    made = texts()
    p = sixty()
    paste = scores(p)
    parsed = api.parse_plan(made["pdf"])
    assert parsed["ok"] and len(parsed["courses"]) == COURSES + (1 if p.thesis else 0), parsed["refused"]
    parse = {name: median_ms(lambda t=t: api.parse_plan(t), RUNS) for name, t in made.items()}
    whole = median_ms(lambda: api.check_pasted(made["pdf"], paste, True), RUNS)
    met = "met" if max(parse.values()) <= PARSE_TARGET_MS else "MISSED"
    rows = [
        "## Pasted plans (issue 17)",
        "",
        f"Sample: a {COURSES}-course plan (courses of the curated Jiangsu plans, 050101's either-or and elective rules, a thesis) "
        f"written as PDF-extracted text with wrapped names ({len(made['pdf'])} characters), as a tab-separated portal table and as a "
        f"PDF-viewer copy (one cell per line); {len(paste.splitlines())} score rows. CPython medians of {RUNS} runs; "
        f"load average at the start {os.getloadavg()[0]:.1f}.",
        "",
        *TABLE_HEAD,
        f"| parse the {COURSES}-course plan text, PDF layout | {parse['pdf']:.2f} ms | ≤ {PARSE_TARGET_MS:.0f} ms | {met} |",
        f"| parse, portal table / PDF-viewer copy | {parse['portal']:.2f} / {parse['viewer']:.2f} ms | ≤ {PARSE_TARGET_MS:.0f} ms | {met} |",
        f"| whole verdict with the pasted plan (parse plan + scores + verdict), CPython | {whole:.2f} ms | – | |",
    ]
    if browser:
        measured = _browser(made["pdf"], paste)
        if isinstance(measured, str):
            rows.append(f"| browser: button clicked → `data-verdict`, pasted plan | not measured: {measured} | ≤ {BROWSER_TARGET_MS:.0f} ms | |")
        else:
            from bench.verdicts import _row

            times, verdicts = measured
            rows.append(_row("browser (headless Chromium, after ready): button clicked → `data-verdict`, pasted "
                             f"{COURSES}-course PDF text", times, BROWSER_TARGET_MS, f"verdict {'/'.join(sorted(verdicts))}"))
    return "\n".join(rows + [""])


if __name__ == "__main__":
    print(run())
