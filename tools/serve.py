"""Serve the built site on loopback with the MIME types, compression and cache headers a static host should send."""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import gzip
import http.server
import io
import os
import socketserver
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from runtime.assets import IMMUTABLE

MIME = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".map": "application/json",
}
# What common static hosts gzip on the fly: text and WebAssembly; never zip, wheels or images (already compressed).
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/wasm", "application/xml",
                "image/svg+xml")
GZIP_LEVEL = 6  # the usual default of Apache mod_deflate and of most CDNs


@dataclass(frozen=True)
class Served:
    """One answered request: what a static host would have put on the wire for it."""

    method: str
    path: str
    status: int
    bytes: int  # status line, headers and body as sent
    encoding: str  # "gzip" or "identity"

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "path": self.path, "status": self.status, "bytes": self.bytes,
                "encoding": self.encoding}


@dataclass(frozen=True)
class Link:
    """A simulated network link shared by all connections (benchmarks): bandwidth and latency per response."""

    bits_per_second: float
    latency_s: float

    def to_dict(self) -> dict[str, Any]:
        return {"bits_per_second": self.bits_per_second, "latency_s": self.latency_s}


class _Shaper:
    """One link's timeline: each chunk waits until the bytes before it, from any connection, have gone."""

    def __init__(self, link: Link) -> None:
        self.link = link
        self._lock = threading.Lock()
        self._free = 0.0

    def send(self, n: int) -> None:
        with self._lock:
            start = max(time.monotonic(), self._free)
            self._free = start + n * 8 / self.link.bits_per_second
            done = self._free
        time.sleep(max(0.0, done - time.monotonic()))


class _Counting(io.RawIOBase):
    """Write-through wrapper that counts the bytes written to the socket (and paces them on a simulated link)."""

    def __init__(self, raw: BinaryIO, shaper: _Shaper | None = None) -> None:
        self.raw = raw
        self.count = 0
        self.shaper = shaper
        self.fresh = True  # no byte of the current response written yet

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.shaper is not None:
            if self.fresh:
                time.sleep(self.shaper.link.latency_s)
            self.shaper.send(len(data))
        self.fresh = False
        written = self.raw.write(data)
        self.count += len(data)
        return written if written is not None else len(data)

    def flush(self) -> None:
        self.raw.flush()


class _GzipCache:
    """Compressed bodies, made once per file version (path, size, mtime)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[tuple[str, int, int], bytes] = {}

    def get(self, path: str, stat: os.stat_result) -> bytes:
        key = (path, stat.st_size, stat.st_mtime_ns)
        with self._lock:
            if key not in self._data:
                self._data[key] = gzip.compress(Path(path).read_bytes(), GZIP_LEVEL, mtime=0)
            return self._data[key]


_GZIP = _GzipCache()


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}
    _status = 0
    _encoding = "identity"

    def setup(self) -> None:
        super().setup()
        self.wfile = _Counting(self.wfile, self.server.shaper)  # type: ignore[assignment,attr-defined]

    def handle_one_request(self) -> None:
        start = self.wfile.count  # type: ignore[attr-defined]
        self.wfile.fresh = True  # type: ignore[attr-defined]
        self._status, self._encoding = 0, "identity"
        super().handle_one_request()
        record = self.server.record  # type: ignore[attr-defined]
        if record is not None and self._status:
            path = urllib.parse.urlsplit(self.path).path
            sent = self.wfile.count - start  # type: ignore[attr-defined]
            record.append(Served(self.command, path, self._status, sent, self._encoding))

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = int(code)
        super().send_response(code, message)

    def end_headers(self) -> None:
        # Files under a versioned or content-hashed directory never change: a static host should say so.
        if IMMUTABLE.match(urllib.parse.urlsplit(self.path).path):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        """Gzip compressible files when the client accepts it; everything else as the standard handler does."""
        path = self._file_path()
        ctype = self.guess_type(path) if path else ""
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path or not accepts or not ctype.startswith(COMPRESSIBLE):
            return super().send_head()
        stat = os.stat(path)
        if self._not_modified(stat):
            self.send_response(http.HTTPStatus.NOT_MODIFIED)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        body = _GZIP.get(path, stat)
        self._encoding = "gzip"
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def _file_path(self) -> str | None:
        """The regular file a GET would serve (index.html for a directory URL ending in /), else None."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                return None  # the standard handler redirects
            path = os.path.join(path, "index.html")
        return path if os.path.isfile(path) else None

    def _not_modified(self, stat: os.stat_result) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or "If-None-Match" in self.headers:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return when.tzinfo is not None and int(stat.st_mtime) <= when.timestamp()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    verbose = False
    record: list[Served] | None = None
    shaper: _Shaper | None = None

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a connection mid-response (page closed, request cancelled) is no error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path, port: int = 0, verbose: bool = False, record: list[Served] | None = None,
          link: Link | None = None) -> Iterator[str]:
    """Serve ``site_dir`` in a background thread; yields the base URL. Answered requests are appended to
    ``record``; with ``link``, responses are paced as over that network link (all connections share it)."""
    handler = functools.partial(Handler, directory=str(site_dir))
    server = _Server(("127.0.0.1", port), handler)
    server.verbose = verbose
    server.record = record
    server.shaper = _Shaper(link) if link is not None else None
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
