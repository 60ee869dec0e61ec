"""Fixtures for the runtime tests: the declared photo set (tests/web/web_inputs.py) written to files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.web_inputs import photo_set


@pytest.fixture(scope="session")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("runtime-photos")
    out = {}
    for name, data in photo_set().items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    return out
