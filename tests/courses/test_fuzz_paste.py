"""Fuzzing the score-paste parser and verdict (issue 8): mutated real pastes and generated text; nothing escapes or hangs.

Fixed seeds, so every run tries the same inputs; FUZZ_LONG=1 (make fuzz) tries many more.
"""

from __future__ import annotations

import gc
import json
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkers.courses import api
from checkers.courses.paste import MAX_CHARS
from tests.conftest import plan_ids

from .helpers import FULL, complete_rows, plan, row, table

pytestmark = pytest.mark.fuzz

LONG = os.environ.get("FUZZ_LONG") == "1"
MUTATIONS = 150_000 if LONG else 8_000
GENERATED = 30_000 if LONG else 1_500
CLI_PASTES = 1_000 if LONG else 40
LIMIT = 1.0  # CPU seconds per input: a hang guard, not a performance target (bench/ measures speed)
ROOT = Path(__file__).resolve().parents[2]
PLANS = plan_ids()  # every plan in data/plans/
STATUSES = {"passed", "exempted", "substituted", "failed", "missing", "optional", "not_needed"}
NOISE = ["免考", "合格", "不合格", "缺考", "有效", "无效", "考试", "\t", "  ", "，", ",", "\u3000", "\r", "\n", "分", ".", "-",
         "年", "月", "课程代码", "分数", "学分", "<script>alert(1)</script>", "\x00", "\ufeff", "😀", "'", '"', "|", "、"]


def seeds() -> list[str]:
    """Realistic pastes of every layout: tab table, spaces, CSV, plain list, full-width, old 思政, duplicates."""
    out = []
    for plan_id in PLANS:
        p = plan(plan_id)
        rows = complete_rows(p)
        out.append(table(rows))
        out.append(table(rows[3:], sep="   ", header=False).translate(FULL))
        out.append(table(rows + [row(rows[0][0], rows[0][1], "41")], sep=","))
        out.append("\n".join(r[0] for r in rows))
    out.append(table([row("03708", "中国近现代史纲要", "66"), row("03709", "马克思主义基本原理概论", "免考", method="免考")]))
    return out


def timed(run: Callable[[], Any]) -> float:
    """CPU time of one answer, so that other work on a loaded machine cannot make a quick answer look hung."""
    started = time.process_time()
    run()
    elapsed = time.process_time() - started
    assert elapsed < LIMIT, f"took {elapsed:.2f} s"
    return elapsed


def answer(text: str, plan_id: str, prior: bool) -> None:
    result = api.check(text, plan_id, prior_diploma=prior)
    assert isinstance(result["eligible"], bool)
    assert {c["status"] for c in result["courses"]} <= STATUSES
    assert result["credits"]["earned"] >= 0
    json.dumps(result, ensure_ascii=False)  # crosses into JavaScript as plain data
    if result["eligible"]:
        assert result["missing"] == [] and result["credits"]["earned"] >= result["credits"]["required"]


def mutate(rng: random.Random, base: str) -> str:
    """One to six edits at character, token, line or byte level."""
    text = base
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(10)
        at = rng.randrange(len(text) + 1)
        if op == 0:
            text = text[:at] + rng.choice(NOISE) + text[at:]
        elif op == 1:
            text = text[:at] + text[at + rng.randint(1, 20):]
        elif op == 2:
            text = text[:at] + chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x10000), rng.randrange(0, 32)])) + text[at:]
        elif op == 3:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        elif op == 4:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            text = "\n".join(lines[: i + 1] + [lines[i]] * rng.randint(1, 50) + lines[i + 1:])
        elif op == 5:
            text = text[:at] + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 12))) + text[at:]
        elif op == 6:
            data = bytearray(text.encode("utf-8", "surrogatepass"))
            for _ in range(rng.randint(1, 8)):
                if data:
                    data[rng.randrange(len(data))] = rng.randrange(256)
            text = data.decode("utf-8", "replace")
        elif op == 7:
            text = text[:at]
        elif op == 8:
            text = text.replace("\t", rng.choice([" ", ",", "", "\t\t", "；"]))
        else:
            text = text + rng.choice(seeds_cache()) if len(text) < 20_000 else text
    return text


