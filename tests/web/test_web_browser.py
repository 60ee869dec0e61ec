"""The checkers on the built site in a real Chromium: same verdicts as the CLI, nothing leaves the origin."""

from __future__ import annotations

import io
import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from web_inputs import Held, bomb, cli_json, photo_set, statuses

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHOTO = '[data-checker="photo"]'
COURSES = '[data-checker="courses"]'
PAYLOADS = ('<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=2</script>",
            '"><svg onload="window.__pwned=3">')
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


class Visit:
    """One page with everything it asked for and everything it complained about recorded."""

    def __init__(self, browser: Any, url: str, width: int = 1280, block: str | None = None, route: Any = None):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.requests: list[Any] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.add_init_script(WATCH)
        if block:
            self.page.route(block, lambda r: r.abort())
        if route:
            self.page.route(*route)
        self.page.goto(url)

    def wait(self, selector: str, timeout: float = 60_000) -> None:
        self.page.wait_for_selector(selector, state="attached", timeout=timeout)

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__csp")

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(browser, base_url: str):
    opened: list[Visit] = []

    def open_(path: str, **kwargs: Any) -> Visit:
        opened.append(Visit(browser, base_url + path, **kwargs))
        return opened[-1]

    yield open_
    for v in opened:
        v.close()


def _static_same_origin(requests: list[Any], base_url: str) -> list[str]:
    """Requests that are not same-origin GETs of static files (a path with a file extension or a page /)."""
    bad = []
    for r in requests:
        parts = urllib.parse.urlsplit(r.url)
        static = parts.path.endswith("/") or "." in parts.path.rsplit("/", 1)[-1]
        if not r.url.startswith(base_url) or r.method != "GET" or parts.query or not static:
            bad.append(f"{r.method} {r.url}")
    return bad


def _photo_statuses(v: Visit) -> tuple[str, list[tuple[str, str]]]:
    rows = v.page.query_selector_all(f"{PHOTO} [data-check-id]")
    return (v.page.get_attribute(PHOTO, "data-verdict"),
            [(r.get_attribute("data-check-id"), r.get_attribute("data-status")) for r in rows])


def _choose(v: Visit, files: Any, spec: str | None = None) -> None:
    if spec is not None and v.page.input_value(f"{PHOTO} select") != spec:
        v.page.select_option(f"{PHOTO} select", spec)
    v.page.set_input_files(f"{PHOTO} input[type=file]", files)
    v.wait(f"{PHOTO}[data-verdict]")


def _ready_and_quiet(v: Visit, root: str) -> None:
    """Wait for the checker; a tool page fetches nothing more by itself after that (the theme's search waits for the
    reader to go for it)."""
    v.wait(f'{root}[data-state="ready"]')
    v.page.wait_for_timeout(300)
    assert not _search_requested(v), "a tool page's search must wait for the reader"
    assert v.page.is_hidden(f"{PHOTO} canvas")  # nothing was decoded, so there is nothing to preview


def test_photo_verdicts_equal_the_cli_and_choosing_a_photo_requests_nothing(visit, base_url, photos, artifacts) -> None:
    v = visit("tools/photo/")
    _ready_and_quiet(v, PHOTO)
    before = len(v.requests)
    compared = 0
    for spec in ("national/graduation", "guangxi/graduation"):
        for name, path in photos.items():
            _choose(v, str(path), spec)
            verdict, got = _photo_statuses(v)
            want = cli_json(path, spec)
            assert got == statuses(want), f"{name} against {spec}"
            assert verdict == ("ok" if want["ok"] else "fail"), name
            compared += 1
    assert compared == 2 * len(photos)
    assert {"ok", "fail"} <= {("ok" if cli_json(p, "national/graduation")["ok"] else "fail") for p in photos.values()}
    assert v.requests[before:] == [], "choosing a photo must not cause any request"
    assert _static_same_origin(v.requests, base_url) == []
    assert any("/assets/pyodide/" in r.url and r.url.endswith(".wasm") for r in v.requests)
    assert v.csp_violations() == []
    assert v.errors == []


