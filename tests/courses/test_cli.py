"""checkers.courses.cli through a real process: JSON contract, readable report, stdin and exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import plan_ids

from .helpers import complete_rows, plan, row, table

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    exe = str(PYTHON) if PYTHON.exists() else sys.executable
    done = subprocess.run([exe, "-m", "checkers", *args], cwd=ROOT, capture_output=True, timeout=60, input=stdin)
    out = subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))
    assert "Traceback" not in out.stderr, out.stderr
    return out


@pytest.fixture(scope="module")
def pastes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pastes")
    p = plan("jiangsu/080901")
    (folder / "complete.txt").write_text(table(complete_rows(p)), encoding="utf-8")
    (folder / "missing.txt").write_text(table(complete_rows(p, skip=["13180"])), encoding="utf-8")
    (folder / "gbk.csv").write_bytes(table(complete_rows(p), sep=",").encode("gbk"))
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 4)
    return folder


def test_complete_json_exit_0(pastes: Path) -> None:
    done = cli("courses", "--plan", "jiangsu/080901", "--prior-diploma", "--json", str(pastes / "complete.txt"))
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["plan"] == "jiangsu/080901" and result["eligible"] is True
    assert result["credits"] == {"earned": 76, "required": 73}
    assert result["missing"] == []
    assert {c["code"]: c["status"] for c in result["courses"]}["04751"] == "not_needed"


def test_missing_course_exit_1_and_readable_report(pastes: Path) -> None:
    done = cli("courses", "--plan", "jiangsu/080901", "--prior-diploma", str(pastes / "missing.txt"))
    assert done.returncode == 1
    assert "结论：暂不能申请毕业" in done.stdout and "还缺：\n  - 13180 操作系统" in done.stdout
    assert "[缺]     13180 操作系统" in done.stdout and "思想品德鉴定" in done.stdout


def test_without_prior_diploma_not_eligible(pastes: Path) -> None:
    done = cli("courses", "--plan", "jiangsu/080901", "--json", str(pastes / "complete.txt"))
    assert done.returncode == 1 and json.loads(done.stdout)["missing"] == []
    assert "专科或以上毕业证书" in done.stdout


def test_stdin_and_gbk_file(pastes: Path) -> None:
    text = table(complete_rows(plan("jiangsu/570102K")))
    done = cli("courses", "--plan", "jiangsu/570102K", "--json", "-", stdin=text.encode("utf-8"))
    assert done.returncode == 0 and json.loads(done.stdout)["eligible"] is True
    done = cli("courses", "--plan", "jiangsu/080901", "--prior-diploma", "--json", str(pastes / "gbk.csv"))
    assert done.returncode == 0, done.stdout


def test_garbage_stdin_exit_1_with_message() -> None:
    done = cli("courses", "--plan", "jiangsu/050101", "-", stdin="随便写点什么\n😀 <b>x</b>\n".encode())
    assert done.returncode == 1 and "没有在粘贴的内容中找到课程代码" in done.stdout


@pytest.mark.parametrize("args", [
    ("courses", "--plan", "jiangsu/000000", "-"),
    ("courses", "-"),
    ("courses", "--plan", "jiangsu/080901", "/nonexistent/scores.txt"),
    ("courses", "--plan", "jiangsu/080901", "--bogus", "-"),
    ("courses", "--plan", "jiangsu/080901", "BINARY"),
])
def test_usage_errors_exit_2(args: tuple[str, ...], pastes: Path) -> None:
    args = tuple(str(pastes / "binary.bin") if a == "BINARY" else a for a in args)
    done = cli(*args, stdin=b"00037 85\n")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip()
    if "jiangsu/000000" in args:
        assert "没有编号为“jiangsu/000000”的专业计划" in done.stderr and "jiangsu/080901" in done.stderr


def test_plans_lists_ids() -> None:
    done = cli("plans")
    assert done.returncode == 0
    assert [line.split()[0] for line in done.stdout.splitlines()] == plan_ids()
    rows = {r["id"]: r for r in json.loads(cli("plans", "--json").stdout)}
    assert rows["jiangsu/050101"]["school"] == "南京师范大学" and rows["jiangsu/570102K"]["level"] == "专科"


def test_failed_score_row_in_report() -> None:
    rows = complete_rows(plan("jiangsu/120201K"), skip=["14199"]) + [row("14199", "生产运作与管理", "４２", 6)]
    done = cli("courses", "--plan", "jiangsu/120201K", "--prior-diploma", "-", stdin=table(rows).encode())
    assert done.returncode == 1
    assert "[未通过] 14199 生产运作与管理（6 学分）：42 分" in done.stdout


def test_plan_file_json_is_the_plan_shape_plus_the_pasted_plan(pastes: Path) -> None:
    plan_file = Path(__file__).parent / "paste_plans" / "jiangsu-080901.pdf.txt"
    by_id = json.loads(cli("courses", "--plan", "jiangsu/080901", "--json", str(pastes / "missing.txt")).stdout)
    done = cli("courses", "--plan-file", str(plan_file), "--json", str(pastes / "missing.txt"))
    assert done.returncode == 1, done.stderr
    pasted = json.loads(done.stdout)
    assert set(pasted) == set(by_id) | {"plan_source", "parsed_plan", "refused"}
    assert pasted["plan_source"] == "paste" and pasted["parsed_plan"]["ok"] and pasted["refused"] is None
    assert "13180" in [m["code"] for m in pasted["missing"]]
    alone = cli("plan-parse", str(plan_file), "--json")
    assert alone.returncode == 0 and json.loads(alone.stdout) == pasted["parsed_plan"]
    readable = cli("courses", "--plan-file", str(plan_file), str(pastes / "missing.txt"))
    assert readable.stdout.startswith("读到的计划：计算机科学与技术（专升本，080901）") and "结论：暂不能申请毕业" in readable.stdout
    refused = cli("courses", "--plan-file", str(pastes / "missing.txt"), str(pastes / "missing.txt"))
    assert refused.returncode == 2 and "成绩单" in refused.stdout
    both = cli("courses", "--plan", "jiangsu/080901", "--plan-file", str(plan_file), str(pastes / "missing.txt"))
    assert both.returncode == 2 and "参数错误" in both.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "gb18030", "utf-8-sig"])
def test_plan_file_in_every_notepad_encoding_reads_like_utf8(encoding: str, tmp_path: Path) -> None:
    text = (Path(__file__).parent / "paste_plans" / "jiangsu-080901.pdf.txt").read_text(encoding="utf-8")
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode(encoding))
    want = json.loads(cli("plan-parse", str(Path(__file__).parent / "paste_plans" / "jiangsu-080901.pdf.txt"), "--json").stdout)
    done = cli("plan-parse", str(path), "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == want


@pytest.mark.parametrize("args", [
    ("plan-parse", "BINARY", "--json"),
    ("plan-parse", "/nonexistent/plan.txt", "--json"),
    ("plan-parse", "--json"),
    ("courses", "--plan-file", "BINARY", "SCORES", "--json"),
    ("courses", "--plan-file", "/nonexistent/plan.txt", "SCORES", "--json"),
    ("courses", "--plan", "jiangsu/080901", "BINARY", "--json"),
])
def test_with_json_even_an_unreadable_file_answers_json_exit_2(args: tuple[str, ...], pastes: Path) -> None:
    nul = pastes / "nul.txt"  # a UTF-8 plan text with a NUL byte in it: not read as text
    nul.write_bytes("00037 美学 6\n".encode() + b"\x00" + "03708 中国近现代史纲要 2\n".encode())
    names = {"BINARY": str(nul if args[0] == "plan-parse" else pastes / "binary.bin"), "SCORES": str(pastes / "complete.txt")}
    done = cli(*(names.get(a, a) for a in args))
    assert done.returncode == 2 and done.stderr == ""
    answer = json.loads(done.stdout)
    assert answer["refused"] and any("\u4e00" <= ch <= "\u9fff" for ch in answer["refused"])
    if args[0] == "plan-parse":
        assert answer["ok"] is False and answer["courses"] == []
    else:
        assert answer["eligible"] is False and answer["courses"] == [] and answer["messages"][0]["level"] == "error"
