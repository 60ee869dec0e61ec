"""python -m checkers: photo | specs | courses | plan-parse | plans."""

from __future__ import annotations

import sys

USAGE = """用法 (usage):
  python -m checkers photo FILE --spec ID [--json]      检查照片是否符合规格
  python -m checkers specs                              列出照片规格
  python -m checkers fix FILE --spec ID [-o OUT] [--number N] [--name 姓名] [--json]
                                                        把照片修正为符合规格的文件（改后再检查，全部通过才写出）
  python -m checkers courses --plan ID [--prior-diploma] [--json] FILE|-   毕业课程自查
  python -m checkers courses --plan-file PLAN.txt [--json] FILE|-           按粘贴的考试计划核对
  python -m checkers plan-parse PLAN.txt [--json]       显示从考试计划文本读到的课程和规则
  python -m checkers plans                              列出专业计划"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if args else 2
    command = args[0]
    if command == "fix":
        from checkers.catalog import CatalogMissing
        from checkers.photo.fixcli import main as fix_main

        try:
            return fix_main(args[1:])
        except CatalogMissing as err:
            print(f"数据目录尚未生成：{err}", file=sys.stderr)
            return 2
    if command in ("photo", "specs"):
        from checkers.photo.cli import main as run
    elif command in ("courses", "plans", "plan-parse"):
        from checkers.courses.cli import main as run
    else:
        print(f"未知命令：{command}\n\n{USAGE}", file=sys.stderr)
        return 2
    from checkers.catalog import CatalogMissing

    try:
        return run(args)
    except CatalogMissing as err:
        print(f"数据目录尚未生成：{err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
