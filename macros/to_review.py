"""`python -m macros.to_review data/…yml …`: what in a data file still waits for a second reader (a fact of a province
or the national file, a photo-spec entry or note, a line of a course plan), printed as record skeletons for the
matching file under data/reviews/ (fact, text and a source filled in). Without arguments: every data file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator

from macros.data import DataErrors, load_dataset
from macros.reviews import fact_key, passed_on, plan_texts
from checkers.schema import format_path


def waiting(dataset: Any, file: str) -> Iterator[tuple[str, str, str]]:
    """(path, text, a source id to re-read) for each item of ``file`` without a passing review of its text."""
    reviews = dataset.reviews.get(file, ())
    record = dataset.national if file == "data/national.yml" else next(
        (p for slug, p in dataset.provinces.items() if dataset.origin[f"province:{slug}"] == file), None)
    if record is not None:  # facts: a fail about a source the fact no longer cites is history (as in make check)
        for path, fact in record.facts():
            if passed_on(reviews, fact_key(fact), tuple(fact.sources)) is None:
                yield format_path(path), fact_key(fact), fact.sources[0]
        return
    plan = next((p for pid, p in dataset.plans.items() if dataset.origin[f"plan:{pid}"] == file), None)
    offer = dataset.reviewable[file]
    texts = plan_texts(plan) if plan is not None else offer.texts
    for path, text in texts.items():
        if passed_on(reviews, text) is None:
            yield path, text, offer.first_source.get(path) or (offer.sources[0] if offer.sources else "")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        dataset = load_dataset(Path.cwd())
    except DataErrors as e:
        print(str(e), file=sys.stderr)
        return 1
    files = [Path(a).as_posix() for a in args] or sorted(dataset.reviewable)
    for file in files:
        if file not in dataset.reviewable:
            print(f"{file}: 不是可复核的数据文件（省份、全国、照片规格或专业计划文件，如 data/plans/jiangsu/080901.yml）",
                  file=sys.stderr)
            return 2
        items = list(waiting(dataset, file))
        if not items and not args:
            continue
        reviews = dataset.reviews.get(file, ())
        print(f"# data/reviews/{file.removeprefix('data/')} — 已有 {len(reviews)} 条记录；尚未复核 {len(items)} 条")
        for path, text, source in items:
            print(f"- fact: {path}\n  text: {json.dumps(text, ensure_ascii=False)}\n  source: {source}\n"
                  f"  verdict: \n  date: \n  reader: \n  note: ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
