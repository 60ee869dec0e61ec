"""The one timing helper the CPython benches share: median wall time of repeated calls."""

from __future__ import annotations

import statistics
import time
from typing import Callable


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median milliseconds of ``runs`` calls of ``fn``, after one warm-up call (caches, compiled patterns)."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


# The head of every section's results table (measurement, value, target, verdict).
TABLE_HEAD = ("| measurement | value | target | verdict |", "|---|---|---|---|")


def load_text(load: tuple[float, float, float]) -> str:
    """A load average as the results print it: '1.6 / 2.9 / 4.7'."""
    return f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
