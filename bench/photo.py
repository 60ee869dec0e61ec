"""Photo checker speed on CPython: file-level checks and the full check of a 480×640, ~40 KB JPEG."""

from __future__ import annotations

from typing import Callable

from bench.timing import TABLE_HEAD, median_ms

from checkers.photo import api
from checkers.photo.decode import decode
from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.pixels import Pixels

SPEC = "national/graduation"
RUNS = 200


def _median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    return median_ms(fn, runs)


def _photo(width: int = 480, height: int = 640, noise: int = 6) -> bytes:
    from tests.photo.factory import jpeg, portrait  # Pillow makes the sample; the checker never needs it

    return jpeg(portrait(width, height, noise=noise), quality=85)


def _decoded(data: bytes) -> Pixels:
    info = parse(data)
    assert isinstance(info, JpegInfo)
    px = decode(data, info)
    assert isinstance(px, Pixels), px
    return px


def _full(data: bytes) -> None:
    """What the CLI does: parse, decode with Pillow (budget first), every check."""
    info = parse(data)
    assert isinstance(info, JpegInfo)
    px = decode(data, info)
    api.check(data, SPEC, filename="photo.jpg", pixels=px if isinstance(px, Pixels) else None)


def run() -> str:
    data = _photo()
    px = _decoded(data)
    statuses = {c["id"]: c["status"] for c in api.check(data, SPEC, "photo.jpg", pixels=px)["checks"]}
    file_ms = _median_ms(lambda: api.check(data, SPEC, filename="photo.jpg"))
    pixel_ms = _median_ms(lambda: api.check(data, SPEC, filename="photo.jpg", pixels=px))
    full_ms = _median_ms(lambda: _full(data))
    big = _photo(3000, 4000, noise=2)
    big_px = _decoded(big)
    big_ms = _median_ms(lambda: _full(big), runs=20)
    verdict = lambda ms, target: "met" if ms <= target else "MISSED"  # noqa: E731
    return "\n".join([
        "## Photo checker (CPython)",
        "",
        f"Sample: a synthetic 480×640 photo, {len(data) / 1024:.1f} KB, quality 85, 300 dpi, spec `{SPEC}` "
        f"(background {statuses['background']}, framing {statuses['framing']}). Median of {RUNS} runs.",
        "",
        *TABLE_HEAD,
        f"| file-level checks (parse, EXIF, IJG quality, 9 checks; no pixels) | {file_ms:.2f} ms | ≤ 20 ms | {verdict(file_ms, 20)} |",
        f"| all checks with decoded pixels given (as in the browser) | {pixel_ms:.2f} ms | ≤ 150 ms | {verdict(pixel_ms, 150)} |",
        f"| all checks incl. Pillow decode (the CLI path) | {full_ms:.2f} ms | ≤ 150 ms | {verdict(full_ms, 150)} |",
        f"| 3000×4000 photo ({len(big) / 1024:.0f} KB), CLI path, decoded at {big_px.width}×{big_px.height} (median of 20) "
        f"| {big_ms:.1f} ms | – | |",
        "",
    ])


if __name__ == "__main__":
    print(run())
