"""The real-photo set under real Pyodide in Node: the browser's engine gives the command line's answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checkers import web as adapter
from checkers.photo.decode import decode
from checkers.photo.jpeg import JpegInfo, parse

from .realset import cases

pytestmark = [pytest.mark.node, pytest.mark.slow]
CHOSEN = ("grace-lightblue", "astronaut-lightblue-darker15", "grace-idblue", "astronaut-white@xinjiang",
          "grace-shadow", "astronaut-shadow-white@xinjiang", "grace-hair-at-top", "astronaut-offcentre-right",
          "grace-original", "astronaut-original", "astronaut-original-tight")


def _jobs(work: Path) -> list[dict[str, Any]]:
    jobs = []
    for case in cases():
        if case.name not in CHOSEN:
            continue
        path = work / f"{case.name.replace('@', '-at-')}.jpg"
        path.write_bytes(case.photo)
        info = parse(case.photo)
        assert isinstance(info, JpegInfo)
        pixels = decode(case.photo, info)  # what the command line decodes (Pillow, stored orientation)
        assert not isinstance(pixels, str), pixels
        (work / f"{path.stem}.rgb").write_bytes(pixels.rgb)
        rgb = {"width": pixels.width, "height": pixels.height, "rgb": {"$file": str(work / f"{path.stem}.rgb")}}
        jobs.append({"op": "check_photo", "args": {"data": {"$file": str(path)}, "spec": case.spec,
                                                   "filename": "012345678901张三.jpg", "pixels": rgb,
                                                   "file_size": len(case.photo)}})
    return jobs


def _read(value: Any) -> Any:
    if isinstance(value, dict):
        return Path(value["$file"]).read_bytes() if "$file" in value else {k: _read(v) for k, v in value.items()}
    return value


def test_real_portraits_get_the_same_answers_in_pyodide(tmp_path: Path) -> None:
    from runtime.node_session import run_cases
    from runtime.build import cached_runtime

    index, descriptor = cached_runtime()
    jobs = _jobs(tmp_path)
    assert len(jobs) == len(CHOSEN)
    out = run_cases(index, descriptor, jobs)
    statuses = set()
    for job, got in zip(jobs, out["results"], strict=True):
        got.pop("ms", None)
        want = json.loads(json.dumps(adapter.call(job["op"], _read(job["args"]))))
        assert got == {"ok": True, "result": want}, job["args"]["data"]
        statuses |= {(c["id"], c["status"]) for c in want["checks"] if c["id"] in ("background", "framing")}
    assert {("background", "pass"), ("background", "fail"), ("framing", "pass"), ("framing", "fail"),
            ("framing", "skip")} <= statuses
