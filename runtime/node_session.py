"""Run checker operations under real Pyodide in Node (runtime/node/run.mjs) from Python."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "runtime" / "node" / "run.mjs"


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


def _index(index: Path) -> str:
    return str(index.resolve()) + "/"


def run_job(
    index: Path,
    runtime: dict[str, Any],
    cases: list[dict[str, Any]],
    *,
    stdlib: Path | None = None,
    trace: bool = False,
    imports: list[str] | None = None,
    snapshot: bool = False,
) -> dict[str, Any]:
    """The JOB of runtime/node/run.mjs: boot Pyodide from ``index`` (a runtime directory) and run ``cases``
    (with ``snapshot``, on an engine booted from a memory snapshot of the first; the output says its sizes)."""
    job: dict[str, Any] = {"index": _index(index), "runtime": runtime, "cases": cases, "trace": trace,
                           "imports": imports or [], "snapshot": snapshot}
    if stdlib is not None:
        job["stdlib"] = str(stdlib.resolve())
    return job


def run_cases(index: Path, runtime: dict[str, Any], cases: list[dict[str, Any]], *, timeout: float = 300,
              **options: Any) -> dict[str, Any]:
    """Boot Pyodide from ``index`` in a fresh Node process, run ``cases`` (``options`` as for run_job); return
    the runner's JSON."""
    return _node(RUNNER, run_job(index, runtime, cases, **options), timeout)


class NodeSession:
    """One ``node runtime/node/run.mjs --session``: a single Pyodide boot that runs cases once, then compiles.

    The process starts at once and waits for its first request, so its start-up overlaps whatever the
    caller does next. Each request waits for its reply (at most ``timeout`` seconds, then the process is
    killed); a failed request raises NodeError with the runner's message and the end of its stderr."""

    def __init__(self, timeout: float = 300) -> None:
        self.timeout = timeout
        self._ids = itertools.count(1)
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
        self._proc = subprocess.Popen(
            [node_binary(), str(RUNNER), "--session"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, text=True, encoding="utf-8",
        )

    def run(self, index: Path, runtime: dict[str, Any], cases: list[dict[str, Any]], **options: Any) -> dict[str, Any]:
        """Boot from ``index`` and run ``cases`` (options as for run_job); once per session, first."""
        return self._request("run", run_job(index, runtime, cases, **options))

    def compile(self, source: Path, out: Path, mode: str) -> dict[str, Any]:
        """Compile the .py files of the zip ``source`` into ``out`` (runtime/node/compile.mjs) on this session's
        interpreter; allowed only after its run."""
        return self._request("compile", {"input": str(source.resolve()), "output": str(out.resolve()), "mode": mode})

    def _request(self, op: str, job: dict[str, Any]) -> dict[str, Any]:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        request_id = next(self._ids)
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            self._proc.kill()

        timer = threading.Timer(self.timeout, expire)
        timer.start()
        try:
            self._proc.stdin.write(json.dumps({"id": request_id, "op": op, "job": job}) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        except (BrokenPipeError, ValueError):  # the process is gone (or was closed)
            line = ""
        finally:
            timer.cancel()
        if not line:
            why = f"timed out after {self.timeout:.0f} s" if expired.is_set() else f"exit {self._exit_code()}"
            raise NodeError(f"run.mjs --session ended during {op} ({why}):\n{self._stderr_tail()}")
        reply = json.loads(line)
        if reply.get("id") != request_id:
            raise NodeError(f"run.mjs --session answered request {reply.get('id')}, expected {request_id}")
        if not reply["ok"]:
            error = reply["error"]
            raise NodeError(f"run.mjs --session {op} failed: {error['type']}: {error['message']}\n{self._stderr_tail()}")
        return reply["result"]

    def _exit_code(self) -> int | str:
        try:
            return self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            return "still running, stdout closed"

    def _stderr_tail(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read()[-4000:]

    def close(self) -> None:
        """End the session (stdin closes, the runner exits); kills it if it does not within 30 s."""
        if self._proc.stdin and not self._proc.stdin.closed:
            try:
                self._proc.stdin.close()
            except BrokenPipeError:
                pass
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout:
            self._proc.stdout.close()
        self._stderr.close()

    def __enter__(self) -> NodeSession:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if kind is not None:  # the build is failing: no need to wait for a runner that may be mid-request
            self._proc.kill()
        self.close()
