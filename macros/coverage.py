"""How far the data goes: the 31×3 coverage grid by the rubric (SCHEMA.md) and the truth counts for `make check`."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Iterator, Literal

from checkers.schema import format_path
from macros.models import SLUGS, TOPICS, Province, Round
from macros.reviews import fact_key, passed_on, plan_reviewed, spec_reviewed, stale_reviews

Rating = Literal["FULL", "PARTIAL", "FALLBACK"]
RATING_WORDS = {"FULL": "完整", "PARTIAL": "部分", "FALLBACK": "仅全国规则"}
# What a FULL cell has; a PARTIAL cell lacks at least one of these.
CRITERIA = {"steps": "本省办理步骤", "address": "系统名称和网址", "when": "带日期的办理时间或费用"}
# A dated window names its year and its day: "2024-06-13", "2024 年 6 月 13 日"; a day without a year does not count.
_DATE = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_FEE = re.compile(r"\d+(?:\.\d+)?\s*元")


@dataclass(frozen=True)
class Cell:
    """One province × topic: its rating, what it lacks for FULL, and the date it was last checked."""

    slug: str
    name: str
    topic: str
    rating: Rating
    missing: tuple[str, ...]
    checked: datetime.date | None

    def to_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": self.name, "topic": self.topic, "rating": self.rating,
                "missing": list(self.missing), "checked": self.checked.isoformat() if self.checked else None}


def rate(province: Province, topic: str) -> tuple[Rating, tuple[str, ...]]:
    """The rubric: FULL = own steps end to end + system named with its address (+ a dated window or a fee for
    registration and graduation); PARTIAL = some province facts but one of those missing; FALLBACK = none."""
    t = getattr(province, topic)
    facts = [f for _, f in t.facts()]
    if not facts:
        return "FALLBACK", tuple(CRITERIA.values())
    missing = []
    if len(t.steps) < 2:
        missing.append(CRITERIA["steps"])
    platform = province.platform
    if not ((platform and (platform.url or platform.address))
            or any(getattr(f, "url", None) or getattr(f, "address", None) for f in facts)):
        missing.append(CRITERIA["address"])
    if topic != "lookup" and not _has_when(t):
        missing.append(CRITERIA["when"])
    return ("PARTIAL" if missing else "FULL"), tuple(missing)


def _has_when(topic: Any) -> bool:
    """A dated round, a `dates:` fact that names a day with its year, or a fee amount (a fact labelled 费用 or
    naming 元)."""
    if any(r.dated() for r in topic.rounds) or any(_DATE.search(f.text) for f in topic.dates):
        return True
    return any((f.label and "费" in f.label) or _FEE.search(f.text or "")
               for f in topic.steps + topic.materials + topic.dates + topic.notes)


def cell_checked(dataset: Any, slug: str, topic: str) -> datetime.date | None:
    """The last day anyone checked this cell: a source of its facts seen, a search recorded, a review passed."""
    province = dataset.provinces[slug]
    t = getattr(province, topic)
    file = dataset.origin[f"province:{slug}"]
    dates = [province.sources[r].seen for _, f in t.facts() for r in f.sources if r in province.sources]
    dates += [d for d in (dataset.reviewed(file, f) for _, f in t.facts()) if d]
    if t.searched:
        dates.append(t.searched.date)
    return max(dates) if dates else None


def coverage(dataset: Any) -> list[Cell]:
    """The 31×3 grid, in the site's province order, computed from the data (one function for page and CLI)."""
    cells = []
    for slug in SLUGS:
        province = dataset.provinces[slug]
        for topic in TOPICS:
            rating, missing = rate(province, topic)
            cells.append(Cell(slug, province.name, topic, rating, missing, cell_checked(dataset, slug, topic)))
    return cells


@dataclass(frozen=True)
class Truth:
    """What `make check` reports about the facts themselves."""

    by_confidence: dict[str, int]
    specs_by_confidence: dict[str, int]
    no_address: list[tuple[str, str]]  # (file, key path) of facts whose sources all lack a url
    not_reviewed: dict[str, int]  # file -> facts without a passing review of their current text
    total: int
    stale: list[tuple[str, int, str, str]]  # (review file, index, fact hint, text)
    rounds: dict[str, tuple[Round, Round] | None]  # slug -> (oldest, latest) dated round
    plans_waiting: dict[str, int]  # plan id -> lines (courses, rules, notes …) without a passing review
    plan_lines: int
    specs_waiting: dict[str, int]  # photo-spec file -> lines (titles, values, notes) without a passing review
    spec_lines: int
    history: int  # records of texts since replaced by a text that passed (kept as the editorial history)


def _records(dataset: Any) -> Iterator[tuple[str, Any]]:
    yield "data/national.yml", dataset.national
    for slug in SLUGS:
        if slug in dataset.provinces:
            yield dataset.origin[f"province:{slug}"], dataset.provinces[slug]


def truth(dataset: Any) -> Truth:
    by_conf = {"high": 0, "medium": 0, "low": 0}
    no_address: list[tuple[str, str]] = []
    not_reviewed: dict[str, int] = {}
    total = 0
    for file, record in _records(dataset):
        reviews = dataset.reviews.get(file, ())
        for path, fact in record.facts():
            total += 1
            by_conf[fact.confidence] += 1
            if not any(record.sources[r].url for r in fact.sources if r in record.sources):
                no_address.append((file, format_path(path)))
            if passed_on(reviews, fact_key(fact), tuple(fact.sources)) is None:
                not_reviewed[file] = not_reviewed.get(file, 0) + 1
    specs = {"high": 0, "medium": 0, "low": 0}
    for spec_id, spec in dataset.photo_specs.items():
        specs[spec.confidence] += 1
    stale = []
    history = 0
    for file, reviews in dataset.reviews.items():
        offer = dataset.reviewable[file]
        for i, review in stale_reviews(reviews, offer):
            current = offer.texts.get(review.fact)
            if current is not None and passed_on(reviews, current) is not None:
                history += 1  # the fact at that place was changed and its new text has passed: a record of the past
                continue
            stale.append((dataset.review_files[file], i, review.fact, review.text))
    rounds: dict[str, tuple[Round, Round] | None] = {}
    for slug in SLUGS:
        province = dataset.provinces.get(slug)
        dated = [f for _, f in province.facts() if isinstance(f, Round) and f.dated()] if province else []
        rounds[slug] = (min(dated, key=Round.last_day), max(dated, key=Round.last_day)) if dated else None
    plans_waiting: dict[str, int] = {}
    plan_lines = 0
    for plan_id, plan in sorted(dataset.plans.items()):
        file = dataset.origin[f"plan:{plan_id}"]
        lines = len(dataset.reviewable[file].texts)
        plan_lines += lines
        _, waiting = plan_reviewed(dataset.reviews.get(file, ()), plan)
        if waiting:
            plans_waiting[plan_id] = len(waiting)
    specs_waiting: dict[str, int] = {}
    spec_lines = 0
    for file, offer in sorted(dataset.reviewable.items()):
        if file.startswith("data/photo_specs/"):
            spec_lines += len(offer.texts)
            _, waiting = spec_reviewed(dataset.reviews.get(file, ()), offer)
            if waiting:
                specs_waiting[file] = len(waiting)
    return Truth(by_conf, specs, no_address, not_reviewed, total, stale, rounds, plans_waiting, plan_lines,
                 specs_waiting, spec_lines, history)
