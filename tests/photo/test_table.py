"""checkers.photo.table: the table of photo checks is the only list of them, and everything reads it."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from checkers import web
from checkers.photo import api, cli, table
from checkers.photo.context import Context
from checkers.photo.result import Outcome, judge
from checkers.photo.spec import RULES, Rules

from .factory import compliant, pixels_of

ROOT = Path(__file__).resolve().parents[2]
IDS = [c.id for c in table.CHECKS]


def test_one_row_per_check_with_a_label_and_a_function() -> None:
    assert len(set(IDS)) == len(IDS)
    for check in table.CHECKS:
        assert re.fullmatch(r"[a-z_]+", check.id) and re.fullmatch(r"[\u4e00-\u9fff]+", check.label), check
        assert callable(check.run) and check.run.__name__ == f"check_{check.id}", check
        assert check.needs in ("file", "jpeg", "pixels")


def test_rule_names_are_check_ids() -> None:
    """One name per concept: every spec rule is checked by the check of the same name, and only by it."""
    assert [c.id for c in table.CHECKS if c.rule] == [r for r in IDS if r in RULES]
    assert set(RULES) == {c.id for c in table.CHECKS if c.rule} == {f.name for f in dataclasses.fields(Rules)}


@pytest.mark.parametrize("data", [b"", b"not a jpeg", None])
def test_results_come_in_table_order(data: bytes | None) -> None:
    photo = compliant() if data is None else data
    result = api.check(photo, "national/graduation", filename="a.jpg",
                       pixels=pixels_of(photo) if data is None else None)
    assert [c["id"] for c in result["checks"]] == IDS
    shown = web.check_photo({"data": photo, "spec": "national/graduation"})
    assert list(shown["labels"].items()) == [(c.id, c.label) for c in table.CHECKS]


def test_cli_report_shows_the_table_labels_in_order() -> None:
    photo = compliant()
    result = api.check(photo, "national/graduation", filename="a.jpg", pixels=pixels_of(photo))
    lines = cli.report(result, "a.jpg").splitlines()[3:3 + len(IDS)]
    assert [line.split("] ", 1)[1].split("：", 1)[0].strip() for line in lines] == [c.label for c in table.CHECKS]


def test_a_guide_page_prints_the_rules_in_table_order(catalog) -> None:
    spec = catalog["national/graduation"]
    rows = table.requirements(spec)
    assert [r for r, _, _ in rows] == [c.id for c in table.CHECKS if c.rule and getattr(spec, c.id) is not None]
    macros = (ROOT / "macros/templates/photo_rules.md.j2").read_text(encoding="utf-8")
    assert set(re.findall(r"{% macro ([a-z_]+)\(", macros)) - {"limit"} == set(RULES)


def test_adding_a_check_takes_one_row_and_one_function(monkeypatch) -> None:
    """A new check appears in the results, the CLI and the browser's labels from one row and one function."""

    def check_comment(ctx: Context) -> Outcome:
        return judge("pass", f"文件共 {ctx.size} 字节")

    row = table.PhotoCheck("comment", "注释", False, "jpeg", check_comment)
    monkeypatch.setattr(table, "CHECKS", table.CHECKS[:2] + (row,) + table.CHECKS[2:])
    photo = compliant()
    result = api.check(photo, "national/graduation", filename="a.jpg")
    assert [c["id"] for c in result["checks"]] == IDS[:2] + ["comment"] + IDS[2:]
    assert result["checks"][2]["message"] == f"文件共 {len(photo)} 字节。"
    assert "[通过]   注释：文件共" in cli.report(result, "a.jpg")
    assert web.check_photo({"data": photo, "spec": "national/graduation"})["labels"]["comment"] == "注释"
    assert api.check(b"x", "national/graduation")["checks"][2]["message"] == "文件不是有效的 JPEG，无法检查注释。"


def _sources() -> list[Path]:
    return sorted(p for p in (ROOT / "checkers").rglob("*.py") if p.name != "table.py")


def _collections_of_ids(tree: ast.AST) -> list[list[str]]:
    found = []
    for node in ast.walk(tree):
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if isinstance(node, (ast.Dict, ast.Tuple, ast.List, ast.Set)) and items:
            names = [i.value for i in items if isinstance(i, ast.Constant) and i.value in IDS]
            if len(names) >= 2:
                found.append(names)
    return found


def test_no_other_module_lists_check_ids() -> None:
    """No second list: outside the table no collection holds two check ids, and no code names a result."""
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert _collections_of_ids(tree) == [], path
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                assert name not in ("CheckResult", "named") or path.name == "result.py", (path, node.lineno)


def test_the_browser_code_has_no_list_of_checks() -> None:
    for path in sorted((ROOT / "docs/assets/checkers").glob("*.mjs")):
        text = path.read_text(encoding="utf-8")
        quoted = {m for m in re.findall(r"[\"'`]([a-z_]+)[\"'`]", text) if m in IDS}
        assert len(quoted) < 2, (path.name, quoted)


def test_the_scan_would_see_a_second_list() -> None:
    assert _collections_of_ids(ast.parse('X = ("format", "dpi")\nY = {"framing": 1, "filename": 2}')) == [
        ["format", "dpi"], ["framing", "filename"]]
