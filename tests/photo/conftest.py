"""Fixtures for the photo checker's tests: the spec catalog and a compliant photo made with Pillow."""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

import pytest

from checkers.photo.spec import PhotoSpec

from .factory import compliant


@pytest.fixture(scope="session")
def catalog() -> dict[str, PhotoSpec]:
    from checkers.catalog import photo_specs

    return dict(photo_specs())


@pytest.fixture(scope="session")
def good() -> bytes:
    """480×640, 300 dpi, quality 85, light-blue background, about 31 KB: passes national/graduation."""
    return compliant()


@pytest.fixture
def variant(catalog: dict[str, PhotoSpec]) -> Callable[..., dict[str, PhotoSpec]]:
    """A catalog with one extra spec ``test/<purpose>`` derived from ``base`` with some rules replaced."""

    def make(base: str, **changes: Any) -> dict[str, PhotoSpec]:
        spec = dataclasses.replace(catalog[base], id="test/graduation", **changes)
        return {**catalog, spec.id: spec}

    return make


def statuses(result: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["status"] for c in result["checks"]}


def by_id(result: dict[str, Any], check_id: str) -> dict[str, Any]:
    return next(c for c in result["checks"] if c["id"] == check_id)
