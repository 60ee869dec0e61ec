"""The strict build of the real site: every guide page exists, shows its sources, and stays on our origin."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.models import SLUGS, TOPICS
from tests.conftest import dataset

pytestmark = pytest.mark.slow


def test_build_has_no_warning(build_result) -> None:
    _, result = build_result
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line]
    assert warnings == []


@pytest.mark.parametrize("slug", SLUGS)
def test_three_guides_per_province_with_sources(site: Path, slug: str) -> None:
    for topic in TOPICS:
        page = site / "provinces" / slug / topic / "index.html"
        html = page.read_text(encoding="utf-8")
        assert 'id="sources"' in html, page
        assert "核对日期" in html, page


def test_ninety_three_guide_pages(site: Path) -> None:
    pages = sorted(site.glob("provinces/*/*/index.html"))
    assert len(pages) == 93
    assert {p.parent.parent.name for p in pages} == set(SLUGS)


def test_province_index_lists_every_province_by_region(site: Path) -> None:
    html = (site / "provinces" / "index.html").read_text(encoding="utf-8")
    for slug in SLUGS:
        for topic in TOPICS:
            assert f"{slug}/{topic}/" in html
    for region in ("华北", "东北", "华东", "华中", "华南", "西南", "西北"):
        assert f">{region}<" in html


@pytest.mark.parametrize("key", sorted(dataset().national.pages))  # every national page in data/national.yml
def test_national_pages(site: Path, key: str) -> None:
    html = (site / "national" / key / "index.html").read_text(encoding="utf-8")
    assert 'id="sources"' in html


def test_conflicting_sources_side_by_side(site: Path) -> None:
    html = (site / "provinces" / "shanghai" / "lookup" / "index.html").read_text(encoding="utf-8")
    block = html[html.index('class="conflict"'):]
    assert block.count('class="conflict-claim"') >= 2
    assert "出生" in block and re.search(r"后\s*(6|六)\s*位", block)


class _Resources(HTMLParser):
    """Every URL the browser would fetch by itself from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag == "link" and a.get("href") and (a.get("rel") or "") not in ("canonical", "alternate"):
            self.urls.append(a["href"] or "")
        if tag == "img" and a.get("srcset"):
            self.urls += [part.strip().split(" ")[0] for part in (a["srcset"] or "").split(",")]


def _third_party(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.hostname not in ("127.0.0.1", "localhost")


def test_no_third_party_resource_in_html(site: Path) -> None:
    offenders = []
    for page in site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site)}: {u}" for u in parser.urls if _third_party(u)]
    assert offenders == []


CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(https?:)?//""")


def test_no_third_party_resource_in_css(site: Path) -> None:
    offenders = [str(p.relative_to(site)) for p in site.rglob("*.css") if CSS_URL.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_search_index_leaves_out_what_every_guide_repeats(site: Path) -> None:
    """The browser builds the search index on every page: sections repeated on all guides (资料来源, 全国通用规则)
    and the checker widgets' controls are left out; each guide's own facts and the national pages stay in."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def plain(text: str) -> str:
        return text.replace("\u200b", "")  # the zh index separates words with zero-width spaces

    guides = [d for d in docs if d["location"].startswith("provinces/") and d["location"].count("/") >= 3]
    assert len({d["location"].split("#")[0] for d in guides}) == 93
    assert [d["location"] for d in guides if plain(d["title"]) in ("资料来源", "全国通用规则")] == []
    assert [d["location"] for d in docs if "拖到这里" in plain(d["text"])] == []
    assert any(d["location"].startswith("provinces/yunnan/graduation/") and "补录" in plain(d["text"]) for d in guides)
    assert any(d["location"].startswith("national/zhunkaozheng/") and "准考证号" in plain(d["text"]) for d in docs)


def test_search_index_segments_chinese(site: Path) -> None:
    """Material segments Chinese for search only when jieba is installed, and otherwise says nothing: the built
    index must split running text into words, so that a two-character word inside a sentence is a search term."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    separator = re.compile(index["config"]["separator"])
    assert separator.fullmatch("\u200b"), "the index must split on the zero-width spaces jieba's words are joined with"

    def terms(location: str) -> set[str]:
        doc = next(d for d in index["docs"] if d["location"] == location)
        return set(separator.split(re.sub(r"<[^>]+>", " ", doc["text"])))

    # Both words sit inside sentences on these pages; unsegmented, each sentence would be one long term.
    assert {"准考证号", "号码"} <= terms("national/zhunkaozheng/")
    assert "毕业" in terms("national/graduation/")
    # jieba keeps a long name whole (全国高等教育自学考试指导委员会, 15 characters), never a whole sentence.
    han = re.compile("[\u4e00-\u9fff]+")
    runs = [run for d in index["docs"] for term in separator.split(re.sub(r"<[^>]+>", " ", d["text"]))
            for run in han.findall(term)]
    assert max(map(len, runs)) <= 20, max(runs, key=len)
