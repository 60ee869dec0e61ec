"""The site's pages, defined once: where each generated page lives, the data file it comes from, and the nav."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.models import SLUGS, TOPIC_TITLES, TOPICS
REGIONS = ("华北", "东北", "华东", "华中", "华南", "西南", "西北")
PROVINCE_INDEX = "provinces/index.md"
PLAN_INDEX = "plans/index.md"
NATIONAL_INDEX = "national/index.md"
TOOL_INDEX = "tools/index.md"
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


def province_src(slug: str) -> str:
    """A province's own section page, listing its three guides: ``provinces/yunnan/index.md``."""
    return f"provinces/{slug}/index.md"


def plan_province_src(province: str) -> str:
    """The plans of one province: ``plans/jiangsu/index.md``."""
    return f"plans/{province}/index.md"


def plan_src(plan_id: str) -> str:
    """A course plan: ``plans/jiangsu/050101.md``."""
    return f"plans/{plan_id}.md"


@dataclass(frozen=True)
class Page:
    """A generated page: its source path, its title and description (written from its own data by macros/seo.py;
    section pages link to it by this title), its body (one macro call) and the ``Dataset.origin`` key of the data
    file it is made from (None: made from many files)."""

    src: str
    title: str
    description: str
    call: str
    origin: str | None = None

    @property
    def markdown(self) -> str:
        """The page's Markdown file: front matter (title, description), then the macro call."""
        from macros.seo import front_matter

        return front_matter(self.title, self.description) + self.call


def _call(macro: str, *args: str) -> str:
    return "{{ " + macro + "(" + ", ".join(f'"{a}"' for a in args) + ") }}\n"


def _page(src: str, title: str, description: str, call: str, origin: str | None = None) -> Page:
    return Page(src, title, description, call, origin)


def generated(dataset: Any, docs: Path | None = None) -> dict[str, Page]:
    """Source path -> every page the build generates from ``dataset``: each with a title and a description
    written from its own data (macros/seo.py), and a section page for every folder the nav makes.
    ``docs``: the docs folder (for the tools' section page, made only when the tool pages exist)."""
    from macros import seo

    national = dataset.national
    pages = [
        _page(PROVINCE_INDEX, "各省自考指南：报名、考籍查询与毕业申请",
              "31 个省、自治区、直辖市的自考报名与注册、考籍与成绩查询、毕业申请指南，按地区排列，注明各省资料完整度。",
              _call("province_index")),
        _page(COVERAGE_SRC, "各省自考资料覆盖情况",
              "本手册对 31 个省份、三个主题（报名、查询、毕业）各有多少已核实资料：按统一标准逐格评定，链接到各省指南和数据文件。",
              _call("coverage_page")),
        _page(CALENDAR_SRC, "各省自考办理日历：报名、毕业申请等日期",
              "各省来源中写明日期的自考办理轮次（报名、毕业申请、免考、转考等）按时间排列，可订阅日历文件；以当期官方通知为准。",
              _call("calendar_page")),
        _page(NATIONAL_INDEX, "全国通用的自考规则",
              "各省都适用的自考规则：" + "、".join(seo.national_topic_title(t) for t in TOPICS) + "，以及"
              + "、".join(p.title for p in national.pages.values()) + "。",
              _call("section_index", "national"), "national"),
    ]
    for slug in SLUGS:
        province = dataset.provinces[slug]
        pages.append(_page(province_src(slug), f"{province.name}自考指南",
                           f"{province.name}自考报名与注册、考籍与成绩查询、毕业申请三篇指南，主管机构："
                           f"{province.authority.text}。", _call("section_index", "province", slug), f"province:{slug}"))
        pages += [_page(guide_src(slug, topic), seo.guide_title(province, topic), seo.guide_description(province, topic),
                        _call("province_guide", slug, topic), f"province:{slug}") for topic in TOPICS]
    pages += [_page(national_src(t), seo.national_topic_title(t), seo.national_topic_description(national, t),
                    _call("national_topic", t), "national") for t in TOPICS]
    pages += [_page(national_src(key), f"自考{page.title}（全国通用）", seo.national_page_description(national, page),
                    _call("national_page", key), "national") for key, page in national.pages.items()]
    if dataset.plans:
        pages.append(_page(PLAN_INDEX, "自考专业考试计划", "已整理的自考专业考试计划，按省份排列：课程、学分和主考学校，可在线自查还缺哪些课程。",
                           _call("plan_index")))
    for province in sorted({p.province for p in dataset.plans.values()}):
        plans = [p for _, p in sorted(dataset.plans.items()) if p.province == province]
        pages.append(_page(plan_province_src(province), f"{plans[0].province_name}自考专业考试计划",
                           f"{plans[0].province_name}自考专业考试计划：" + "、".join(f"{p.name}（{p.level}）" for p in plans) + "。",
                           _call("section_index", "plans", province)))
    pages += [_page(plan_src(plan_id), seo.plan_title(plan), seo.plan_description(plan), _call("plan_page", plan_id),
                    f"plan:{plan_id}") for plan_id, plan in dataset.plans.items()]
    if docs is not None and any((docs / path).exists() for _, path in TOOL_PAGES):
        pages.append(_page(TOOL_INDEX, "自考照片与课程自查工具",
                           "在浏览器里自查自考报名、毕业照片是否合格，以及对照专业考试计划还缺哪些课程；照片和成绩不会上传。",
                           _call("section_index", "tools")))
    return {page.src: page for page in pages}


def nav(dataset: Any, docs: Path) -> list[Any]:
    """The site navigation: provinces by region, national rules, tools, plans, the about pages, coverage."""
    regions: dict[str, list[Any]] = {r: [] for r in REGIONS}
    for slug in SLUGS:
        province = dataset.provinces[slug]
        regions[province.region].append(
            {province.name: [province_src(slug)] + [{TOPIC_TITLES[t]: guide_src(slug, t)} for t in TOPICS]})
    national: list[Any] = [NATIONAL_INDEX] + [{TOPIC_TITLES[t] + "（全国通用）": national_src(t)} for t in TOPICS]
    national += [{page.title: national_src(key)} for key, page in dataset.national.pages.items()]
    out: list[Any] = [
        {"首页": "index.md"},
        {"各省指南": [PROVINCE_INDEX] + [{r: items} for r, items in regions.items() if items]},
        {"全国规则": national},
        {"办理日历": CALENDAR_SRC},
    ]
    tools = [{title: path} for title, path in TOOL_PAGES if (docs / path).exists()]
    if tools:
        out.append({"自查工具": [TOOL_INDEX, *tools]})
    if dataset.plans:
        by_province: dict[str, list[Any]] = {}
        names = {}
        for i, p in sorted(dataset.plans.items()):
            names[p.province] = p.province_name
            by_province.setdefault(p.province, [plan_province_src(p.province)]).append({f"{p.name}（{p.code}）": plan_src(i)})
        out.append({"专业计划": [PLAN_INDEX, *({names[k]: v} for k, v in by_province.items())]})
    out += [{title: path} for title, path in ABOUT_PAGES if (docs / path).exists()]
    out.append({"资料覆盖情况": COVERAGE_SRC})
    return out
