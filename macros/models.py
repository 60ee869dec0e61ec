"""Typed models of the province and national data that editors write in data/."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal, Mapping

from checkers.common import SLUGS, URL, Confidence, Source, SourceKind  # noqa: F401 (re-exported)
from checkers.schema import Path

Slug = Literal[tuple(SLUGS)]  # type: ignore[valid-type]
TOPICS = ("registration", "lookup", "graduation")
Region = Literal["华北", "东北", "华东", "华中", "华南", "西南", "西北"]
Status = Literal["complete", "partial", "unknown"]

SOURCE_ID = r"[a-z0-9][a-z0-9-]*"


@dataclass(frozen=True)
class Fact:
    """One statement for candidates, in our own words, with the sources that support it."""

    text: str = field(metadata={"help": "事实内容"})
    sources: tuple[str, ...] = field(metadata={"min_items": 1, "help": "来源编号列表，每条事实至少一个来源"})
    confidence: Confidence = field(metadata={"help": "可信度 high / medium / low"})
    url: str | None = field(default=None, metadata={"pattern": URL, "help": "以 http:// 或 https:// 开头的网址"})
    label: str | None = None


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

    def facts(self, base: Path = ()) -> Iterator[tuple[Path, Fact]]:
        for name in ("steps", "materials", "dates", "notes"):
            for i, fact in enumerate(getattr(self, name)):
                yield base + (name, i), fact
        for i, conflict in enumerate(self.conflicts):
            for j, fact in enumerate(conflict.claims):
                yield base + ("conflicts", i, "claims", j), fact

    def check(self) -> Iterator[tuple[Path, str]]:
        if self.status != "unknown" and not any(True for _ in self.facts()):
            yield ("status",), f"写的是 {self.status}，但这一部分没有任何事实；没有资料时请写 unknown"


def _check_sources(sources: Mapping[str, Source], facts: Iterator[tuple[Path, Fact]]) -> Iterator[tuple[Path, str]]:
    for path, fact in facts:
        for i, ref in enumerate(fact.sources):
            if ref not in sources:
                known = "、".join(sources) or "（本文件还没有 sources）"
                yield path + ("sources", i), f"来源编号“{ref}”在本文件的 sources 中不存在；已有：{known}"


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

    def facts(self) -> Iterator[tuple[Path, Fact]]:
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

    def facts(self) -> Iterator[tuple[Path, Fact]]:
        yield ("authority",), self.authority
        for topic in TOPICS:
            yield from getattr(self, topic).facts((topic,))
        for key, page in self.pages.items():
            for i, section in enumerate(page.sections):
                for j, fact in enumerate(section.facts):
                    yield ("pages", key, "sections", i, "facts", j), fact

    def check(self) -> Iterator[tuple[Path, str]]:
        yield from _check_sources(self.sources, self.facts())
