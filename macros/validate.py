"""Command line for editors: validate data/, write the checkers' catalog, report stale facts."""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros import catalog as checkers_catalog
from macros.data import ROOT, DataErrors, load_dataset, stale_facts


def validate(root: Path = ROOT, write_catalog: bool = True) -> int:
    """Validate all data; on success write the catalog. Prints every problem; returns an exit code."""
    try:
        dataset = load_dataset(root)
    except DataErrors as err:
        print(f"数据检查未通过：共 {len(err.lines)} 处问题（data validation failed）", file=sys.stderr)
        for line in err.lines:
            print(f"  {line}", file=sys.stderr)
        return 1
    if write_catalog:
        checkers_catalog.write(dataset, root)
    print(
        f"数据检查通过：{len(dataset.provinces)} 个省份、{len(dataset.photo_specs)} 个照片规格、"
        f"{len(dataset.plans)} 个专业计划"
    )
    return 0


def freshness(root: Path, today: datetime.date) -> int:
    """Print facts last checked more than 12 months ago; returns how many."""
    dataset = load_dataset(root)
    rows = list(stale_facts(dataset, today))
    if not rows:
        print("过期检查：没有超过 12 个月未核对的事实")
        return 0
    print(f"过期检查：{len(rows)} 条事实超过 12 个月未核对（页面上标为“可能过时”），请重新核对来源并更新 seen 日期：")
    for file, path, checked in rows:
        print(f"  {file}: {path}（上次核对 {checked.isoformat()}）")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.validate", description="检查 data/ 下的数据文件")
    parser.add_argument("--check", action="store_true", help="also build the site, check internal links and report stale facts")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    started = time.monotonic()
    code = validate()
    if code or not args.check:
        return code
    from tools.linkcheck import check_links

    with tempfile.TemporaryDirectory(prefix="handbook-check-") as out:
        # Pages only: the Pyodide runtime is not linked from any page and takes longer to copy.
        env = {**os.environ, "HANDBOOK_SKIP_RUNTIME": "1", "HANDBOOK_SEARCH": "false", "NO_MKDOCS_2_WARNING": "1"}
        build = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", out], cwd=ROOT, env=env
        )
        if build.returncode:
            print("网站构建失败（见上方信息）", file=sys.stderr)
            return 1
        broken = check_links(Path(out))
    for line in broken:
        print(f"  断开的站内链接：{line}", file=sys.stderr)
    print(f"站内链接检查：{'全部有效' if not broken else f'{len(broken)} 处断开'}")
    freshness(ROOT, args.today)
    print(f"用时 {time.monotonic() - started:.1f} 秒")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
