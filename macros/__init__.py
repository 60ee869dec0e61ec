"""mkdocs-macros module: registers the macros that pages call; rendering lives in macros.render."""

from __future__ import annotations

from typing import Any

from macros import render


def define_env(env: Any) -> None:
    """Called by mkdocs-macros: expose one macro per kind of generated content."""

    def src() -> str:
        return env.page.file.src_uri

    @env.macro
    def province_guide(slug: str, topic: str) -> str:
        return render.current().guide(slug, topic)

    @env.macro
    def province_index() -> str:
        return render.current().province_index()

    @env.macro
    def coverage_page() -> str:
        return render.current().coverage_page()

    @env.macro
    def calendar_page() -> str:
        return render.current().calendar_page()

    @env.macro
    def national_page(key: str) -> str:
        return render.current().national_page(key)

    @env.macro
    def national_topic(topic: str) -> str:
        return render.current().national_topic(topic)

    @env.macro
    def plan_page(plan_id: str) -> str:
        return render.current().plan(plan_id)

    @env.macro
    def plan_index() -> str:
        return render.current().plan_index(src())

    @env.macro
    def photo_spec(spec_id: str) -> str:
        return render.current().photo_spec(spec_id, src())

    @env.macro
    def photo_checker(spec_id: str | None = None) -> str:
        from macros import widgets

        return widgets.photo_checker(spec_id)

    @env.macro
    def course_checker(plan_id: str | None = None) -> str:
        from macros import widgets

        return widgets.course_checker(plan_id)
