"""mkdocs-macros module: registers the macros that pages call; each renders through this build's Renderer."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Called by mkdocs-macros: expose one macro per kind of generated content."""
    from macros import build  # here, not at the top: `python -m macros.validate` need not import the site build

    def renderer() -> Any:
        return build.of(env.conf).renderer  # made by the hooks' on_config for this build

    def src() -> str:
        return env.page.file.src_uri

    @env.macro
    def province_guide(slug: str, topic: str) -> str:
        return renderer().guide(slug, topic)

    @env.macro
    def province_index() -> str:
        return renderer().province_index()

    @env.macro
    def section_index(kind: str, key: str = "") -> str:
        return renderer().section_index(kind, key)

    @env.macro
    def coverage_page() -> str:
        return renderer().coverage_page()

    @env.macro
    def calendar_page() -> str:
        return renderer().calendar_page()

    @env.macro
    def national_page(key: str) -> str:
        return renderer().national_page(key)

    @env.macro
    def national_topic(topic: str) -> str:
        return renderer().national_topic(topic)

    @env.macro
    def plan_page(plan_id: str) -> str:
        return renderer().plan(plan_id)

    @env.macro
    def plan_index() -> str:
        return renderer().plan_index(src())

    @env.macro
    def photo_spec(spec_id: str) -> str:
        return renderer().photo_spec(spec_id, src())

    @env.macro
    def photo_checker(spec_id: str | None = None) -> str:
        return renderer().widget("photo", spec_id)

    @env.macro
    def course_checker(plan_id: str | None = None) -> str:
        return renderer().widget("courses", plan_id)
