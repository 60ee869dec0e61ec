"""The toolchain: mkdocs stays 1.x (2.0 drops plugins), jieba is there for Chinese search, editors need no Node.js."""

from __future__ import annotations

import importlib.metadata
import re

import pytest

from tests.conftest import ROOT


def _pin(file: str, name: str) -> str:
    text = (ROOT / file).read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}==(\S+)", text, re.M | re.I)
    assert match, f"{file} must pin {name} exactly"
    return match.group(1)


@pytest.mark.parametrize("file", ["requirements.txt", "requirements.lock"])
def test_mkdocs_pinned_below_2(file: str) -> None:
    assert _pin(file, "mkdocs").split(".")[0] == "1"


def test_installed_mkdocs_is_1x() -> None:
    assert importlib.metadata.version("mkdocs").split(".")[0] == "1"
    assert importlib.metadata.version("mkdocs") == _pin("requirements.lock", "mkdocs")


def test_jieba_installed_for_search() -> None:
    """Without jieba, Material builds the zh search index unsegmented and only logs it (tests/site/test_build.py
    checks the built index itself)."""
    assert importlib.metadata.version("jieba") == _pin("requirements.lock", "jieba")


@pytest.mark.parametrize("target", ["check", "test-fast"])
def test_editor_targets_need_no_node(target: str) -> None:
    """`make check` and `make test-fast` need only the Python venv: nothing they would run calls npm or node."""
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert "pytest" in dry.stdout or "macros.validate" in dry.stdout
    assert not re.search(r"\bnpm\b|node_modules|^node\b", dry.stdout, re.M), dry.stdout
    full = subprocess.run(["make", "-n", "-B", "setup"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "npm ci" in full.stdout  # the test can fail: the full setup does install the npm packages


def test_fast_tier_leaves_out_every_marked_tier() -> None:
    """Each marker in pyproject.toml names a slow tier: `make test-fast` must leave every one of them out."""
    import tomllib

    markers = [m.split(":")[0] for m in
               tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]["markers"]]
    fast = re.search(r"^FAST := (.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert fast and markers
    assert sorted(fast.group(1).split(" and ")) == sorted(f"not {m}" for m in markers)
