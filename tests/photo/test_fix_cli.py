"""python -m checkers fix through a real process: JSON contract, files written only when compliant, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import fixset
from .realset import GRACE, LIGHT_BLUE, WHITE
from .test_cli import cli


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fix")
    (folder / "IMG_0001.JPG").write_bytes(fixset.phone(fixset.scene(GRACE, LIGHT_BLUE)))
    (folder / "white.jpg").write_bytes(fixset.phone(fixset.scene(GRACE, WHITE)))
    (folder / "note.txt").write_text("不是照片")
    return folder


def test_fixed_file_is_written_and_passes_the_checker(photos: Path, tmp_path: Path) -> None:
    done = cli("fix", str(photos / "IMG_0001.JPG"), "--spec", "national/graduation", "-o", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert set(answer) == {"spec", "ok", "before", "after", "output", "actions", "unfixable"}
    assert answer["ok"] is True and answer["unfixable"] == []
    out = Path(answer["output"])
    assert out.parent == tmp_path and out.name == "IMG_0001_证件照.jpg" and out.is_file()
    assert not answer["before"]["ok"] and answer["after"]["ok"]
    check = cli("photo", str(out), "--spec", "national/graduation", "--json")
    assert check.returncode == 0 and json.loads(check.stdout)["checks"] == answer["after"]["checks"]


def test_number_names_the_file_and_the_report_reads(photos: Path, tmp_path: Path) -> None:
    done = cli("fix", str(photos / "IMG_0001.JPG"), "--spec", "guangxi/graduation", "-o", str(tmp_path),
               "--number", "012345678901", "--name", "张三")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "012345678901张三.jpg").is_file()
    assert "已写出" in done.stdout and "修正前" in done.stdout and "修正后" in done.stdout


def test_unfixable_writes_nothing_and_says_why(photos: Path, tmp_path: Path) -> None:
    done = cli("fix", str(photos / "white.jpg"), "--spec", "national/graduation", "-o", str(tmp_path), "--json")
    assert done.returncode == 1, done.stderr
    answer = json.loads(done.stdout)
    assert answer["ok"] is False and answer["output"] is None and answer["after"] is None
    assert [u["id"] for u in answer["unfixable"]] == ["background"]
    assert "重新拍摄" in answer["unfixable"][0]["why"]
    assert list(tmp_path.iterdir()) == []
    text = cli("fix", str(photos / "white.jpg"), "--spec", "national/graduation", "-o", str(tmp_path))
    assert text.returncode == 1 and "没有写出文件" in text.stdout and "背景" in text.stdout


def test_not_a_picture_is_refused(photos: Path, tmp_path: Path) -> None:
    done = cli("fix", str(photos / "note.txt"), "--spec", "national/graduation", "-o", str(tmp_path), "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["unfixable"][0]["id"] == "format"


@pytest.mark.parametrize("args, words", [
    (["--spec", "nowhere/graduation"], "没有编号为"),
    (["--spec", "guangxi/graduation"], "准考证号"),
    (["--spec", "national/graduation", "--number", "110105194912310021"], "校验码"),
    (["--spec", "national/graduation", "-o", "{photo}"], "不能覆盖原照片"),
    ([], "--spec"),
])
def test_usage_errors(photos: Path, args: list[str], words: str) -> None:
    photo = str(photos / "IMG_0001.JPG")
    done = cli("fix", photo, *[a.replace("{photo}", photo) for a in args])
    assert done.returncode == 2 and words in done.stderr, done.stderr


def test_missing_file(tmp_path: Path) -> None:
    done = cli("fix", str(tmp_path / "none.jpg"), "--spec", "national/graduation")
    assert done.returncode == 2 and "找不到文件" in done.stderr
