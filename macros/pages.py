"""The site's pages, defined once: where each generated page lives, the data file it comes from, and the nav."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.models import SLUGS, TOPICS

TOPIC_TITLES = {"registration": "报名与注册", "lookup": "考籍与成绩查询", "graduation": "毕业申请"}
REGIONS = ("华北", "东北", "华东", "华中", "华南", "西南", "西北")
PROVINCE_INDEX = "provinces/index.md"
PLAN_INDEX = "plans/index.md"
COVERAGE_SRC = "about/coverage.md"  # what the data covers, province by topic (macros/coverage.py)
CALENDAR_SRC = "calendar/index.md"  # every dated round; the .ics files beside it come from macros/calendars.py
# Hand-written pages (in docs/) the nav lists when they exist.
TOOL_PAGES = (("照片检查", "tools/photo.md"), ("毕业课程自查", "tools/courses.md"))
ABOUT_PAGES = (("参与编辑", "contributing.md"), ("关于本手册", "about.md"))


def guide_src(slug: str, topic: str) -> str:
    """A province's guide to one topic: ``provinces/yunnan/graduation.md``."""
    return f"provinces/{slug}/{topic}.md"


def national_src(key: str) -> str:
    """A national page: a topic (``national/graduation.md``) or an explainer (``national/transfer.md``)."""
    return f"national/{key}.md"


def plan_src(plan_id: str) -> str:
    """A course plan: ``plans/jiangsu/050101.md``."""
    return f"plans/{plan_id}.md"


@dataclass(frozen=True)
class Page:
    """A generated page: its source path, its Markdown (one macro call) and the ``Dataset.origin`` key of the
    data file it is made from (None: made from many files)."""

    src: str
    markdown: str
    origin: str | None = None


def _call(macro: str, *args: str) -> str:
    return "{{ " + macro + "(" + ", ".join(f'"{a}"' for a in args) + ") }}\n"


def generated(dataset: Any) -> dict[str, Page]:
    """Source path -> every page the build generates from ``dataset``."""
    pages = [Page(PROVINCE_INDEX, _call("province_index")), Page(COVERAGE_SRC, _call("coverage_page")),
             Page(CALENDAR_SRC, _call("calendar_page"))]
    pages += [Page(guide_src(slug, topic), _call("province_guide", slug, topic), f"province:{slug}")
              for slug in SLUGS for topic in TOPICS]
    pages += [Page(national_src(topic), _call("national_topic", topic), "national") for topic in TOPICS]
    pages += [Page(national_src(key), _call("national_page", key), "national") for key in dataset.national.pages]
    if dataset.plans:
        pages.append(Page(PLAN_INDEX, _call("plan_index")))
    pages += [Page(plan_src(plan_id), _call("plan_page", plan_id), f"plan:{plan_id}") for plan_id in dataset.plans]
    return {page.src: page for page in pages}


def nav(dataset: Any, docs: Path) -> list[Any]:
    """The site navigation: provinces by region, national rules, tools, plans, the about pages, coverage."""
    regions: dict[str, list[Any]] = {r: [] for r in REGIONS}
    for slug in SLUGS:
        province = dataset.provinces[slug]
        regions[province.region].append({province.name: [{TOPIC_TITLES[t]: guide_src(slug, t)} for t in TOPICS]})
    national = [{TOPIC_TITLES[t] + "（全国通用）": national_src(t)} for t in TOPICS]
    national += [{page.title: national_src(key)} for key, page in dataset.national.pages.items()]
    out: list[Any] = [
        {"首页": "index.md"},
        {"各省指南": [PROVINCE_INDEX] + [{r: items} for r, items in regions.items() if items]},
        {"全国规则": national},
        {"办理日历": CALENDAR_SRC},
    ]
    tools = [{title: path} for title, path in TOOL_PAGES if (docs / path).exists()]
    if tools:
        out.append({"自查工具": tools})
    if dataset.plans:
        plans = [{f"{p.name}（{p.code}）": plan_src(i)} for i, p in sorted(dataset.plans.items())]
        out.append({"专业计划": [PLAN_INDEX, *plans]})
    out += [{title: path} for title, path in ABOUT_PAGES if (docs / path).exists()]
    out.append({"资料覆盖情况": COVERAGE_SRC})
    return out
