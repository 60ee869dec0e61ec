"""The editor's path: change a fact in YAML, build, see it on the page with its source and date."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
import yaml

from macros.data import load_dataset, stale_facts
from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.slow


def _project_copy(dest: Path) -> Path:
    for name in ("data", "macros", "checkers", "runtime", "tools", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("_catalog.json", "__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, dest / name)
    return dest


def _edit_yunnan(root: Path, seen: str) -> str:
    path = root / "data" / "provinces" / "yunnan.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sources"]["editor-test"] = {
        "title": "编辑测试来源：毕业办证通知", "kind": "official", "seen": seen, "url": "https://www.example.cn/notice.html",
    }
    text = "测试事实：毕业申请须在网上确认个人信息。"
    data["graduation"]["notes"] = list(data["graduation"].get("notes") or []) + [
        {"text": text, "sources": ["editor-test"], "confidence": "high"}
    ]
    if data["graduation"]["status"] == "unknown":
        data["graduation"]["status"] = "partial"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return text


def test_changed_fact_appears_with_source_and_date(tmp_path: Path) -> None:
    root = _project_copy(tmp_path / "project")
    text = _edit_yunnan(root, "2026-10-30")
    result = build_site(root, tmp_path / "site", env={"HANDBOOK_SKIP_RUNTIME": "1", "HANDBOOK_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "provinces" / "yunnan" / "graduation" / "index.html").read_text(encoding="utf-8")
    assert text in html
    sources = html[html.index('id="sources"'):]
    assert "编辑测试来源：毕业办证通知" in sources and "2026-10-30" in sources
    assert "可能过时" not in html[: html.index('id="sources"')].split(text)[1].split("</li>")[0]


def test_old_fact_is_marked_and_reported(tmp_path: Path) -> None:
    root = _project_copy(tmp_path / "project")
    text = _edit_yunnan(root, "2024-05-01")
    stale = [row for row in stale_facts(load_dataset(root), datetime.date(2026, 11, 22)) if row[0].endswith("yunnan.yml")]
    assert any(path.startswith("graduation.notes[") and checked == datetime.date(2024, 5, 1) for _, path, checked in stale)
    result = build_site(root, tmp_path / "site", env={"HANDBOOK_SKIP_RUNTIME": "1", "HANDBOOK_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "provinces" / "yunnan" / "graduation" / "index.html").read_text(encoding="utf-8")
    after = html.split(text)[1].split("</li>")[0]
    assert "可能过时（上次核对 2024-05-01）" in after


def test_make_check_lists_the_stale_fact(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = _project_copy(tmp_path / "project")
    _edit_yunnan(root, "2024-05-01")
    result = subprocess.run(
        [sys.executable, "-m", "macros.validate", "--check", "--today", "2026-11-22"],
        cwd=root, capture_output=True, text=True, timeout=300,
        env={**__import__("os").environ, "HANDBOOK_SKIP_RUNTIME": "1", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "data/provinces/yunnan.yml: graduation.notes[" in result.stdout
    assert "上次核对 2024-05-01" in result.stdout
    assert "站内链接检查：全部有效" in result.stdout
