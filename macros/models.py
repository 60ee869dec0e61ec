"""Typed models of the province and national data that editors write in data/."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Iterator, Literal, Mapping, Union

from checkers.common import SLUGS, URL, Confidence, Source, SourceKind, confidence_problem  # noqa: F401
from checkers.schema import Path

Slug = Literal[tuple(SLUGS)]  # type: ignore[valid-type]
TOPICS = ("registration", "lookup", "graduation")
Region = Literal["华北", "东北", "华东", "华中", "华南", "西南", "西北"]
Status = Literal["complete", "partial", "unknown"]
RoundKind = Literal["registration", "graduation", "exemption", "transfer", "score_release", "score_review",
                    "confirmation"]
TOPIC_TITLES = {"registration": "报名与注册", "lookup": "考籍与成绩查询", "graduation": "毕业申请"}
ROUND_WORDS = {"registration": "报名", "graduation": "毕业申请", "exemption": "免考", "transfer": "转考",
               "score_release": "成绩公布", "score_review": "成绩复核", "confirmation": "现场确认"}
_MOMENT = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?")

SOURCE_ID = r"[a-z0-9][a-z0-9-]*"


@dataclass(frozen=True)
class Fact:
    """One statement for candidates, in our own words, with the sources that support it."""

    text: str = field(metadata={"help": "事实内容"})
    sources: tuple[str, ...] = field(metadata={"min_items": 1, "help": "来源编号列表，每条事实至少一个来源"})
    confidence: Confidence = field(metadata={"help": "可信度 high / medium / low"})
    url: str | None = field(default=None, metadata={"pattern": URL, "help": "以 http:// 或 https:// 开头的网址"})
    # A system's address when the source shows it without http:// or https:// (e.g. zk.zjzs.net): kept exactly
    # as shown and printed as text, never turned into a link we would have to complete ourselves.
    address: str | None = field(default=None, metadata={
        "pattern": r"(?!https?://)[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}(?::\d+)?(?:/[^\s\"'<>]*)?",
        "help": "来源上写的网址（没有 http:// 时原样写在这里，如 zk.zjzs.net；带 http:// 的写在 url）"})
    label: str | None = None


Moment = Union[datetime.date, str, None]


def parse_moment(value: Moment) -> datetime.datetime | None:
    """'2024-06-13' or '2024-06-13 09:30' (Beijing time) as a naive datetime; ValueError if it is not real."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    match = _MOMENT.fullmatch(value.strip())
    if not match:
        raise ValueError(value)
    y, mo, d, h, mi = (int(g) if g else 0 for g in match.groups())
    return datetime.datetime(y, mo, d, h, mi)


def _moment_words(value: Moment) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


