"""Photo spec models: one YAML file per province (SpecFile), resolved per id into PhotoSpec by build_specs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any, Iterator, Literal, Mapping

from checkers.common import SLUGS, URL, Confidence, Source, SourceKind  # noqa: F401 (re-exported)
from checkers.schema import Path

PROVINCES = SLUGS
FileKey = Literal[tuple(["national"] + PROVINCES)]  # type: ignore[valid-type]
Purpose = Literal["registration", "graduation"]
PURPOSES = ("registration", "graduation")
Family = Literal["white", "light_blue", "blue", "red"]

SPEC_ID = r"[a-z]+/(registration|graduation)"
PURPOSE_WORDS = {"registration": "报名", "graduation": "毕业"}


@dataclass(frozen=True)
class Limit:
    """A range of whole numbers; ``soft`` when the source says 一般/约, so being outside only warns."""

    min: int | None = field(default=None, metadata={"min": 0})
    max: int | None = field(default=None, metadata={"min": 0})
    soft: bool = False
    note: str | None = None  # the source's wording, shown to users

    def check(self) -> Iterator[tuple[Path, str]]:
        if self.min is None and self.max is None:
            yield (), "至少要写 min 或 max 之一"
        elif self.min is not None and self.max is not None and self.min > self.max:
            yield ("min",), f"min（{self.min}）不能大于 max（{self.max}）"

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def words(self, unit: str = "") -> str:
        """'20–40 KB', '不少于 300 dpi', '恰好 480 像素'."""
        gap = " " if unit and unit != "%" else ""
        if self.min is not None and self.min == self.max:
            return f"{self.min}{gap}{unit}"
        if self.min is not None and self.max is not None:
            return f"{self.min}–{self.max}{gap}{unit}"
        if self.min is not None:
            return f"不少于 {self.min}{gap}{unit}"
        return f"不超过 {self.max}{gap}{unit}"


@dataclass(frozen=True)
class Dimensions:
    """Pixel width and height as stored in the file, and/or an aspect ratio such as 3:4."""

    width: Limit | None = None
    height: Limit | None = None
    aspect: str | None = field(default=None, metadata={"pattern": r"[1-9][0-9]*:[1-9][0-9]*", "help": "宽:高，例如 3:4"})
    note: str | None = None

    def check(self) -> Iterator[tuple[Path, str]]:
        if self.width is None and self.height is None and self.aspect is None:
            yield (), "至少要写 width、height 或 aspect 之一"


@dataclass(frozen=True)
class Colour:
    """An allowed background colour: a name, and the reference RGB if the source gives one, else a family."""

    name: str = field(metadata={"help": "颜色名称，例如 浅蓝色"})
    rgb: tuple[int, ...] | None = None
    family: Family | None = None

    def check(self) -> Iterator[tuple[Path, str]]:
        if self.rgb is None and self.family is None:
            yield (), "要写 rgb（来源给出的色值）或 family（white / light_blue / blue / red）"
        if self.rgb is not None and (len(self.rgb) != 3 or any(not 0 <= c <= 255 for c in self.rgb)):
            yield ("rgb",), "应为三个 0–255 的整数，例如 [100, 197, 255]"


@dataclass(frozen=True)
class Background:
    """Allowed background colours (empty = any single colour) and whether it must be uniform."""

    colours: tuple[Colour, ...] = ()
    uniform: bool = True
    note: str | None = None


@dataclass(frozen=True)
class Framing:
    """Where the head must sit: head-top distance in px of a reference height, or in percent of the height."""

    head_top: Limit | None = None
    unit: Literal["px", "percent"] = "px"
    reference_height: int | None = field(default=None, metadata={"min": 1})
    centred: bool = False
    note: str | None = None
    not_measured: tuple[str, ...] = ()  # rules from the source this tool cannot measure (eyes, face width)

    def check(self) -> Iterator[tuple[Path, str]]:
        if self.head_top is not None and self.unit == "px" and self.reference_height is None:
            yield ("reference_height",), "head_top 以像素计时，要写明这些像素对应的照片高度（例如 640）"


@dataclass(frozen=True)
class FilenameRule:
    """A naming rule: a regular expression the whole file name must match, and words for users."""

    pattern: str
    help: str = field(metadata={"help": "给考生看的命名说明"})

    def check(self) -> Iterator[tuple[Path, str]]:
        try:
            re.compile(self.pattern)
        except re.error as err:
            yield ("pattern",), f"不是有效的正则表达式：{err}"


@dataclass(frozen=True, kw_only=True)
class Rules:
    """The checkable rules; None means the source says nothing about it (the check is skipped)."""

    extensions: tuple[str, ...] | None = None
    file_size_kb: Limit | None = None
    dimensions: Dimensions | None = None
    dpi: Limit | None = None
    color: Literal["rgb24"] | None = None
    quality: Limit | None = None
    background: Background | None = None
    framing: Framing | None = None
    filename: FilenameRule | None = None


RULES = tuple(f.name for f in fields(Rules))  # the rule names are the fields above; checks share them as ids
RuleName = Literal[RULES]  # type: ignore[valid-type]


@dataclass(frozen=True, kw_only=True)
class SpecEntry(Rules):
    """One purpose's spec as written in a file.

    With ``base`` it lists only what differs: each rule given replaces the base's, rules named in ``drop``
    are removed, and ``sources`` and ``notes`` come first, followed by the base's.
    """

    title: str = field(metadata={"help": "规格名称"})
    confidence: Confidence = field(metadata={"help": "可信度 high / medium / low"})
    sources: tuple[Source, ...] = ()
    base: str | None = field(default=None, metadata={"pattern": SPEC_ID, "help": "基础规格编号，例如 national/graduation"})
    drop: tuple[RuleName, ...] = ()
    notes: tuple[str, ...] = ()

    def check(self) -> Iterator[tuple[Path, str]]:
        if not self.sources:
            yield ("sources",), "每个规格至少要有一个来源"
        if self.drop and self.base is None:
            yield ("drop",), "只有写了 base 的规格才能用 drop 去掉基础规格中的规则"
        for i, name in enumerate(self.drop):
            if getattr(self, name) is not None:
                yield ("drop", i), f"{name} 既写了新值又写在 drop 里，请只保留一种"
        for i, ext in enumerate(self.extensions or ()):
            if not re.fullmatch(r"[a-z0-9]+", ext):
                yield ("extensions", i), "扩展名用小写字母和数字，不带点，例如 jpg"


@dataclass(frozen=True)
class SpecFile:
    """One file data/photo_specs/<province>.yml: the province's registration and/or graduation spec."""

    province: FileKey = field(metadata={"help": "省份拼音代码（全国标准写 national），与文件名一致"})
    name: str = field(metadata={"help": "显示名称，例如 云南 或 全国"})
    registration: SpecEntry | None = None
    graduation: SpecEntry | None = None

    def check(self) -> Iterator[tuple[Path, str]]:
        if self.registration is None and self.graduation is None:
            yield (), "至少要有 registration 或 graduation 之一"


