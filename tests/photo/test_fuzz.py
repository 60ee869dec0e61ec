"""Fuzzing (issue 8): mutated real JPEGs, generated segment streams and random pixels; nothing may escape or hang.

Fixed seeds, so every run tries the same inputs; FUZZ_LONG=1 (make fuzz) tries many more.
"""

from __future__ import annotations

import functools
import io
import json
import os
import random
import subprocess
import sys
import time
import tracemalloc
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkers.photo import api, cli
from checkers.photo.pixels import Pixels

from .factory import jpeg, portrait
from .mutate import Hang, Mutator, file_level, pixel_level, random_pixels, timed

pytestmark = pytest.mark.fuzz

LONG = os.environ.get("FUZZ_LONG") == "1"
MUTATIONS = 200_000 if LONG else 10_000
GENERATED = 20_000 if LONG else 1_500
PIXELS = 20_000 if LONG else 1_500
CLI_FILES = 1_000 if LONG else 200
CLI_IN_PROCESS = 20_000 if LONG else 1_000
LIMIT = 1.0  # seconds per input
MEMORY = 4 * 1024 * 1024  # peak bytes traced while answering one input (a ~30 KB file)
ROOT = Path(__file__).resolve().parents[2]
NAMES = ("photo.jpg", "照片.JPEG", "<img src=x onerror=alert(1)>.jpg", "a" * 300 + ".jpg", ".jpg", "x.png", "")


def seeds() -> list[bytes]:
    """Real encoder output: baseline, progressive, EXIF-rotated, greyscale, CMYK, a full-size photo."""
    small = portrait(96, 128, noise=3)
    return [
        jpeg(small), jpeg(small, progressive=True), jpeg(small, orientation=6, quality=40),
        jpeg(small.convert("L"), dpi=None), jpeg(small.convert("CMYK"), quality=95), jpeg(portrait()),
        jpeg(portrait(64, 48), quality=100, subsampling=0, optimize=True),
    ]


@pytest.fixture(scope="module")
def seed_files() -> list[bytes]:
    return seeds()


@pytest.fixture(scope="module")
def spec_ids() -> list[str]:
    return [s["id"] for s in api.specs()]


def _replay(kind: str, index: int, data: bytes) -> str:
    """Save a failing input where the test report points to it, for a regression test."""
    out = ROOT / "tests" / "artifacts" / "fuzz"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{kind}-{index}.jpg"
    path.write_bytes(data)
    return str(path)


def test_mutated_jpegs(seed_files: list[bytes], spec_ids: list[str]) -> None:
    rng = random.Random(20261123)
    mutate = Mutator(seed_files, rng)
    slowest = 0.0
    for i in range(MUTATIONS):
        data = mutate()
        spec, name = rng.choice(spec_ids), rng.choice(NAMES)
        try:
            slowest = max(slowest, timed(lambda: file_level(data, spec, name), LIMIT))
        except BaseException as err:  # report the input, then fail
            pytest.fail(f"input {i} ({spec}, {name!r}) → {type(err).__name__}: {err}; saved {_replay('mutated', i, data)}")
    assert slowest < LIMIT


def test_memory_stays_bounded(seed_files: list[bytes], spec_ids: list[str]) -> None:
    rng = random.Random(7)
    mutate = Mutator(seed_files, rng)
    worst = 0
    for _ in range(300 if not LONG else 3000):
        data = mutate()
        tracemalloc.start()
        try:
            file_level(data, rng.choice(spec_ids), "photo.jpg")
            worst = max(worst, tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert worst < MEMORY, f"peak {worst / 1024 / 1024:.1f} MB"


SEGMENT = st.tuples(
    st.sampled_from([0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC9, 0xCF, 0xDA, 0xDB, 0xDD, 0xE0, 0xE1, 0xEE, 0xFE, 0x01, 0xD0]),
    st.binary(max_size=80),
    st.one_of(st.none(), st.integers(0, 0xFFFF)),  # None: an honest length
)
FRAME = st.builds(
    lambda p, h, w, comps: bytes([p]) + h.to_bytes(2, "big") + w.to_bytes(2, "big") + bytes([len(comps)])
    + b"".join(bytes(c) for c in comps),
    st.sampled_from([8, 8, 12, 16, 0, 7]), st.integers(0, 0xFFFF), st.integers(0, 0xFFFF),
    st.lists(st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 5)), min_size=0, max_size=5),
)


def _stream(parts: list[tuple[int, bytes, int | None]], frame: bytes, dqt: bool, tail: bytes, end: bool) -> bytes:
    out = bytearray(b"\xff\xd8")
    if dqt:
        out += b"\xff\xdb\x00\x43\x00" + bytes(range(1, 65))
    out += b"\xff\xc0" + (len(frame) + 2).to_bytes(2, "big") + frame
    for marker, body, length in parts:
        out += bytes((0xFF, marker)) + (len(body) + 2 if length is None else length).to_bytes(2, "big") + body
    out += tail + (b"\xff\xd9" if end else b"")
    return bytes(out)


