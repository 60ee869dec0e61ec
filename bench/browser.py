"""Headless Chromium visits against a local server that records every byte it sends: the tools of bench.web."""

from __future__ import annotations

import contextlib
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.serve import Served

ROOT = Path(__file__).resolve().parent.parent
NPM = ROOT / "node_modules" / "pyodide"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
STOCK_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# Recorded in every page before its own scripts run: when an element first gets data-state="ready"
# (or "error"), and when a widget root gets data-verdict, in ms since navigation start.
OBSERVER = """
(() => {
  const b = (window.__bench = { ready: null, error: null, verdicts: [], changes: [] });
  // The bench waits for this console message instead of asking the page again and again while it loads
  // (every question is a task on the page's main thread, which would delay the idle moment it measures).
  const settled = () => { if (b.ready === null && b.error === null) console.debug("__bench:settled"); };
  const seen = (el, name) => {
    const value = el.getAttribute(name);
    if (name === "data-state" && value === "ready" && b.ready === null) { settled(); b.ready = performance.now(); }
    if (name === "data-state" && value === "error" && b.error === null) { settled(); b.error = performance.now(); }
    if (name === "data-verdict" && value) {
      if (!b.verdicts.length) console.debug("__bench:verdict");
      b.verdicts.push({ t: performance.now(), value });
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") seen(r.target, r.attributeName);
      else for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        for (const el of [n, ...n.querySelectorAll("[data-state],[data-verdict]")]) {
          if (el.hasAttribute("data-state")) seen(el, "data-state");
          if (el.hasAttribute("data-verdict")) seen(el, "data-verdict");
        }
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true,
                         attributeFilter: ["data-state", "data-verdict"] });
  for (const type of ["change", "input", "click", "submit"]) {
    addEventListener(type, () => b.changes.push({ type, t: performance.now() }), true);
  }
})();
"""
# The checker client's User Timing marks (docs/assets/checkers/client.mjs), ms since navigation start: when the
# page started our worker ("worker"), when that worker began loading the runtime ("download", its first progress
# message), the start of `import checkers.web` ("import") and "ready".
STEPS = """Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("checker:"))
  .map((m) => [m.name.slice("checker:".length), m.startTime]))"""
STOCK_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stock loadPyodide()</title>
<link rel="icon" href="data:,"></head>
<body data-state="loading"><p>Stock Pyodide {version}: bare <code>loadPyodide()</code> from the npm files.</p>
<script type="module">
import {{ loadPyodide }} from "./assets/pyodide/{version}/pyodide.mjs";
try {{
  await loadPyodide({options});
  document.body.dataset.state = "ready";
}} catch (err) {{
  console.error(err);
  document.body.dataset.state = "error";
}}
</script></body></html>
"""


# The stock baseline's loadPyodide() in a module worker, as our page runs it (for reference: a CPU throttled
# through DevTools slows a page's main thread only, not its workers).
STOCK_WORKER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stock loadPyodide() in a worker</title>
<link rel="icon" href="data:,"></head>
<body data-state="loading"><p>Stock Pyodide: bare <code>loadPyodide()</code> in a module worker.</p>
<script type="module">
const worker = new Worker("./stock-worker.mjs", { type: "module" });
worker.onmessage = (event) => { document.body.dataset.state = event.data; };
worker.onerror = () => { document.body.dataset.state = "error"; };
</script></body></html>
"""
STOCK_WORKER = """import {{ loadPyodide }} from "./assets/pyodide/{version}/pyodide.mjs";
try {{
  await loadPyodide();
  postMessage("ready");
}} catch (err) {{
  console.error(err);
  postMessage("error");
}}
"""


@dataclass(frozen=True)
class Visit:
    """One page visit: time to ready (ms since navigation start) and what the server sent for it."""

    url: str
    ready_ms: float | None
    worker_ms: float | None  # when the page started a worker, if it did
    boot_ms: float | None  # when that worker started loading the runtime (its first progress message)
    import_ms: float | None  # the worker's "import" phase (import checkers.web) until ready
    bytes: int
    requests: int
    pyodide_bytes: int
    error: str | None = None
    served: tuple[Served, ...] = ()
    steps: dict[str, float] | None = None  # every "checker:" User Timing mark, incl. the worker's ("w:…")

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "ready_ms": self.ready_ms, "worker_ms": self.worker_ms, "boot_ms": self.boot_ms,
                "import_ms": self.import_ms, "bytes": self.bytes, "requests": self.requests,
                "pyodide_bytes": self.pyodide_bytes, "error": self.error,
                "served": [s.to_dict() for s in self.served], "steps": self.steps}


def stock_site(dest: Path, trimmed_stdlib: Path | None = None) -> tuple[Path, str]:
    """The npm package's runtime files, unchanged, under assets/pyodide/<version>/ plus a page (index.html)
    calling loadPyodide(); worker.html, the same call in a module worker (STOCK_WORKER); with ``trimmed_stdlib``,
    also trimmed.html: the same with only the stdlib swapped; and warm-up.html (WARM_UP)."""
    version = json.loads((NPM / "package.json").read_text(encoding="utf-8"))["version"]
    runtime = dest / "assets" / "pyodide" / version
    runtime.mkdir(parents=True)
    for name in STOCK_FILES:
        shutil.copyfile(NPM / name, runtime / name)
    (dest / "index.html").write_text(STOCK_PAGE.format(version=version, options=""), encoding="utf-8")
    (dest / "warm-up.html").write_text(WARM_UP, encoding="utf-8")
    (dest / "worker.html").write_text(STOCK_WORKER_PAGE, encoding="utf-8")
    (dest / "stock-worker.mjs").write_text(STOCK_WORKER.format(version=version), encoding="utf-8")
    if trimmed_stdlib is not None:
        shutil.copyfile(trimmed_stdlib, runtime / "trimmed_stdlib.zip")
        options = f'{{ stdLibURL: new URL("./assets/pyodide/{version}/trimmed_stdlib.zip", location.href).href }}'
        (dest / "trimmed.html").write_text(STOCK_PAGE.format(version=version, options=options), encoding="utf-8")
    return dest, version


