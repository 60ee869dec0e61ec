"""Vocabulary shared by every data file: province slugs, confidence levels and the source record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal

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