@settings(max_examples=GENERATED, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(SEGMENT, max_size=8), FRAME, st.booleans(), st.binary(max_size=64), st.booleans(),
       st.sampled_from(["national/graduation", "sichuan/registration", "guangxi/graduation"]))
def test_generated_segment_streams(parts: Any, frame: bytes, dqt: bool, tail: bytes, end: bool, spec: str) -> None:
    data = _stream(parts, frame, dqt, tail, end)
    assert timed(lambda: file_level(data, spec, "a.jpg"), LIMIT) < LIMIT


def test_random_pixels(seed_files: list[bytes]) -> None:
    from checkers.catalog import photo_specs

    specs = list(photo_specs().values())
    rng = random.Random(4242)
    header = seed_files[0]
    for i in range(PIXELS):
        px = random_pixels(rng)
        try:
            timed(lambda: pixel_level(px, header, rng, specs), LIMIT)
        except BaseException as err:
            pytest.fail(f"pixels {i} ({px.width}×{px.height}, {len(px.rgb)} bytes) → {type(err).__name__}: {err}")


@functools.cache
def _header() -> bytes:
    return jpeg(portrait(16, 16, noise=0))


@settings(max_examples=GENERATED // 3, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(st.integers(1, 40), st.integers(1, 40), st.data())
def test_generated_pixels(width: int, height: int, data: Any) -> None:
    from checkers.catalog import photo_specs

    rgb = data.draw(st.one_of(st.binary(min_size=width * height * 3, max_size=width * height * 3),
                              st.binary(max_size=64)))
    specs = list(photo_specs().values())
    timed(lambda: pixel_level(Pixels(width, height, rgb), _header(), random.Random(width * 41 + height), specs), LIMIT)


def test_cli_in_process_with_decoding(seed_files: list[bytes], tmp_path: Path) -> None:
    """cli.main with Pillow decoding and the pixel checks on mutated files; nothing on stderr, no exception."""
    rng = random.Random(31337)
    mutate = Mutator(seed_files, rng)
    path = tmp_path / "photo.jpg"
    for i in range(CLI_IN_PROCESS):
        data = mutate()
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        spec = rng.choice(("national/graduation", "xinjiang/graduation", "sichuan/registration", "henan/registration"))
        codes: list[int] = []
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a warning would reach the user's terminal
                timed(lambda: codes.append(cli.main(["photo", str(path), "--spec", spec, "--json"], out, err)), LIMIT)
        except BaseException as error:
            pytest.fail(f"input {i} ({spec}) → {type(error).__name__}: {error}; saved {_replay('cli', i, data)}")
        assert codes[0] in (0, 1) and not err.getvalue(), (i, codes, err.getvalue())
        assert json.loads(out.getvalue())["ok"] is (codes[0] == 0)


def test_guard_catches_a_hang() -> None:
    def spin() -> None:  # a hang burns CPU; the guard counts CPU time
        end = time.process_time() + 3
        while time.process_time() < end:
            pass

    with pytest.raises(Hang):
        timed(spin, 0.2)


def test_cli_on_mutated_files(seed_files: list[bytes], tmp_path: Path) -> None:
    """The real command on files it has never seen: no traceback, no hang, exit code 0, 1 or 2."""
    rng = random.Random(99)
    mutate = Mutator(seed_files, rng)
    files = []
    for i in range(CLI_FILES):
        path = tmp_path / f"m{i:04d}.jpg"
        path.write_bytes(mutate())
        spec = rng.choice(("national/graduation", "jiangxi/graduation", "sichuan/registration", "henan/registration"))
        files.append((path, spec, ["--json"] if i % 2 else []))
    python = ROOT / ".venv" / "bin" / "python"
    exe = str(python) if python.exists() else sys.executable

    def run(item: tuple[Path, str, list[str]]) -> tuple[Path, int, str]:
        path, spec, extra = item
        args = [exe, "-m", "checkers", "photo", str(path), "--spec", spec, *extra]
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=20)
        return path, done.returncode, done.stderr

    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2) * 2)) as pool:
        outcomes = list(pool.map(run, files))
    codes = {}
    for path, code, stderr in outcomes:
        assert code in (0, 1, 2) and "Traceback" not in stderr, f"{path}: exit {code}\n{stderr}"
        assert code == 2 or not stderr, f"{path}: exit {code} but stderr:\n{stderr}"  # no warnings for users
        codes[code] = codes.get(code, 0) + 1
    assert codes.get(1, 0) > 0  # most mutations break something
