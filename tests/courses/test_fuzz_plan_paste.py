"""Fuzzing the plan-paste parser (issue 17) like the score paste: mutated real plan texts and generated text.

Nothing escapes, nothing hangs, every answer is plain data; a refused paste never carries a verdict.
"""

from __future__ import annotations

import gc
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkers import catalog
from checkers.courses import api
from checkers.courses.plan_paste import MAX_CHARS

from .helpers import complete_rows, table
from .plan_variants import FORMATS
from .test_fuzz_paste import LIMIT, NOISE, mutate, timed

pytestmark = pytest.mark.fuzz

LONG = os.environ.get("FUZZ_LONG") == "1"
MUTATIONS = 40_000 if LONG else 1_500
GENERATED = 10_000 if LONG else 600
ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent / "paste_plans"
KINDS = {"theory", "practical", "thesis"}


def plan_seeds() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted(HERE.glob("*.txt"))]
    for plan in catalog.plans().values():
        out += [make(plan) for make in FORMATS.values()]
    return out


SEEDS = plan_seeds()
SCORES = table(complete_rows(catalog.plans()["jiangsu/080901"]))


def answer(plan_text: str, scores: str = SCORES) -> None:
    parsed = api.parse_plan(plan_text)
    json.dumps(parsed, ensure_ascii=False)
    assert parsed["ok"] == (parsed["refused"] is None)
    assert {c["kind"] for c in parsed["courses"]} <= KINDS
    result = api.check_pasted(plan_text, scores)
    json.dumps(result, ensure_ascii=False)
    if result["refused"]:
        assert result["courses"] == [] and result["eligible"] is False and result["missing"] == []
    else:
        assert isinstance(result["eligible"], bool) and result["credits"]["earned"] >= 0


@pytest.mark.parametrize("text", [
    "00037 美学 6 笔试\n" * (MAX_CHARS // 15),
    "1\n00037\n美学\n6\n笔试\n" * (MAX_CHARS // 18),
    "考外语者，选考不少于 3 门课程，" * (MAX_CHARS // 17),
    "\t".join(["00037"] * (MAX_CHARS // 6)),
    "".join(random.Random(1).choice("0123456789 \n，。学分门") for _ in range(MAX_CHARS)),
    "x" * (MAX_CHARS * 3),
])
def test_worst_case_sizes(text: str) -> None:
    gc.collect()
    timed(lambda: answer(text))


def test_mutated_plan_texts() -> None:
    rng = random.Random(20261129)
    slowest = 0.0
    for i in range(MUTATIONS):
        text = mutate(rng, rng.choice(SEEDS))
        try:
            slowest = max(slowest, timed(lambda: answer(text)))
        except BaseException as err:  # report the input, then fail
            pytest.fail(f"input {i} → {type(err).__name__}: {err}; text={text[:2000]!r}")
    assert slowest < LIMIT


LINE = st.lists(st.one_of(
    st.sampled_from(["00037", "15040", "03708", "13013", "14976", "不计", "学分", "实践", "笔试", "任选一门", "选考",
                     "不少于", "3 门", "14 学分", "（实践）", "考外语者", "取得本专业考试计划规定的", "毕业论文"]),
    st.integers(0, 10**6).map(str), st.sampled_from(NOISE), st.text(max_size=4),
), max_size=10).map(lambda parts: rng_join(parts))


def rng_join(parts: list[str]) -> str:
    return " ".join(parts)


@settings(max_examples=GENERATED, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(LINE, max_size=30).map("\n".join))
def test_generated_plans(text: str) -> None:
    timed(lambda: answer(text))


@settings(max_examples=GENERATED // 2, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=600))
def test_arbitrary_text(text: str) -> None:
    timed(lambda: answer(text))


def test_cli_on_mutated_plans(tmp_path: Path) -> None:
    """The real commands (plan-parse, courses --plan-file): no traceback, exit code 0, 1 or 2, JSON when asked."""
    rng = random.Random(7)
    python = ROOT / ".venv" / "bin" / "python"
    exe = str(python) if python.exists() else sys.executable
    scores = tmp_path / "scores.txt"
    scores.write_text(SCORES, encoding="utf-8")
    for i in range(12):
        path = tmp_path / f"plan{i}.txt"
        path.write_bytes(mutate(rng, rng.choice(SEEDS)).encode(rng.choice(["utf-8", "gb18030", "utf-16"]), "replace"))
        for args in (["plan-parse", str(path), "--json"], ["courses", "--plan-file", str(path), str(scores), "--json"],
                     ["courses", "--plan-file", str(path), str(scores)]):
            done = subprocess.run([exe, "-m", "checkers", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
            assert "Traceback" not in done.stderr and done.returncode in (0, 1, 2), done.stderr
            if "--json" in args and done.returncode != 2 or args[0] == "plan-parse":
                json.loads(done.stdout)
