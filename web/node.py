"""Run checker operations under real Pyodide in Node (web/node/run.mjs) from Python."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "web" / "node" / "run.mjs"
COMPILER = ROOT / "web" / "node" / "compile.mjs"


class NodeError(RuntimeError):
    """Node is missing, or the runner failed."""


def node_binary() -> str:
    node = shutil.which("node")
    if node is None:
        raise NodeError("node is not on PATH: Node.js 18+ is needed to build and test the checkers runtime")
    return node


def _node(script: Path, job: dict[str, Any], timeout: float) -> dict[str, Any]:
    proc = subprocess.run(
        [node_binary(), str(script), "-"],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise NodeError(f"{script.name} failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)


def compile_zip(index: Path, source: Path, out: Path, mode: str, timeout: float = 300) -> dict[str, Any]:
    """Compile the .py files of ``source`` with Pyodide's Python (web/node/compile.mjs) into ``out``."""
    job = {"index": str(index.resolve()) + "/", "input": str(source.resolve()), "output": str(out.resolve()),
           "mode": mode}
    return _node(COMPILER, job, timeout)


def run_cases(
    index: Path,
    runtime: dict[str, Any],
    cases: list[dict[str, Any]],
    *,
    stdlib: Path | None = None,
    trace: bool = False,
    imports: list[str] | None = None,
    timeout: float = 300,
) -> dict[str, Any]:
    """Boot Pyodide from ``index`` (a runtime directory), run ``cases``; return the runner's JSON."""
    job: dict[str, Any] = {"index": str(index.resolve()) + "/", "runtime": runtime, "cases": cases, "trace": trace,
                           "imports": imports or []}
    if stdlib is not None:
        job["stdlib"] = str(stdlib.resolve())
    return _node(RUNNER, job, timeout)
