"""Guide pages in a real Chromium: readable at desktop and 360-px widths, and nothing leaves our origin."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "provinces/yunnan/graduation/",
    "provinces/hubei/registration/",
    "provinces/shanghai/lookup/",
    "provinces/qinghai/registration/",
    "provinces/",
    "national/kaoji-vs-xueji/",
    "",
]


def _visit(browser, base_url: str, path: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 800})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    return page, requests


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [1280, 360])
def test_page_renders_without_overflow_or_foreign_requests(browser, base_url: str, artifacts: Path, path: str, width: int) -> None:
    page, requests = _visit(browser, base_url, path, width)
    try:
        name = (path.strip("/").replace("/", "-") or "home") + f"-{width}.png"
        page.screenshot(path=str(artifacts / name), full_page=True)
        foreign = [u for u in requests if not u.startswith(base_url)]
        assert foreign == []
        assert not [u for u in requests if "/assets/pyodide/" in u], "a guide page must not load Pyodide by itself"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"horizontal scrolling of {overflow}px at {width}px"
        if path.startswith("provinces/") and path.count("/") == 3:
            assert page.locator("#sources").is_visible()
            assert "核对日期" in page.inner_text("article")
    finally:
        page.close()


def test_phone_navigation_reaches_a_province_guide(browser, base_url: str) -> None:
    """On a 360-px phone the drawer navigation leads from the home page to a guide."""
    page, _ = _visit(browser, base_url, "", 360)
    try:
        page.locator("label.md-header__button[for='__drawer']").click()
        nav = page.locator(".md-nav--primary")
        # 各省指南 has an index page: its sub-menu opens from the arrow label next to the link.
        nav.locator(".md-nav__container", has_text="各省指南").locator("label").first.click()
        nav.locator("label.md-nav__link:visible", has_text="西南").first.click()
        yunnan = nav.locator("label.md-nav__link:visible", has_text="云南省").first
        toggle = yunnan.get_attribute("for")
        yunnan.click()
        nav.locator(f"nav[aria-labelledby='{toggle}_label'] a", has_text="毕业申请").click()
        page.wait_for_url("**/provinces/yunnan/graduation/")
        assert page.locator("h1").inner_text().startswith("云南省")
    finally:
        page.close()