def test_photo_widget_shows_preview_guides_and_fixes(visit, photos, artifacts) -> None:
    for width in (1280, 360):
        v = visit("tools/photo/", width=width)
        v.wait(f'{PHOTO}[data-state="ready"]')
        _choose(v, str(photos["head-too-high.jpg"]), "national/graduation")
        assert v.page.is_visible(f"{PHOTO} canvas")
        size = v.page.evaluate(f"[document.querySelector('{PHOTO} canvas').width, document.querySelector('{PHOTO} canvas').height]")
        assert size == [480, 640]
        assert "品红线：头顶最高处" in v.page.inner_text(f"{PHOTO} figcaption")
        # The head-top guide lines are drawn where Python put them (50 and 110 px in a 640-px-high photo).
        magenta = v.page.evaluate(f"""() => {{
            const c = document.querySelector('{PHOTO} canvas').getContext('2d');
            const row = (y) => {{ const d = c.getImageData(0, y, 480, 1).data; let n = 0;
                for (let i = 0; i < d.length; i += 4) if (d[i] > 150 && d[i + 1] < 90 && d[i + 2] > 60) n++; return n; }};
            return [row(50), row(110), row(300)]; }}""")
        assert magenta[0] > 100 and magenta[1] > 100 and magenta[2] == 0, magenta
        framing = v.page.locator(f'{PHOTO} [data-check-id="framing"]')
        assert framing.get_attribute("data-status") == "fail" and "头顶" in framing.inner_text()
        assert "不合格" in v.page.inner_text(f"{PHOTO} .checker__verdict")
        v.page.screenshot(path=str(artifacts / f"tool-photo-{width}.png"), full_page=True)
        overflow = v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"horizontal scrolling of {overflow}px at {width}px"


def test_pixel_budget_refuses_a_bomb_in_the_browser(visit, tmp_path: Path) -> None:
    path = tmp_path / "bomb.jpg"
    path.write_bytes(bomb(60000, 60000))
    v = visit("tools/photo/")
    v.wait(f'{PHOTO}[data-state="ready"]')
    _choose(v, str(path), "national/graduation")
    want = {c["id"]: c for c in cli_json(path, "national/graduation")["checks"]}
    for check in ("background", "framing"):
        row = v.page.locator(f'{PHOTO} [data-check-id="{check}"]')
        assert row.get_attribute("data-status") == "skip"
        assert "百万像素" in row.inner_text() and want[check]["message"] in row.inner_text()
    assert v.page.is_hidden(f"{PHOTO} canvas")  # nothing was decoded, so there is nothing to preview


def test_a_photo_chosen_before_a_spec_asks_for_the_spec_until_one_is_chosen(visit) -> None:
    good = photo_set()["good.jpg"]
    v = visit("tools/photo/")
    v.page.set_input_files(f"{PHOTO} input[type=file]", {"name": "a.jpg", "mimeType": "image/jpeg", "buffer": good})
    v.page.wait_for_function("() => performance.getEntriesByName('checker:ready').length > 0", timeout=60000)
    v.page.wait_for_timeout(300)  # the runtime's own "ready" news must not replace the request for a spec
    assert "请先选择照片规格" in v.page.inner_text(PHOTO)
    assert v.page.get_attribute(PHOTO, "data-verdict") is None
    v.page.select_option(f"{PHOTO} select", "national/graduation")
    v.wait(f"{PHOTO}[data-verdict]")
    assert v.errors == []


def test_file_names_are_shown_as_text(visit) -> None:
    good = photo_set()["good.jpg"]
    v = visit("tools/photo/")
    v.wait(f'{PHOTO}[data-state="ready"]')
    for payload in PAYLOADS:
        name = f"12345678{payload}.jpg"
        _choose(v, {"name": name, "mimeType": "image/jpeg", "buffer": good}, "guangxi/graduation")
        assert v.page.inner_text(f"{PHOTO} .checker__filename").endswith(name)
        # The filename check reads the last path segment (after any "/"), as the CLI does.
        assert name.rsplit("/", 1)[-1] in v.page.inner_text(f'{PHOTO} [data-check-id="filename"]')
    assert v.page.evaluate("window.__pwned") is None
    assert v.page.locator(f"{PHOTO} img, {PHOTO} svg, {PHOTO} script").count() == 0
    assert v.errors == []


