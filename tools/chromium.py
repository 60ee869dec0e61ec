"""Which Chromium the browser tests and benches drive: $CHROMIUM_PATH, else the system package."""

from __future__ import annotations

import os
import shutil


def executable() -> str | None:
    """Path of the Chromium binary, or None when none is installed."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")
