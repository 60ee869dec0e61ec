"""runtime/site.py: a pages-only build still gets its CSP filled in and its modules pinned; a broken page fails
the install with a message for the build log."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runtime import csp
from runtime.site import InstallError, SiteRuntime
from tests.conftest import ROOT


def _site(tmp_path: Path, module: str = "start.mjs") -> Path:
    site = tmp_path / "site"
    (site / "assets" / "checkers").mkdir(parents=True)
    (site / "assets" / "checkers" / "start.mjs").write_text("export {};\n", encoding="utf-8")
    (site / "tools" / "photo").mkdir(parents=True)
    (site / "tools" / "photo" / "index.html").write_text(
        f'<meta http-equiv="Content-Security-Policy" content="{csp.PLACEHOLDER}"><script>go()</script>'
        f'<script type="module" src="../../assets/checkers/{module}"></script>', encoding="utf-8")
    return site


def test_pages_only_install_fills_the_policy_and_pins(tmp_path: Path) -> None:
    site = _site(tmp_path)
    runtime = SiteRuntime(ROOT, with_runtime=False, cache=tmp_path / "cache")
    runtime.start()  # nothing to start: no thread, no cache
    assert runtime.install(site) is None
    html = (site / "tools" / "photo" / "index.html").read_text(encoding="utf-8")
    assert csp.PLACEHOLDER not in html and "'sha256-" in html
    assert re.search(r'src="\.\./\.\./assets/checkers/[0-9a-f]{10}/start\.mjs"', html)
    assert not (tmp_path / "cache").exists() and not (site / "assets" / "pyodide").exists()


def test_a_page_naming_a_missing_module_fails_the_install(tmp_path: Path) -> None:
    with pytest.raises(InstallError, match="页面引用了不存在的检查工具脚本.*tools/photo/index.html: nowhere.mjs"):
        SiteRuntime(ROOT, with_runtime=False).install(_site(tmp_path, "nowhere.mjs"))