def _paste(plan: dict[str, Any], share: int = 1) -> str:
    rows = [f"{c['code']}\t{c['name']}\t70\t2024-10" for c in plan["courses"][::share]]
    if plan.get("thesis") and share == 1:
        rows.append(f"{plan['thesis']['code']}\t{plan['thesis']['name']}\t合格")
    return "\n".join(rows)


def _cli_courses(text: str, plan_id: str, prior: bool, tmp_path: Path) -> dict[str, Any]:
    from checkers.courses.cli import main

    src = tmp_path / "paste.txt"
    src.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["courses", str(src), "--plan", plan_id, "--json"] + (["--prior-diploma"] if prior else []),
                out=out, err=err)
    assert code in (0, 1), err.getvalue()
    return json.loads(out.getvalue())


def _run_courses(v: Visit, plan_id: str, text: str, prior: bool) -> tuple[str, list[tuple[str, str]]]:
    page = v.page
    page.select_option(f"{COURSES} select", plan_id)
    page.fill(f"{COURSES} .checker__paste", text)
    if page.is_visible(f"{COURSES} .checker__prior"):
        page.set_checked(f"{COURSES} .checker__prior", prior)
    page.evaluate(f"delete document.querySelector('{COURSES}').dataset.verdict")
    page.click(f"{COURSES} .checker__run")
    v.wait(f"{COURSES}[data-verdict]")
    rows = page.query_selector_all(f"{COURSES} [data-course-code]")
    return (page.get_attribute(COURSES, "data-verdict"),
            [(r.get_attribute("data-course-code"), r.get_attribute("data-status")) for r in rows])


def test_course_verdicts_equal_the_cli(visit, base_url, tmp_path: Path, artifacts) -> None:
    catalog = json.loads((Path(__file__).resolve().parents[2] / "checkers" / "_catalog.json").read_text("utf-8"))
    plans = catalog["plans"]
    if not plans:
        pytest.fail("no course plans in data/: the course checker cannot be tested")
    plan_id = sorted(plans)[0]
    cases = [(_paste(plans[plan_id]), True), (_paste(plans[plan_id]), False), (_paste(plans[plan_id], 2), True)]
    for width in (1280, 360):
        v = visit("tools/courses/", width=width)
        _ready_and_quiet(v, COURSES)
        before = len(v.requests)
        verdicts = set()
        for text, prior in cases:
            verdict, rows = _run_courses(v, plan_id, text, prior)
            want = _cli_courses(text, plan_id, prior, tmp_path)
            assert verdict == ("ok" if want["eligible"] else "fail")
            assert rows == [(c["code"], c["status"]) for c in want["courses"]]
            verdicts.add(verdict)
        assert verdicts == {"ok", "fail"}, "the cases must include an eligible and a non-eligible paste"
        assert v.requests[before:] == []
        v.page.screenshot(path=str(artifacts / f"tool-courses-{width}.png"), full_page=True)
        overflow = v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"horizontal scrolling of {overflow}px at {width}px"
        assert _static_same_origin(v.requests, base_url) == []
        assert v.csp_violations() == [] and v.errors == []


def test_pasted_text_is_shown_as_text(visit) -> None:
    catalog = json.loads((Path(__file__).resolve().parents[2] / "checkers" / "_catalog.json").read_text("utf-8"))
    plan_id = sorted(catalog["plans"])[0]
    v = visit("tools/courses/")
    v.wait(f'{COURSES}[data-state="ready"]')
    text = "\n".join(f"{code}\t{payload}\t70" for code, payload in zip(("00001", "00002", "00003"), PAYLOADS))
    text += "\n" + "\n".join(PAYLOADS)
    _run_courses(v, plan_id, text, False)
    _run_courses(v, plan_id, PAYLOADS[0], False)  # no course code at all: the error message path
    assert v.page.evaluate("window.__pwned") is None
    assert v.page.locator(f"{COURSES} img, {COURSES} svg, {COURSES} script").count() == 0
    assert v.errors == []


