"""Second-reader records (data/reviews/**.yml): the model, what each data file offers to review, the matching."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Iterator, Literal

from checkers.schema import Path, format_path

Verdict = Literal["pass", "fail"]


@dataclass(frozen=True)
class Review:
    """One fact re-read against one of its sources by someone who did not write it."""

    fact: str = field(metadata={"help": "事实在数据文件中的路径，例如 graduation.steps[2]（仅作提示，按 text 匹配）"})
    text: str = field(metadata={"help": "事实当前的原文（一字不差）"})
    source: str = field(metadata={"help": "重新阅读的来源编号"})
    verdict: Verdict = field(metadata={"help": "复核结论 pass / fail"})
    date: datetime.date = field(metadata={"help": "复核日期，YYYY-MM-DD"})
    reader: str = field(metadata={"help": "复核人（不能是写这条事实的人）"})
    note: str | None = None


@dataclass(frozen=True)
class Reviewable:
    """What one data file offers to review: fact path -> its text, and the source ids it knows."""

    texts: dict[str, str]
    sources: tuple[str, ...]


def fact_key(fact: Any) -> str:
    """The text a review must carry for this fact (a round without text: '2024 上半年 graduation')."""
    return getattr(fact, "review_key", None) or fact.text


def reviewable_record(record: Any) -> Reviewable:
    """A province or the national record: every fact (rounds too) by its key path."""
    texts = {format_path(path): fact_key(fact) for path, fact in record.facts()}
    return Reviewable(texts, tuple(record.sources))


def reviewable_specs(spec_file: Any) -> Reviewable:
    """A photo-spec file: each entry (its title) and each of its notes; sources named by URL or title."""
    texts: dict[str, str] = {}
    sources: list[str] = []
    for purpose in ("registration", "graduation"):
        entry = getattr(spec_file, purpose)
        if entry is None:
            continue
        texts[purpose] = entry.title
        for i, note in enumerate(entry.notes):
            texts[f"{purpose}.notes[{i}]"] = note
        for s in entry.sources:
            sources += [x for x in (s.url, s.title) if x and x not in sources]
    return Reviewable(texts, tuple(sources))


def check_reviews(reviews: tuple[Review, ...], target: str, offer: Reviewable) -> Iterator[tuple[Path, str]]:
    """Located problems: a fact that is in the file neither by path nor by text, a source the file lacks.

    A review whose text no longer matches is not a problem here (it is stale: see :func:`stale_reviews`)."""
    known_texts = set(offer.texts.values())
    for i, review in enumerate(reviews):
        if review.fact not in offer.texts and review.text not in known_texts:
            yield (i, "fact"), (f"{target} 里没有路径为 {review.fact} 的事实，也没有文字相同的事实；"
                                f"事实已删除的，请一并删除这条复核记录")
        if review.source not in offer.sources:
            known = "、".join(offer.sources) or "（没有来源）"
            yield (i, "source"), f"来源“{review.source}”在 {target} 中不存在；可用：{known}"


def stale_reviews(reviews: tuple[Review, ...], offer: Reviewable) -> Iterator[tuple[int, Review]]:
    """Reviews whose text equals no current fact: the fact changed after it was re-read."""
    known_texts = set(offer.texts.values())
    for i, review in enumerate(reviews):
        if review.text not in known_texts:
            yield i, review


def passed_on(reviews: tuple[Review, ...], text: str) -> datetime.date | None:
    """The date a fact with this exact text passed its latest review; None if never, or if the latest failed."""
    matching = sorted((r for r in reviews if r.text == text), key=lambda r: (r.date, r.verdict == "pass"))
    if matching and matching[-1].verdict == "pass":
        return matching[-1].date
    return None
