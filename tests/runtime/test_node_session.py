"""The checkers under real Pyodide in Node, from the runtime the build ships: same answers as CPython."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from checkers import web as adapter
from checkers.photo.decode import decode
from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.table import CHECK_IDS

pytestmark = [pytest.mark.node, pytest.mark.slow]


@pytest.fixture(scope="module")
def runtime() -> tuple[Path, dict[str, Any]]:
    from runtime.build import cached_runtime

    return cached_runtime()


def _photo_cases(photos: dict[str, Path], work: Path) -> list[dict[str, Any]]:
    """Every declared photo against every spec, with the pixels the CLI would decode (Pillow)."""
    from checkers.catalog import photo_specs

    cases: list[dict[str, Any]] = []
    for name, path in sorted(photos.items()):
        data = path.read_bytes()
        info = parse(data)
        pixels = decode(data, info) if isinstance(info, JpegInfo) else None
        arg_pixels, reason = None, None
        if isinstance(pixels, str):
            reason = pixels
        elif pixels is not None:
            (work / f"{name}.rgb").write_bytes(pixels.rgb)
            arg_pixels = {"width": pixels.width, "height": pixels.height, "rgb": {"$file": str(work / f"{name}.rgb")}}
        cases.append({"op": "inspect_photo", "args": {"data": {"$file": str(path)}}})
        for spec in sorted(photo_specs()):
            cases.append({"op": "check_photo", "args": {"data": {"$file": str(path)}, "spec": spec, "filename": name,
                                                        "pixels": arg_pixels, "skip_reason": reason,
                                                        "file_size": len(data)}})
            if isinstance(info, JpegInfo) and name == "good.jpg":
                cases.append({"op": "photo_guides", "args": {"spec": spec, "width": 480, "height": 640}})
    cases += [
        {"op": "specs", "args": {}},
        {"op": "check_photo", "args": {"data": {"$file": str(photos["good.jpg"])}, "spec": "nowhere/none"}},
        {"op": "no_such_op", "args": {}},
    ]
    return cases


def _materialize(value: Any) -> Any:
    if isinstance(value, dict):
        if "$file" in value:
            return Path(value["$file"]).read_bytes()
        return {k: _materialize(v) for k, v in value.items()}
    return value


def _cpython(case: dict[str, Any]) -> dict[str, Any]:
    try:
        return {"ok": True, "result": json.loads(json.dumps(adapter.call(case["op"], _materialize(case["args"]))))}
    except Exception as err:  # noqa: BLE001 - compared with what Pyodide raises for the same input
        return {"ok": False, "error": {"type": type(err).__name__, "message": str(err).strip("'\"")}}


def _run(runtime: tuple[Path, dict[str, Any]], cases: list[dict[str, Any]], snapshot: bool) -> dict[str, Any]:
    """The cases on a fresh engine, or on one booted from a memory snapshot of a fresh one (as a repeat visit)."""
    from runtime.node_session import RUNNER, _node, run_cases

    index, descriptor = runtime
    if not snapshot:
        return run_cases(index, descriptor, cases)
    job = {"index": str(index.resolve()) + "/", "runtime": descriptor, "cases": cases, "snapshot": True}
    out = _node(RUNNER, job, 300)
    assert out["snapshot"]["boot"] == "snapshot" and out["snapshot"]["bytes"] > 0, out["snapshot"]
    return out


@pytest.mark.parametrize("snapshot", [False, True], ids=["fresh", "snapshot"])
def test_photo_checks_match_cpython(runtime, photos: dict[str, Path], tmp_path: Path, snapshot: bool) -> None:
    cases = _photo_cases(photos, tmp_path)
    out = _run(runtime, cases, snapshot)
    seen: dict[str, set[str]] = {}
    for case, got in zip(cases, out["results"], strict=True):
        got.pop("ms", None)
        want = _cpython(case)
        if not want["ok"]:
            assert not got["ok"] and got["error"]["type"] == want["error"]["type"], (case["op"], got, want)
            assert want["error"]["message"] in got["error"]["message"], (got, want)
            continue
        assert got == want, f"{case['op']} {case['args'].get('filename')} {case['args'].get('spec')}"
        if case["op"] == "check_photo":
            for check in got["result"]["checks"]:
                seen.setdefault(check["id"], set()).add(check["status"])
    # The declared subset exercises every check, both passing and not passing.
    assert set(seen) == set(CHECK_IDS)
    assert all("pass" in s and len(s) > 1 for s in seen.values()), seen


def test_lockfile_pins_the_wheel_and_a_broken_wheel_stops_the_engine(runtime, tmp_path: Path) -> None:
    """The lockfile pins the wheel's sha256 under a relative name (our origin, no CDN); a damaged wheel
    is a clear start-up error. (Node's Pyodide reads files without the hash check; the browser's fetch
    enforces it: see test_web_browser.py.)"""
    from runtime.node_session import NodeError, run_cases

    index, descriptor = runtime
    lock = json.loads((index / descriptor["lockfile"]).read_text(encoding="utf-8"))
    assert list(lock["packages"]) == [descriptor["package"]]
    entry = lock["packages"][descriptor["package"]]
    assert entry["file_name"] == descriptor["wheel"] and "://" not in entry["file_name"]
    import hashlib

    assert entry["sha256"] == hashlib.sha256((index / descriptor["wheel"]).read_bytes()).hexdigest()
    ok = run_cases(index, descriptor, [{"op": "specs", "args": {}}])
    assert ok["results"][0]["ok"]
    assert all(not url.startswith(("http:", "https:")) for url in ok["fetched"]), ok["fetched"]

    tampered = tmp_path / "runtime"
    shutil.copytree(index, tampered)
    wheel = tampered / descriptor["wheel"]
    data = bytearray(wheel.read_bytes())
    data[len(data) // 2] ^= 0xFF
    wheel.write_bytes(bytes(data))
    with pytest.raises(NodeError) as failure:
        run_cases(tampered, descriptor, [{"op": "specs", "args": {}}])
    assert "zikao-checkers was not installed" in str(failure.value)


@pytest.mark.parametrize("snapshot", [False, True], ids=["fresh", "snapshot"])
def test_course_checks_match_cpython(runtime, snapshot: bool) -> None:
    """Every plan with full, partial, failing, garbage and empty pastes, with and without a prior diploma."""
    from checkers.catalog import _raw
    from runtime.samples import pastes

    plans = _raw().get("plans", {})
    assert plans, "no course plans in the catalog"
    cases = [{"op": "plans", "args": {}}, {"op": "check_courses", "args": {"text": "00001", "plan": "nowhere/0"}}]
    for plan_id, plan in sorted(plans.items()):
        for _, text in pastes(plan):
            for prior in (False, True):
                cases.append({"op": "check_courses", "args": {"text": text, "plan": plan_id, "prior_diploma": prior}})
    out = _run(runtime, cases, snapshot)
    eligible = set()
    for case, got in zip(cases, out["results"], strict=True):
        got.pop("ms", None)
        want = _cpython(case)
        if not want["ok"]:
            assert not got["ok"] and got["error"]["type"] == want["error"]["type"], (got, want)
            continue
        assert got == want, f"{case['args'].get('plan')} prior={case['args'].get('prior_diploma')}"
        if case["op"] == "check_courses":
            eligible.add(got["result"]["eligible"])
    assert eligible == {True, False}


def _source_zip(path: Path, members: dict[str, str]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


PACKAGE_SOURCES = {
    "pkg/__init__.py": "",
    "pkg/mod.py": '"""Module docstring."""\n\n\ndef f():\n    assert False, "asserts go with -OO"\n    return 1\n',
    "pkg/data.json": "{}",
}


def _members(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_session_compiles_on_its_interpreter_only_after_the_run(runtime, tmp_path: Path) -> None:
    """run.mjs --session (the build's one boot for the traced run and both compile steps): compiling is refused
    until the run, so it cannot add to the trace; a failed request is an error reply and the session goes on."""
    from runtime.node_session import NodeError, NodeSession

    index, descriptor = runtime
    source = _source_zip(tmp_path / "src.zip", PACKAGE_SOURCES)
    with NodeSession() as node:
        with pytest.raises(NodeError, match="send the run first"):
            node.compile(source, tmp_path / "early.zip", "package")
        assert not (tmp_path / "early.zip").exists()

        out = node.run(index, descriptor, [{"op": "specs", "args": {}}], trace=True, imports=["json", "typing.Any"])
        assert out["results"][0]["ok"]
        assert out["imported"] == {"json": True, "typing.Any": False}
        assert "json/__init__.pyc" in out["modules"]  # the shipped stdlib is bytecode only
        with pytest.raises(NodeError, match="has run its cases already"):
            node.run(index, descriptor, [])

        assert node.compile(source, tmp_path / "out.zip", "package") == {"files": 2, "cache_tag": "cpython-314"}
        compiled = _members(tmp_path / "out.zip")
        assert sorted(compiled) == ["pkg/__init__.pyc", "pkg/data.json", "pkg/mod.pyc"]
        assert compiled["pkg/data.json"] == b"{}"
        assert b"Module docstring" not in compiled["pkg/mod.pyc"] and b"asserts go" not in compiled["pkg/mod.pyc"]

        broken = _source_zip(tmp_path / "broken.zip", {"pkg/bad.py": "x = (\n"})
        with pytest.raises(NodeError, match="SyntaxError"):
            node.compile(broken, tmp_path / "broken-out.zip", "package")
        with pytest.raises(NodeError, match='compile mode must be "stdlib" or "package"'):
            node.compile(source, tmp_path / "x.zip", "bytes")
        assert node.compile(source, tmp_path / "again.zip", "package")["files"] == 2
