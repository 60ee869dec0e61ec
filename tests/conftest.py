"""Shared fixtures: one strict build of the site per test session, a local server, a real Chromium."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@functools.cache
def dataset() -> Any:
    """All of data/, validated (macros.data.load_dataset), loaded once per test session."""
    from macros.data import load_dataset

    return load_dataset(ROOT)


@functools.cache
def _province_stubs() -> dict[str, str]:
    """A minimal valid file for each province in data/provinces/ (name and region from the real one)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    stubs = {}
    for path in sorted((ROOT / "data" / "provinces").glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        stubs[path.stem] = (
            f"slug: {path.stem}\nname: {data['name']}\nregion: {data['region']}\n"
            "sources:\n  s:\n    title: 测试来源\n    kind: aggregator\n    seen: 2026-11-01\n"
            f"authority:\n  text: {data['name']}的考试机构\n  sources: [s]\n  confidence: low\n"
            "registration:\n  status: unknown\nlookup:\n  status: unknown\ngraduation:\n  status: unknown\n")
    return stubs


def data_tree(dest: Path, *real: str) -> Path:
    """A small valid project under ``dest`` for tests that break data on purpose: ``dest/data/`` holds the real
    national.yml, a minimal valid file for each province (so the tests do not depend on the writers' data, which
    lands in parallel and is checked by the data tests) and the real files or folders ``real`` (paths under data/,
    e.g. "photo_specs", "plans/jiangsu/080901.yml"). Loading it costs a fraction of loading all of data/."""
    data = dest / "data"
    (data / "provinces").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "national.yml", data / "national.yml")
    for slug, text in _province_stubs().items():
        (data / "provinces" / f"{slug}.yml").write_text(text, encoding="utf-8")
    for rel in real:
        source, target = ROOT / "data" / rel, data / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    return dest


def plan_ids() -> list[str]:
    """Every course plan file in data/plans/ (``<province>/<code>.yml``): rules that hold for all plans are tested
    on each of them. Read from the file names, so a test can check that the loader finds every file."""
    return sorted(f"{p.parent.name}/{p.stem}" for p in (ROOT / "data" / "plans").glob("*/*.yml"))


def spec_ids() -> list[str]:
    """Every photo spec in data/photo_specs/."""
    return sorted(dataset().photo_specs)


def build_site(root: Path, dest: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the project at ``root`` into ``dest``; returns the finished process."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=root, env=full_env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def build_result(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    dest = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, dest)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return dest, result


@pytest.fixture(scope="session")
def site(build_result: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return build_result[0]


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    from tools.serve import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """The system Chromium. Missing in CI is a failure, never a skip."""
    from tools.chromium import executable as chromium

    executable = chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: .ci/run must install the Debian package `chromium`")
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def pytest_sessionstart(session: pytest.Session) -> None:
    """Write checkers/_catalog.json from data/ so the checkers' tests see the current data."""
    from macros import catalog
    from macros.data import DataErrors

    try:
        catalog.write(dataset(), ROOT)
    except DataErrors as err:  # the validation tests and the build test report these in detail
        print("data/ does not validate; checker tests that need the catalog will fail:\n" + str(err), file=sys.stderr)
