"""The project's shape, read statically from the import statements: no import cycle, and data flows one way.

checkers (pure standard library) -> runtime (build tooling: wheel, Pyodide runtime) -> macros (the site build).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

from runtime.stdlib import imports
from tests.conftest import ROOT

PACKAGES = ("checkers", "runtime", "macros", "tools", "bench")
# What each package may import from the others (anything not listed is forbidden).
ALLOWED = {
    "checkers": set(),
    "runtime": {"checkers"},
    "macros": {"checkers", "runtime", "tools"},
    "tools": {"checkers", "runtime"},
    "bench": {"checkers", "runtime", "macros", "tools"},
}


def _modules(root: Path) -> dict[str, Path]:
    """Module name -> file, for every module of the project's packages."""
    out = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(path: Path, module: str, known: dict[str, Path]) -> set[str]:
    """The project modules ``path`` imports anywhere (top level or inside functions)."""
    # `from a import b`: the module a.b when it is one, else a (b is a name in a).
    names = {base if name is None or f"{base}.{name}" not in known else f"{base}.{name}"
             for base, name in imports(path, module)}
    return {n for n in names if n in known and n != module}


@functools.cache
def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    known = _modules(root)
    return {name: _imports(path, name, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_graph_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "__init__.py").write_text("")
    (tmp_path / "macros" / "a.py").write_text("def f():\n    from . import b\n")
    (tmp_path / "macros" / "b.py").write_text("from macros.a import f\n")
    for package in PACKAGES[1:]:
        (tmp_path / package).mkdir(exist_ok=True)
    (tmp_path / "checkers").mkdir(exist_ok=True)
    graph = import_graph(tmp_path)
    assert graph["macros.a"] == {"macros.b"} and graph["macros.b"] == {"macros.a"}
    assert cycles(graph) == [["macros.a", "macros.b"]]


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_flow_one_way(package: str) -> None:
    """checkers imports nothing from the site code; the runtime tooling nothing from the site glue."""
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in import_graph().items() if module.split(".")[0] == package
        for target in targets if target.split(".")[0] not in ALLOWED[package] | {package}
    )
    assert wrong == []


def test_one_writer_of_the_catalog() -> None:
    """checkers/_catalog.json is written by macros.catalog alone: no other module calls write_catalog."""
    callers = sorted(
        str(path.relative_to(ROOT))
        for folder in (*PACKAGES, "tests") for path in (ROOT / folder).rglob("*.py")
        if path != Path(__file__) and "write_catalog(" in path.read_text(encoding="utf-8")
    )
    assert callers == ["macros/catalog.py"]  # it defines write_catalog and is its only caller
