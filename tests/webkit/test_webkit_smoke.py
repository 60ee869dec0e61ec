"""Smoke set in WebKit (WebKitGTK, Safari's engine family): the pages and both checkers work as in Chromium.

Each failure message starts with "WebKit:" so a red run names the engine. The server records every request, so
"no Pyodide byte" is checked on what the browser really asked for, not on what a page claims.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from web_inputs import cli_json, photo_set, statuses

pytestmark = [pytest.mark.webkit, pytest.mark.slow]

PHOTO = '[data-checker="photo"]'
COURSES = '[data-checker="courses"]'
ROOT = Path(__file__).resolve().parents[2]


def _wait(driver: Any, what: str, script: str, timeout: float = 90.0) -> Any:
    """Poll ``script`` (a JS expression) until it is truthy; fail naming the engine and what was awaited."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = driver.execute_script(f"return {script}")
        if value:
            return value
        time.sleep(0.1)
    state = driver.execute_script("const w = document.querySelector('[data-state]'); "
                                  "return w ? w.dataset.state + ' ' + (w.textContent || '').slice(0, 300) : 'no widget'")
    pytest.fail(f"WebKit: timed out after {timeout:.0f} s waiting for {what} (widget: {state})")


def _attr(driver: Any, selector: str, name: str) -> str | None:
    return driver.execute_script("const e = document.querySelector(arguments[0]); "
                                 "return e ? e.getAttribute(arguments[1]) : null", selector, name)


def _ready(driver: Any, root: str) -> None:
    _wait(driver, f"{root} ready", f"document.querySelector('{root}[data-state=\"ready\"]')")


def _boot(driver: Any) -> str:
    """How the ready checker booted: "fresh" or "snapshot" (set right after data-state="ready")."""
    return _wait(driver, "data-boot", f"document.querySelector('{PHOTO}[data-boot]') && "
                 f"document.querySelector('{PHOTO}').dataset.boot", timeout=10)


def _select(driver: Any, selector: str, value: str) -> None:
    driver.execute_script("const s = document.querySelector(arguments[0]); s.value = arguments[1]; "
                          "s.dispatchEvent(new Event('change', {bubbles: true}));", selector, value)


def _photo_rows(driver: Any) -> list[tuple[str, str]]:
    return [tuple(r) for r in driver.execute_script(
        f"return [...document.querySelectorAll('{PHOTO} [data-check-id]')]"
        ".map(r => [r.getAttribute('data-check-id'), r.getAttribute('data-status')])")]


def _choose_photo(driver: Any, path: Path, spec: str) -> tuple[str, list[tuple[str, str]]]:
    from selenium.webdriver.common.by import By

    _select(driver, f"{PHOTO} select", spec)
    driver.execute_script(f"delete document.querySelector('{PHOTO}').dataset.verdict")
    driver.find_element(By.CSS_SELECTOR, f"{PHOTO} input[type=file]").send_keys(str(path))
    _wait(driver, f"a photo verdict for {path.name}", f"document.querySelector('{PHOTO}[data-verdict]')")
    return _attr(driver, PHOTO, "data-verdict") or "", _photo_rows(driver)


def _pyodide_requests(log: list[Any]) -> list[str]:
    return [r.path for r in log if "/assets/pyodide/" in r.path or r.path.endswith("worker.mjs")]


@pytest.fixture(scope="module")
def smoke_photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("webkit-photos")
    chosen = ("good.jpg", "white-bg.jpg", "head-too-high.jpg", "small-low-quality.jpg", "rotated.jpg", "truncated.jpg")
    every = photo_set()
    out = {}
    for name in chosen:
        (folder / name).write_bytes(every[name])
        out[name] = folder / name
    return out


def test_guide_page_loads_no_pyodide_byte(webkit: Callable[..., Any], served: tuple[str, list[Any]]) -> None:
    url, log = served
    with webkit(width=390) as driver:
        log.clear()
        driver.get(url + "provinces/yunnan/graduation/")
        _wait(driver, "the guide page to load", "document.readyState === 'complete'")
        driver.execute_script("window.scrollTo(0, document.body.scrollHeight / 3)")
        time.sleep(2.0)
        assert _pyodide_requests(log) == [], f"WebKit: a guide page fetched the runtime by itself: {_pyodide_requests(log)}"
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"WebKit: the guide scrolls sideways by {overflow}px at 390px"