def test_guide_page_loads_no_pyodide_until_the_reader_reaches_for_the_widget(visit, photos, artifacts) -> None:
    v = visit("provinces/yunnan/graduation/", width=360)
    v.page.wait_for_load_state("networkidle")
    v.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    v.page.wait_for_timeout(1500)
    loaded = [r.url for r in v.requests if "/assets/pyodide/" in r.url or r.url.endswith("worker.mjs")]
    assert loaded == [], "a guide page must not load the checker runtime by itself"
    v.page.locator("details[data-checker-embed=photo] > summary").click()
    v.wait(f'{PHOTO}[data-state="ready"]')
    assert any(r.url.endswith(".wasm") for r in v.requests)
    assert v.page.input_value(f"{PHOTO} select") == "yunnan/graduation"
    v.page.set_input_files(f"{PHOTO} input[type=file]", str(photos["good.jpg"]))
    v.wait(f"{PHOTO}[data-verdict]")
    v.page.locator("details[data-checker-embed=photo]").screenshot(path=str(artifacts / "guide-photo-widget-360.png"))
    overflow = v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_choosing_a_file_in_a_folded_guide_widget_starts_the_runtime(visit, photos) -> None:
    v = visit("provinces/jiangsu/registration/")
    v.page.wait_for_load_state("networkidle")
    assert not [r for r in v.requests if "/assets/pyodide/" in r.url]
    v.page.set_input_files(f"{PHOTO} input[type=file]", str(photos["good.jpg"]))  # works on a folded <details>
    v.wait(f"{PHOTO}[data-verdict]")
    assert any(r.url.endswith(".wasm") for r in v.requests)


def test_runtime_that_cannot_load_shows_a_clear_error(visit) -> None:
    v = visit("tools/photo/", block="**/assets/pyodide/**")
    v.wait(f'{PHOTO}[data-state="error"]')
    message = v.page.locator(f"{PHOTO} .checker__message")
    assert message.is_visible() and "没能加载" in message.inner_text()


def test_a_wheel_that_differs_from_its_lockfile_hash_is_refused(visit, site: Path, tmp_path: Path) -> None:
    """A valid wheel with different bytes: the browser's integrity check must stop it from being installed."""
    from runtime.wheel import build_wheel, read_zip

    wheel = next((site / "assets" / "pyodide").glob("*/*.whl"))
    entries = [(n, d) for n, d in read_zip(wheel) if ".dist-info/" not in n] + [("checkers/extra.txt", b"x")]
    other = build_wheel(entries, tmp_path).read_bytes()
    route = ("**/*.whl", lambda r: r.fulfill(status=200, body=other, content_type="application/zip"))
    v = visit("tools/photo/", route=route)
    v.wait(f'{PHOTO}[data-state="error"]')


def test_tool_pages_carry_a_strict_csp_that_blocks_inline_script(visit, site: Path) -> None:
    for path in ("tools/photo/", "tools/courses/"):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert "__HANDBOOK_CSP__" not in html
        assert "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-" in html
        v = visit(path)
        v.page.wait_for_load_state("networkidle")
        injected = v.page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__inline = 1'; document.head.append(s); return window.__inline; }""")
        assert injected is None
        assert any(x.startswith("script-src") for x in v.csp_violations())


def test_a_dropped_photo_is_checked(visit, photos) -> None:
    """Drag-and-drop hands the file to the same check as the picker (a DataTransfer made in the page)."""
    data = list(photos["red-bg.jpg"].read_bytes())
    v = visit("tools/photo/", width=360)
    v.wait(f'{PHOTO}[data-state="ready"]')
    v.page.select_option(f"{PHOTO} select", "national/graduation")
    v.page.evaluate("""(bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], "red-bg.jpg", { type: "image/jpeg" }));
        const zone = document.querySelector('[data-checker="photo"] .checker__drop');
        zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }""", data)
    v.wait(f"{PHOTO}[data-verdict]")
    verdict, got = _photo_statuses(v)
    assert (verdict, got) == ("fail", statuses(cli_json(photos["red-bg.jpg"], "national/graduation")))
    assert v.page.inner_text(f"{PHOTO} .checker__filename").endswith("red-bg.jpg")


