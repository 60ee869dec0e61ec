"""Accessibility of the built site in a real Chromium: axe-core (pinned npm devDependency, injected by the test,
never served) over one page of every template and both tools with a verdict shown, at 360 and 1280 px; the tools
by keyboard alone; verdicts in a live region; readable on a small phone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, dataset

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PLAN = sorted(dataset().plans)[0]
PLAN_PROVINCE = PLAN.split("/")[0]
PAGES = {  # one page of every template
    "home": "",
    "guide": "provinces/yunnan/graduation/",
    "guide-unknown": "provinces/qinghai/registration/",
    "province-section": "provinces/yunnan/",
    "provinces": "provinces/",
    "national-section": "national/",
    "national-topic": "national/graduation/",
    "national-page": "national/transfer/",
    "plans": "plans/",
    "plan-section": f"plans/{PLAN_PROVINCE}/",
    "plan": f"plans/{PLAN}/",
    "coverage": "about/coverage/",
    "calendar": "calendar/",
    "about": "about/",
    "tools-section": "tools/",
}
WIDTHS = (360, 1280)
# Violations the theme (mkdocs-material) causes and no CSS or template override of ours can remove, by rule and the
# selector axe reports. Each with its reason; an entry that no longer matches anything is harmless.
THEME = {
    # Material's JavaScript wraps every Markdown table in a div that scrolls sideways when the table is wider than
    # the screen (the plan's course table, the coverage grid at 360 px) and gives it no tabindex; making it focusable
    # needs a script of ours on every page (the tool pages' CSP hashes each inline script). Keyboard users still reach
    # every link inside the tables.
    "scrollable-region-focusable": [r"\.md-typeset__scrollwrap"],
}


def _context(browser: Any, width: int) -> Any:
    # bypass_csp: the tool pages' Content-Security-Policy would refuse the injected axe script.
    return browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)


def _axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.filter(n => ["serious", "critical"].includes(n.impact))
                          .map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
    }""")
    serious = []
    for v in found:
        nodes = [n for n in v["nodes"] if not any(re.search(p, n["target"]) for p in THEME.get(v["id"], {}))]
        if nodes:
            serious.append({"id": v["id"], "help": v["help"], "count": len(nodes), "first": nodes[:3]})
    return serious


