"""The built site as a search engine reads it: distinct titles and descriptions, robots.txt, a sitemap dated by
content, canonical addresses, and no folder without a page."""

from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

import pytest

from macros.models import SLUGS, TOPICS
from macros.pages import TOPIC_TITLES
from tests.conftest import ROOT, dataset

pytestmark = pytest.mark.slow

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")  # as mkdocs.yml reads it
TITLE = re.compile(r"<title>([^<]*)</title>")
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.relative_to(site).parts)


def _head(page: Path) -> tuple[str, str, str]:
    text = page.read_text(encoding="utf-8")
    title, description, canonical = (pattern.search(text) for pattern in (TITLE, DESCRIPTION, CANONICAL))
    assert title and description and canonical, page
    return html.unescape(title.group(1)), html.unescape(description.group(1)), canonical.group(1)


def test_every_page_has_its_own_title_and_description(site: Path) -> None:
    heads = {str(p.relative_to(site).parent): _head(p) for p in _pages(site)}
    assert len(heads) > 93 + 10
    for index in (0, 1):
        seen: dict[str, list[str]] = {}
        for path, head in heads.items():
            seen.setdefault(head[index], []).append(path)
        assert {k: v for k, v in seen.items() if len(v) > 1} == {}


@pytest.mark.parametrize("slug", SLUGS)
def test_guide_title_and_heading_name_province_and_topic(site: Path, slug: str) -> None:
    province = dataset().provinces[slug]
    for topic in TOPICS:
        page = site / "provinces" / slug / topic / "index.html"
        title, description, _ = _head(page)
        name = f"{province.name}自考{TOPIC_TITLES[topic]}"
        assert title == f"{name} - 自考考生手册"
        h1 = H1.search(page.read_text(encoding="utf-8"))
        assert h1 and re.sub(r"<[^>]+>", "", h1.group(1)).strip() == name
        assert description.startswith(name) and "核对于 20" in description


def test_canonical_addresses_from_site_url(site: Path) -> None:
    for page in _pages(site):
        path = page.relative_to(site).parent.as_posix()
        expected = SITE_URL if path == "." else f"{SITE_URL}{path}/"
        assert _head(page)[2] == expected, page


def test_robots_txt_points_at_the_sitemap(site: Path) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


def _git_date(file: str) -> str:
    return subprocess.run(["git", "log", "-1", "--format=%cs", "--", file], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()


def test_sitemap_lastmod_is_when_the_content_changed(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap))
    assert len(entries) == len(_pages(site))
    expected = {
        "provinces/yunnan/graduation/": "data/provinces/yunnan.yml",
        "national/transfer/": "data/national.yml",
        "tools/photo/": "docs/tools/photo.md",
        "about/": "docs/about.md",
    }
    for path, file in expected.items():
        assert entries[SITE_URL + path] == (_git_date(file) or _mtime(file)), path
    plan = sorted(dataset().plans)[0]
    assert entries[f"{SITE_URL}plans/{plan}/"] == (_git_date(f"data/plans/{plan}.yml") or _mtime(f"data/plans/{plan}.yml"))


def _mtime(file: str) -> str:
    import datetime

    return datetime.date.fromtimestamp((ROOT / file).stat().st_mtime).isoformat()


def test_no_folder_without_a_page(site: Path) -> None:
    """Every folder on the way to a page is itself a page: no address of the site ends in a bare folder."""
    folders = set()
    for page in site.rglob("*.html"):
        if page.name == "404.html" or "assets" in page.relative_to(site).parts:
            continue
        folders.update(f for f in page.parents if f == site or site in f.parents)
    assert len(folders) > 100
    assert sorted(str(f.relative_to(site)) for f in folders if not (f / "index.html").is_file()) == []
