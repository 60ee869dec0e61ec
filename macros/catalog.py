"""The checkers' bundled catalog, ``checkers/_catalog.json``: the one place that writes it.

The build (macros/build.py), the editors' command (macros/validate.py) and the test session (tests/conftest.py)
all call :func:`write`; checkers.catalog reads the file, runtime.wheel packs it into the browser's wheel."""

from __future__ import annotations

from pathlib import Path

from macros.data import ROOT, Dataset, write_catalog


def path(root: Path = ROOT) -> Path:
    """Where the catalog of the project at ``root`` lives."""
    return root / "checkers" / "_catalog.json"


def write(dataset: Dataset, root: Path = ROOT) -> Path:
    """Write the catalog of ``dataset`` (only when its content changed, so its mtime tells a real change)."""
    target = path(root)
    write_catalog(dataset, target)
    return target
