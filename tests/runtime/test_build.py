"""The runtime build as `mkdocs build` runs it: in a thread beside the pages, and its failure fails the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.slow


def _project_copy(dest: Path) -> Path:
    """The project with its runtime tooling but, as a clean checkout before `make setup`, no node_modules."""
    for name in ("data", "macros", "checkers", "tools", "docs", "overrides", "runtime"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("_catalog.json", "__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "package.json"):
        shutil.copy(ROOT / name, dest / name)
    return dest


def test_failing_runtime_build_fails_the_site_build(tmp_path: Path) -> None:
    root = _project_copy(tmp_path / "project")
    result = build_site(root, tmp_path / "site", env={"HANDBOOK_SKIP_RUNTIME": "0", "HANDBOOK_SEARCH": "false"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "the checkers' Pyodide runtime build failed" in output, output
    assert "node_modules/pyodide is missing: run `make setup` (npm ci)" in output, output
    assert (tmp_path / "site" / "index.html").is_file(), "the pages were built meanwhile"
    assert not (tmp_path / "site" / "assets" / "pyodide").exists()


def test_runtime_thread_hands_back_its_error_and_leaves_no_partial_cache(tmp_path: Path) -> None:
    """A build that fails half-way (here: the checkers cannot be imported under Pyodide) raises from result()
    and leaves nothing in the cache: no runtime, no tmp- directory."""
    from runtime.node_session import NodeError
    from runtime.build import start_runtime

    root = _project_copy(tmp_path / "project")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copy(ROOT / "checkers" / "_catalog.json", root / "checkers" / "_catalog.json")
    web = root / "checkers" / "web.py"
    web.write_text(web.read_text(encoding="utf-8") + '\nraise ImportError("broken on purpose")\n', encoding="utf-8")
    pending = start_runtime(root, tmp_path / "cache")
    with pytest.raises(NodeError, match="broken on purpose"):
        pending.result(timeout=300)
    assert list((tmp_path / "cache").iterdir()) == []
