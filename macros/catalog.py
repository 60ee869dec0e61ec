"""The checkers' bundled catalog, ``checkers/_catalog.json``: the one place that writes it.

The build (macros/build.py), the editors' command (macros/validate.py) and the test session (tests/conftest.py)
all call :func:`write`; checkers.catalog reads the file, runtime.wheel packs it into the browser's wheel."""

from __future__ import annotations

import json
from pathlib import Path

from checkers.schema import dump
from macros.data import ROOT, Dataset


def path(root: Path = ROOT) -> Path:
    """Where the catalog of the project at ``root`` lives."""
    return root / "checkers" / "_catalog.json"


def write(dataset: Dataset, root: Path = ROOT) -> Path:
    """Write the catalog of ``dataset`` (only when its content changed, so its mtime tells a real change)."""
    target = path(root)
    write_catalog(dataset, target)
    return target


def write_catalog(dataset: Dataset, target: Path) -> None:
    """The data the checkers need, as JSON: bundled into the wheel and read by checkers.catalog."""
    catalog = {
        "photo_specs": {k: dump(v) for k, v in sorted(dataset.photo_specs.items())},
        "plans": {k: dump(v) for k, v in sorted(dataset.plans.items())},
        "rules": {k: dump(v) for k, v in sorted(dataset.rules.items())},
    }
    text = json.dumps(catalog, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
