"""Checker widgets (photo, courses) as HTML for guide and tool pages: Python gathers the options from the
records it is given, the markup lives in templates/widgets/."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent / "templates" / "widgets"

PURPOSES = {"registration": "报名", "graduation": "毕业"}


def _specs(specs: dict[str, Any], selected: str | None) -> list[dict[str, Any]]:
    """Spec options grouped by province, national first; ``selected`` marked."""
    groups: dict[str, dict[str, Any]] = {}
    for spec_id, spec in sorted(specs.items(), key=lambda kv: (kv[1].province != "national", kv[0])):
        label = "全国" if spec.province == "national" else spec.province_name
        group = groups.setdefault(spec.province, {"label": label, "options": []})
        group["options"].append({"id": spec_id, "text": spec.title, "selected": spec_id == selected})
    return list(groups.values())


def _plans(plans: dict[str, Any], selected: str | None) -> list[dict[str, Any]]:
    """Plan options grouped by province; ``prior`` marks 专升本 plans (they ask about a prior diploma)."""
    groups: dict[str, dict[str, Any]] = {}
    for plan_id, plan in sorted(plans.items()):
        group = groups.setdefault(plan.province, {"label": plan.province_name, "options": []})
        group["options"].append({"id": plan_id, "text": f"{plan.name}（{plan.level}，{plan.code}）",
                                 "selected": plan_id == selected, "prior": bool(plan.prior_diploma)})
    return list(groups.values())


@functools.cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def _render(name: str, **context: Any) -> str:
    # Raw HTML inside Markdown: no blank lines or indented lines, so Markdown leaves it alone.
    html = _env().get_template(name).render(**context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip()) + "\n"


def photo_checker(specs: dict[str, Any], spec_id: str | None = None, embedded: bool = False) -> str:
    """The photo checker over ``specs`` (id -> PhotoSpec), ``spec_id`` pre-selected. A tool page's widget loads
    the runtime once the page is idle; an ``embedded`` one (guide pages) is folded and loads it only when the
    reader opens it."""
    if spec_id is not None and spec_id not in specs:
        raise KeyError(f"photo_checker: unknown photo spec {spec_id!r}; known: {', '.join(sorted(specs))}")
    return _render("photo.html.j2", groups=_specs(specs, spec_id), spec_id=spec_id, embedded=embedded)


def course_checker(plans: dict[str, Any], plan_id: str | None = None, embedded: bool = False) -> str:
    """The course checker over ``plans`` (id -> Plan), ``plan_id`` pre-selected; ``embedded`` as for
    :func:`photo_checker`."""
    if plan_id is not None and plan_id not in plans:
        raise KeyError(f"course_checker: unknown plan {plan_id!r}; known: {', '.join(sorted(plans))}")
    return _render("courses.html.j2", groups=_plans(plans, plan_id), plan_id=plan_id, embedded=embedded)
