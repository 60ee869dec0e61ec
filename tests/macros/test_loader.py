"""macros.loader: libyaml's fast path reads every file exactly as PyYAML's own parser does, problems included."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from macros import loader
from macros.loader import DataFileError, _fast_node, _pure_node, _walk
from tests.conftest import ROOT

FILES = sorted((ROOT / "data").rglob("*.yml"))


def _read(node: object) -> tuple[object, dict]:
    lines: dict = {}
    return _walk(node, (), lines, [loader.MAX_NODES], "f.yml"), lines  # type: ignore[arg-type]


def _pure(text: str) -> object:
    try:
        node = _pure_node(text, "f.yml")
    except DataFileError as err:
        return ("refused", err.line, err.message)
    try:
        return node and _read(node)
    except DataFileError as err:
        return ("refused", err.line, err.message)


def test_libyaml_is_used_here() -> None:
    assert loader.CParser is not None  # PyYAML's wheels ship libyaml; without it the build takes seconds longer


def test_every_data_file_reads_the_same_through_both_parsers() -> None:
    fast = 0
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        node = _fast_node(text)
        if node is not None:
            fast += 1
            assert _read(node) == _pure(text), path
    assert fast > len(FILES) // 2


@pytest.mark.parametrize("text", ["a: 1\n\tb: 2\n", "a: [x?y]\n", "a: &x 1\nb: *x\n", "a: [oops\n", ""])
def test_what_libyaml_reads_differently_or_refuses_goes_to_pyyaml(text: str) -> None:
    assert _fast_node(text) is None


def test_edited_files_read_the_same_or_are_refused_by_pyyaml() -> None:
    """Small random edits of the real files (seeded): whatever libyaml accepts, PyYAML reads to the same data
    and lines."""
    rng = random.Random(18)
    texts = ["".join(p.read_text(encoding="utf-8").splitlines(keepends=True)[:40]) for p in FILES[:: max(1, len(FILES) // 20)]]
    pieces = [*" \n\r:-#'\"[]{},&*!|>%@`\\.=~<", "中", "---", "...", "\u3000", "\x85", "\u2028", "- ", ": ", "!!str "]
    compared = 0
    for _ in range(200):
        lines = rng.choice(texts).splitlines(keepends=True)
        i = rng.randrange(len(lines))
        k = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:k] + rng.choice(pieces) + lines[i][k + rng.randrange(2):]
        text = "".join(lines)
        node = _fast_node(text)
        if node is None:
            continue
        try:
            fast: object = _read(node)
        except DataFileError as err:
            fast = ("refused", err.line, err.message)
        assert fast == _pure(text), lines[i]
        compared += 1
    assert compared > 50


def test_an_unknown_tag_is_a_located_message_not_a_traceback(tmp_path: Path) -> None:
    from macros.loader import DataFileError, load_yaml

    path = tmp_path / "x.yml"
    path.write_text("a: 1\nb: !!il x\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_yaml(path, "data/provinces/x.yml")
    assert str(info.value).startswith("data/provinces/x.yml:2: 不认识的 YAML 标记")
