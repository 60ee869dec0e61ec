"""Tool pages in both engine families, same run: WebKit (WebKitGTK, Safari's family) beside Chromium.

For each engine and each run a new browser session opens the tool page; as soon as the page has loaded, the photo
is chosen (as a candidate who picks a file at once would), and the page's own clock gives two moments measured from
navigation: the checker ready (the client's User Timing mark `checker:ready`) and the first photo verdict
(`data-verdict` on the widget, seen by a MutationObserver). The course page gives its time to ready. WebKit runs
through its WebDriver (tools/webkit.py), Chromium through playwright; both against the same local server.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from bench.browser import launch, median
from bench.verdicts import PHOTO_SPEC, photo_jpeg
from bench.timing import load_text
from tools.serve import serve

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_ENGINE_RUNS", "3"))
PHOTO = '[data-checker="photo"]'
COURSES = '[data-checker="courses"]'
# Installed right after the page's load event: records, on the page's clock, when the first verdict appears.
WATCH = """(selector) => {
  const root = document.querySelector(selector);
  window.__engine = { verdict: null };
  new MutationObserver(() => {
    if (root.dataset.verdict && window.__engine.verdict === null) window.__engine.verdict = performance.now();
  }).observe(root, { attributes: true });
}"""
READY = """(() => { const m = performance.getEntriesByName("checker:ready")[0]; return m ? m.startTime : null; })()"""
SELECT = """const s = document.querySelector(arguments[0]); s.value = arguments[1];
            s.dispatchEvent(new Event("change", {bubbles: true}));"""


def _poll(read: Callable[[], Any], limit_s: float = 120.0) -> Any:
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        value = read()
        if value is not None:
            return value
        time.sleep(0.05)
    raise TimeoutError(f"nothing after {limit_s:.0f} s")


def _webkit_run(base: str, photo: Path) -> dict[str, float]:
    from selenium.webdriver.common.by import By

    from tools.webkit import session

    with session() as driver:
        driver.get(base + "tools/photo/")
        driver.execute_script(f"({WATCH})(arguments[0])", PHOTO)
        driver.execute_script(SELECT, f"{PHOTO} select", PHOTO_SPEC)
        driver.find_element(By.CSS_SELECTOR, f"{PHOTO} input[type=file]").send_keys(str(photo))
        verdict = _poll(lambda: driver.execute_script("return window.__engine.verdict"))
        photo_ready = _poll(lambda: driver.execute_script(f"return {READY}"))
        driver.get(base + "tools/courses/")
        courses_ready = _poll(lambda: driver.execute_script(f"return {READY}"))
    return {"photo_ready": photo_ready, "verdict": verdict, "courses_ready": courses_ready}


def _chromium_run(browser: Any, base: str, photo: Path) -> dict[str, float]:
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(base + "tools/photo/", wait_until="load")
        page.evaluate(WATCH, PHOTO)
        page.select_option(f"{PHOTO} select", PHOTO_SPEC)
        page.set_input_files(f"{PHOTO} input[type=file]", str(photo))
        verdict = _poll(lambda: page.evaluate("window.__engine.verdict"))
        photo_ready = _poll(lambda: page.evaluate(READY))
        page.goto(base + "tools/courses/", wait_until="load")
        courses_ready = _poll(lambda: page.evaluate(READY))
    finally:
        ctx.close()
    return {"photo_ready": photo_ready, "verdict": verdict, "courses_ready": courses_ready}


def _cells(runs: list[dict[str, float]], key: str) -> str:
    values = [r[key] for r in runs]
    return f"{median(values):,.0f} ms (runs: {', '.join(f'{v:,.0f}' for v in values)})"


def run() -> str:
    site = Path(os.environ.get("BENCH_SITE", ROOT / "site"))
    head = ["## Both engines: WebKit beside Chromium", ""]
    if not any(site.glob("assets/checkers/*/client.mjs")):
        return "\n".join([*head, f"Not measured: no built site in `{site}` (run `make build`).", ""])
    from tools import webkit

    if webkit.missing():
        return "\n".join([*head, f"Not measured: WebKit is not installed (apt-get install {' '.join(webkit.missing())}).", ""])
    from playwright.sync_api import sync_playwright

    results: dict[str, list[dict[str, float]]] = {"WebKit": [], "Chromium": []}
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, serve(site) as base, sync_playwright() as pw:
        photo = Path(tmp) / "photo.jpg"
        photo.write_bytes(photo_jpeg())
        browser = launch(pw)
        chromium = browser.version
        for _ in range(RUNS):  # interleaved, so that load on the machine falls on both engines alike
            for name, once in (("WebKit", lambda: _webkit_run(base, photo)),
                               ("Chromium", lambda: _chromium_run(browser, base, photo))):
                try:
                    results[name].append(once())
                except Exception as err:  # noqa: BLE001 - a failed run is reported in the results, not a crash
                    errors.append(f"{name}: {type(err).__name__}: {str(err).splitlines()[0][:160]}")
        browser.close()
    load = os.getloadavg()
    rows = []
    for label, key in (("`/tools/photo/` navigation → checker ready", "photo_ready"),
                       ("`/tools/photo/` navigation → first photo verdict (file chosen once the page has loaded)", "verdict"),
                       ("`/tools/courses/` navigation → checker ready", "courses_ready")):
        cells = [(_cells(results[e], key) if results[e] else "not measured") for e in ("WebKit", "Chromium")]
        rows.append(f"| {label} | {cells[0]} | {cells[1]} |")
    return "\n".join([
        *head,
        f"WebKitGTK {webkit.version() or '?'} (WebKitWebDriver + MiniBrowser under Xvfb) and Chromium {chromium}, "
        f"{RUNS} runs each, interleaved, every run in a new session (so a first visit: WebKitGTK's automation keeps no "
        "Cache Storage between pages, so it never boots from the start-up snapshot); times on the page's own clock "
        f"from navigation start; photo: a 480×640 JPEG, spec `{PHOTO_SPEC}`. Load average after the run: "
        f"{load_text(load)}. For reference: no target is set per engine.",
        "",
        "| measurement | WebKit (median) | Chromium (median) |",
        "|---|---|---|",
        *rows,
        "",
        *([f"Runs that failed: {'; '.join(errors)}.", ""] if errors else []),
    ])


if __name__ == "__main__":
    print(run())
