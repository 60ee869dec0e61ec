"""macros/seo.py: titles and descriptions written from each page's own data; content dates from git or mtime."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from macros import pages, seo
from macros.data import topic_checked
from macros.models import SLUGS, TOPICS
from tests.conftest import ROOT, dataset


def test_guide_titles_and_descriptions_name_province_topic_and_check_date() -> None:
    data = dataset()
    titles, descriptions = set(), set()
    for slug in SLUGS:
        province = data.provinces[slug]
        for topic in TOPICS:
            title, description = seo.guide_title(province, topic), seo.guide_description(province, topic)
            assert title == f"{province.name}自考{pages.TOPIC_TITLES[topic]}"
            assert description.startswith(title)
            checked = topic_checked(province, topic)
            assert (f"核对于 {checked.isoformat()}" if checked else "尚无核对日期") in description
            rounds = getattr(province, topic).rounds
            if rounds:
                latest = max(rounds, key=lambda r: (r.last_day(), r.year))
                assert f"最近一期：{latest.year} 年{latest.sitting}" in description, (slug, topic)
            titles.add(title)
            descriptions.add(description)
    assert len(titles) == len(descriptions) == 93
    assert seo.guide_title(data.provinces["yunnan"], "graduation") == "云南省自考毕业申请"


def test_every_generated_page_has_its_own_title_and_description() -> None:
    generated = pages.generated(dataset(), ROOT / "docs")
    heads = [page.markdown.split("\n---\n", 1)[0] for page in generated.values()]
    assert all(h.startswith("---\ntitle: ") and "\ndescription: " in h for h in heads)
    titles = [h.split("\n")[1] for h in heads]
    descriptions = [h.split("\n")[2] for h in heads]
    assert len(set(titles)) == len(titles)
    assert len(set(descriptions)) == len(descriptions)


def test_section_pages_for_every_folder_of_generated_pages() -> None:
    generated = pages.generated(dataset(), ROOT / "docs")
    folders = {str(Path(src).parent) for src in generated} - {"."}
    docs = ROOT / "docs"
    missing = [f for f in folders if f"{f}/index.md" not in generated
               and not (docs / f / "index.md").exists() and not (docs / f"{f}.md").exists()]  # about.md: /about/
    assert missing == []


def test_front_matter_survives_quotes_and_colons() -> None:
    import yaml

    head = seo.front_matter('a "b": c', "d: 'e'\\ f")
    assert yaml.safe_load(head.strip().strip("-")) == {"title": 'a "b": c', "description": "d: 'e'\\ f"}


def test_content_date_from_git_else_mtime(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    file = tmp_path / "data" / "x.yml"
    file.write_text("a: 1\n", encoding="utf-8")
    os.utime(file, (1_700_000_000, 1_700_000_000))  # 2023-11-14
    assert seo.content_dates(tmp_path) == {}  # not a git repository
    assert seo.file_date(tmp_path, "data/x.yml", {}) == "2023-11-14"
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-03-05T12:00:00", "GIT_COMMITTER_DATE": "2024-03-05T12:00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    dates = seo.content_dates(tmp_path)
    assert dates == {"data/x.yml": "2024-03-05"}
    assert seo.file_date(tmp_path, "data/x.yml", dates) == "2024-03-05"
    assert seo.file_date(tmp_path, "data/missing.yml", dates) is None
