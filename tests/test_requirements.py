"""The toolchain the site depends on: mkdocs stays 1.x (2.0 drops plugins), and jieba is there for Chinese search."""

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
