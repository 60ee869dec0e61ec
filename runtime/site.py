"""Put the checkers into a built site: the runtime builds in a thread while the pages render, then goes in.

Independent of MkDocs: the site generator's glue (macros/build.py) makes one SiteRuntime per build, calls
``start()`` before the pages render and ``install(site_dir)`` after they are written."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Any

from runtime import csp
from runtime.assets import PinError, pin
from runtime.build import ROOT, CACHE, RuntimeBuildError, build_runtime, start_runtime
from runtime.node_session import NodeError
from runtime.wheel import WheelError


class InstallError(RuntimeError):
    """The checkers cannot go into the site; the message says why, in Chinese and English, for the build log."""


class SiteRuntime:
    """One build's checkers runtime. ``with_runtime=False``: pages only (content builds, `make check`)."""

    def __init__(self, root: Path = ROOT, *, with_runtime: bool = True, cache: Path = CACHE) -> None:
        self.root = root
        self.cache = cache
        self.with_runtime = with_runtime
        self._pending: Future[tuple[Path, dict[str, Any]]] | None = None

    def start(self) -> None:
        """Start building the runtime (cache hits are fast); its inputs include the catalog written before."""
        if self.with_runtime and self._pending is None:
            self._pending = start_runtime(self.root, self.cache)

    def install(self, site_dir: Path) -> dict[str, Any] | None:
        """Fill in the tool pages' Content-Security-Policy; wait for the runtime and copy it (Pyodide's files, the
        checkers wheel) into the site; move the checkers' browser modules to their content-hashed folder and
        point the pages at it. Returns the runtime's public descriptor (None when built without it)."""
        csp.apply(site_dir)
        public = None
        if self._pending is not None:
            pending, self._pending = self._pending, None
            try:
                built = pending.result()
            except (RuntimeBuildError, NodeError, WheelError) as err:
                raise InstallError(
                    f"检查工具的 Pyodide 运行时构建失败（the checkers' Pyodide runtime build failed）：\n{err}"
                ) from err
            public = build_runtime(site_dir, built)
        try:
            pin(site_dir, public)
        except PinError as err:
            raise InstallError(f"页面引用了不存在的检查工具脚本（a page refers to a missing checker module）：{err}") from err
        return public
