"""`python -m macros.to_review data/plans/<province>/<code>.yml`: the lines of a plan still waiting for a second reader,
printed as record skeletons for data/reviews/plans/ (fact and text filled in)."""

from __future__ import annotations

from macros.reviews import passed_on, plan_texts

def main(argv: list[str] | None = None) -> int:
    """`python -m macros.to_review data/plans/jiangsu/080901.yml`: print review-record skeletons for a plan's lines."""
    import sys
    from pathlib import Path as FsPath

    from macros.data import DataErrors, load_dataset

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("用法：python -m macros.to_review data/plans/<省份>/<专业代码>.yml …（打印每一行的复核记录草稿）", file=sys.stderr)
        return 2
    try:
        dataset = load_dataset(FsPath.cwd())
    except DataErrors as e:
        print(str(e), file=sys.stderr)
        return 1
    for arg in args:
        rel = FsPath(arg).as_posix()
        plan_id = rel.removeprefix("data/plans/").removesuffix(".yml")
        plan = dataset.plans.get(plan_id)
        if plan is None:
            print(f"{arg}: 不是已载入的专业计划文件（应为 data/plans/<省份>/<专业代码>.yml）", file=sys.stderr)
            return 2
        reviews = dataset.reviews.get(f"data/plans/{plan_id}.yml", ())
        print(f"# data/reviews/plans/{plan_id}.yml — 已有 {len(reviews)} 条记录；下面是尚未复核的各行")
        for path, text in plan_texts(plan).items():
            if passed_on(reviews, text) is None:
                print(f"- fact: {path}\n  text: {_yaml_str(text)}\n  source: {next(iter(plan.sources))}\n"
                      f"  verdict: \n  date: \n  reader: \n  note: ")
    return 0


def _yaml_str(text: str) -> str:
    import json
    return json.dumps(text, ensure_ascii=False)


if __name__ == "__main__":
    raise SystemExit(main())
