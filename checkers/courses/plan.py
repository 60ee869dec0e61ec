"""Course plan models (data/plans/<province>/<code>.yml) and the shared rules they refer to."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, Callable, Iterable, Iterator, Literal, Mapping

from checkers.common import URL, Confidence, Source, SourceKind  # noqa: F401 (re-exported)
from checkers.courses.codes import PATTERN
from checkers.courses.restructure import Restructure
from checkers.schema import Path

Level = Literal["专科", "专升本"]
Kind = Literal["theory", "practical"]

CODE = PATTERN  # a course code field: five digits
CODE_HELP = "课程代码是 5 位数字，例如 00037（请加引号写成 \"00037\"，否则开头的 0 会丢失）"
ID = r"[a-z0-9][a-z0-9-]*"
SLUG = r"[a-z]+"
PARTIAL_DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"


def _code(help_text: str = CODE_HELP) -> Any:
    return field(metadata={"pattern": CODE, "help": help_text})


@dataclass(frozen=True)
class Edition:
    """Which version of the plan this is, and when it was issued."""

    name: str = field(metadata={"help": "版本名称，例如 2024 年版（2025 年修订）"})
    date: str | datetime.date = field(metadata={"help": "发布日期：YYYY、YYYY-MM 或 YYYY-MM-DD"})
    sources: tuple[str, ...] = field(default=(), metadata={"help": "来源编号"})
    note: str | None = None

    def check(self) -> Iterator[tuple[Path, str]]:
        import re

        if isinstance(self.date, str) and not re.fullmatch(PARTIAL_DATE, self.date):
            yield ("date",), f"格式不对：应为 YYYY、YYYY-MM 或 YYYY-MM-DD，实际为“{self.date}”"


@dataclass(frozen=True)
class Course:
    """One examined course; a practical names the theory course it belongs to."""

    code: str = _code()
    name: str = field(metadata={"help": "课程名称"})
    credits: int = field(metadata={"min": 1, "max": 30, "help": "学分"})
    kind: Kind = field(default="theory", metadata={"help": "theory（笔试）或 practical（实践）"})
    theory: str | None = field(default=None, metadata={"pattern": CODE, "help": "实践课对应的理论课代码"})
    note: str | None = None

    @property
    def countable(self) -> bool:
        """Counts toward the number of courses: theory courses and stand-alone practicals."""
        return self.kind == "theory" or self.theory is None

    def check(self) -> Iterator[tuple[Path, str]]:
        if self.theory is not None and self.kind != "practical":
            yield ("theory",), "只有实践课（kind: practical）才写 theory"


@dataclass(frozen=True)
class Thesis:
    """The graduation thesis or design: no credits, taken only after every other course."""

    code: str = _code()
    name: str = field(metadata={"help": "名称，例如 计算机科学与技术（本科）毕业设计"})
    note: str | None = None


@dataclass(frozen=True)
class Choice:
    """Either-or: passing any one of the options is enough."""

    id: str = field(metadata={"pattern": ID, "help": "编号，只用小写字母、数字和连字符"})
    label: str = field(metadata={"help": "给考生看的说明"})
    options: tuple[str, ...] = field(metadata={"min_items": 2, "help": "可选课程代码"})
    note: str | None = None


@dataclass(frozen=True)
class Group:
    """Elective group: at least ``min_courses`` courses and/or ``min_credits`` credits from ``courses``."""

    id: str = field(metadata={"pattern": ID, "help": "编号，只用小写字母、数字和连字符"})
    label: str = field(metadata={"help": "给考生看的说明"})
    courses: tuple[str, ...] = field(metadata={"min_items": 1, "help": "可选课程代码"})
    min_courses: int | None = field(default=None, metadata={"min": 1})
    min_credits: int | None = field(default=None, metadata={"min": 1})
    note: str | None = None

    def check(self) -> Iterator[tuple[Path, str]]:
        if self.min_courses is None and self.min_credits is None:
            yield (), "至少要写 min_courses 或 min_credits 之一"
        if self.min_courses is not None and self.min_courses > len(self.courses):
            yield ("min_courses",), f"要求 {self.min_courses} 门，但组里只有 {len(self.courses)} 门课程"


@dataclass(frozen=True)
class PlanPath:
    """One way through the plan (e.g. with or without a foreign language): the choices and groups it uses."""

    id: str = field(metadata={"pattern": ID, "help": "编号"})
    label: str = field(metadata={"help": "给考生看的名称，例如 考外语"})
    choices: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Minimums:
    """What the plan text states as the minimum for graduation; courses is None when no source states it."""

    credits: int = field(metadata={"min": 1, "help": "最低总学分"})
    courses: int | None = field(default=None, metadata={"min": 1})
    note: str | None = None


@dataclass(frozen=True)
class Substitution:
    """A comparison-table row: passed old course(s) stand for the new course(s), at the new credits."""

    old: tuple[str, ...] = field(metadata={"min_items": 1, "help": "旧课程代码"})
    new: tuple[str, ...] = field(metadata={"min_items": 1, "help": "本计划中的新课程代码"})
    old_mode: Literal["all", "any"] = field(default="all", metadata={"help": "all：旧课程全部通过；any：通过其中任一门"})
    old_names: tuple[str, ...] = ()
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Note:
    """A statement shown on the plan page, e.g. what the sources do not say."""

    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stopped:
    """The major stops admitting candidates (停考): the last dates its sources give (each optional)."""

    sources: tuple[str, ...] = field(metadata={"min_items": 1, "help": "来源编号"})
    announced: str | None = field(default=None, metadata={"pattern": PARTIAL_DATE, "help": "公布日期 YYYY、YYYY-MM 或 YYYY-MM-DD"})
    last_registration: str | None = field(default=None, metadata={"pattern": PARTIAL_DATE, "help": "最后一次新生注册"})
    last_exam: str | None = field(default=None, metadata={"pattern": PARTIAL_DATE, "help": "最后一次考试"})
    last_graduation: str | None = field(default=None, metadata={"pattern": PARTIAL_DATE, "help": "最后一次申请毕业"})
    note: str | None = None

    def dates(self) -> list[tuple[str, str]]:
        labels = (("announced", "公布"), ("last_registration", "最后一次新生注册"), ("last_exam", "最后一次考试"),
                  ("last_graduation", "最后一次申请毕业"))
        return [(label, str(getattr(self, key))) for key, label in labels if getattr(self, key)]


@dataclass(frozen=True)
class Plan:
    """One province's examination plan for one major."""

    province: str = field(metadata={"pattern": SLUG, "help": "省份拼音代码，与文件夹名一致"})
    province_name: str = field(metadata={"help": "省份名称，例如 江苏"})
    code: str = field(metadata={"pattern": r"[0-9]{6}[A-Z]{0,2}", "help": "专业代码，与文件名一致，例如 080901 或 120201K"})
    name: str = field(metadata={"help": "专业名称"})
    level: Level = field(metadata={"help": "层次：专科 或 专升本"})
    school: str = field(metadata={"help": "主考学校"})
    edition: Edition = field(metadata={"help": "计划版本和日期"})
    confidence: Confidence = field(metadata={"help": "可信度 high / medium / low"})
    sources: Mapping[str, Source] = field(metadata={"key_pattern": ID, "key_help": "来源编号只用小写字母、数字和连字符"})
    courses: tuple[Course, ...] = field(metadata={"min_items": 1, "help": "课程列表"})
    minimums: Minimums = field(metadata={"help": "最低学分和课程门数"})
    thesis: Thesis | None = None
    choices: tuple[Choice, ...] = ()
    groups: tuple[Group, ...] = ()
    paths: tuple[PlanPath, ...] = ()
    substitutions: tuple[Substitution, ...] = ()
    restructure: str | None = field(default=None, metadata={"pattern": ID, "help": "适用的课程调整规则编号，例如 sizheng-2024"})
    prior_diploma: bool = False
    notes: tuple[Note, ...] = ()
    stopped: Stopped | None = field(default=None, metadata={"help": "停考信息（来源给出的最后日期）"})

    def course(self, code: str) -> Course | None:
        return next((c for c in self.courses if c.code == code), None)

    def optional_codes(self) -> set[str]:
        """Codes that belong to an either-or choice or an elective group, with their practicals (the rest are required)."""
        chosen = {c for ch in self.choices for c in ch.options} | {c for g in self.groups for c in g.courses}
        return chosen | {c.code for c in self.courses if c.theory in chosen}

    def practicals_of(self, code: str) -> tuple[str, ...]:
        """The practicals that belong to a theory course: taking that course (even as an elective) means taking them too."""
        return tuple(c.code for c in self.courses if c.theory == code)

    def check(self) -> Iterator[tuple[Path, str]]:
        codes: dict[str, int] = {}
        for i, course in enumerate(self.courses):
            if course.code in codes:
                yield ("courses", i, "code"), f"课程代码 {course.code} 重复（第一次在 courses[{codes[course.code]}]）"
            codes.setdefault(course.code, i)
        by_code = {c.code: c for c in self.courses}
        for i, course in enumerate(self.courses):
            if course.theory is not None:
                theory = by_code.get(course.theory)
                if theory is None:
                    yield ("courses", i, "theory"), f"理论课 {course.theory} 不在本计划的 courses 中"
                elif theory.kind != "theory":
                    yield ("courses", i, "theory"), f"{course.theory} 不是理论课"
        if self.thesis is not None and self.thesis.code in by_code:
            yield ("thesis", "code"), f"毕业论文代码 {self.thesis.code} 不能同时写在 courses 中"
        yield from self._check_refs(by_code)
        yield from self._check_sources()
        if self.level == "专升本" and not self.prior_diploma:
            yield ("prior_diploma",), "专升本计划应写 prior_diploma: true（申请毕业须持专科或以上学历）"

    def _check_refs(self, by_code: Mapping[str, Course]) -> Iterator[tuple[Path, str]]:
        for name, items, key in (("choices", self.choices, "options"), ("groups", self.groups, "courses")):
            for i, item in enumerate(items):
                for j, code in enumerate(getattr(item, key)):
                    if code not in by_code:
                        yield (name, i, key, j), f"课程 {code} 不在本计划的 courses 中"
        choice_ids = {c.id for c in self.choices}
        group_ids = {g.id for g in self.groups}
        for i, path in enumerate(self.paths):
            for j, ref in enumerate(path.choices):
                if ref not in choice_ids:
                    yield ("paths", i, "choices", j), f"没有编号为“{ref}”的 choices；已有：{'、'.join(sorted(choice_ids)) or '无'}"
            for j, ref in enumerate(path.groups):
                if ref not in group_ids:
                    yield ("paths", i, "groups", j), f"没有编号为“{ref}”的 groups；已有：{'、'.join(sorted(group_ids)) or '无'}"
        targets = set(by_code) | ({self.thesis.code} if self.thesis else set())
        for i, row in enumerate(self.substitutions):
            for j, code in enumerate(row.new):
                if code not in targets:
                    yield ("substitutions", i, "new", j), f"新课程 {code} 不在本计划中"
            for j, code in enumerate(row.old):
                if code in by_code:
                    yield ("substitutions", i, "old", j), f"旧课程 {code} 仍是本计划的课程，不需要替代"
            if row.old_names and len(row.old_names) != len(row.old):
                yield ("substitutions", i, "old_names"), "old_names 应与 old 一一对应"

    def _check_sources(self) -> Iterator[tuple[Path, str]]:
        known = "、".join(self.sources) or "（本文件还没有 sources）"
        refs: list[tuple[Path, str]] = [(("edition", "sources", i), r) for i, r in enumerate(self.edition.sources)]
        refs += [(("substitutions", i, "source"), s.source) for i, s in enumerate(self.substitutions) if s.source]
        refs += [(("notes", i, "sources", j), r) for i, n in enumerate(self.notes) for j, r in enumerate(n.sources)]
        if self.stopped is not None:
            refs += [(("stopped", "sources", i), r) for i, r in enumerate(self.stopped.sources)]
        for path, ref in refs:
            if ref not in self.sources:
                yield path, f"来源编号“{ref}”在本文件的 sources 中不存在；已有：{known}"
        if not self.edition.sources:
            yield ("edition", "sources"), "计划版本至少要有一个来源"


