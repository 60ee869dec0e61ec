"""macros/pages.py: every generated page, its data file, and the nav, from one definition of the page paths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros import pages
from macros.build import SiteBuild
from macros.models import SLUGS, TOPICS
from tests.conftest import ROOT, dataset, plan_ids


def _nav_paths(items: Any) -> list[str]:
    if isinstance(items, str):
        return [items]
    if isinstance(items, dict):
        return [p for value in items.values() for p in _nav_paths(value)]
    return [p for item in items for p in _nav_paths(item)]


def test_every_page_of_the_data_is_generated_once() -> None:
    generated = pages.generated(dataset())
    assert len([s for s in generated if s.startswith("provinces/") and s.count("/") == 2
                and not s.endswith("/index.md")]) == 31 * 3
    assert {pages.plan_src(i) for i in plan_ids()} <= set(generated)
    assert {pages.national_src(k) for k in (*TOPICS, *dataset().national.pages)} <= set(generated)
    assert generated["provinces/yunnan/graduation.md"].markdown.endswith('\n{{ province_guide("yunnan", "graduation") }}\n')
    assert generated["provinces/yunnan/graduation.md"].markdown.startswith('---\ntitle: "云南省自考毕业申请"\n')


def test_each_generated_page_names_an_existing_data_file() -> None:
    data = dataset()
    for page in pages.generated(data).values():
        if page.origin is not None:
            assert (ROOT / data.origin[page.origin]).is_file(), page


def test_nav_lists_only_pages_that_exist() -> None:
    docs = ROOT / "docs"
    generated = pages.generated(dataset(), docs)
    listed = _nav_paths(pages.nav(dataset(), docs))
    assert [p for p in listed if p not in generated and not (docs / p).is_file()] == []
    assert len(listed) == len(set(listed))
    assert all(pages.guide_src(slug, topic) in listed for slug in SLUGS for topic in TOPICS)


def test_nav_leaves_out_missing_hand_written_pages(tmp_path: Path) -> None:
    titles = [next(iter(item)) for item in pages.nav(dataset(), tmp_path)]
    assert "自查工具" not in titles and "关于本手册" not in titles and "各省指南" in titles


def test_edit_links_open_the_data_file_or_the_markdown() -> None:
    build = SiteBuild.of_data(dataset(), ROOT)
    assert build.edit_origin("provinces/yunnan/lookup.md", "/x/docs") == "data/provinces/yunnan.yml"
    assert build.edit_origin("national/transfer.md", "/x/docs") == "data/national.yml"
    assert build.edit_origin(pages.plan_src(plan_ids()[0]), "/x/docs") == f"data/plans/{plan_ids()[0]}.yml"
    assert build.edit_origin("provinces/index.md", "/x/docs") == "docs/provinces/index.md"
    assert build.edit_origin("tools/photo.md", "/x/docs") == "docs/tools/photo.md"
    assert build.edit_url("tools/photo.md", "/x/docs") is None  # no repository, no edit link
    linked = SiteBuild.of_data(dataset(), ROOT, "https://example.org/repo/edit/main/")
    assert linked.edit_url("provinces/yunnan/lookup.md", "/x/docs") == \
        "https://example.org/repo/edit/main/data/provinces/yunnan.yml"
    assert linked.edit_url("tools/photo.md", "/x/docs") == "https://example.org/repo/edit/main/docs/tools/photo.md"
    # Pages computed from all the data have no one file to open: no edit link rather than a link to nothing.
    for src in ("provinces/index.md", pages.COVERAGE_SRC, pages.CALENDAR_SRC):
        assert src in build.pages and linked.edit_url(src, "/x/docs") is None, src
