"""Vocabulary shared by every data file: province slugs, confidence levels and the source record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Iterable, Literal

SLUGS = (
    "beijing tianjin hebei shanxi neimenggu liaoning jilin heilongjiang shanghai jiangsu zhejiang "
    "anhui fujian jiangxi shandong henan hubei hunan guangdong guangxi hainan chongqing sichuan "
    "guizhou yunnan xizang shaanxi gansu qinghai ningxia xinjiang"
).split()
Confidence = Literal["high", "medium", "low"]
SourceKind = Literal["official", "repost", "aggregator", "seed", "law"]
URL = r"https?://[^\s\"'<>]+"
# How pages and command lines name the confidence levels and source kinds.
CONFIDENCE_WORDS = {"high": "可信度高", "medium": "可信度中", "low": "可信度低"}
KIND_WORDS = {"official": "官方页面", "repost": "官方通知转载", "aggregator": "第三方网站", "seed": "项目原始资料", "law": "法规"}


@dataclass(frozen=True)
class Source:
    """Where a fact was seen: a title or address, the kind of page, and the date it was checked."""

    title: str = field(metadata={"help": "来源标题"})
    kind: SourceKind = field(metadata={"help": "来源类型"})
    seen: datetime.date = field(metadata={"help": "核对日期，YYYY-MM-DD"})
    url: str | None = field(default=None, metadata={"pattern": URL, "help": "以 http:// 或 https:// 开头的网址"})
    # Editors write 2020, 2024-05-21 or 2024 年上半年 here; all three are fine.
    published: str | int | datetime.date | None = field(default=None, metadata={"help": "来源自身的发布日期或年份"})
    note: str | None = field(default=None, metadata={"help": "关于这个来源的说明"})
    # A repost's own statement of the official notice it copies (title or 文号, and its date).
    cites: str | None = field(default=None, metadata={"help": "转载注明的官方通知（标题或文号，及日期）"})


CONFIDENCE_ORDER = ("low", "medium", "high")
# Why a level is out of reach: what none of the fact's sources has.
_HIGH_NEEDS = "它的来源都不是带网址的官方页面、原始资料或注明官方通知的转载"
_MEDIUM_NEEDS = "也没有同时写明网址（url）和发布日期（published）的来源"


def allowed_confidence(sources: Iterable[Source]) -> Confidence:
    """The highest confidence these sources can carry (SCHEMA: confidence by rule)."""
    best: Confidence = "low"
    for s in sources:
        if s.kind == "seed" or (s.url and (s.kind in ("official", "law") or (s.kind == "repost" and s.cites))):
            return "high"
        if s.url and s.published is not None:
            best = "medium"
    return best


def confidence_problem(claimed: Confidence, sources: Iterable[Source]) -> str | None:
    """None when ``claimed`` is within what the sources allow, else the editor's message (what is allowed, why)."""
    allowed = allowed_confidence(list(sources))
    if CONFIDENCE_ORDER.index(claimed) <= CONFIDENCE_ORDER.index(allowed):
        return None
    if claimed == "high":
        why = _HIGH_NEEDS if allowed == "medium" else f"{_HIGH_NEEDS}，{_MEDIUM_NEEDS}"
    else:
        why = "它的来源都没有同时写明网址（url）和发布日期（published）"
    return f"写的是 {claimed}，但{why}；最高只能是 {allowed}"
