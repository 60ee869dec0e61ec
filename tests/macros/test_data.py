"""Editors' mistakes in data/ produce every problem at once, as 'file:line: key.path: message'."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data import DataErrors, load_dataset
from tests.conftest import ROOT, data_tree

YUNNAN = """\
slug: yunnan
name: 云南省
region: 西南
sources:
  ynzs:
    title: 测试来源
    kind: official
    seen: 2026-11-01
    url: https://www.ynzs.cn/
authority:
  text: 云南省招生考试院
  sources: [ynzs]
  confidence: high
registration:
  status: partial
  steps:
    - text: 第一步
      sources: [ynzs]
      confidence: high
lookup:
  status: unknown
graduation:
  status: unknown
"""


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A small valid data/ (tests.conftest.data_tree) with a small, valid yunnan.yml that tests then break."""
    data_tree(tmp_path)
    (tmp_path / "data" / "provinces" / "yunnan.yml").write_text(YUNNAN, encoding="utf-8")
    return tmp_path


def _errors(root: Path) -> list[str]:
    with pytest.raises(DataErrors) as info:
        load_dataset(root)
    return info.value.lines


def _write(root: Path, text: str) -> None:
    (root / "data" / "provinces" / "yunnan.yml").write_text(text, encoding="utf-8")


def test_the_fixture_itself_is_valid(data_root: Path) -> None:
    assert load_dataset(data_root).provinces["yunnan"].name == "云南省"


def test_unknown_key_and_fact_without_source_reported_together(data_root: Path) -> None:
    broken = YUNNAN.replace("  confidence: high\nregistration:", "  confidence: high\n  homepage: x\nregistration:")
    broken = broken.replace("    - text: 第一步\n      sources: [ynzs]\n", "    - text: 第一步\n")
    _write(data_root, broken)
    assert _errors(data_root) == [
        "data/provinces/yunnan.yml:14: authority.homepage: 未知字段。此处可用的字段：text、sources、confidence、url、address、label",
        "data/provinces/yunnan.yml:18: registration.steps[0].sources: 缺少必填项（来源编号列表，每条事实至少一个来源）",
    ]


def test_wrong_types_bad_dates_and_bad_slug(data_root: Path) -> None:
    broken = (
        YUNNAN.replace("seen: 2026-11-01", "seen: 2026-13-01")
        .replace("region: 西南", "region: 西边")
        .replace("slug: yunnan", "slug: yunan")
        .replace("  steps:\n", "  steps: 第一步\n  old:\n")
    )
    _write(data_root, broken)
    errors = _errors(data_root)
    assert errors == [
        "data/provinces/yunnan.yml:1: slug: 应为以下之一：" + "、".join(__import__("macros.models").models.SLUGS)
        + "，实际为文本“yunan”（是不是“yunnan”？）",
        "data/provinces/yunnan.yml:3: region: 应为以下之一：华北、东北、华东、华中、华南、西南、西北，实际为文本“西边”",
        "data/provinces/yunnan.yml:8: sources.ynzs.seen: 应为日期（YYYY-MM-DD，例如 2026-11-22），实际为文本“2026-13-01”",
        "data/provinces/yunnan.yml:16: registration.steps: 应为列表（每项前写 “- ”），实际为文本“第一步”",
        "data/provinces/yunnan.yml:17: registration.old: 未知字段。此处可用的字段：status、summary、steps、materials、dates、notes、conflicts、rounds、searched",
    ]


def test_address_without_scheme_is_kept_as_shown_and_a_scheme_goes_in_url(data_root: Path) -> None:
    steps = "    - text: 第一步\n      sources: [ynzs]\n      confidence: high\n"
    _write(data_root, YUNNAN.replace(steps, steps + "      address: zk.ynzs.cn/login?x=1\n"))
    fact = load_dataset(data_root).provinces["yunnan"].registration.steps[0]
    assert fact.address == "zk.ynzs.cn/login?x=1" and fact.url is None
    _write(data_root, YUNNAN.replace(steps, steps + "      address: https://zk.ynzs.cn\n"))
    [error] = _errors(data_root)
    assert error.startswith("data/provinces/yunnan.yml:20: registration.steps[0].address: 格式不对")
    assert "带 http:// 的写在 url" in error


