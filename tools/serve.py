"""Serve the built site on loopback with the MIME types and cache headers a static host should send."""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import socketserver
import threading
from pathlib import Path
from typing import Iterator

MIME = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".css": "text/css",
    ".svg": "image/svg+xml",
}
# Files under a versioned directory never change: a static host should say so.
IMMUTABLE_PREFIXES = ("/assets/pyodide/",)


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

    def end_headers(self) -> None:
        if self.path.startswith(IMMUTABLE_PREFIXES):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    verbose = False


@contextlib.contextmanager
def serve(site_dir: Path, port: int = 0, verbose: bool = False) -> Iterator[str]:
    """Serve ``site_dir`` in a background thread; yields the base URL."""
    handler = functools.partial(Handler, directory=str(site_dir))
    server = _Server(("127.0.0.1", port), handler)
    server.verbose = verbose
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the built site on 127.0.0.1.")
    parser.add_argument("--dir", default="site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    site = Path(args.dir)
    if not (site / "index.html").exists():
        raise SystemExit(f"{site}/index.html is missing: run `make build` first.")
    with serve(site, args.port, verbose=True) as url:
        print(f"自考考生手册: {url}  (Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
