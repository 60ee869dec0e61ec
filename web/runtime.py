"""Put the checkers' Pyodide runtime into the built site: core files, wheel, lockfile, trimmed stdlib."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from web import samples
from web.node import compile_zip, run_cases
from web.stdlib import static_imports, write_trimmed
from web.wheel import browser_modules, build_wheel, content_hash, read_zip, source_entries, write_zip

ROOT = Path(__file__).resolve().parent.parent
NPM_DIR = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "build" / "web-runtime"
CORE_FILES = ("pyodide.mjs", "pyodide.mjs.map", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
LOCKFILE = "pyodide-lock.json"
PACKAGE = "zikao-checkers"
# Sources whose change must rebuild the runtime (the cache key covers them and the package).
TOOLING = ("web/runtime.py", "web/stdlib.py", "web/samples.py", "web/wheel.py", "web/node.py",
           "web/node/run.mjs", "web/node/compile.mjs", "docs/assets/checkers/engine.mjs", "checkers/web.py")


class RuntimeBuildError(RuntimeError):
    """The runtime cannot be built (npm package missing, trimmed stdlib fails verification, ...)."""


def pinned_version(root: Path = ROOT) -> str:
    """The exact pyodide version pinned in package.json."""
    spec = json.loads((root / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    if not spec[:1].isdigit():
        raise RuntimeBuildError(f"package.json must pin pyodide exactly, found {spec!r}")
    return spec


def npm_runtime(root: Path = ROOT) -> Path:
    """node_modules/pyodide, checked to be the pinned version."""
    npm = root / "node_modules" / "pyodide"
    want = pinned_version(root)
    try:
        have = json.loads((npm / "package.json").read_text(encoding="utf-8"))["version"]
    except FileNotFoundError:
        raise RuntimeBuildError("node_modules/pyodide is missing: run `make setup` (npm ci)") from None
    if have != want:
        raise RuntimeBuildError(f"node_modules has pyodide {have}, package.json pins {want}: run `npm ci`")
    return npm


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cache_key(npm: Path, root: Path) -> str:
    digest = hashlib.sha256()
    for name in (*CORE_FILES, STDLIB, LOCKFILE):
        digest.update(f"{name}:{_sha(npm / name)}\n".encode())
    for rel in TOOLING:
        digest.update(f"{rel}:{_sha(ROOT / rel)}\n".encode())
    digest.update(f"package:{content_hash(root)}\n".encode())
    return digest.hexdigest()[:24]


def add_wheel(lockfile: Path, wheel: Path, out: Path) -> None:
    """``pyodide lockfile add-wheels``, then keep only what our package needs (it needs nothing else)."""
    cmd = [sys.executable, "-m", "pyodide_cli", "lockfile", "add-wheels", "--input", str(lockfile),
           "--output", str(out), "--base-path", str(wheel.parent), str(wheel)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeBuildError(f"pyodide lockfile add-wheels failed:\n{proc.stdout}\n{proc.stderr}")
    lock = json.loads(out.read_text(encoding="utf-8"))
    keep, todo = set(), [PACKAGE]
    while todo:
        name = todo.pop()
        if name not in keep:
            keep.add(name)
            todo.extend(lock["packages"][name]["depends"])
    lock["packages"] = {k: v for k, v in lock["packages"].items() if k in keep}
    out.write_text(json.dumps(lock, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def descriptor(wheel_name: str) -> dict[str, Any]:
    return {"stdlib": STDLIB, "lockfile": LOCKFILE, "package": PACKAGE, "wheel": wheel_name}


def _comparable(out: dict[str, Any]) -> list[Any]:
    return [{k: v for k, v in r.items() if k != "ms"} for r in out["results"]]


def build_runtime_dir(root: Path, out: Path, work: Path) -> dict[str, Any]:
    """Build the runtime directory ``out``; returns its descriptor (with the stdlib report)."""
    npm = npm_runtime(root)
    stage = work / "stage"
    stage.mkdir(parents=True)
    for name in (*CORE_FILES, STDLIB, LOCKFILE):
        shutil.copyfile(npm / name, stage / name)
    sources = write_zip(source_entries(root), work / "sources.zip")
    compile_zip(npm, sources, work / "compiled.zip", "package")
    wheel = build_wheel(read_zip(work / "compiled.zip"), stage)
    add_wheel(npm / LOCKFILE, wheel, stage / "lock.tmp.json")
    (stage / "lock.tmp.json").replace(stage / LOCKFILE)
    runtime = descriptor(wheel.name)

    cases = samples.cases(root, work / "samples")
    imports = static_imports(browser_modules(root))
    full = run_cases(stage, runtime, cases, trace=True, imports=imports)
    failed = [(c, r) for c, r in zip(cases, full["results"]) if r["ok"] != c.get("ok", True)]
    if failed:
        raise RuntimeBuildError(f"checkers failed on sample inputs under Pyodide (full stdlib): {failed[:3]}")
    members = set(full["modules"])
    names = write_trimmed(stage / STDLIB, members, work / "trimmed-source.zip")
    trimmed = work / "trimmed.zip"
    compile_zip(npm, work / "trimmed-source.zip", trimmed, "stdlib")

    check = run_cases(stage, runtime, cases, stdlib=trimmed, imports=imports)
    if _comparable(check) != _comparable(full) or check["imported"] != full["imported"]:
        raise RuntimeBuildError("the trimmed standard library gives different results than the full one")
    out.mkdir(parents=True)
    for name in (*CORE_FILES, LOCKFILE, wheel.name):
        shutil.copyfile(stage / name, out / name)
    shutil.copyfile(trimmed, out / STDLIB)
    runtime["stdlib_modules"] = len(names)
    runtime["stdlib_full_bytes"] = (npm / STDLIB).stat().st_size
    runtime["verified_cases"] = len(cases)
    return runtime


def _dir_hash(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:10]


def cached_runtime(root: Path = ROOT, cache: Path = CACHE) -> tuple[Path, dict[str, Any]]:
    """The runtime directory for the current sources, built once per change of its inputs."""
    key = _cache_key(npm_runtime(root), root)
    done = cache / key
    if not (done / "runtime.json").is_file():
        tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=_mkdir(cache)))
        try:
            runtime = build_runtime_dir(root, tmp / "files", tmp / "work")
            runtime["version"] = pinned_version(root)
            runtime["hash"] = _dir_hash(tmp / "files")
            (tmp / "runtime.json").write_text(json.dumps(runtime, indent=1), encoding="utf-8")
            shutil.rmtree(tmp / "work")
            for old in cache.iterdir():  # one runtime is enough; older ones are 13 MB each
                if old.is_dir() and old != tmp and not old.name.startswith("tmp-"):
                    shutil.rmtree(old, ignore_errors=True)
            tmp.rename(done)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return done / "files", json.loads((done / "runtime.json").read_text(encoding="utf-8"))


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def build_runtime(site_dir: Path) -> None:
    """Copy the runtime into ``site_dir/assets/pyodide/<version>-<hash>/`` and wire the pages to it."""
    files, runtime = cached_runtime()
    dirname = f"{runtime['version']}-{runtime['hash']}"
    base = site_dir / "assets" / "pyodide"
    if base.exists():
        shutil.rmtree(base)
    shutil.copytree(files, base / dirname)
    public = {k: runtime[k] for k in ("version", "stdlib", "lockfile", "package", "wheel")}
    public["dir"] = f"../pyodide/{dirname}/"
    public["bytes"] = {p.name: p.stat().st_size for p in sorted((base / dirname).iterdir())
                       if not p.name.endswith(".map")}
    target = _mkdir(site_dir / "assets" / "checkers") / "runtime.mjs"
    target.write_text(
        "// Generated by web/runtime.py at build time: where this build's checker runtime lives.\n"
        f"export default {json.dumps(public, indent=1, sort_keys=True)};\n",
        encoding="utf-8",
    )
