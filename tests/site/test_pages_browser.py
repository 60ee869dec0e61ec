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
    "calendar/",
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
        # A province has its own index page too (provinces/yunnan/): its arrow label opens its three guides.
        yunnan = nav.locator(".md-nav__container:visible", has_text="云南省").locator("label").first
        toggle = yunnan.get_attribute("for")
        yunnan.click()
        nav.locator(f"nav[aria-labelledby='{toggle}_label'] a", has_text="毕业申请").click()
        page.wait_for_url("**/provinces/yunnan/graduation/")
        assert page.locator("h1").inner_text().startswith("云南省")
    finally:
        page.close()


@pytest.mark.parametrize(("query", "expected"), [
    ("云南", "provinces/yunnan/"),        # a province is reachable from search
    ("准考证号", "national/zhunkaozheng/"),  # a word inside Chinese running text (jieba segmentation)
    ("转考", "national/transfer/"),
])
def test_search_finds_chinese_words(browser, base_url: str, query: str, expected: str) -> None:
    """The theme's search, with jieba-segmented Chinese, leads to the right pages."""
    page, requests = _visit(browser, base_url, "", 1280)
    try:
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query)
        box.press("End")  # the theme searches on key events; typed CJK text arrives as input events only
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
        assert any(expected in link for link in links), links[:10]
        assert all(url.startswith(base_url) for url in requests)
    finally:
        page.close()
