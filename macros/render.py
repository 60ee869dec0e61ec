"""Render guide, index, national and plan pages (and their widgets) from the validated data through jinja2
templates; one Renderer per build."""

from __future__ import annotations

import datetime
import functools
import posixpath
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from checkers.common import CONFIDENCE_WORDS, KIND_WORDS
from macros import widgets
from macros.data import OLD_ROUND_AFTER, ROOT, STALE_AFTER, Dataset, fact_checked, is_stale, topic_checked
from macros.models import ROUND_WORDS, SLUGS, TOPICS
from macros.seo import content_dates
from macros.pages import (CALENDAR_SRC, COVERAGE_SRC, NATIONAL_INDEX, PLAN_INDEX, PROVINCE_INDEX, REGIONS, TOOL_INDEX,
                          TOOL_PAGES, TOPIC_TITLES, generated, guide_src, national_src, plan_province_src, plan_src,
                          province_src)

TEMPLATES = Path(__file__).parent / "templates"
CONFIDENCE = CONFIDENCE_WORDS
KINDS = KIND_WORDS


def relative(from_src: str, to_src: str) -> str:
    """A Markdown link from one page's source path to another's (mkdocs checks and rewrites it)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def text(value: Any) -> Markup:
    """Editor text into Markdown: HTML-escaped, and Markdown emphasis markers neutralised."""
    escaped = str(escape(str(value)))
    for ch in "*_`[]":
        escaped = escaped.replace(ch, "\\" + ch)
    return Markup(escaped)


@functools.cache
def photo_rows(spec: Any) -> list[tuple[str, str, Any]]:
    from checkers.photo.table import requirements

    return requirements(spec)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["t"] = text
    env.globals["photo_rows"] = photo_rows  # a spec's rules in the order and words of the table of photo checks
    env.globals.update(
        TOPIC_TITLES=TOPIC_TITLES, CONFIDENCE=CONFIDENCE, KINDS=KINDS, REGIONS=REGIONS, TOPICS=TOPICS,
        PROVINCE_INDEX=PROVINCE_INDEX, guide_src=guide_src, national_src=national_src, plan_src=plan_src,
        ROUND_WORDS=ROUND_WORDS,
    )
    return env


def git_dates(root: Path = ROOT) -> dict[str, str]:
    """Data file -> date of the last commit that touched it (one git call for the whole history)."""
    return content_dates(root, ("data",))


class Renderer:
    """Holds the dataset and renders each kind of page; one instance per build."""

    def __init__(self, dataset: Dataset, today: datetime.date, edit_base: str | None = None, root: Path = ROOT,
                 site_url: str | None = None):
        self.data = dataset
        self.site_url = site_url  # the published address: printed checklists say where they came from
        self.today = today
        self.edit_base = edit_base  # "<repository>/edit/<branch>/": data-file edit links on the coverage page
        self.root = root
        self._files: dict[int, str] | None = None  # record -> its data file, for its second-reader records
        self._calendar_slugs: set[str] | None = None
        self._env = _env()  # one per build: each template is compiled once, not once per page

    @functools.cached_property
    def _git_dates(self) -> dict[str, str]:
        return git_dates(self.root)

    def _render(self, name: str, page_src: str, **context: Any) -> str:
        def link(to_src: str) -> str:
            return relative(page_src, to_src)

        # Footnote-style numbers for the page's sources: its own first, then the national ones.
        numbered = [ref for ref, _ in context.get("sources", [])]
        numbered += ["national-" + ref for ref, _ in context.get("national_sources", [])]
        context.setdefault("numbers", {ref: i for i, ref in enumerate(numbered, 1)})

        return self._env.get_template(name).render(
            today=self.today, link=link, page_src=page_src, data=self.data, widget=self.embedded_widget,
            checked=self._checked, stale=self._stale,
            changed=self.changed, reviewed=self._reviewed, rounds_view=self._rounds_view,
            spec_reviewed=self._spec_reviewed, calendar_file=self.calendar_file, **context,
        )

    def _spec_reviewed(self, spec: Any) -> datetime.date | None:
        """A photo spec counts as re-read when every line of its entry passed: its title, the values it states and
        its notes (macros.reviews.spec_reviewed)."""
        from macros.reviews import spec_reviewed

        file = f"data/photo_specs/{spec.province}.yml"
        offer = self.data.reviewable.get(file)
        if offer is None:
            return None
        return spec_reviewed(self.data.reviews.get(file, ()), offer, spec.purpose)[0]

    def _reviewed(self, fact: Any, record: Any) -> datetime.date | None:
        if self._files is None:
            self._files = {id(self.data.national): "data/national.yml"}
            self._files.update({id(p): self.data.origin[f"province:{slug}"] for slug, p in self.data.provinces.items()})
        return self.data.reviewed(self._files.get(id(record), ""), fact)

    def _rounds_view(self, topic: Any) -> dict[str, Any] | None:
        """A topic's rounds for the page: per kind, newest first (the newest shown, the rest folded);
        whether the latest known round is more than 12 months old; which rounds are over two years old."""
        if not topic.rounds:
            return None
        groups: dict[str, list[Any]] = {}
        for r in sorted(topic.rounds, key=lambda r: (r.last_day(), r.year), reverse=True):
            groups.setdefault(r.kind, []).append(r)
        latest = max(topic.rounds, key=lambda r: (r.last_day(), r.year))
        return {
            "groups": [{"kind": k, "latest": rs[0], "older": rs[1:]} for k, rs in groups.items()],
            "latest": latest,
            "behind": self.today - latest.last_day() > STALE_AFTER,
            "outdated": lambda r: self.today - r.last_day() > OLD_ROUND_AFTER,
        }

    def _checked(self, fact: Any, record: Any) -> datetime.date | None:
        return fact_checked(fact, record.sources)

    def _stale(self, fact: Any, record: Any) -> bool:
        return is_stale(fact_checked(fact, record.sources), self.today)

    def changed(self, origin_key: str) -> str | None:
        return self._git_dates.get(self.data.origin.get(origin_key, ""))

    def guide(self, slug: str, topic: str) -> str:
        province = self.data.provinces[slug]
        national_topic = getattr(self.data.national, topic)
        plans = sorted(p for p in self.data.plans if p.startswith(f"{slug}/")) if topic == "graduation" else []
        printed = [province.authority] + ([province.platform] if province.platform else [])
        printed += [f for _, f in getattr(province, topic).facts()]
        return self._render(
            "guide.md.j2", guide_src(slug, topic),
            province=province, topic=topic, national=self.data.national,
            national_topic=national_topic, spec_id=self.guide_spec(slug, topic), plans=plans,
            page_checked=topic_checked(province, topic), sources=self._used_sources(province, printed),
            # The guide prints only the national steps and notes: only their sources are listed.
            national_sources=self._used_sources(self.data.national, national_topic.steps + national_topic.notes),
            origin_key=f"province:{slug}",
            page_url=f"{self.site_url.rstrip('/')}/provinces/{slug}/{topic}/" if self.site_url else "本手册网页版",
        )

    def guide_spec(self, slug: str, topic: str) -> str | None:
        """The photo spec a guide shows and presets its checker to: the province's own, else the national one
        (the page then says it is shown for lack of a provincial spec); None for lookup or when neither exists."""
        if topic not in ("registration", "graduation"):
            return None
        for spec_id in (f"{slug}/{topic}", f"national/{topic}"):
            if spec_id in self.data.photo_specs:
                return spec_id
        return None

    def _used_sources(self, record: Any, facts: Any) -> list[tuple[str, Any]]:
        """The sources the given (printed) facts cite, in order of first citation."""
        used: list[str] = []
        for fact in facts:
            for ref in fact.sources:
                if ref not in used:
                    used.append(ref)
        return [(ref, record.sources[ref]) for ref in used]

    def province_index(self) -> str:
        by_region = {r: [] for r in REGIONS}
        for slug in SLUGS:
            province = self.data.provinces[slug]
            by_region[province.region].append(province)
        return self._render("provinces.md.j2", PROVINCE_INDEX, by_region=by_region)

    def national_page(self, key: str) -> str:
        page = self.data.national.pages[key]
        facts = [f for s in page.sections for f in s.facts]
        facts += [f for s in page.sections for c in s.conflicts for f in c.claims]
        refs: list[str] = []
        for fact in facts:
            refs += [r for r in fact.sources if r not in refs]
        checked = [d for d in (fact_checked(f, self.data.national.sources) for f in facts) if d]
        return self._render(
            "national.md.j2", national_src(key), key=key, page=page, national=self.data.national,
            sources=[(r, self.data.national.sources[r]) for r in refs],
            page_checked=max(checked) if checked else None, origin_key="national",
        )

    def national_topic(self, topic: str) -> str:
        national = self.data.national
        printed = [national.authority] + [f for _, f in getattr(national, topic).facts()]
        return self._render(
            "national_topic.md.j2", national_src(topic), topic=topic, national=national,
            national_topic=getattr(national, topic), sources=self._used_sources(national, printed),
            page_checked=topic_checked(national, topic), origin_key="national",
        )

    def plan(self, plan_id: str) -> str:
        from macros.reviews import plan_reviewed, plan_texts

        plan = self.data.plans[plan_id]
        reviewed_on, waiting = plan_reviewed(self.data.reviews.get(self.data.origin[f"plan:{plan_id}"], ()), plan)
        return self._render(
            "plan.md.j2", plan_src(plan_id), plan=plan, plan_id=plan_id, origin_key=f"plan:{plan_id}",
            plan_review={"date": reviewed_on, "waiting": len(waiting), "lines": len(plan_texts(plan))},
        )

    @functools.cached_property
    def _titles(self) -> dict[str, str]:
        """Generated page -> its title, as the page itself states it (macros/pages.py)."""
        return {src: page.title for src, page in generated(self.data).items()}

    def section_index(self, kind: str, key: str = "") -> str:
        """A section's own page (national/, provinces/<slug>/, plans/<province>/, tools/): what the section holds."""
        if kind == "national":
            return self._render("section.md.j2", NATIONAL_INDEX, kind=kind, heading="全国通用的自考规则", items=[
                *((self._titles[national_src(t)], national_src(t), None) for t in TOPICS),
                *((f"自考{p.title}", national_src(k), p.intro) for k, p in self.data.national.pages.items())])
        if kind == "province":
            province = self.data.provinces[key]
            status = {"complete": "资料较完整", "partial": "资料不完整", "unknown": "暂无本省资料"}
            return self._render("section.md.j2", province_src(key), kind=kind, heading=f"{province.name}自考指南",
                                province=province, items=[
                                    (self._titles[guide_src(key, t)], guide_src(key, t), status[getattr(province, t).status])
                                    for t in TOPICS])
        if kind == "plans":
            plans = [(i, p) for i, p in sorted(self.data.plans.items()) if p.province == key]
            return self._render("section.md.j2", plan_province_src(key), kind=kind,
                                heading=f"{plans[0][1].province_name}自考专业考试计划", items=[
                                    (self._titles[plan_src(i)], plan_src(i), f"主考学校：{p.school}；{p.edition.name}")
                                    for i, p in plans] + [("各省专业计划", PLAN_INDEX, None)])
        if kind == "tools":
            return self._render("section.md.j2", TOOL_INDEX, kind=kind, heading="自查工具",
                                items=[(title, path, None) for title, path in TOOL_PAGES])
        raise KeyError(f"section_index: unknown kind {kind!r}; known: national, province, plans, tools")

    def plan_index(self, page_src: str) -> str:
        by_province: dict[str, list[tuple[str, Any]]] = {}
        for plan_id, plan in sorted(self.data.plans.items()):
            by_province.setdefault(plan.province, []).append((plan_id, plan))
        return self._render("plans.md.j2", page_src, by_province=by_province)

    def widget(self, kind: str, record_id: str | None = None, *, embedded: bool = False) -> str:
        """A checker widget (``kind`` "photo" or "courses") with ``record_id`` pre-selected: on a tool page, or
        ``embedded`` (folded) in a guide or plan page."""
        if kind == "photo":
            return widgets.photo_checker(self.data.photo_specs, record_id, embedded=embedded)
        if kind == "courses":
            return widgets.course_checker(self.data.plans, record_id, embedded=embedded)
        raise KeyError(f"widget: unknown kind {kind!r}; known: photo, courses")

    def embedded_widget(self, kind: str, record_id: str | None = None) -> str:
        return self.widget(kind, record_id, embedded=True)

    def coverage_page(self) -> str:
        """/about/coverage/: the grid computed from the data by the rubric, each cell linked to its guide."""
        from macros.coverage import RATING_WORDS, coverage

        cells = coverage(self.data)
        totals: dict[str, dict[str, int]] = {t: dict.fromkeys(RATING_WORDS, 0) for t in (*TOPICS, "all")}
        rows: dict[str, dict[str, Any]] = {}
        for cell in cells:
            totals[cell.topic][cell.rating] += 1
            totals["all"][cell.rating] += 1
            row = rows.setdefault(cell.slug, {"name": cell.name, "cells": [],
                                              "file": self.data.origin[f"province:{cell.slug}"]})
            row["cells"].append(cell)
        return self._render("coverage.md.j2", COVERAGE_SRC, rows=list(rows.values()), totals=totals,
                            edit_base=self.edit_base)

    def calendar_file(self, slug: str) -> str | None:
        """The province's .ics path in the site, or None when it has no dated round (no empty calendars)."""
        from macros.calendars import ics_src, windows

        if self._calendar_slugs is None:
            self._calendar_slugs = {w.slug for w in windows(self.data)}
        return ics_src(slug) if slug in self._calendar_slugs else None

    def calendar_page(self) -> str:
        """/calendar/: upcoming and recent dated windows of every province, and the .ics files to subscribe to."""
        from macros.calendars import ALL, ics_src, windows

        items = windows(self.data)
        upcoming = sorted((w for w in items if w.last_day() >= self.today), key=lambda w: (w.first_day(), w.uid))
        past = sorted((w for w in items if w.last_day() < self.today), key=lambda w: (w.first_day(), w.uid),
                      reverse=True)
        recent = [w for w in past if self.today - w.last_day() <= STALE_AFTER]
        older = [w for w in past if self.today - w.last_day() > STALE_AFTER]
        feeds = [(self.data.provinces[s], ics_src(s)) for s in SLUGS if any(w.slug == s for w in items)]
        return self._render("calendar.md.j2", CALENDAR_SRC, upcoming=upcoming, recent=recent, older=older,
                            feeds=feeds, all_src=ics_src(ALL), count=len(items))

    def photo_spec(self, spec_id: str, page_src: str) -> str:
        return self._render("photo_spec.md.j2", page_src, spec=self.data.photo_specs[spec_id], spec_id=spec_id)
