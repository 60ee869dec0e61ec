"""Put the checkers' Pyodide runtime into the built site: core files, wheel, lockfile, trimmed stdlib."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from runtime import samples
from runtime.node_session import NodeSession, run_cases
from runtime.stdlib import static_imports, write_trimmed
from runtime.wheel import browser_modules, build_wheel, content_hash, read_zip, source_entries, write_zip

ROOT = Path(__file__).resolve().parent.parent
NPM_DIR = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "build" / "runtime"
CORE_FILES = ("pyodide.mjs", "pyodide.mjs.map", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
LOCKFILE = "pyodide-lock.json"
PACKAGE = "zikao-checkers"
# Sources whose change must rebuild the runtime (the cache key covers them and the package).
TOOLING = ("runtime/build.py", "runtime/stdlib.py", "runtime/samples.py", "runtime/wheel.py", "runtime/node_session.py",
           "runtime/node/run.mjs", "runtime/node/compile.mjs", "docs/assets/checkers/engine.mjs", "checkers/web.py")


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
    # pyodide-cli's `lockfile` command is the entry point pyodide_lock.cli:main; run it directly, since
    # `python -m pyodide_cli` first imports every plugin (pyodide-build, requests, virtualenv): 0.7 s -> 0.3 s.
    cmd = [sys.executable, "-c", "from pyodide_lock.cli import main; main()", "add-wheels", "--input", str(lockfile),
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


def _runtime_dir(npm: Path, directory: Path, *, stdlib: bool) -> Path:
    """A runtime directory holding Pyodide's core files (and its full stdlib); the lockfile comes from add_wheel."""
    directory.mkdir(parents=True)
    for name in (*CORE_FILES, STDLIB) if stdlib else CORE_FILES:
        shutil.copyfile(npm / name, directory / name)
    return directory


def build_runtime_dir(root: Path, out: Path, work: Path) -> dict[str, Any]:
    """Build the runtime directory ``out``; returns its descriptor (with the stdlib report).

    1. Reference run: the checkers' sources (a wheel of .py files, installed through the lockfile as the
       site installs its wheel) on Pyodide's full npm stdlib run every sample case; the standard library
       files it imported are traced.
    2. In that same interpreter, only after the trace is taken (so nothing compiling imports can enter it),
       the package sources and the traced stdlib files are compiled to .pyc (runtime/node/compile.mjs), and
       CPython packs the compiled wheel. One Pyodide boot serves all three steps (a boot on the source
       stdlib costs 3-4 s of CPU here, most of it compiling the modules it imports).
    3. Verification run, in a fresh process: exactly what ships (compiled wheel, trimmed compiled stdlib)
       must give the reference run's results and import the same modules. Since the reference ran the
       sources, this checks both compile steps as well as the trimming.
    """
    npm = npm_runtime(root)
    traced = _runtime_dir(npm, work / "traced", stdlib=True)
    stage = _runtime_dir(npm, work / "stage", stdlib=False)
    sources = source_entries(root)
    trimmed = work / "trimmed.zip"
    # The session starts now and waits for its first request, so Node's start-up overlaps the steps below;
    # CPython's own steps (add_wheel's process, writing the trimmed sources) run while Node works.
    with NodeSession() as node, ThreadPoolExecutor(max_workers=2) as pool:
        source_wheel = build_wheel(sources, traced)
        locking = pool.submit(add_wheel, npm / LOCKFILE, source_wheel, traced / LOCKFILE)
        cases = samples.cases(root, work / "samples")
        imports = static_imports(browser_modules(root))
        write_zip(sources, work / "sources.zip")
        locking.result()
        full = node.run(traced, descriptor(source_wheel.name), cases, trace=True, imports=imports)
        failed = [(c, r) for c, r in zip(cases, full["results"]) if r["ok"] != c.get("ok", True)]
        if failed:
            raise RuntimeBuildError(f"checkers failed on sample inputs under Pyodide (full stdlib): {failed[:3]}")
        # The trace is taken: from here on the session's interpreter compiles (and imports what that needs).
        trimming = pool.submit(write_trimmed, npm / STDLIB, set(full["modules"]), work / "trimmed-source.zip")
        node.compile(work / "sources.zip", work / "compiled.zip", "package")
        wheel = build_wheel(read_zip(work / "compiled.zip"), stage)
        locking = pool.submit(add_wheel, npm / LOCKFILE, wheel, stage / LOCKFILE)
        names = trimming.result()
        node.compile(work / "trimmed-source.zip", trimmed, "stdlib")
        locking.result()

    runtime = descriptor(wheel.name)
    check = run_cases(stage, runtime, cases, stdlib=trimmed, imports=imports)
    if _comparable(check) != _comparable(full) or check["imported"] != full["imported"]:
        raise RuntimeBuildError("the shipped runtime (compiled wheel, trimmed compiled stdlib) gives different "
                                "results than the checkers' sources on the full stdlib")
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


# One runtime build at a time in this process: `mkdocs serve` may start a rebuild's runtime thread while
# the previous one still runs; the second then finds the first one's result in the cache.
_BUILDING = threading.Lock()


def cached_runtime(root: Path = ROOT, cache: Path = CACHE) -> tuple[Path, dict[str, Any]]:
    """The runtime directory for the current sources, built once per change of its inputs."""
    with _BUILDING:
        return _cached_runtime(root, cache)


def _cached_runtime(root: Path, cache: Path) -> tuple[Path, dict[str, Any]]:
    key = _cache_key(npm_runtime(root), root)
    done = cache / key
    if not (done / "runtime.json").is_file():
        # Built in a tmp- directory renamed into place when complete: the cache never holds half a runtime.
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


def start_runtime(root: Path = ROOT, cache: Path = CACHE) -> Future[tuple[Path, dict[str, Any]]]:
    """cached_runtime() in a thread started now, so the runtime builds while MkDocs renders the pages.

    ``result()`` waits for it and raises what it raised. The thread is not a daemon: if the page build
    stops first, the process still lets the runtime build finish (or clean up its tmp- directory), and
    its Node processes are not left behind."""
    future: Future[tuple[Path, dict[str, Any]]] = Future()

    def work() -> None:
        try:
            future.set_result(cached_runtime(root, cache))
        except BaseException as err:  # noqa: BLE001 - handed to whoever waits on the future
            future.set_exception(err)

    threading.Thread(target=work, name="checkers-runtime").start()
    return future


def build_runtime(site_dir: Path, built: tuple[Path, dict[str, Any]]) -> dict[str, Any]:
    """Copy the runtime ``built`` by cached_runtime into ``site_dir/assets/pyodide/<version>-<hash>/``; returns
    the public descriptor that runtime.assets.pin writes into the pages' runtime.mjs (``site_path``: the runtime
    directory from the site root)."""
    files, runtime = built
    dirname = f"{runtime['version']}-{runtime['hash']}"
    base = site_dir / "assets" / "pyodide"
    if base.exists():
        shutil.rmtree(base)
    shutil.copytree(files, base / dirname)
    public = {k: runtime[k] for k in ("version", "stdlib", "lockfile", "package", "wheel")}
    public["site_path"] = f"assets/pyodide/{dirname}/"
    public["bytes"] = {p.name: p.stat().st_size for p in sorted((base / dirname).iterdir())
                       if not p.name.endswith(".map")}
    return public
