"""The 思政 restructure (考委〔2024〕1号) as data: which new courses passed old ones make unnecessary."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Iterator, Literal, Mapping

from checkers.courses.codes import PATTERN
from checkers.schema import Path

CODE = PATTERN  # a course code field: five digits
LEVEL_OF_PLAN = {"专科": "专科", "专升本": "本科"}


@dataclass(frozen=True)
class RuleSource:
    """Where the rule was seen."""

    title: str
    kind: Literal["official", "repost", "aggregator", "seed", "law"]
    seen: datetime.date
    url: str | None = None
    published: str | int | datetime.date | None = None


@dataclass(frozen=True)
class OldCourse:
    """A retired course code (and its name when the source prints one)."""

    code: str = field(metadata={"pattern": CODE, "help": "5 位课程代码，加引号"})
    name: str | None = None


@dataclass(frozen=True)
class OldItem:
    """One numbered row of old courses: any code in it counts as that row passed."""

    courses: tuple[OldCourse, ...] = field(metadata={"min_items": 1})
    alone_waives: tuple[str, ...] = field(default=(), metadata={"help": "仅通过这一行时，不必再考的新课程"})


@dataclass(frozen=True)
class NewCourse:
    """A new course's name and credits as the source prints them (used when a pasted plan still lists old courses)."""

    code: str = field(metadata={"pattern": CODE, "help": "5 位课程代码，加引号"})
    name: str
    credits: int = field(metadata={"min": 1, "max": 30})


@dataclass(frozen=True)
class LevelRule:
    """The rule for one level (专科 or 本科)."""

    new: tuple[str, ...] = field(metadata={"min_items": 1, "help": "新课程代码"})
    always: tuple[str, ...] = field(metadata={"min_items": 1, "help": "无论如何都要考的新课程"})
    two_or_more_waive: tuple[str, ...] = field(metadata={"help": "通过两行及以上旧课程时，不必再考的新课程"})
    old: tuple[OldItem, ...] = field(metadata={"min_items": 1})
    summary: str | None = None
    courses: tuple[NewCourse, ...] = field(default=(), metadata={"help": "新课程的名称和学分"})

    def check(self) -> Iterator[tuple[Path, str]]:
        for i, course in enumerate(self.courses):
            if course.code not in self.new:
                yield ("courses", i, "code"), f"{course.code} 不在 new 中"
        for name in ("always", "two_or_more_waive"):
            for i, code in enumerate(getattr(self, name)):
                if code not in self.new:
                    yield (name, i), f"{code} 不在 new 中"
        for i, item in enumerate(self.old):
            for j, code in enumerate(item.alone_waives):
                if code not in self.new or code in self.always:
                    yield ("old", i, "alone_waives", j), f"{code} 应是 new 中、且不在 always 中的课程"

    def old_codes(self) -> dict[str, str | None]:
        return {c.code: c.name for item in self.old for c in item.courses}

    def waived(self, done: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(new codes no longer needed, old codes that caused it) for the set of passed codes."""
        hit = [item for item in self.old if any(c.code in done for c in item.courses)]
        used = tuple(c.code for item in hit for c in item.courses if c.code in done)
        if len(hit) >= 2:
            return self.two_or_more_waive, used
        if len(hit) == 1:
            return hit[0].alone_waives, used
        return (), ()


@dataclass(frozen=True)
class Restructure:
    """A national change of courses that is not one-to-one (data/rules/<id>.yml)."""

    id: str = field(metadata={"pattern": r"[a-z0-9][a-z0-9-]*"})
    title: str
    document: str = field(metadata={"help": "文件号，例如 考委〔2024〕1号"})
    confidence: Literal["high", "medium", "low"]
    sources: tuple[RuleSource, ...] = field(metadata={"min_items": 1})
    levels: Mapping[str, LevelRule] = field(metadata={"key_pattern": "专科|本科", "key_help": "只能是 专科 或 本科"})
    note: str | None = None

    def level_for(self, plan_level: str) -> LevelRule | None:
        return self.levels.get(LEVEL_OF_PLAN.get(plan_level, plan_level))
