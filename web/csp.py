"""Content-Security-Policy for the tool pages: fill in the hashes of the inline scripts Material emits."""

from __future__ import annotations

from pathlib import Path


def apply(site_dir: Path) -> list[Path]:
    return []
