"""Trim Pyodide's python_stdlib.zip to the modules the checkers (and Pyodide itself) actually import."""

from __future__ import annotations

import ast
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

EPOCH = (2020, 1, 1, 0, 0, 0)


def static_imports(package_dir: Path) -> list[str]:
    """Standard-library modules named by any import statement in the package (top level or in functions)."""
    names: set[str] = set()
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_bytes(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
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
    """Write a zip holding only ``members`` (and their packages) of ``full_zip``; returns the names written."""
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
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                dst.writestr(info, src.read(name), compresslevel=9)
    return names
