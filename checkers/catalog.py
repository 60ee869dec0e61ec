"""The photo specs, course plans and rules the checkers use, read from the bundled catalog."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from checkers.schema import load

CATALOG = "_catalog.json"


class CatalogMissing(RuntimeError):
    """The generated catalog is absent: data/ has not been validated and bundled yet."""


@functools.cache
def _raw() -> dict[str, Any]:
    try:
        text = resources.files("checkers").joinpath(CATALOG).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogMissing(
            "checkers/_catalog.json is missing: run `make setup` (or `python -m macros.validate`) first"
        ) from None
    return json.loads(text)


@functools.cache
def photo_specs() -> dict[str, Any]:
    """Spec id -> resolved PhotoSpec."""
    from checkers.photo.spec import PhotoSpec

    return {k: load(PhotoSpec, v) for k, v in _raw().get("photo_specs", {}).items()}


@functools.cache
def plans() -> dict[str, Any]:
    """Plan id ('jiangsu/050101') -> Plan."""
    from checkers.courses.plan import Plan

    return {k: load(Plan, v) for k, v in _raw().get("plans", {}).items()}


def rules() -> dict[str, Any]:
    """Rules shared by many plans (e.g. the 2024 思政 restructure), as plain data."""
    return _raw().get("rules", {})