def test_photo_verdicts_equal_the_cli(webkit: Callable[..., Any], served: tuple[str, list[Any]],
                                      smoke_photos: dict[str, Path], artifacts: Path) -> None:
    url, log = served
    with webkit() as driver:
        driver.get(url + "tools/photo/")
        _ready(driver, PHOTO)
        seen = set()
        for name, path in smoke_photos.items():
            verdict, rows = _choose_photo(driver, path, "national/graduation")
            want = cli_json(path, "national/graduation")
            assert rows == statuses(want), f"WebKit: {name}: rows differ from the CLI's"
            assert verdict == ("ok" if want["ok"] else "fail"), f"WebKit: {name}: verdict {verdict}"
            seen.add(verdict)
        assert seen == {"ok", "fail"}, "WebKit: the set must give both verdicts"
        driver.save_screenshot(str(artifacts / "webkit-tool-photo.png"))
        foreign = [r.path for r in log if r.method != "GET"]
        assert foreign == [], f"WebKit: the photo page sent {foreign}"


def test_course_verdict_equals_the_cli(webkit: Callable[..., Any], served: tuple[str, list[Any]],
                                       tmp_path: Path) -> None:
    import io

    from checkers.courses.cli import main

    catalog = json.loads((ROOT / "checkers" / "_catalog.json").read_text("utf-8"))
    plan_id = sorted(catalog["plans"])[0]
    plan = catalog["plans"][plan_id]
    text = "\n".join(f"{c['code']}\t{c['name']}\t70\t2024-10" for c in plan["courses"][::2])
    src = tmp_path / "paste.txt"
    src.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["courses", str(src), "--plan", plan_id, "--json"], out=out, err=err) in (0, 1), err.getvalue()
    want = json.loads(out.getvalue())
    url, _ = served
    with webkit() as driver:
        driver.get(url + "tools/courses/")
        _ready(driver, COURSES)
        _select(driver, f"{COURSES} select", plan_id)
        driver.execute_script("const t = document.querySelector(arguments[0]); t.value = arguments[1]; "
                              "t.dispatchEvent(new Event('input', {bubbles: true}));", f"{COURSES} .checker__paste", text)
        driver.execute_script(f"document.querySelector('{COURSES} .checker__run').click()")
        _wait(driver, "a course verdict", f"document.querySelector('{COURSES}[data-verdict]')")
        rows = [tuple(r) for r in driver.execute_script(
            f"return [...document.querySelectorAll('{COURSES} [data-course-code]')]"
            ".map(r => [r.getAttribute('data-course-code'), r.getAttribute('data-status')])")]
        assert _attr(driver, COURSES, "data-verdict") == ("ok" if want["eligible"] else "fail"), "WebKit: course verdict"
        assert rows == [(c["code"], c["status"]) for c in want["courses"]], "WebKit: course rows differ from the CLI's"


STORED = """
    const done = arguments[arguments.length - 1];
    (async () => {
      for (let i = 0; i < 600; i++) {
        let n = 0;
        for (const name of await caches.keys()) n += (await (await caches.open(name)).keys()).length;
        if (n) return n;
        await new Promise((r) => setTimeout(r, 100));
      }
      return 0;
    })().then(done, (e) => done(String(e)));
"""


