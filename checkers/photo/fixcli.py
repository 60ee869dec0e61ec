"""Command line: `python -m checkers fix IN --spec ID [-o OUT] [--number N] [--name 姓名] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from checkers.cli_base import Parser, Usage
from checkers.photo import api
from checkers.photo.cli import TAGS, _read
from checkers.photo.naming import NamingError


def _parser() -> Parser:
    parser = Parser(prog="python -m checkers fix",
                    description="把照片改成符合规格的文件（离线运行，照片不会上传）；改后的文件再用同一个检查程序核对，"
                                "全部通过才写出")
    parser.add_argument("file", help="原始照片（JPEG、PNG 等）")
    parser.add_argument("--spec", required=True, help="规格编号，例如 national/graduation")
    parser.add_argument("-o", "--output", help="输出文件或目录（默认：原照片所在目录，文件名按规格的命名规则）")
    parser.add_argument("--number", help="考籍号（准考证号，12 位）或身份证号（18 位），规格要求按号码命名时使用")
    parser.add_argument("--name", help="姓名，规格要求文件名含姓名时使用")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    return parser


def _target(args: argparse.Namespace, source: Path, filename: str) -> Path:
    if args.output is None:
        out = source.parent / filename
    else:
        given = Path(args.output)
        out = given / filename if given.is_dir() else given
    if out.resolve() == source.resolve():
        raise Usage(f"输出文件不能覆盖原照片：{out}")
    return out


def run(argv: list[str], out: TextIO, err: TextIO) -> int:
    from checkers.photo.fixpil import Undecodable, before
    from checkers.photo.fixpil import run as fix_run

    args = _parser().parse_args(argv)
    known = {s["id"] for s in api.specs()}
    if args.spec not in known:
        raise Usage(str(api.UnknownSpec(args.spec, sorted(known))))
    try:
        import PIL  # noqa: F401
    except ImportError:
        raise Usage("照片修正需要 Pillow 处理像素：pip install pillow") from None
    source = Path(args.file)
    data, size = _read(source)
    try:
        result = fix_run(data, args.spec, filename=source.name, number=args.number, name=args.name, size=size)
    except NamingError as bad:
        raise Usage(bad.message) from None
    except Undecodable as bad:
        result = {"spec": args.spec, "ok": False, "before": before(data, args.spec, source.name, size), "after": None,
                  "actions": [],
                  "unfixable": [{"id": "format", "why": bad.message}], "filename": None, "data": None}
    written = None
    if result["ok"] and result["data"]:
        target = _target(args, source, result["filename"])
        try:
            target.write_bytes(result["data"])
        except OSError as bad:
            raise Usage(f"无法写入 {target}：{bad.strerror or bad}") from None
        written = str(target)
    answer = {"spec": result["spec"], "ok": written is not None, "before": result["before"], "after": result["after"],
              "output": written, "actions": result["actions"], "unfixable": result["unfixable"]}
    out.write(json.dumps(answer, ensure_ascii=False, indent=2) + "\n" if args.json else report(answer, source.name))
    return 0 if written else 1


def _rows(result: dict[str, Any] | None, names: dict[str, str]) -> list[str]:
    if not result:
        return ["  （无法检查）"]
    return [f"  {TAGS[c['status']]} {names[c['id']]}：{c['message']}" for c in result["checks"]]


def report(answer: dict[str, Any], name: str) -> str:
    from checkers.photo.table import labels

    names = labels()
    lines = [f"照片修正：{name}（规格 {answer['spec']}）", "", "修正前："] + _rows(answer["before"], names)
    if answer["actions"]:
        lines += ["", "做了这些修改："] + [f"  - {a['text']}" for a in answer["actions"]]
    if answer["after"]:
        lines += ["", "修正后："] + _rows(answer["after"], names)
    lines.append("")
    if answer["output"]:
        lines.append(f"已写出：{answer['output']}（所有检查项都没有不合格；标“注意”的请逐项确认）")
    else:
        lines.append("没有写出文件：这张照片不能靠修正变得合格。")
        lines += [f"  - {names.get(u['id'], u['id'])}：{u['why']}" for u in answer["unfixable"]]
    lines.append("说明：本工具只转正、裁剪、缩小和重新保存照片，不改背景、光线和人像；结果以报名或毕业系统的审核为准。")
    return "\n".join(lines) + "\n"


def main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        return run(argv, out, err)
    except Usage as usage:
        if usage.message:
            (out if usage.code == 0 else err).write(usage.message.rstrip("\n") + "\n")
        return usage.code