def test_source_reference_must_exist(data_root: Path) -> None:
    _write(data_root, YUNNAN.replace("      sources: [ynzs]\n      confidence: high\nlookup", "      sources: [ynz]\n      confidence: high\nlookup"))
    assert _errors(data_root) == [
        "data/provinces/yunnan.yml:18: registration.steps[0].sources[0]: 来源编号“ynz”在本文件的 sources 中不存在；已有：ynzs",
    ]


def test_yaml_syntax_duplicate_keys_aliases_and_encoding(data_root: Path) -> None:
    _write(data_root, YUNNAN.replace("name: 云南省", "name: 云南省\nname: 云南"))
    assert _errors(data_root) == ["data/provinces/yunnan.yml:3: name: 同一个字段写了两次（第一次在第 2 行）"]
    _write(data_root, YUNNAN.replace("  steps:", "  steps: [oops"))
    [message] = _errors(data_root)
    assert message.startswith("data/provinces/yunnan.yml:") and "YAML 语法错误" in message
    _write(data_root, "a: &x [1, 2]\nb: [*x, *x]\n")
    assert _errors(data_root) == ["data/provinces/yunnan.yml:1: 不支持 YAML 锚点（&name），请直接写出内容"]
    (data_root / "data" / "provinces" / "yunnan.yml").write_bytes(YUNNAN.encode("gb18030"))
    assert _errors(data_root) == ["data/provinces/yunnan.yml:2: 文件不是 UTF-8 编码（请在编辑器里用 UTF-8 保存）"]


def test_oversized_file_refused_without_parsing(data_root: Path) -> None:
    _write(data_root, YUNNAN + "# " + "x" * 600_000 + "\n")
    size_kb = (data_root / "data" / "provinces" / "yunnan.yml").stat().st_size // 1024
    assert size_kb > 512
    assert _errors(data_root) == [f"data/provinces/yunnan.yml:1: 文件太大（{size_kb} KB），数据文件最多 512 KB"]


def test_alias_bomb_is_refused_fast(data_root: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
    )
    _write(data_root, bomb)
    assert _errors(data_root) == ["data/provinces/yunnan.yml:1: 不支持 YAML 锚点（&name），请直接写出内容"]


def test_missing_province_file_and_stray_file(data_root: Path) -> None:
    (data_root / "data" / "provinces" / "yunnan.yml").rename(data_root / "data" / "provinces" / "yunnan.yaml")
    assert _errors(data_root) == [
        "data/provinces/yunnan.yaml:1: 省份数据文件应以 .yml 结尾，文件名为省份代码（如 yunnan.yml）",
        "data/provinces/yunnan.yml:1: 文件缺失：31 个省份每个都要有数据文件（没有资料时各部分写 status: unknown）",
    ]


def test_cli_prints_all_problems_without_traceback(data_root: Path) -> None:
    for name in ("macros", "checkers", "tools"):
        shutil.copytree(ROOT / name, data_root / name, ignore=shutil.ignore_patterns("_catalog.json", "__pycache__"))
    _write(data_root, YUNNAN.replace("region: 西南", "region: 西边\nregoin: 西南"))
    result = subprocess.run([sys.executable, "-m", "macros.validate"], cwd=data_root, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/provinces/yunnan.yml:3: region:" in result.stderr
    assert "data/provinces/yunnan.yml:4: regoin: 未知字段。是不是“region”？" in result.stderr


def test_build_fails_with_the_messages_and_no_traceback(data_root: Path) -> None:
    from tests.conftest import build_site

    for name in ("macros", "checkers", "tools", "docs", "overrides", "runtime"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, data_root / name, ignore=shutil.ignore_patterns("_catalog.json", "__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", data_root / "mkdocs.yml")
    broken = YUNNAN.replace("  confidence: high\nregistration:", "  confidence: high\n  homepage: x\nregistration:")
    _write(data_root, broken.replace("    - text: 第一步\n      sources: [ynzs]\n", "    - text: 第一步\n"))
    result = build_site(data_root, data_root / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "data/provinces/yunnan.yml:14: authority.homepage: 未知字段" in output
    assert "data/provinces/yunnan.yml:18: registration.steps[0].sources: 缺少必填项" in output
