"""Fixtures for the web tests: the declared photo set written to files."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_inputs import photo_set


@pytest.fixture(scope="session")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("photos")
    out = {}
    for name, data in photo_set().items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    return out
