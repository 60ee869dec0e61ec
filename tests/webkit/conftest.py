"""Fixtures for the WebKit smoke set: WebKitGTK sessions and a server that records what the browser asked for."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))  # web_inputs: the shared photo set


@pytest.fixture(scope="session")
def webkit() -> Callable[..., Any]:
    """Open a WebKitGTK session: ``with webkit(width=390) as driver``. Missing in CI is a failure, never a skip."""
    from tools import webkit as wk

    need = wk.missing()
    if need:
        message = f"WebKit is not installed: apt-get install {' '.join(need)}"
        if os.environ.get("CI"):
            pytest.fail(message + " (.ci/run must install it)")
        pytest.skip(message)
    return wk.session


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[tuple[str, list[Any]]]:
    """The built site on loopback, with every answered request appended to the list (tests may clear it)."""
    from tools.serve import serve

    log: list[Any] = []
    with serve(site, record=log) as url:
        yield url, log
