"""The checkers' browser modules live in a content-hashed folder: pages point at it, a repeat visit asks for none."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tools.serve import Served, serve
from runtime.assets import IMMUTABLE, PinError, pin

ROOT = Path(__file__).resolve().parents[2]
MODULE_REF = re.compile(r"""["'](?:\.\./)*assets/checkers/([^"']+)["']""")


def _fake_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "checkers").mkdir(parents=True)
    for source in (ROOT / "docs" / "assets" / "checkers").glob("*.mjs"):
        (site / "assets" / "checkers" / source.name).write_bytes(source.read_bytes())
    (site / "tools" / "photo").mkdir(parents=True)
    (site / "tools" / "photo" / "index.html").write_text(
        '<script type="module" src="../../assets/checkers/start.mjs"></script>'
        '<link rel="modulepreload" href="../../assets/checkers/runtime.mjs">', encoding="utf-8")
    return site


RUNTIME = {"version": "1", "stdlib": "s.zip", "lockfile": "l.json", "package": "p", "wheel": "w.whl",
           "bytes": {}, "site_path": "assets/pyodide/1-abc/"}


def test_pin_moves_the_modules_and_rewrites_the_pages(tmp_path: Path) -> None:
    site = _fake_site(tmp_path)
    key = pin(site, RUNTIME)
    assert key and re.fullmatch(r"[0-9a-f]{10}", key)
    folder = site / "assets" / "checkers"
    assert sorted(p.name for p in folder.iterdir()) == [key]  # nothing left unpinned
    runtime = (folder / key / "runtime.mjs").read_text(encoding="utf-8")
    assert '"dir": "../../../assets/pyodide/1-abc/"' in runtime
    html = (site / "tools" / "photo" / "index.html").read_text(encoding="utf-8")
    assert MODULE_REF.findall(html) == [f"{key}/start.mjs", f"{key}/runtime.mjs"]
    assert IMMUTABLE.match(f"/assets/checkers/{key}/worker.mjs") and IMMUTABLE.match("/assets/pyodide/1-abc/x.wasm")
    assert IMMUTABLE.match("/assets/javascripts/bundle.a5f9d56c.min.js")
    assert IMMUTABLE.match("/assets/javascripts/workers/search.a7633da7.min.js")
    assert IMMUTABLE.match("/assets/stylesheets/main.57a0d79d.min.css")
    for path in ("/assets/checkers/worker.mjs", "/tools/photo/", "/assets/handbook.css", "/search/search_index.json",
                 "/assets/javascripts/lunr/min/lunr.zh.min.js", "/assets/javascripts/bundle.a5f9d56c.min.js.map"):
        assert not IMMUTABLE.match(path), path


def test_any_change_gives_a_new_folder(tmp_path: Path) -> None:
    first = pin(_fake_site(tmp_path / "a"), RUNTIME)
    assert pin(_fake_site(tmp_path / "b"), RUNTIME) == first
    assert pin(_fake_site(tmp_path / "c"), {**RUNTIME, "site_path": "assets/pyodide/1-def/"}) != first
    site = _fake_site(tmp_path / "d")
    (site / "assets" / "checkers" / "ui.mjs").write_text("// changed\n", encoding="utf-8")
    assert pin(site, RUNTIME) != first


def test_a_page_that_names_a_missing_module_fails_the_build(tmp_path: Path) -> None:
    site = _fake_site(tmp_path)
    (site / "index.html").write_text('<script type="module" src="assets/checkers/nowhere.mjs"></script>',
                                     encoding="utf-8")
    with pytest.raises(PinError, match="nowhere.mjs"):
        pin(site, RUNTIME)


RUNTIME_FILES = ('<meta name="checker-runtime-file" content="../../assets/pyodide/__RUNTIME__/pyodide.asm.wasm">\n'
                 '<meta name="checker-runtime-file" content="../../assets/pyodide/__RUNTIME__/__stdlib__">\n'
                 '<meta name="checker-runtime-file" content="../../assets/pyodide/__RUNTIME__/__wheel__">\n')
RUNTIME_FILE = re.compile(r'<meta name="checker-runtime-file" content="([^"]+)">')


def _pinned_tool_page(tmp_path: Path, runtime: dict[str, object] | None) -> str:
    """A tool page that names the runtime's files (as overrides/tool.html does), after pin()."""
    site = _fake_site(tmp_path)
    page = site / "tools" / "photo" / "index.html"
    page.write_text(RUNTIME_FILES + page.read_text(encoding="utf-8"), encoding="utf-8")
    pin(site, runtime)
    return page.read_text(encoding="utf-8")


def test_pin_names_the_builds_runtime_files_for_the_tool_pages_preload(tmp_path: Path) -> None:
    html = _pinned_tool_page(tmp_path, RUNTIME)
    assert RUNTIME_FILE.findall(html) == ["../../assets/pyodide/1-abc/pyodide.asm.wasm",
                                          "../../assets/pyodide/1-abc/s.zip", "../../assets/pyodide/1-abc/w.whl"]
    assert "__" not in html


def test_a_build_without_the_runtime_names_no_runtime_file(tmp_path: Path) -> None:
    html = _pinned_tool_page(tmp_path, None)
    assert "checker-runtime-file" not in html and "__RUNTIME__" not in html


def test_built_tool_pages_name_runtime_files_that_exist_and_guides_name_none(site: Path) -> None:
    for tool in ("photo", "courses"):
        page = site / "tools" / tool / "index.html"
        files = RUNTIME_FILE.findall(page.read_text(encoding="utf-8"))
        assert [f.rsplit("/", 1)[-1].rsplit(".", 1)[-1] for f in files] == ["wasm", "zip", "json", "whl"], files
        for name in files:
            assert (page.parent / name).resolve().is_file(), name
    guide = (site / "provinces" / "jiangsu" / "graduation" / "index.html").read_text(encoding="utf-8")
    assert "checker-runtime-file" not in guide and "assets/pyodide/" not in guide


@pytest.mark.browser
@pytest.mark.slow
def test_built_pages_use_pinned_modules_and_a_repeat_visit_asks_for_none(site: Path, browser) -> None:
    pinned = [p for p in (site / "assets" / "checkers").iterdir()]
    assert len(pinned) == 1 and pinned[0].is_dir() and (pinned[0] / "runtime.mjs").is_file()
    for page in ("tools/photo/", "provinces/yunnan/graduation/"):
        refs = MODULE_REF.findall((site / page / "index.html").read_text(encoding="utf-8"))
        assert refs and all(r.startswith(pinned[0].name + "/") and (site / "assets" / "checkers" / r).is_file()
                            for r in refs), refs
    record: list[Served] = []
    with serve(site, record=record) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(base + "tools/photo/")
            page.wait_for_selector('[data-checker="photo"][data-state="ready"]', state="attached", timeout=90_000)
            page.close()
            time.sleep(0.5)
            del record[:]
            page = context.new_page()
            page.goto(base + "tools/photo/")
            page.wait_for_selector('[data-checker="photo"][data-state="ready"]', state="attached", timeout=90_000)
            asked = [s.path for s in record if s.path.startswith(("/assets/checkers/", "/assets/pyodide/"))]
            assert asked == [], f"a repeat visit should take the checker's files from the browser cache: {asked}"
            assert any(s.path == "/tools/photo/" for s in record)
        finally:
            context.close()
