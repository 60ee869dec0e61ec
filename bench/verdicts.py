"""Verdict latency in the tool pages' widgets: from the reader's action to data-verdict on the widget root."""

from __future__ import annotations

import io
from typing import Any

from bench.browser import OBSERVER, goto_ready, median, wait_for
from bench.courses import PLAN, sample
from checkers.catalog import plans
from tools.serve import Served

REPEATS = 10
PHOTO_SPEC = "national/graduation"
PHOTO_LIMIT_MS = 100.0
COURSES_LIMIT_MS = 30.0
COURSE_ROWS = 30


def photo_jpeg(limit_kb: int = 40) -> bytes:
    """A 480×640, 300 dpi portrait on light blue with sensor-like noise: the largest quality that fits ``limit_kb``."""
    from PIL import Image, ImageDraw

    w, h = 480, 640
    img = Image.new("RGB", (w, h), (100, 197, 255))
    draw = ImageDraw.Draw(img)
    cx = w / 2
    draw.ellipse([cx - 96, 80, cx + 96, 80 + 0.46 * h], fill=(205, 160, 135))  # face
    draw.ellipse([cx - 101, 70, cx + 101, 230], fill=(35, 28, 25))  # hair, head top at y=70
    draw.rectangle([cx - 38, h * 0.55, cx + 38, h * 0.7], fill=(190, 150, 125))  # neck
    draw.ellipse([cx - 0.48 * w, h * 0.66, cx + 0.48 * w, h * 1.3], fill=(30, 30, 60))  # shoulders
    img = Image.blend(img, Image.effect_noise((w, h), 60).convert("RGB"), 0.06)
    best = b""
    for quality in range(60, 96):
        out = io.BytesIO()
        img.save(out, "JPEG", quality=quality, dpi=(300, 300))
        if len(out.getvalue()) > limit_kb * 1024:
            break
        best = out.getvalue()
    return best


def _open(browser: Any, url: str) -> tuple[Any, Any, str | None]:
    ctx = browser.new_context()
    page = ctx.new_page()
    page.add_init_script(OBSERVER)
    try:
        goto_ready(page, url)
    except Exception as err:  # noqa: BLE001 - reported in the table
        return ctx, page, f"{type(err).__name__}: {str(err).splitlines()[0][:160]}"
    return ctx, page, None


def _timed(page: Any, act: Any, event: str) -> tuple[float, str]:
    """Run ``act``; ms from its ``event`` (change/click) to the next data-verdict, and that verdict."""
    before = page.evaluate("window.__bench.verdicts.length")
    act()
    state = wait_for(page, f"s.verdicts.length > {before}")
    verdict = state["verdicts"][before]
    start = max(c["t"] for c in state["changes"] if c["type"] == event and c["t"] <= verdict["t"])
    return verdict["t"] - start, verdict["value"]


def _checks(page: Any, root: str) -> str:
    rows = page.evaluate(f"[...document.querySelectorAll('{root} [data-check-id]')].map(r => r.dataset.status)")
    counts = {s: rows.count(s) for s in sorted(set(rows))}
    return f"{len(rows)} checks: " + ", ".join(f"{n} {s}" for s, n in counts.items())


def _series(page: Any, actions: list[Any], event: str) -> tuple[list[float], set[str]]:
    """Each action timed with _timed: the times in order and the verdicts seen."""
    times, verdicts = [], set()
    for act in actions:
        ms, verdict = _timed(page, act, event)
        times.append(ms)
        verdicts.add(verdict)
    return times, verdicts


def _row(label: str, times: list[float], limit: float, note: str) -> str:
    first, rest = times[0], times[1:]
    value = median(rest)
    ok = value is not None and value <= limit
    return (f"| {label}; {note}; first call {first:.0f} ms, then median of {len(rest)} | {value:.1f} ms "
            f"| ≤ {limit:.0f} ms | {'met' if ok else f'**MISSED** (×{value / limit:.1f})'} |")


def _photo(browser: Any, base: str) -> str:
    data = photo_jpeg()
    ctx, page, error = _open(browser, base + "tools/photo/")
    try:
        if error:
            return f"| photo verdict | {error} | ≤ 100 ms | not measured |"
        root = ".checker--photo"
        page.select_option(f"{root} .checker__select", PHOTO_SPEC)
        files = [{"name": f"photo-{i}.jpg", "mimeType": "image/jpeg", "buffer": data} for i in range(REPEATS + 1)]
        times, verdicts = _series(
            page, [lambda f=f: page.set_input_files(f"{root} .checker__file", files=[f]) for f in files], "change")
        note = f"480×640 JPEG of {len(data) / 1024:.0f} KB, spec `{PHOTO_SPEC}`, {_checks(page, root)}, verdict {'/'.join(sorted(verdicts))}"
        return _row("photo: file chosen (`change`) → `data-verdict` in the widget", times, PHOTO_LIMIT_MS, note)
    finally:
        ctx.close()


def _courses(browser: Any, base: str) -> str:
    # The same plan and paste as the CPython benchmark (bench/courses.py), so the two figures compare.
    if PLAN not in plans():
        return f"| courses verdict | plan `{PLAN}` is not in data/plans/ | ≤ 30 ms | not measured |"
    plan_id, text = PLAN, sample(PLAN, COURSE_ROWS)
    ctx, page, error = _open(browser, base + "tools/courses/")
    try:
        if error:
            return f"| courses verdict | {error} | ≤ 30 ms | not measured |"
        root = ".checker--courses"
        page.select_option(f"{root} .checker__select", plan_id)
        page.fill(f"{root} .checker__paste", text)
        times, verdicts = _series(page, [lambda: page.click(f"{root} .checker__run")] * (REPEATS + 1), "click")
        note = f"{COURSE_ROWS}-row paste for plan `{plan_id}`, verdict {'/'.join(sorted(verdicts))}"
        return _row("courses: button clicked → `data-verdict` in the widget", times, COURSES_LIMIT_MS, note)
    finally:
        ctx.close()


def measure(browser: Any, base: str, record: list[Served]) -> list[str]:
    """One table row per widget; the photo and the paste are made here, never seen by the checkers before."""
    del record  # the verdict pages may fetch nothing new; the privacy tests check that, not the bench
    return [_photo(browser, base), _courses(browser, base)]