def test_progress_is_shown_while_the_runtime_loads(visit, artifacts) -> None:
    """The download is held back by the test so the loading state can be seen and photographed."""
    held = Held()
    v = visit("tools/photo/", width=360, route=("**/*.wasm", held))
    v.wait(f'{PHOTO}[data-state="loading"]')
    v.page.wait_for_timeout(300)
    assert v.page.is_visible(f"{PHOTO} progress")
    assert "正在下载检查程序" in v.page.inner_text(f"{PHOTO} .checker__message")
    v.page.locator(PHOTO).screenshot(path=str(artifacts / "tool-photo-loading-360.png"))
    assert held, "the runtime download starts on its own as soon as the tool page's start script runs"
    held.release()
    v.wait(f'{PHOTO}[data-state="ready"]')
    assert v.page.is_hidden(f"{PHOTO} progress")


def _search_worker_requested(v: Visit) -> bool:
    return any("/assets/javascripts/workers/search." in r.url for r in v.requests)


def _search_requested(v: Visit) -> bool:
    """The theme's search worker or its index."""
    return _search_worker_requested(v) or any("/search/search_index.json" in r.url for r in v.requests)


def _search(v: Visit, query: str) -> list[str]:
    box = v.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    box.press("End")  # the theme searches on key events; typed CJK text arrives as input events only
    v.page.wait_for_selector(".md-search-result__item", timeout=20_000)
    return v.page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")


def test_tool_page_search_starts_when_the_reader_goes_for_it_even_while_the_checker_loads(visit) -> None:
    """The theme's search index is built in a worker; on a tool page neither waits for the checker (its runtime
    is held back here): they start at once when the reader goes for the search box."""
    held = Held()
    v = visit("tools/photo/", route=("**/*.wasm", held))
    v.wait(f'{PHOTO}[data-state="loading"]')
    v.page.wait_for_load_state("load")
    v.page.wait_for_timeout(1500)
    assert held and not _search_worker_requested(v), "the search worker must wait while the checker loads"
    links = _search(v, "准考证号")
    assert any("national/zhunkaozheng/" in link for link in links), links[:10]
    assert v.page.get_attribute(PHOTO, "data-state") == "loading"
    held.release()
    v.wait(f'{PHOTO}[data-state="ready"]')


def test_tool_page_search_starts_only_when_the_reader_goes_for_it(visit) -> None:
    """Neither the theme's search index (about 230 KB) nor its worker is fetched by a tool page on its own, even
    long after the checker is ready; the first search fetches both and finds pages."""
    v = visit("tools/courses/")
    v.wait(f'{COURSES}[data-state="ready"]')
    v.page.wait_for_timeout(3000)
    assert not _search_requested(v), "the search must wait for the reader on a tool page"
    links = _search(v, "转考")
    assert any("national/transfer/" in link for link in links), links[:10]
    assert _search_worker_requested(v) and any(r.url.endswith("/search/search_index.json") for r in v.requests)


RUNTIME_ENTRIES = """performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname)
  .filter((path) => path.includes("/assets/pyodide/"))"""


def test_tool_page_preloads_the_runtime_on_a_first_visit_only(browser, base_url: str) -> None:
    """On a first visit the page itself fetches the runtime's files as its head is read (the worker, which asks
    for them later, finds them under way); once the checker was ready in this browser, a later visit leaves them
    to the HTTP cache. The page's own resource timeline never lists the worker's fetches, only its own."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + "tools/photo/")
        page.wait_for_selector(f'{PHOTO}[data-state="ready"]', state="attached", timeout=60_000)
        first = page.evaluate(RUNTIME_ENTRIES)
        names = sorted(path.rsplit("/", 1)[-1].rsplit(".", 1)[-1] for path in first)
        assert names == ["json", "wasm", "whl", "zip"], first
        assert page.evaluate("localStorage.getItem('zikao-checkers-runtime')").endswith("/pyodide.asm.wasm")
        page.close()
        page = context.new_page()
        page.goto(base_url + "tools/courses/")
        page.wait_for_selector(f'{COURSES}[data-state="ready"]', state="attached", timeout=60_000)
        assert page.evaluate(RUNTIME_ENTRIES) == []
        page.close()
    finally:
        context.close()