def test_tool_page_works_without_a_stored_snapshot(webkit: Callable[..., Any], served: tuple[str, list[Any]],
                                                  smoke_photos: dict[str, Path]) -> None:
    """A new profile has no start-up snapshot: the page boots fresh, stores one, and the next visit still works.

    WebKitGTK's automation sessions keep Cache Storage only until the next navigation (checked: an entry put from a
    page is gone after reloading it), so here every visit is a visit without a usable snapshot, the fallback path
    a Safari private window or a full disk also takes. The snapshot restore itself is tested in Chromium.
    """
    url, _ = served
    want = statuses(cli_json(smoke_photos["good.jpg"], "national/graduation"))
    with webkit() as driver:
        driver.set_script_timeout(90)
        for visit in (1, 2):
            driver.get(url + "tools/photo/")
            _ready(driver, PHOTO)
            boot = _boot(driver)
            assert boot in ("fresh", "snapshot"), f"WebKit: visit {visit} booted as {boot!r}"
            assert driver.execute_script("return typeof caches !== 'undefined'"), "WebKit: no Cache API on loopback"
            if visit == 1:
                assert driver.execute_async_script(STORED), "WebKit: the first visit stored no start-up snapshot"
            verdict, rows = _choose_photo(driver, smoke_photos["good.jpg"], "national/graduation")
            assert rows == want, f"WebKit: visit {visit} ({boot}) differs from the CLI"


def _fix(driver: Any, what: str) -> str:
    driver.execute_script(f"delete document.querySelector('{PHOTO}').dataset.fixedVerdict")
    _wait(driver, "the 生成合格照片 button", "(() => { const b = document.querySelector('[data-action=\"fix\"]'); "
          "return b && b.offsetParent !== null && !b.disabled; })()", timeout=20)
    driver.execute_script("document.querySelector('[data-action=\"fix\"]').click()")
    _wait(driver, f"the fixed photo ({what})", f"document.querySelector('{PHOTO}[data-fixed-verdict]')")
    return _attr(driver, PHOTO, "data-fixed-verdict") or ""


def _data_url_file(url: str, path: Path) -> Path:
    import base64

    head, _, body = url.partition(",")
    assert head == "data:image/jpeg;base64", f"WebKit: the fixed photo is offered as {head[:40]!r}"
    path.write_bytes(base64.b64decode(body))
    return path


def test_photo_fix_gives_a_file_that_passes_and_a_long_press_fallback(
        webkit: Callable[..., Any], served: tuple[str, list[Any]], tmp_path: Path, artifacts: Path) -> None:
    """生成合格照片 on a phone photo (EXIF rotation, GPS): the file passes the checker; where downloads cannot happen
    (simulated through the page's feature hook, never the user agent) the photo is shown to long-press instead."""
    from tests.photo import fixset
    from tests.photo.realset import GRACE, LIGHT_BLUE

    phone = tmp_path / "IMG_0417.JPG"
    phone.write_bytes(fixset.phone(fixset.scene(GRACE, LIGHT_BLUE), orientation=6))
    url, log = served
    with webkit(width=390) as driver:
        driver.get(url + "tools/photo/")
        _ready(driver, PHOTO)
        _choose_photo(driver, phone, "national/graduation")
        log.clear()
        assert _fix(driver, "download") == "ok", "WebKit: the fix of a phone photo did not pass"
        assert [r.path for r in log] == [], f"WebKit: the fix made requests: {[r.path for r in log]}"
        href = _attr(driver, "a[download][data-fixed]", "href")
        assert href, "WebKit: no download link for the fixed photo"
        fixed = _data_url_file(href, tmp_path / "fixed.jpg")
        assert cli_json(fixed, "national/graduation")["ok"], "WebKit: the fixed photo fails the CLI checker"
        driver.execute_script("globalThis.checkerFeatures = { download: false };")
        assert _fix(driver, "long-press") == "ok"
        assert driver.execute_script("return document.querySelectorAll('a[download]').length") == 0, \
            "WebKit: a download link was offered where downloads are unavailable"
        src = _attr(driver, "img[data-fixed-save]", "src")
        assert src and driver.execute_script(
            "const i = document.querySelector('img[data-fixed-save]'); return i.complete && i.naturalWidth === 480"), \
            "WebKit: the long-press image is not shown"
        assert cli_json(_data_url_file(src, tmp_path / "saved.jpg"), "national/graduation")["ok"]
        hint = driver.execute_script("return document.querySelector('[data-fallback=\"long-press\"]').textContent")
        assert "长按" in hint, "WebKit: no long-press hint"
        driver.save_screenshot(str(artifacts / "webkit-tool-photo-fix.png"))
