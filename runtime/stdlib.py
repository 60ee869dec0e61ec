"""Trim Pyodide's python_stdlib.zip to the modules the checkers (and Pyodide itself) actually import."""

from __future__ import annotations

import ast
import functools
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

EPOCH = (2020, 1, 1, 0, 0, 0)


def imports(path: Path, module: str) -> frozenset[tuple[str, str | None]]:
    """Every import statement of ``path`` (top level or in functions) as (absolute module, imported name);
    ``module`` is the file's own module name. ``import a.b`` gives ("a.b", None); ``from .c import d`` in package
    ``p`` gives ("p.c", "d"), where ``d`` may be a submodule or an attribute."""
    return _imports(path.read_bytes(), str(path), module)


# Keyed by the file's bytes: a build asks for each module's imports several times (cache key, wheel, trace
# imports), and a parse costs more than reading the file. An edited file is parsed again.
@functools.lru_cache(maxsize=1024)
def _imports(source: bytes, filename: str, module: str) -> frozenset[tuple[str, str | None]]:
    found: set[tuple[str, str | None]] = set()
    package = module if Path(filename).name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            found.update((alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.update((base, alias.name) for alias in node.names)
    return frozenset(found)


def imported_names(path: Path, module: str) -> set[str]:
    """Absolute names in ``path``'s import statements (top level or in functions); ``module`` is its name.

    ``from a import b`` gives both ``a`` and ``a.b`` (``b`` may be a submodule or an attribute)."""
    names: set[str] = set()
    for base, name in imports(path, module):
        if name is None:
            names.add(base)
        elif base:
            names.update((base, f"{base}.{name}"))
    return names


def static_imports(modules: dict[str, Path]) -> list[str]:
    """Standard-library modules named by any import statement of ``modules`` (name -> file)."""
    names: set[str] = set()
    for module, path in sorted(modules.items()):
        names |= imported_names(path, module)
    stdlib = set(sys.stdlib_module_names)
    # Keep dotted names only when they are modules of a standard package (os.path, importlib.resources, ...):
    # the runner imports each name and skips those that turn out to be attributes, not modules.
    return sorted(n for n in names if n.split(".")[0] in stdlib and n.split(".")[0] not in {"js", "pyodide"})


def with_parents(members: Iterable[str], available: set[str]) -> set[str]:
    """Add each member's enclosing packages' ``__init__.py`` (zipimport needs them to import submodules)."""
    out = set(members)
    for name in list(out):
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            init = "/".join(parts[:i]) + "/__init__.py"
            if init in available:
                out.add(init)
    return out


def write_trimmed(full_zip: Path, members: Iterable[str], out: Path) -> list[str]:
    """Write a zip holding only ``members`` (and their packages) of ``full_zip``; returns the names written.

    The zip is stored, not compressed: it is only the input of the compile step (runtime/node/compile.mjs)."""
    with zipfile.ZipFile(full_zip) as src:
        available = {i.filename for i in src.infolist() if not i.is_dir()}
        wanted = with_parents(members, available)
        missing = sorted(wanted - available)
        if missing:
            raise ValueError(f"not in {full_zip.name}: {', '.join(missing[:10])}")
        names = sorted(wanted)
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w") as dst:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=EPOCH)
                info.external_attr = 0o644 << 16
                dst.writestr(info, src.read(name))
    return names
