"""tools/serve.py: the headers, compression and byte counts a static host would give."""

from __future__ import annotations

import gzip
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools.serve import Link, serve


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><title>首页</title>" + "正文" * 2000, encoding="utf-8")
    runtime = tmp_path / "assets" / "pyodide" / "1.0-abc"
    runtime.mkdir(parents=True)
    (runtime / "x.wasm").write_bytes(b"\0asm" + bytes(50_000))
    (runtime / "lib.zip").write_bytes(b"PK" + bytes(1000))
    return tmp_path


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_text_and_wasm_are_gzipped_only_when_accepted(site: Path) -> None:
    with serve(site) as url:
        status, headers, body = _get(url, **{"Accept-Encoding": "gzip, br"})
        assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
        assert gzip.decompress(body) == (site / "index.html").read_bytes()
        assert int(headers["Content-Length"]) == len(body) < (site / "index.html").stat().st_size
        _, headers, body = _get(url + "assets/pyodide/1.0-abc/x.wasm", **{"Accept-Encoding": "gzip"})
        assert headers["Content-Type"] == "application/wasm" and headers["Content-Encoding"] == "gzip"
        _, headers, body = _get(url)
        assert "Content-Encoding" not in headers and body == (site / "index.html").read_bytes()
        _, headers, _ = _get(url + "assets/pyodide/1.0-abc/lib.zip", **{"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in headers  # already compressed: sent as it is


def test_cache_headers_and_revalidation(site: Path) -> None:
    with serve(site) as url:
        _, headers, _ = _get(url + "assets/pyodide/1.0-abc/x.wasm")
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        _, headers, _ = _get(url, **{"Accept-Encoding": "gzip"})
        assert headers["Cache-Control"] == "no-cache"
        status, _, body = _get(url, **{"Accept-Encoding": "gzip", "If-Modified-Since": headers["Last-Modified"]})
        assert status == 304 and body == b""


def test_record_counts_what_was_sent(site: Path) -> None:
    record: list = []
    with serve(site, record=record) as url:
        _, _, body = _get(url, **{"Accept-Encoding": "gzip"})
        _get(url + "missing.html")
        _get(url + "assets")  # a directory without the slash: redirected
    first, missing, redirect = record[:3]
    assert (first.path, first.status, first.encoding) == ("/", 200, "gzip")
    assert len(body) < first.bytes < len(body) + 600  # body plus status line and headers
    assert (missing.status, redirect.status) == (404, 301)


def test_link_paces_responses(site: Path) -> None:
    size = (site / "assets/pyodide/1.0-abc/lib.zip").stat().st_size
    with serve(site, link=Link(bits_per_second=size * 8 * 4, latency_s=0.1)) as url:
        started = time.monotonic()
        _get(url + "assets/pyodide/1.0-abc/lib.zip")
        elapsed = time.monotonic() - started
    assert elapsed >= 0.1 + 0.25 * 0.9  # latency plus a quarter of a second for the body