Reader = Callable[[FilePath, type], Any]


def load_rules(data_dir: FilePath, read: Reader) -> Iterable[tuple[str, list[tuple[Path, str]], dict[str, Any]]]:
    """Each data/rules/<id>.yml, read and validated by ``read``; the file name is the rule id."""
    for path in sorted((data_dir / "rules").glob("*.yml")):
        rel = path.relative_to(data_dir.parent).as_posix()
        rule = read(path, Restructure)
        if rule is None:  # its problems are already reported; plans naming it are not checked against it
            yield rel, [], {path.stem: None}
            continue
        problems: list[tuple[Path, str]] = []
        if rule.id != path.stem:
            problems.append((("id",), f"应与文件名一致：{path.stem}"))
        yield rel, problems, {path.stem: rule}


def cross_check(plans: Mapping[str, Plan], rules: Mapping[str, Any]) -> Iterator[tuple[str, Path, str]]:
    """Plans that name a rule: the rule exists, covers the plan's level, and its new courses are in the plan."""
    for plan_id, plan in sorted(plans.items()):
        if plan.restructure is None:
            continue
        if plan.restructure in rules and rules[plan.restructure] is None:
            continue
        rule = rules.get(plan.restructure)
        if rule is None:
            yield plan_id, ("restructure",), f"没有编号为“{plan.restructure}”的规则；已有：{'、'.join(sorted(rules)) or '无'}（规则文件在 data/rules/）"
            continue
        level = rule.level_for(plan.level)
        if level is None:
            yield plan_id, ("restructure",), f"规则 {rule.id} 没有适用于{plan.level}的部分"
            continue
        for code in level.new:
            if plan.course(code) is None:
                yield plan_id, ("restructure",), f"规则 {rule.id} 的新课程 {code} 不在本计划的 courses 中"
