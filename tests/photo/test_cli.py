"""checkers.photo.cli through a real process: JSON contract, readable report and exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .factory import jpeg, portrait

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = str(PYTHON) if PYTHON.exists() else sys.executable
    done = subprocess.run([exe, "-m", "checkers", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("photos")
    (folder / "good.jpg").write_bytes(jpeg(portrait()))
    (folder / "white.jpg").write_bytes(jpeg(portrait(bg=(255, 255, 255))))
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "fake.jpg").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (folder / "照片 一.JPG").write_bytes(jpeg(portrait()))
    return folder


def test_compliant_photo_json(photos: Path) -> None:
    done = cli("photo", str(photos / "good.jpg"), "--spec", "national/graduation", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"spec", "ok", "checks"} and result["ok"] is True
    statuses = {c["id"]: c["status"] for c in result["checks"]}
    assert statuses["background"] == statuses["framing"] == "pass"  # the CLI decodes with Pillow
    assert all(set(c) >= {"id", "status", "message"} for c in result["checks"])


def test_failing_photo_exit_1(photos: Path) -> None:
    done = cli("photo", str(photos / "white.jpg"), "--spec", "national/graduation", "--json")
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["ok"] is False and {c["id"]: c["status"] for c in result["checks"]}["background"] == "fail"
    assert cli("photo", str(photos / "white.jpg"), "--spec", "xinjiang/graduation").returncode == 0


@pytest.mark.parametrize("name", ["empty.jpg", "fake.jpg"])
def test_invalid_file_is_a_failed_format_check(photos: Path, name: str) -> None:
    done = cli("photo", str(photos / name), "--spec", "national/graduation", "--json")
    assert done.returncode == 1
    fmt = json.loads(done.stdout)["checks"][0]
    assert fmt["id"] == "format" and fmt["status"] == "fail"


def test_human_report(photos: Path) -> None:
    done = cli("photo", str(photos / "照片 一.JPG"), "--spec", "national/graduation")
    assert done.returncode == 0
    out = done.stdout
    assert "照片检查：照片 一.JPG" in out and "[通过]" in out and "结论" in out and "{" not in out
    bad = cli("photo", str(photos / "white.jpg"), "--spec", "national/graduation").stdout
    assert "[不合格] 背景" in bad and "1 项不合格" in bad


def test_unknown_spec_lists_valid_ids(photos: Path) -> None:
    done = cli("photo", str(photos / "good.jpg"), "--spec", "atlantis/graduation")
    assert done.returncode == 2 and not done.stdout
    assert "atlantis/graduation" in done.stderr and "national/graduation" in done.stderr and "xinjiang/graduation" in done.stderr


def test_usage_errors(photos: Path) -> None:
    missing = cli("photo", str(photos / "nope.jpg"), "--spec", "national/graduation")
    assert missing.returncode == 2 and "找不到文件" in missing.stderr
    assert cli("photo", str(photos), "--spec", "national/graduation").returncode == 2
    no_spec = cli("photo", str(photos / "good.jpg"))
    assert no_spec.returncode == 2 and "--spec" in no_spec.stderr
    assert cli("photo").returncode == 2
    assert cli("photo", "--help").returncode == 0


def test_specs_command() -> None:
    done = cli("specs")
    assert done.returncode == 0 and "national/graduation" in done.stdout and "可信度" in done.stdout
    rows = json.loads(cli("specs", "--json").stdout)
    assert {r["id"] for r in rows} >= {"national/graduation", "jiangxi/graduation", "henan/registration"}