_SEEDS: list[str] = []


def seeds_cache() -> list[str]:
    if not _SEEDS:
        _SEEDS.extend(seeds())
    return _SEEDS


@pytest.mark.parametrize("text", [
    "00037 " * (MAX_CHARS // 6),                          # one huge line of codes, just under the limit
    ("1" * 4 + " ") * (MAX_CHARS // 5),                    # numbers that are no codes
    "\n" * MAX_CHARS,                                      # only line breaks
    "课程代码 分数 学分\n" + "00037 美学 " + "合格 " * (MAX_CHARS // 4),
    "00037\t" + "\t" * (MAX_CHARS - 10),
    "x" * (MAX_CHARS * 3),                                 # over the limit: refused with a message
])
def test_worst_case_sizes(text: str) -> None:
    gc.collect()  # time the checker, not a collection of earlier tests' garbage
    timed(lambda: answer(text, "jiangsu/080901", True))


def test_mutated_pastes() -> None:
    rng = random.Random(20261123)
    base = seeds_cache()
    slowest = 0.0
    for i in range(MUTATIONS):
        text, plan_id, prior = mutate(rng, rng.choice(base)), rng.choice(PLANS), rng.random() < 0.5
        try:
            slowest = max(slowest, timed(lambda: answer(text, plan_id, prior)))
        except BaseException as err:  # report the input, then fail
            pytest.fail(f"input {i} ({plan_id}) → {type(err).__name__}: {err}; text={text[:2000]!r}")
    assert slowest < LIMIT


LINE = st.lists(st.one_of(
    st.sampled_from(["00037", "15040", "03708", "03706", "12656", "13013", "14976", "10196", "99999", "00015"]),
    st.integers(0, 10**8).map(str), st.integers(0, 10**5).map(lambda n: f"{n:05d}".translate(FULL)),
    st.sampled_from(NOISE), st.text(max_size=4),
), max_size=10).map(lambda parts: " ".join(parts))


@settings(max_examples=GENERATED, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(LINE, max_size=20).map("\n".join), st.sampled_from(PLANS), st.booleans())
def test_generated_lines(text: str, plan_id: str, prior: bool) -> None:
    timed(lambda: answer(text, plan_id, prior))


@settings(max_examples=GENERATED * 2 // 3, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=400), st.sampled_from(PLANS))
def test_arbitrary_text(text: str, plan_id: str) -> None:
    timed(lambda: answer(text, plan_id, False))


def test_regressions_found_by_fuzzing() -> None:
    """Inputs that once misbehaved stay answered."""
    for text in ["00037 85 00037", "00037 ８５．", "00037 美学 1e5", "00037 -5", "0003７ 85 ٣", "课程代码\n\n00037 100.5"]:
        answer(text, "jiangsu/050101", False)


def test_cli_on_mutated_pastes(tmp_path: Path) -> None:
    """The real command on pastes it has never seen: no traceback, no hang, exit code 0, 1 or 2."""
    rng = random.Random(99)
    files = []
    for i in range(CLI_PASTES):
        path = tmp_path / f"p{i:04d}.txt"
        text = mutate(rng, rng.choice(seeds_cache()))
        path.write_bytes(text.encode(rng.choice(["utf-8", "utf-8", "gb18030", "utf-16"]), "replace"))
        files.append(path)
    python = ROOT / ".venv" / "bin" / "python"
    exe = str(python) if python.exists() else sys.executable

    def run(path: Path) -> tuple[Path, int, str]:
        plan_id = PLANS[hash(path.name) % len(PLANS)]
        args = [exe, "-m", "checkers", "courses", "--plan", plan_id, str(path)] + (["--json"] if path.name[-5] in "02468" else [])
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=20)
        return path, done.returncode, done.stderr

    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2) * 2)) as pool:
        outcomes = list(pool.map(run, files))
    codes: dict[int, int] = {}
    for path, code, stderr in outcomes:
        assert code in (0, 1, 2) and "Traceback" not in stderr, f"{path}: exit {code}\n{stderr}"
        codes[code] = codes.get(code, 0) + 1
    assert codes.get(1, 0) > 0
