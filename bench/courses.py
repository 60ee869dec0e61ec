"""Course checker speed on CPython: one verdict for a 30-row score paste, and the largest paste accepted."""

from __future__ import annotations

import statistics
import time
from typing import Callable

from checkers.courses import api, paste

PLAN = "jiangsu/080901"
ROWS = 30
RUNS = 500
TARGET_MS = 20.0


def sample(plan_id: str = PLAN, rows: int = ROWS) -> str:
    """A portal-style table: header, every course of the plan once, then retakes and two old 思政 rows."""
    from checkers.catalog import plans

    p = plans()[plan_id]
    courses = [(c.code, c.name) for c in p.courses]
    lines = ["课程代码\t课程名称\t考试日期\t通过方式\t分数\t学分\t状态"]
    extra = [("03708", "中国近现代史纲要"), ("03709", "马克思主义基本原理概论")]
    for i in range(rows):
        code, name = (courses + extra)[i % (len(courses) + len(extra))]
        score = str(60 + (i * 7) % 40) if i < len(courses) else str(45 + i % 10)
        lines.append(f"{code}\t{name}\t{2021 + i // 12}{'04' if i % 2 else '10'}\t考试\t{score}\t4\t有效")
    return "\n".join(lines) + "\n"


def _median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm caches (catalog, compiled patterns)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def run() -> str:
    text = sample()
    result = api.check(text, PLAN, prior_diploma=True)
    verdict_ms = _median_ms(lambda: api.check(text, PLAN, prior_diploma=True))
    parse_ms = _median_ms(lambda: paste.parse(text))
    big = (text * (paste.MAX_CHARS // len(text) + 1))[: paste.MAX_CHARS]
    big_ms = _median_ms(lambda: api.check(big, PLAN, prior_diploma=True), runs=20)
    met = "met" if verdict_ms <= TARGET_MS else "MISSED"
    return "\n".join([
        "## Course checker (CPython)",
        "",
        f"Sample: a {ROWS}-row tab-separated score table for `{PLAN}` (header, every course, retakes, two old 思政 rows); "
        f"verdict {'eligible' if result['eligible'] else 'not eligible'}, {len(result['missing'])} missing. Median of {RUNS} runs.",
        "",
        "| measurement | value | target | verdict |",
        "|---|---|---|---|",
        f"| one verdict (parse + plan rules + messages), {ROWS}-row paste | {verdict_ms:.2f} ms | ≤ {TARGET_MS:.0f} ms | {met} |",
        f"| parsing alone | {parse_ms:.2f} ms | – | |",
        f"| largest accepted paste ({paste.MAX_CHARS // 1000}k characters, {big.count(chr(10))} rows), median of 20 | {big_ms:.1f} ms | – | |",
        "",
    ])


if __name__ == "__main__":
    print(run())
