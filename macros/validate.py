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
from macros.data import ROOT, DataErrors, Dataset, load_dataset, stale_facts, today


def _loaded(root: Path) -> Dataset | None:
    """All data, validated; None after printing every problem."""
    try:
        return load_dataset(root)
    except DataErrors as err:
        print(f"数据检查未通过：共 {len(err.lines)} 处问题（data validation failed）", file=sys.stderr)
        for line in err.lines:
            print(f"  {line}", file=sys.stderr)
        return None


def _passed(dataset: Dataset, root: Path, write_catalog: bool) -> None:
    if write_catalog:
        checkers_catalog.write(dataset, root)
    print(
        f"数据检查通过：{len(dataset.provinces)} 个省份、{len(dataset.photo_specs)} 个照片规格、"
        f"{len(dataset.plans)} 个专业计划"
    )


def validate(root: Path = ROOT, write_catalog: bool = True) -> int:
    """Validate all data; on success write the catalog. Prints every problem; returns an exit code."""
    dataset = _loaded(root)
    if dataset is None:
        return 1
    _passed(dataset, root, write_catalog)
    return 0


def report_truth(dataset: Dataset, root: Path = ROOT) -> None:
    """How far to trust the data: confidence, addresses, second readings, stale reviews, rounds, coverage."""
    from macros.coverage import RATING_WORDS, coverage, truth
    from macros.loader import DataFileError, load_yaml
    from macros.models import ROUND_WORDS, TOPICS
    from macros.pages import TOPIC_TITLES

    t = truth(dataset)
    c = t.by_confidence
    print(f"事实可信度：共 {t.total} 条，高 {c['high']}、中 {c['medium']}、低 {c['low']}"
          f"（照片规格 {sum(t.specs_by_confidence.values())} 个：高 {t.specs_by_confidence['high']}、"
          f"中 {t.specs_by_confidence['medium']}、低 {t.specs_by_confidence['low']}）")
    files: dict[str, int] = {}
    for file, _path in t.no_address:
        files[file] = files.get(file, 0) + 1
    print(f"来源都没有网址的事实：{len(t.no_address)} 条" + ("（读者无法自己核对）：" if files else ""))
    for file, n in sorted(files.items(), key=lambda kv: -kv[1]):
        print(f"  {file}: {n} 条")
    waiting = sum(t.not_reviewed.values())
    print(f"尚未复核的事实：{waiting} / {t.total} 条（没有 verdict: pass 且文字一致的复核记录）"
          + ("；逐条列出：python -m macros.to_review" if waiting else ""))
    waiting_lines = sum(t.plans_waiting.values())
    print(f"专业计划：{len(dataset.plans)} 个，共 {t.plan_lines} 行（课程、规则、替代、备注）；"
          f"全部复核过的计划 {len(dataset.plans) - len(t.plans_waiting)} 个，尚未复核的行 {waiting_lines} 行"
          + ("：" if t.plans_waiting else ""))
    if t.plans_waiting:
        print("  " + "、".join(f"{plan_id}（{n}）" for plan_id, n in t.plans_waiting.items()))
    waiting_spec_lines = sum(t.specs_waiting.values())
    print(f"照片规格：{sum(t.specs_by_confidence.values())} 个，共 {t.spec_lines} 行（标题、规格数值、说明）；"
          f"尚未复核的行 {waiting_spec_lines} 行" + ("（逐条列出：python -m macros.to_review）：" if t.specs_waiting else ""))
    if t.specs_waiting:
        print("  " + "、".join(f"{file}（{n}）" for file, n in t.specs_waiting.items()))
    if t.stale:
        print(f"过期的复核记录：{len(t.stale)} 条（事实在复核后改过，请重新复核）：")
        for review_file, i, hint, text in t.stale:
            try:
                line = load_yaml(root / review_file, review_file).line_of((i,))
            except (OSError, DataFileError):  # changed since it was validated a moment ago: name the file only
                line = 1
            shown = text if len(text) <= 30 else text[:30] + "…"
            print(f"  {review_file}:{line}: {hint}: 复核时的文字“{shown}”已不在数据中")
    else:
        print("过期的复核记录：没有")
    if t.history:
        print(f"作为历史保留的复核记录：{t.history} 条（当时的文字后来改过，改后的文字已复核通过）")
    print("各省最早和最近的带日期轮次：")
    for slug, pair in t.rounds.items():
        name = dataset.provinces[slug].name if slug in dataset.provinces else slug
        if pair is None:
            print(f"  {name}：没有带日期的轮次")
            continue
        oldest, latest = pair
        print(f"  {name}：最早 {oldest.year} {oldest.sitting} {ROUND_WORDS[oldest.kind]}（{oldest.last_day()}），"
              f"最近 {latest.year} {latest.sitting} {ROUND_WORDS[latest.kind]}（{latest.last_day()}）")
    cells = coverage(dataset)
    totals = {rating: sum(1 for x in cells if x.rating == rating) for rating in RATING_WORDS}
    print(f"覆盖情况（{len(cells)} 格）：FULL {totals['FULL']}、PARTIAL {totals['PARTIAL']}、FALLBACK {totals['FALLBACK']}")
    print("  " + _pad("省份", 18) + "".join(_pad(TOPIC_TITLES[x] + "（核对日期）", 26) for x in TOPICS))
    by_slug: dict[str, list] = {}
    for cell in cells:
        by_slug.setdefault(cell.slug, []).append(cell)
    for row in by_slug.values():
        print("  " + _pad(row[0].name, 18) + "".join(_pad(f"{x.rating:<8} {x.checked or '—'}", 26) for x in row))


def _pad(text: str, width: int) -> str:
    """Left-align in a terminal where CJK characters take two columns."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - used)


def freshness(dataset: Dataset, today: datetime.date) -> int:
    """Print facts last checked more than 12 months ago; returns how many."""
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
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=today())
    args = parser.parse_args(argv)
    started = time.monotonic()
    dataset = _loaded(ROOT)  # read once: the checks below report on the same data
    if dataset is None:
        return 1
    _passed(dataset, ROOT, write_catalog=True)
    if not args.check:
        return 0
    report_truth(dataset)
    print(f"（以上用时 {time.monotonic() - started:.1f} 秒；下面构建网站并检查站内链接）")
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
    freshness(dataset, args.today)
    print(f"用时 {time.monotonic() - started:.1f} 秒")
    return 1 if broken else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python -m macros.validate --check | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
