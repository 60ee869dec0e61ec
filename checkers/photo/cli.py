"""Command line: `python -m checkers photo FILE --spec ID [--json]` and `python -m checkers specs [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from checkers.cli_base import Parser, Usage
from checkers.common import CONFIDENCE_WORDS as CONFIDENCE
from checkers.common import KIND_WORDS as KINDS
from checkers.photo import api
from checkers.photo.decode import decode
from checkers.photo.jpeg import MAX_INPUT_BYTES, JpegInfo, parse
from checkers.photo.table import labels

TAGS = {"pass": "[通过]  ", "fail": "[不合格]", "warn": "[注意]  ", "skip": "[跳过]  "}


def _parser() -> Parser:
    parser = Parser(prog="python -m checkers", description="照片规格检查（离线运行，照片不会上传）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    photo = sub.add_parser("photo", help="检查一张照片", description="按规格检查一张 JPEG 照片")
    photo.add_argument("file", help="照片文件路径")
    photo.add_argument("--spec", required=True, help="规格编号，例如 national/graduation；用 specs 命令查看全部")
    photo.add_argument("--json", action="store_true", help="输出 JSON")
    specs = sub.add_parser("specs", help="列出全部照片规格")
    specs.add_argument("--json", action="store_true", help="输出 JSON")
    return parser


def _read(path: Path) -> tuple[bytes, int]:
    if not path.exists():
        raise Usage(f"找不到文件：{path}")
    if not path.is_file():
        raise Usage(f"不是文件：{path}")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1), size
    except OSError as err:
        raise Usage(f"无法读取文件 {path}：{err.strerror or err}") from None


def _photo(args: argparse.Namespace, out: TextIO) -> int:
    known = {s["id"] for s in api.specs()}
    if args.spec not in known:
        raise Usage(str(api.UnknownSpec(args.spec, sorted(known))))
    path = Path(args.file)
    data, size = _read(path)
    parsed = parse(data)
    pixels, reason = None, None
    if isinstance(parsed, JpegInfo):
        decoded = decode(data, parsed)
        if isinstance(decoded, str):
            reason = decoded
        else:
            pixels = decoded
    result = api.check(data, args.spec, filename=path.name, pixels=pixels, skip_reason=reason, file_size=size)
    if args.json:
        out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(report(result, path.name))
    return 0 if result["ok"] else 1


def report(result: dict[str, Any], name: str) -> str:
    """The readable Chinese report for one checked photo."""
    spec = {s["id"]: s for s in api.specs()}[result["spec"]]
    lines = [f"照片检查：{name}",
             f"规格：{spec['id']} · {spec['title']}（{CONFIDENCE[spec['confidence']]}）", ""]
    names = labels()
    for item in result["checks"]:
        lines.append(f"{TAGS[item['status']]} {names[item['id']]}：{item['message']}")
    counts = {k: sum(1 for c in result["checks"] if c["status"] == k) for k in TAGS}
    lines.append("")
    if counts["fail"]:
        lines.append(f"结论：{counts['fail']} 项不合格" + (f"，{counts['warn']} 项需要注意" if counts["warn"] else "")
                     + "。请按上面的提示修改后再检查。")
    elif counts["warn"]:
        lines.append(f"结论：没有不合格项，但有 {counts['warn']} 项需要注意，请逐项确认。")
    else:
        lines.append("结论：所有检查项都符合该规格。")
    lines.append("说明：本工具依据公开资料整理的规格做检查，结果仅供参考，以报名或毕业系统的审核为准。")
    return "\n".join(lines) + "\n"


def _specs(args: argparse.Namespace, out: TextIO) -> int:
    rows = api.specs()
    if args.json:
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    width = max(len(r["id"]) for r in rows) if rows else 0
    for r in rows:
        out.write(f"{r['id']:<{width}}  {r['title']}（{CONFIDENCE[r['confidence']]}）\n")
    return 0


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Entry point used by checkers/__main__.py; ``argv`` starts with the command (photo or specs)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
        return _photo(args, out) if args.command == "photo" else _specs(args, out)
    except Usage as usage:
        if usage.message:
            (out if usage.code == 0 else err).write(usage.message.rstrip("\n") + "\n")
        return usage.code
