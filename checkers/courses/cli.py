"""Command line: `python -m checkers courses --plan ID|--plan-file PLAN [--prior-diploma] [--json] FILE|-`, plan-parse, plans."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from checkers.cli_base import Parser, Usage
from checkers.common import CONFIDENCE_WORDS as CONFIDENCE
from checkers.courses import api, paste

TAGS = {
    "passed": "[通过]  ", "exempted": "[免考]  ", "substituted": "[替代]  ", "failed": "[未通过]",
    "missing": "[缺]    ", "optional": "[可选]  ", "not_needed": "[不需要]",
}
LEVEL_TAGS = {"error": "✗", "warning": "!", "info": "·", "reminder": "提醒："}


def _parser() -> Parser:
    parser = Parser(prog="python -m checkers", description="毕业课程自查（离线运行，成绩不会上传）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    courses = sub.add_parser("courses", help="核对成绩是否满足专业计划", description="按专业考试计划核对粘贴的成绩表")
    courses.add_argument("file", help="成绩文本文件（成绩表、CSV 或课程代码列表）；- 表示从标准输入读取")
    which = courses.add_mutually_exclusive_group(required=True)
    which.add_argument("--plan", help="计划编号，例如 jiangsu/080901；用 plans 命令查看全部")
    which.add_argument("--plan-file", help="粘贴的考试计划文本文件（从省考试院的计划 PDF 或网页复制的课程表）")
    courses.add_argument("--prior-diploma", action="store_true", help="已持有专科或以上毕业证书（专升本申请毕业须具备）")
    courses.add_argument("--json", action="store_true", help="输出 JSON")
    parse = sub.add_parser("plan-parse", help="读取考试计划文本，显示读到的课程和规则", description="读取粘贴的考试计划文本")
    parse.add_argument("file", help="考试计划文本文件；- 表示从标准输入读取")
    parse.add_argument("--json", action="store_true", help="输出 JSON")
    plans = sub.add_parser("plans", help="列出全部专业计划")
    plans.add_argument("--json", action="store_true", help="输出 JSON")
    return parser


BOMS = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _utf16(data: bytes) -> str | None:
    """UTF-16 text (Windows Notepad's "Unicode"): with a byte-order mark, or without one when every other byte is 0."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    head = data[:4096]
    if len(head) >= 16:  # ASCII (digits, spaces, tabs) is (x, 0) in UTF-16LE; Chinese characters have no zero byte
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.25 and even.count(0) < len(even) * 0.02:
            return data.decode("utf-16-le", "replace")
        if even.count(0) > len(even) * 0.25 and odd.count(0) < len(odd) * 0.02:
            return data.decode("utf-16-be", "replace")
    return None


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Usage("文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本，无法读取")


def _text(data: bytes, what: str, where: str) -> str:
    """Bytes → text the way both pastes are read: UTF-16 (with or without BOM), UTF-8, GBK/GB18030; binary is refused."""
    utf16 = _utf16(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data[:4096]:
        raise Usage(f"{where}看起来不是文本文件（含有二进制内容）：请粘贴或保存{what}的文字")
    return _decode(data)


def _read(name: str, stdin: Any, what: str = "成绩表") -> str:
    limit = paste.MAX_CHARS * 4 + 1  # bytes: enough for MAX_CHARS characters; more is refused by the API
    if name == "-":
        buffer = getattr(stdin, "buffer", None)
        data = buffer.read(limit) if buffer is not None else stdin.read(limit).encode("utf-8", "replace")
        return _text(data, what, "输入")
    path = Path(name)
    if not path.exists():
        raise Usage(f"找不到文件：{path}")
    if not path.is_file():
        raise Usage(f"不是文件：{path}")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit)
    except OSError as err:
        raise Usage(f"无法读取文件 {path}：{err.strerror or err}") from None
    return _text(data, what, f"{path} ")


def report(result: dict[str, Any]) -> str:
    """The readable Chinese report for one verdict."""
    info = result["plan_info"]
    lines = [f"毕业课程自查：{info['title']}"]
    if result.get("plan_source") == "paste":
        lines += ["计划来源：你粘贴的计划文本（见上表）", ""]
    else:
        lines += [f"主考学校：{info['school']} · 计划版本：{info['edition']}（{CONFIDENCE[info['confidence']]}）", ""]
    errors = [m for m in result["messages"] if m["level"] == "error"]
    if result["eligible"]:
        lines.append("结论：按本计划核对，可以申请毕业。")
    else:
        lines.append(f"结论：暂不能申请毕业（{len(errors)} 项原因，见下）。")
    credits, count = result["credits"], result["course_count"]
    lines.append(f"学分：已获得 {credits['earned']}，要求不少于 {credits['required']}")
    need = f"，要求不少于 {count['required']} 门" if count["required"] else "（计划没有写明最低门数）"
    lines.append(f"课程：已合格 {count['earned']} 门（不含实践环节和毕业论文）{need}")
    if result["missing"]:
        lines += ["", "还缺："] + [f"  - {m['code'] + ' ' if m['code'] else ''}{m['name']}" for m in result["missing"]]
    lines += ["", "原因与提示："] + [f"  {LEVEL_TAGS[m['level']]} {m['message']}" for m in result["messages"]]
    lines += ["", "逐门情况："]
    for row in result["courses"]:
        credits = "不计学分" if row["kind"] == "thesis" else f"{row['credits']} 学分"
        lines.append(f"  {TAGS[row['status']]} {row['code']} {row['name']}（{credits}）{'：' + row['message'] if row['message'] else ''}")
    for g in result["groups"]:
        lines.append(f"  选考：{g['label']} —— 已完成 {g['courses']} 门、{g['credits']} 学分{'，已满足' if g['ok'] else '，未满足'}")
    if result["others"]:
        lines += ["", "不在本计划中的课程代码："]
        lines += [f"  {o['code']} {o['name']}：{o['note']}" for o in result["others"]]
    return "\n".join(lines) + "\n"


def understood(parsed: dict[str, Any]) -> str:
    """The parsed plan as a readable table: what was read, guessed (?) and not read (!)."""
    if not parsed["ok"]:
        return f"没有读取这份计划：{parsed['refused']}\n"
    level = f"{parsed['level'] or '层次未读出'}{'（猜测）' if parsed['level_guessed'] else ''}"
    lines = [f"读到的计划：{parsed['name'] or '专业名称未读出'}（{level}{'，' + parsed['code'] if parsed['code'] else ''}）",
             "  代码   学分  类型          名称（? = 猜测，! = 未读出）"]
    for c in parsed["courses"]:
        credits = "不计" if c["kind"] == "thesis" else ("!" if c["credits"] is None else f"{c['credits']:g}")
        marks = ("?" if c["guessed"] and c["guessed"] != ["from_rule"] else "") + ("!" if c["unreadable"] else "")
        theory = (f"（属于 {c['theory']}）" if c["theory"] else "") + "".join(f"（顶替旧课程 {r['code']}）" for r in c["replaces"])
        lines.append(f"  {c['code']}  {credits:>4}  {c['kind_label']:<6}  {marks}{c['name'] or '!'}{theory}")
    m = parsed["minimums"]
    lines.append(f"  最低要求：{m['credits']} 学分{'（猜测）' if m['credits_guessed'] else ''}"
                 f"{'，' + str(m['courses']) + ' 门' if m['courses'] else ''}{'（原文：' + m['sentence'] + '）' if m['sentence'] else ''}")
    lines += [f"  规则：{x['label']}" for x in parsed["choices"] + parsed["groups"]]
    lines += [f"  · {x}" for x in parsed["changes"] + parsed["notes"]]
    lines += [f"  ! 第 {p['line']} 行：{p['message']}" for p in parsed["problems"]]
    return "\n".join(lines) + "\n"


def _courses(args: argparse.Namespace, out: TextIO, stdin: Any) -> int:
    if args.plan_file is not None:
        if args.plan_file == "-" and args.file == "-":
            raise Usage("计划文件和成绩文件不能都从标准输入读取")
        plan_text = _read(args.plan_file, stdin, "考试计划")
        result = api.check_pasted(plan_text, _read(args.file, stdin), prior_diploma=args.prior_diploma)
        if args.json:
            out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(understood(result["parsed_plan"]) + ("" if result["refused"] else "\n" + report(result)))
        return 2 if result["refused"] else 0 if result["eligible"] else 1
    known = [p["id"] for p in api.plans()]
    if args.plan not in known:
        raise Usage(str(api.UnknownPlan(args.plan, known)))
    text = _read(args.file, stdin)
    result = api.check(text, args.plan, prior_diploma=args.prior_diploma)
    out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n" if args.json else report(result))
    return 0 if result["eligible"] else 1


def _parse(args: argparse.Namespace, out: TextIO, stdin: Any) -> int:
    parsed = api.parse_plan(_read(args.file, stdin, "考试计划"))
    out.write(json.dumps(parsed, ensure_ascii=False, indent=2) + "\n" if args.json else understood(parsed))
    return 0 if parsed["ok"] else 2


def _plans(args: argparse.Namespace, out: TextIO) -> int:
    rows = api.plans()
    if args.json:
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    width = max((len(r["id"]) for r in rows), default=0)
    for r in rows:
        out.write(f"{r['id']:<{width}}  {r['title']} · 主考学校：{r['school']}\n")
    return 0


def _refusal(message: str, argv: list[str] | None) -> dict[str, Any]:
    """With --json every answer is JSON, a usage error or unreadable file too (same keys as a refused paste)."""
    words = sys.argv[1:] if argv is None else argv
    message = message.strip()
    if words[:1] == ["plan-parse"]:
        return api.plan_refusal(message)
    plan = words[words.index("--plan") + 1] if "--plan" in words[:-1] else "paste"
    return api.refusal(message, plan=plan, prior_diploma="--prior-diploma" in words)


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None,
         stdin: Any = None) -> int:
    """Entry point used by checkers/__main__.py; ``argv`` starts with the command (courses or plans)."""
    out, err, stdin = out or sys.stdout, err or sys.stderr, stdin or sys.stdin
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
        if args.command == "plan-parse":
            return _parse(args, out, stdin)
        return _courses(args, out, stdin) if args.command == "courses" else _plans(args, out)
    except Usage as usage:
        if usage.code != 0 and "--json" in (sys.argv[1:] if argv is None else argv):
            out.write(json.dumps(_refusal(usage.message, argv), ensure_ascii=False, indent=2) + "\n")
            return usage.code
        if usage.message:
            (out if usage.code == 0 else err).write(usage.message.rstrip("\n") + "\n")
        return usage.code