def _open(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_violations(browser, base_url: str, artifacts: Path, name: str, width: int) -> None:
    context = _context(browser, width)
    try:
        page = _open(context, base_url + PAGES[name])
        assert _axe(page) == []
    finally:
        context.close()


def _photo_file(tmp_path: Path) -> Path:
    from runtime.samples import photos

    name, data = next(iter(photos()))
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _photo_verdict(page: Any, tmp_path: Path) -> None:
    root = '[data-checker="photo"]'
    if not page.input_value(f"{root} select"):
        page.select_option(f"{root} select", index=1)
    page.set_input_files(f"{root} input[type=file]", str(_photo_file(tmp_path)))
    page.wait_for_selector(f"{root}[data-verdict]", state="attached", timeout=120_000)


def _course_verdict(page: Any) -> None:
    root = '[data-checker="courses"]'
    page.select_option(f"{root} select", PLAN)
    page.fill(f"{root} textarea.checker__paste", "00001 不存在的课程 70 2024-10")
    page.click(f"{root} .checker__run")
    page.wait_for_selector(f"{root}[data-verdict]", state="attached", timeout=120_000)


def _live_verdict(page: Any, root: str) -> None:
    """The verdict text is inside a polite live region that is in the page before the verdict arrives."""
    region = page.locator(f"{root} .checker__verdict").locator("xpath=ancestor::*[@aria-live][1]")
    assert region.get_attribute("aria-live") == "polite"
    assert region.get_attribute("role") == "status"
    text = page.inner_text(f"{root} .checker__verdict").strip()
    assert text and text in region.inner_text()
    assert region.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("tool", ["photo", "courses"])
def test_tool_with_verdict_has_no_serious_violations(browser, base_url: str, artifacts: Path, tmp_path: Path,
                                                     tool: str, width: int) -> None:
    context = _context(browser, width)
    try:
        page = _open(context, f"{base_url}tools/{tool}/")
        if tool == "photo":
            _photo_verdict(page, tmp_path)
        else:
            _course_verdict(page)
        root = f'[data-checker="{tool}"]'
        _live_verdict(page, root)
        page.screenshot(path=str(artifacts / f"a11y-tool-{tool}-{width}.png"), full_page=True)
        assert _axe(page) == []
    finally:
        context.close()


def _focused(page: Any) -> str:
    return page.evaluate("""() => { const e = document.activeElement;
        return e ? (e.className || e.tagName) + "|" + (e.getAttribute("name") || "") : ""; }""")


def _tab_to(page: Any, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} is not reachable with Tab")


def test_course_tool_works_by_keyboard_alone(browser, base_url: str) -> None:
    context = _context(browser, 1280)
    try:
        page = _open(context, f"{base_url}tools/courses/")
        root = '[data-checker="courses"]'
        _tab_to(page, f"{root} select")
        # A <select> is operated by the keyboard: the arrows change the choice without opening a pop-up.
        options = page.eval_on_selector(f"{root} select", "s => [...s.options].filter(o => !o.disabled).map(o => o.value)")
        for _ in range(options.index(PLAN) + 1):
            page.keyboard.press("ArrowDown")
        assert page.input_value(f"{root} select") == PLAN
        _tab_to(page, f"{root} textarea.checker__paste")
        page.keyboard.insert_text("00001 不存在的课程 70 2024-10")
        _tab_to(page, f"{root} .checker__prior")
        page.keyboard.press("Space")
        assert page.is_checked(f"{root} .checker__prior")
        _tab_to(page, f"{root} .checker__run")
        page.keyboard.press("Enter")
        page.wait_for_selector(f"{root}[data-verdict]", state="attached", timeout=120_000)
        _live_verdict(page, root)
    finally:
        context.close()


def test_photo_tool_controls_reachable_and_operable_by_keyboard(browser, base_url: str, tmp_path: Path) -> None:
    """The spec is chosen with the keyboard; the file input is reached with Tab and opens the (OS-level) file
    picker on Space and on Enter; a photo chosen there is checked."""
    context = _context(browser, 1280)
    try:
        page = context.new_page()
        # Playwright turns Chromium's file-chooser interception on when the first "filechooser" listener is added,
        # by a message it does not wait for; a key pressed right after `expect_file_chooser` could open the picker
        # before that (no event, a timeout in CI). A listener held for the whole page keeps interception on.
        page.on("filechooser", lambda chooser: None)
        page.goto(f"{base_url}tools/photo/")
        page.wait_for_load_state("load")
        root = '[data-checker="photo"]'
        _tab_to(page, f"{root} select")
        before = page.input_value(f"{root} select")
        page.keyboard.press("ArrowDown")
        assert page.input_value(f"{root} select") not in ("", before)
        _tab_to(page, f"{root} input[type=file]")
        for key in (" ", "Enter"):
            with page.expect_file_chooser(timeout=5_000) as chooser:
                page.keyboard.press(key)
            if key == "Enter":
                chooser.value.set_files(str(_photo_file(tmp_path)))
        page.wait_for_selector(f"{root}[data-verdict]", state="attached", timeout=120_000)
        _live_verdict(page, root)
        # The drop zone shows where the focus is.
        outline = page.eval_on_selector(f"{root} .checker__drop", "e => getComputedStyle(e).outlineStyle")
        assert outline != "none"
    finally:
        context.close()


PHONE_PAGES = ["provinces/yunnan/graduation/", "provinces/", "national/transfer/", f"plans/{PLAN}/", "tools/photo/",
               "tools/courses/", "about/coverage/", "calendar/", ""]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_readable_on_a_small_phone(browser, base_url: str, artifacts: Path, path: str) -> None:
    """At 360 px: body text at least 16 px, the page's own controls at least 44 px tall, nothing scrolls sideways."""
    context = _context(browser, 360)
    try:
        page = _open(context, base_url + path)
        page.screenshot(path=str(artifacts / f"phone-{path.strip('/').replace('/', '-') or 'home'}.png"),
                        full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"scrolls sideways by {overflow}px"
        body = page.evaluate("""() => [...document.querySelectorAll("article.md-typeset > p")]
            .map(p => parseFloat(getComputedStyle(p).fontSize))""")
        assert body and min(body) >= 16, body
        small = page.evaluate("""() => {
            const hits = [];
            const targets = document.querySelectorAll(
              ".md-header button, .md-header label, .md-header a, .checker button, .checker select, .checker textarea,"
              + " .checker__drop, .checker__toggle, .md-content summary, .md-footer a, .province-card a");
            for (const e of targets) {
              if (e.closest(".md-search")) continue;  // the search dialog: hidden until it is opened
              const r = e.getBoundingClientRect();
              if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === "hidden") continue;
              if (r.height < 44 || r.width < 44) hits.push(`${e.className || e.tagName} ${r.width.toFixed(0)}x${r.height.toFixed(0)}`);
            }
            return hits;
        }""")
        assert small == []
    finally:
        context.close()


def test_axe_is_not_served(site: Path) -> None:
    assert AXE.is_file(), "npm ci installs axe-core (package.json devDependencies)"
    assert [str(p.relative_to(site)) for p in site.rglob("*axe*")] == []
