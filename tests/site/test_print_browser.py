"""Printing a registration or graduation guide in Chromium gives a one- or two-page checklist with tick boxes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from macros.coverage import coverage
from tests.conftest import dataset

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def _checklist_items(slug: str, topic: str) -> list[str]:
    doc = yaml.safe_load((ROOT / "data" / "provinces" / f"{slug}.yml").read_text(encoding="utf-8"))
    t = doc.get(topic) or {}
    return [f["text"] for f in (t.get("steps") or []) + (t.get("materials") or [])]


def _longest_full_guides() -> list[tuple[str, str]]:
    """The FULL registration and graduation guides with the most checklist text: the hardest to fit on two pages."""
    cells = [c for c in coverage(dataset()) if c.rating == "FULL" and c.topic != "lookup"]
    size = {(c.slug, c.topic): sum(len(x) for x in _checklist_items(c.slug, c.topic)) for c in cells}
    longest = sorted(size, key=size.get, reverse=True)[:2]
    return longest + [min(size, key=size.get)]


GUIDES = _longest_full_guides()


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize(("slug", "topic"), GUIDES)
def test_printed_guide_is_a_short_checklist(browser, base_url: str, artifacts: Path, slug: str, topic: str,
                                            width: int) -> None:
    """Printed from a desktop or a phone (the viewport must not change what prints)."""
    items = _checklist_items(slug, topic)
    assert items
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(f"{base_url}provinces/{slug}/{topic}/")
        page.wait_for_load_state("networkidle")
        assert not page.locator(".print-checklist").is_visible(), "the checklist is for print only"
        page.emulate_media(media="print")
        checklist = page.locator(".print-checklist")
        assert checklist.is_visible()
        boxes = checklist.locator(".pc-ticks li")
        assert boxes.count() == len(items)
        text = checklist.inner_text()
        for item in items:
            assert item[:12] in text, item
        # Each item draws a tick box; nothing but the title and the checklist prints.
        borders = boxes.evaluate_all("els => els.map(e => getComputedStyle(e, '::before').borderTopWidth)")
        assert all(b not in ("", "0px") for b in borders)
        for hidden in ("#sources", ".md-header", ".md-sidebar--primary", ".md-footer", ".checker-embed", ".page-meta"):
            assert not any(el.is_visible() for el in page.locator(hidden).all()), hidden
        assert page.locator("h1").first.is_visible()
        visible = page.evaluate(
            "() => [...document.querySelector('.md-content__inner').children]"
            ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.tagName + '.' + e.className)")
        assert all(v.startswith("H1") or "print-checklist" in v for v in visible), visible
        pdf = page.pdf(format="A4", print_background=True)
        (artifacts / f"print-{slug}-{topic}-{width}.pdf").write_bytes(pdf)
        assert 1 <= _pages(pdf) <= 2, f"{slug}/{topic} prints on {_pages(pdf)} pages"
    finally:
        page.close()


def test_lookup_guide_prints_without_site_chrome(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{base_url}provinces/shanghai/lookup/")
        page.emulate_media(media="print")
        assert page.locator("h1").first.is_visible()
        assert not page.locator(".md-header").is_visible()
        assert not page.locator("#sources").is_visible()
        assert page.locator("article li").first.is_visible()
    finally:
        page.close()


def test_checklist_is_not_indexed_twice(site: Path) -> None:
    """The print-only checklist repeats the page's facts: search must not index it (data-search-exclude)."""
    html = (site / "provinces" / "yunnan" / "graduation" / "index.html").read_text(encoding="utf-8")
    assert 'class="print-checklist"' in html
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(doc["text"] for doc in index["docs"]).replace("\u200b", "")  # jieba's word breaks
    assert "资料完整度" in text  # the page itself is indexed
    assert "办理清单 · 打印自" not in text
