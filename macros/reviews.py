"""Second-reader records (data/reviews/**.yml): the model, what each data file offers to review, the matching."""

from __future__ import annotations

import datetime
import json
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
    first_source: dict[str, str] = field(default_factory=dict)  # fact path -> the source to re-read it against


def fact_key(fact: Any) -> str:
    """The text a review must carry for this fact (a round without text: '2024 上半年 graduation')."""
    return getattr(fact, "review_key", None) or fact.text


def reviewable_record(record: Any) -> Reviewable:
    """A province or the national record: every fact (rounds too) by its key path."""
    texts = {format_path(path): fact_key(fact) for path, fact in record.facts()}
    return Reviewable(texts, tuple(record.sources))


def _stated(value: Any) -> Any:
    """``value`` without the fields left unset (None), so the text shows what the file says and nothing else."""
    if isinstance(value, dict):
        return {k: _stated(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_stated(v) for v in value]
    return value


def spec_values_text(entry: Any) -> str:
    """The rules an entry itself states (with their notes) and the base rules it drops, as one line of JSON:
    what the checker enforces, so a change to any value makes its second reading stale."""
    from checkers.photo.spec import RULES
    from checkers.schema import dump

    values = {name: _stated(dump(getattr(entry, name))) for name in RULES if getattr(entry, name) is not None}
    if entry.drop:
        values["drop"] = list(entry.drop)
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def reviewable_specs(spec_file: Any) -> Reviewable:
    """A photo-spec file: each entry (its title), the values it states (spec_values_text) and each of its notes;
    sources named by URL or title, each line's first being its own entry's first."""
    texts: dict[str, str] = {}
    sources: list[str] = []
    first_source: dict[str, str] = {}
    for purpose in ("registration", "graduation"):
        entry = getattr(spec_file, purpose)
        if entry is None:
            continue
        lines = {purpose: entry.title, f"{purpose}.values": spec_values_text(entry),
                 **{f"{purpose}.notes[{i}]": note for i, note in enumerate(entry.notes)}}
        texts.update(lines)
        if entry.sources:
            first_source.update(dict.fromkeys(lines, entry.sources[0].url or entry.sources[0].title))
        for s in entry.sources:
            sources += [x for x in (s.url, s.title) if x and x not in sources]
    return Reviewable(texts, tuple(sources), first_source)


def _course_text(c: Any) -> str:
    kind = f" 实践（配套 {c.theory}）" if c.kind == "practical" and c.theory else (" 实践" if c.kind == "practical" else "")
    return f"{c.code} {c.name} {c.credits} 学分{kind}"


def _rule_text(label: str, codes: tuple[str, ...], min_courses: int | None = None, min_credits: int | None = None) -> str:
    limits = "、".join(x for x in (f"不少于 {min_courses} 门" if min_courses else "",
                                    f"不少于 {min_credits} 学分" if min_credits else "") if x)
    return f"{label}：{'、'.join(codes)}" + (f"（{limits}）" if limits else "")


def plan_texts(plan: Any) -> dict[str, str]:
    """Every checkable line of a course plan, by its path: what a reader compares with the plan's source.

    The text is built from the record's fields (code, name, credits, kind …), so changing any of them makes the
    review stale, as editing a fact's text does."""
    texts = {"edition": f"{plan.edition.name}（{plan.edition.date}）",
             "minimums": f"不少于 {plan.minimums.credits} 学分" + (f"、{plan.minimums.courses} 门" if plan.minimums.courses else "")}
    for i, c in enumerate(plan.courses):
        texts[f"courses[{i}]"] = _course_text(c)
    if plan.thesis is not None:
        texts["thesis"] = f"{plan.thesis.code} {plan.thesis.name} 不计学分"
    for i, ch in enumerate(plan.choices):
        texts[f"choices[{i}]"] = _rule_text(ch.label, ch.options, 1)
    for i, g in enumerate(plan.groups):
        texts[f"groups[{i}]"] = _rule_text(g.label, g.courses, g.min_courses, g.min_credits)
    for i, path in enumerate(plan.paths):
        texts[f"paths[{i}]"] = f"{path.label}：{'、'.join(path.choices + path.groups)}"
    for i, sub in enumerate(plan.substitutions):
        mode = "任一门" if sub.old_mode == "any" else "全部"
        texts[f"substitutions[{i}]"] = f"{'、'.join(sub.old)}（{mode}）→ {'、'.join(sub.new)}"
    for i, note in enumerate(plan.notes):
        texts[f"notes[{i}]"] = note.text
    if plan.stopped is not None:
        s = plan.stopped
        texts["stopped"] = "停考：" + "，".join(f"{k} {v}" for k, v in (
            ("公布", s.announced), ("最后注册", s.last_registration), ("最后考试", s.last_exam),
            ("最后申请毕业", s.last_graduation)) if v)
    return texts


def reviewable_plan(plan: Any) -> Reviewable:
    """A course-plan file: each course, rule, substitution and note (see :func:`plan_texts`); sources by id."""
    return Reviewable(plan_texts(plan), tuple(plan.sources))


def all_passed(reviews: tuple[Review, ...], texts: dict[str, str],
               sources: tuple[str, ...] | None = None) -> tuple[datetime.date | None, list[str]]:
    """(date every one of ``texts`` had passed: the latest of their passes, or None; the paths not yet re-read)."""
    dates, waiting = [], []
    for path, text in texts.items():
        d = passed_on(reviews, text, sources)
        if d is None:
            waiting.append(path)
        else:
            dates.append(d)
    return (max(dates) if dates and not waiting else None), waiting


def plan_reviewed(reviews: tuple[Review, ...], plan: Any) -> tuple[datetime.date | None, list[str]]:
    """(date the whole plan passed: the latest of its lines' passes, or None; the paths not yet re-read)."""
    return all_passed(reviews, plan_texts(plan))


def spec_reviewed(reviews: tuple[Review, ...], offer: Reviewable,
                  purpose: str | None = None) -> tuple[datetime.date | None, list[str]]:
    """As plan_reviewed, for a photo-spec file's lines (reviewable_specs), or only those of one ``purpose``
    (registration / graduation: its title, values and notes)."""
    texts = {k: v for k, v in offer.texts.items() if purpose is None or k == purpose or k.startswith(purpose + ".")}
    return all_passed(reviews, texts, offer.sources)


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


def passed_on(reviews: tuple[Review, ...], text: str, sources: tuple[str, ...] | None = None) -> datetime.date | None:
    """The date a fact with this exact text passed its latest review; None if never, or if the latest failed.

    Records of the same day count in file order (a reader appends), so a fail written after a pass wins. Given the
    fact's current ``sources``, only records about a source the fact still cites count, either way: a fail about a
    dropped source is history (the reader dropped it), and a pass against a dropped source says nothing about the
    page the fact now rests on (a fact re-cited with its text unchanged waits for a reading of its new source)."""
    matching = [r for r in reviews if r.text == text and (sources is None or r.source in sources)]
    matching.sort(key=lambda r: r.date)  # stable: file order on ties
    if matching and matching[-1].verdict == "pass":
        return matching[-1].date
    return None