def _chromium() -> str:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Chromium is not installed (apt-get install chromium)")
    return executable


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)


# A page with Chinese text and nothing else (stock_site writes it next to the stock page, another origin than
# our site's): wakes a freshly started browser (renderer, compositor, CJK fonts, network service, the HTTP
# cache on disk) before the measured visit, so a first visit does not also pay for the browser's own start.
WARM_UP = "<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\"><title>warm-up</title><p>自考考生手册：浏览器预热页</p></html>\n"


@contextlib.contextmanager
def fresh_profile(playwright: Any, warm_up_url: str) -> Iterator[Any]:
    """A browser with a new, empty profile on disk, as a candidate's own browser keeps it: HTTP cache on disk,
    and the code caches Chromium keeps only there (compiled WebAssembly and JavaScript). Playwright's usual
    contexts are incognito-style (everything in memory, no code cache): `private_window` below.
    ``warm_up_url`` (the WARM_UP page) is visited first."""
    folder = tempfile.mkdtemp(prefix="bench-profile-")
    try:
        context = playwright.chromium.launch_persistent_context(folder, executable_path=_chromium(), args=CHROMIUM_ARGS)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(warm_up_url)
            page.wait_for_timeout(300)
            page.close()
            yield context
        finally:
            context.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def private_window(browser: Any) -> Iterator[Any]:
    """An incognito-style context of an already running browser (nothing kept on disk, no code cache)."""
    context = browser.new_context()
    try:
        yield context
    finally:
        context.close()


def quiet(record: list[Served], settle: float = 0.6, limit: float = 30.0) -> None:
    """Wait until the server has answered nothing new for ``settle`` seconds."""
    deadline = time.monotonic() + limit
    count, since = len(record), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if len(record) != count:
            count, since = len(record), time.monotonic()
        elif time.monotonic() - since >= settle:
            return


def visit(context: Any, url: str, record: list[Served], *, wait_ready: bool, settle: float = 0.6,
          timeout_ms: float = 90_000) -> tuple[Visit, Any]:
    """Open ``url`` in a new page of ``context``; returns the visit and the (still open) page."""
    del record[:]
    page = context.new_page()
    page.add_init_script(OBSERVER)
    error = None
    ready = worker = booted = imported = None
    steps = None
    try:
        ready = goto_ready(page, url, wait_ready, timeout_ms)
        steps = page.evaluate(STEPS)
        worker, booted = steps.get("worker"), steps.get("download")
        imported = steps["ready"] - steps["import"] if "ready" in steps and "import" in steps else None
    except Exception as err:  # noqa: BLE001 - a failed visit is a result to report, not a crash
        error = f"{type(err).__name__}: {str(err).splitlines()[0][:160]}"
    quiet(record, settle)
    served = list(record)
    pyodide = sum(s.bytes for s in served if "/pyodide" in s.path or s.path.endswith((".wasm", ".whl")))
    return Visit(url, ready, worker, booted, imported, sum(s.bytes for s in served), len(served), pyodide, error,
                 tuple(served), steps), page


def goto_ready(page: Any, url: str, wait_ready: bool = True, timeout_ms: float = 90_000) -> float | None:
    """Navigate; with ``wait_ready``, ms from navigation start until an element says data-state="ready".
    Waits for OBSERVER's console message rather than asking the page while it loads."""
    settled: list[str] = []
    page.on("console", lambda message: settled.append(message.text) if message.text == "__bench:settled" else None)
    response = page.goto(url, wait_until="load", timeout=timeout_ms)
    if response is None or not response.ok:
        raise RuntimeError(f"HTTP {response.status if response else 'no response'} for {url}")
    if not wait_ready:
        return None
    if page.locator("[data-state], [data-checker]").count() == 0:
        raise RuntimeError(f"no element with data-state or data-checker on {url}")
    deadline = time.monotonic() + timeout_ms / 1000
    while not settled:  # Playwright delivers the page's console messages while it waits here
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_ms / 1000:.0f} s for data-state=ready on {url}")
        page.wait_for_timeout(20)
    state = page.evaluate("window.__bench")
    ready = state["ready"]
    if ready is None:
        raise RuntimeError("the page signalled data-state=error")
    return ready


def wait_for(page: Any, condition: str, timeout_ms: float = 30_000) -> dict[str, Any]:
    """Poll ``condition`` on ``s`` = window.__bench from outside the page (tool pages' CSP forbids
    Playwright's own wait_for_function); returns the state. Times come from the page, not from polling."""
    deadline = time.monotonic() + timeout_ms / 1000
    probe = f"(() => {{ const s = window.__bench; return ({condition}) ? s : null; }})()"
    while True:
        state = page.evaluate(probe)
        if state is not None:
            return state
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_ms / 1000:.0f} s for {condition}")
        time.sleep(0.02)


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None