@dataclass(frozen=True)
class Round:
    """One dated window (this sitting's registration, graduation, exemption …), as a source gives it."""

    kind: RoundKind = field(metadata={"help": "轮次类型"})
    year: int = field(metadata={"min": 1980, "max": 2100, "help": "年份"})
    sitting: str = field(metadata={"help": "哪一期：上半年、下半年、4月、10月…"})
    sources: tuple[str, ...] = field(metadata={"min_items": 1, "help": "来源编号列表"})
    confidence: Confidence = field(metadata={"help": "可信度 high / medium / low"})
    start: Moment = None
    end: Moment = None
    text: str | None = None
    url: str | None = field(default=None, metadata={"pattern": URL, "help": "以 http:// 或 https:// 开头的网址"})
    label: str | None = None

    def check(self) -> Iterator[tuple[Path, str]]:
        moments = {}
        for name in ("start", "end"):
            value = getattr(self, name)
            try:
                moments[name] = parse_moment(value)
            except ValueError:
                yield (name,), (f"应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间，例如 2024-06-13 09:30），"
                                f"而且是真实存在的日期和时刻；实际为“{_moment_words(value)}”")
        start, end = moments.get("start"), moments.get("end")
        if start and end and start > end:
            yield ("end",), f"结束时间 {_moment_words(self.end)} 早于开始时间 {_moment_words(self.start)}"
        if self.start is None and self.end is None and not self.text:
            yield (), "没有 start 和 end 的轮次要用 text 写明时间（例如“6 月初，具体日期见当期通知”）"

    @property
    def review_key(self) -> str:
        """What a review's ``text`` must equal: the round's text, or '2024 上半年 graduation'."""
        return self.text or f"{self.year} {self.sitting} {self.kind}"

    def last_day(self) -> datetime.date:
        """The latest day this round names (its end, else its start, else the end of its year)."""
        for value in (self.end, self.start):
            try:
                moment = parse_moment(value)
            except ValueError:
                moment = None
            if moment:
                return moment.date()
        return datetime.date(self.year, 12, 31)

    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class Searched:
    """What was searched for an empty or thin cell, and when: the next editor does not start from zero."""

    date: datetime.date = field(metadata={"help": "查找日期，YYYY-MM-DD"})
    queries: tuple[str, ...] = field(metadata={"min_items": 1, "help": "用过的检索词"})
    note: str | None = None


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree: shown side by side, never resolved silently."""

    topic: str = field(metadata={"help": "分歧的内容"})
    claims: tuple[Fact, ...] = field(metadata={"min_items": 2, "help": "至少两种说法"})


@dataclass(frozen=True)
class Topic:
    """What we know about one procedure (registration, lookup or graduation) in one place."""

    status: Status = field(metadata={"help": "完整度 complete / partial / unknown"})
    summary: str | None = None
    steps: tuple[Fact, ...] = ()
    materials: tuple[Fact, ...] = ()
    dates: tuple[Fact, ...] = ()
    notes: tuple[Fact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    rounds: tuple[Round, ...] = ()
    searched: Searched | None = None

    def facts(self, base: Path = ()) -> Iterator[tuple[Path, Fact | Round]]:
        for name in ("steps", "materials", "dates", "notes", "rounds"):
            for i, fact in enumerate(getattr(self, name)):
                yield base + (name, i), fact
        for i, conflict in enumerate(self.conflicts):
            for j, fact in enumerate(conflict.claims):
                yield base + ("conflicts", i, "claims", j), fact

    def check(self) -> Iterator[tuple[Path, str]]:
        if self.status != "unknown" and not any(True for _ in self.facts()):
            yield ("status",), f"写的是 {self.status}，但这一部分没有任何事实；没有资料时请写 unknown"


def _check_sources(sources: Mapping[str, Source], facts: Iterator[tuple[Path, Fact | Round]]) -> Iterator[tuple[Path, str]]:
    """Every source id exists; every confidence is within what its sources allow (SCHEMA: confidence by rule)."""
    for path, fact in facts:
        missing = False
        for i, ref in enumerate(fact.sources):
            if ref not in sources:
                missing = True
                known = "、".join(sources) or "（本文件还没有 sources）"
                yield path + ("sources", i), f"来源编号“{ref}”在本文件的 sources 中不存在；已有：{known}"
        if not missing:
            problem = confidence_problem(fact.confidence, [sources[ref] for ref in fact.sources])
            if problem:
                yield path + ("confidence",), problem


@dataclass(frozen=True)
class Province:
    """One province's facts: authority, platform and the three procedures."""

    slug: Slug = field(metadata={"help": "省份拼音代码"})
    name: str = field(metadata={"help": "省份全称"})
    region: Region = field(metadata={"help": "地区"})
    authority: Fact = field(metadata={"help": "省级自考主管机构"})
    sources: Mapping[str, Source] = field(
        metadata={"key_pattern": SOURCE_ID, "key_help": "来源编号只用小写字母、数字和连字符"}
    )
    registration: Topic = field(metadata={"help": "报名/注册"})
    lookup: Topic = field(metadata={"help": "考籍与成绩查询"})
    graduation: Topic = field(metadata={"help": "毕业申请"})
    platform: Fact | None = None

    def facts(self) -> Iterator[tuple[Path, Fact | Round]]:
        yield ("authority",), self.authority
        if self.platform:
            yield ("platform",), self.platform
        for topic in TOPICS:
            yield from getattr(self, topic).facts((topic,))

    def check(self) -> Iterator[tuple[Path, str]]:
        yield from _check_sources(self.sources, self.facts())


@dataclass(frozen=True)
class Section:
    """A heading and its facts, on a national page."""

    heading: str
    facts: tuple[Fact, ...] = field(metadata={"min_items": 1})
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class NationalPage:
    """A national explainer page (考籍 vs 学籍, 准考证号, 转考, 免考 …)."""

    title: str
    intro: str
    sections: tuple[Section, ...] = field(metadata={"min_items": 1})


@dataclass(frozen=True)
class National:
    """Rules that hold in every province, and the explainer pages."""

    authority: Fact
    sources: Mapping[str, Source] = field(metadata={"key_pattern": SOURCE_ID})
    registration: Topic
    lookup: Topic
    graduation: Topic
    pages: Mapping[str, NationalPage] = field(
        metadata={"key_pattern": r"[a-z0-9][a-z0-9-]*", "key_help": "页面编号只用小写字母、数字和连字符"}
    )

    def facts(self) -> Iterator[tuple[Path, Fact | Round]]:
        yield ("authority",), self.authority
        for topic in TOPICS:
            yield from getattr(self, topic).facts((topic,))
        for key, page in self.pages.items():
            for i, section in enumerate(page.sections):
                for j, fact in enumerate(section.facts):
                    yield ("pages", key, "sections", i, "facts", j), fact
                for j, conflict in enumerate(section.conflicts):
                    for k, fact in enumerate(conflict.claims):
                        yield ("pages", key, "sections", i, "conflicts", j, "claims", k), fact

    def check(self) -> Iterator[tuple[Path, str]]:
        yield from _check_sources(self.sources, self.facts())
