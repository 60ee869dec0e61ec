"""What search engines see of each page: a title naming province and topic, a description written from the page's
own data, and the date its content last changed (for the sitemap)."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path
from typing import Any

from macros.data import fact_checked, topic_checked
from macros.models import ROUND_WORDS, TOPIC_TITLES

STATUS_WORDS = {"complete": "资料较完整", "partial": "资料不完整", "unknown": "暂无本省已核实资料"}
PART_WORDS = (("steps", "办理步骤"), ("materials", "所需材料"), ("dates", "时间安排"), ("notes", "注意事项"))


def guide_title(province: Any, topic: str) -> str:
    """``云南省自考毕业申请``: the guide's <title> and <h1>."""
    return f"{province.name}自考{TOPIC_TITLES[topic]}"


def national_topic_title(topic: str) -> str:
    return f"全国自考{TOPIC_TITLES[topic]}通用规则"


def plan_title(plan: Any) -> str:
    return f"{plan.province_name}自考{plan.name}（{plan.level}，{plan.code}）考试计划"


def _latest_round(topic: Any) -> str:
    if not topic.rounds:
        return "暂无已核实的办理时间"
    r = max(topic.rounds, key=lambda r: (r.last_day(), r.year))
    when = f"，截至 {r.end}" if r.end else (f"，自 {r.start} 起" if r.start else "")
    return f"最近一期：{r.year} 年{r.sitting}{ROUND_WORDS[r.kind]}{when}"


def _covers(topic: Any) -> str:
    parts = [words for name, words in PART_WORDS if getattr(topic, name)]
    return "、".join(parts) if parts else "全国通用规则"


def _checked(date: datetime.date | None) -> str:
    return f"核对于 {date.isoformat()}" if date else "尚无核对日期"


def guide_description(province: Any, topic: str) -> str:
    t = getattr(province, topic)
    return (f"{province.name}自考{TOPIC_TITLES[topic]}指南（{STATUS_WORDS[t.status]}）：{_covers(t)}，"
            f"主管机构与平台、资料来源。{_latest_round(t)}。{_checked(topic_checked(province, topic))}。")


def national_topic_description(national: Any, topic: str) -> str:
    t = getattr(national, topic)
    return (f"各省都适用的自考{TOPIC_TITLES[topic]}规则：{_covers(t)}，附各省指南链接和资料来源。"
            f"{_checked(topic_checked(national, topic))}。")


def national_page_description(national: Any, page: Any) -> str:
    heads = "、".join(s.heading for s in page.sections[:4])
    dates = [d for d in (fact_checked(f, national.sources) for s in page.sections for f in s.facts) if d]
    return f"自考{page.title}（全国通用）：{heads}。{_checked(max(dates) if dates else None)}。"


def plan_description(plan: Any) -> str:
    seen = max((s.seen for s in plan.sources.values()), default=None)
    return (f"{plan.province_name}自学考试{plan.name}专业（{plan.level}，专业代码 {plan.code}）考试计划，"
            f"主考学校{plan.school}，{plan.edition.name}，共 {len(plan.courses)} 门课程，可在线自查还缺哪些课程。"
            f"{_checked(seen)}。")


def front_matter(title: str, description: str) -> str:
    """YAML front matter for a generated page; the values are JSON strings, which YAML reads as they are."""
    import json

    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n" \
           f"description: {json.dumps(description, ensure_ascii=False)}\n---\n\n"


def content_dates(root: Path, paths: tuple[str, ...] = ("data", "docs")) -> dict[str, str]:
    """Repository file -> date (YYYY-MM-DD) of the last commit that changed it; {} outside git."""
    try:
        out = subprocess.run(["git", "log", "--format=@%cs", "--name-only", "--", *paths],
                             cwd=root, capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in out.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line.strip():
            dates.setdefault(line.strip(), current)
    return dates


def file_date(root: Path, file: str, dates: dict[str, str]) -> str | None:
    """When ``file`` last changed: its last commit, else (outside git, or not yet committed) its mtime."""
    if file in dates:
        return dates[file]
    path = root / file
    if path.is_file():
        return datetime.date.fromtimestamp(path.stat().st_mtime).isoformat()
    return None