@dataclass(frozen=True, kw_only=True)
class PhotoSpec(Rules):
    """One resolved spec, as the checker and the guide pages use it (no base, everything spelled out)."""

    id: str = field(metadata={"pattern": SPEC_ID})
    province: str
    province_name: str
    purpose: Purpose
    title: str
    confidence: Confidence
    sources: tuple[Source, ...] = field(metadata={"min_items": 1})
    notes: tuple[str, ...] = ()
    derived_from: str | None = None

    def to_dict(self) -> dict[str, Any]:
        from checkers.schema import dump

        return dump(self)


Problems = list[tuple[str, Path, str]]


def build_specs(files: Mapping[str, SpecFile]) -> tuple[dict[str, PhotoSpec], Problems]:
    """Resolve every entry (following ``base``) into PhotoSpecs; cross-file problems as (stem, path, message)."""
    problems: Problems = []
    entries: dict[str, tuple[str, SpecFile, SpecEntry]] = {}
    for stem, spec_file in sorted(files.items()):
        if spec_file.province != stem:
            problems.append((stem, ("province",), f"应与文件名一致：{stem}（文件 {stem}.yml）"))
            continue
        for purpose in PURPOSES:
            entry = getattr(spec_file, purpose)
            if entry is not None:
                entries[f"{stem}/{purpose}"] = (stem, spec_file, entry)
    resolved: dict[str, PhotoSpec] = {}
    failed: set[str] = set()

    def resolve(spec_id: str, chain: tuple[str, ...]) -> PhotoSpec | None:
        if spec_id in resolved or spec_id in failed:
            return resolved.get(spec_id)
        stem, spec_file, entry = entries[spec_id]
        purpose = spec_id.split("/")[1]
        base: PhotoSpec | None = None
        if entry.base is not None:
            where = (purpose, "base")
            if entry.base not in entries:
                known = "、".join(sorted(entries))
                problems.append((stem, where, f"基础规格“{entry.base}”不存在；已有：{known}"))
            elif entry.base in chain + (spec_id,):
                loop = " → ".join(chain + (spec_id, entry.base))
                problems.append((stem, where, f"基础规格形成了循环：{loop}"))
            else:
                base = resolve(entry.base, chain + (spec_id,))
                if base is None:
                    problems.append((stem, where, f"基础规格“{entry.base}”本身有错误，请先修正它"))
            if base is None:
                failed.add(spec_id)
                return None
        spec = _merge(spec_id, stem, spec_file.name, purpose, entry, base)
        resolved[spec_id] = spec
        return spec

    for spec_id in entries:
        resolve(spec_id, ())
    return dict(sorted(resolved.items())), problems


def _merge(spec_id: str, stem: str, name: str, purpose: str, entry: SpecEntry, base: PhotoSpec | None) -> PhotoSpec:
    rules: dict[str, Any] = {}
    for rule in RULES:
        own = getattr(entry, rule)
        if own is not None or base is None or rule in entry.drop:
            rules[rule] = own
        else:
            rules[rule] = getattr(base, rule)
    sources = list(entry.sources)
    if base is not None:
        sources += [s for s in base.sources if s not in sources]
    notes = entry.notes + (base.notes if base is not None else ())
    return PhotoSpec(
        id=spec_id, province=stem, province_name=name, purpose=purpose,  # type: ignore[arg-type]
        title=entry.title, confidence=entry.confidence, sources=tuple(sources), notes=tuple(notes),
        derived_from=base.id if base is not None else None, **rules,
    )


def spec_summary(spec: PhotoSpec) -> dict[str, Any]:
    """The short listing used by ``specs()`` and the CLI."""
    return {
        "id": spec.id, "title": spec.title, "province": spec.province, "province_name": spec.province_name,
        "purpose": spec.purpose, "confidence": spec.confidence,
    }
