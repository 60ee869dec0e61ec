"""MkDocs hooks: load and validate data/, add the generated pages, the navigation and edit links; build the
Pyodide runtime (web/runtime.py) in a thread while the pages render."""

from __future__ import annotations

import datetime
import os
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded by file path; the project's packages live beside them
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros import render  # noqa: E402
from macros.data import DataErrors, load_dataset, write_catalog  # noqa: E402
from macros.data import today as data_today  # noqa: E402
from macros.models import SLUGS, TOPICS  # noqa: E402

CATALOG = ROOT / "checkers" / "_catalog.json"


def _today() -> datetime.date:
    return data_today()  # one place for the build date; HANDBOOK_TODAY pins it in tests


def _pages(dataset: Any) -> dict[str, str]:
    """Generated page source path -> its Markdown, which only calls a macro."""
    pages = {"provinces/index.md": "{{ province_index() }}\n", render.COVERAGE_SRC: "{{ coverage_page() }}\n",
             render.CALENDAR_SRC: "{{ calendar_page() }}\n"}
    for slug in SLUGS:
        for topic in TOPICS:
            pages[render.guide_src(slug, topic)] = f'{{{{ province_guide("{slug}", "{topic}") }}}}\n'
    for topic in TOPICS:
        pages[f"national/{topic}.md"] = f'{{{{ national_topic("{topic}") }}}}\n'
    for key in dataset.national.pages:
        pages[f"national/{key}.md"] = f'{{{{ national_page("{key}") }}}}\n'
    if dataset.plans:
        pages["plans/index.md"] = "{{ plan_index() }}\n"
    for plan_id in dataset.plans:
        pages[render.plan_src(plan_id)] = f'{{{{ plan_page("{plan_id}") }}}}\n'
    return pages


def _nav(dataset: Any, docs: Path) -> list[Any]:
    regions: dict[str, list[Any]] = {r: [] for r in render.REGIONS}
    for slug in SLUGS:
        province = dataset.provinces[slug]
        regions[province.region].append(
            {province.name: [{render.TOPIC_TITLES[t]: render.guide_src(slug, t)} for t in TOPICS]}
        )
    national = [{render.TOPIC_TITLES[t] + "（全国通用）": f"national/{t}.md"} for t in TOPICS]
    national += [{page.title: f"national/{key}.md"} for key, page in dataset.national.pages.items()]
    nav: list[Any] = [
        {"首页": "index.md"},
        {"各省指南": ["provinces/index.md"] + [{r: items} for r, items in regions.items() if items]},
        {"全国规则": national},
        {"办理日历": render.CALENDAR_SRC},
    ]
    tools = [{title: path} for title, path in (("照片检查", "tools/photo.md"), ("毕业课程自查", "tools/courses.md"))
             if (docs / path).exists()]
    if tools:
        nav.append({"自查工具": tools})
    if dataset.plans:
        plans = ["plans/index.md"] + [{f"{p.name}（{p.code}）": render.plan_src(i)} for i, p in sorted(dataset.plans.items())]
        nav.append({"专业计划": plans})
    for title, path in (("参与编辑", "contributing.md"), ("关于本手册", "about.md")):
        if (docs / path).exists():
            nav.append({title: path})
    nav.append({"资料覆盖情况": render.COVERAGE_SRC})
    return nav


def on_config(config: Any) -> Any:
    try:
        dataset = load_dataset(ROOT)
    except DataErrors as err:
        lines = "\n".join(f"  {line}" for line in err.lines)
        raise Abort(f"数据检查未通过，共 {len(err.lines)} 处问题（data validation failed）：\n{lines}") from None
    write_catalog(dataset, CATALOG)
    repository, branch = config["extra"].get("repository"), config["extra"].get("branch", "main")
    edit_base = f"{repository.rstrip('/')}/edit/{branch}/" if repository else None
    render.set_current(render.Renderer(dataset, _today(), edit_base, config["site_url"]))
    config["nav"] = _nav(dataset, Path(config["docs_dir"]))
    return config


def on_files(files: Files, config: Any) -> Files:
    dataset = render.current().data
    for src, content in _pages(dataset).items():
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=content))
    from macros.calendars import files as calendar_files

    for src, content in calendar_files(dataset, config["site_url"] or "/", _today()).items():
        files.append(File.generated(config, src, content=content))
    return files


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Every page's edit link: generated pages point at the data file they are made from."""
    repository, branch = config["extra"].get("repository"), config["extra"].get("branch", "main")
    if repository:
        origin = _origin(page.file.src_uri) or f"{config['docs_dir'].rstrip('/').split('/')[-1]}/{page.file.src_uri}"
        page.edit_url = f"{repository.rstrip('/')}/edit/{branch}/{origin}"
    return context


def _origin(src: str) -> str | None:
    data = render.current().data
    parts = src[:-3].split("/")
    if parts[0] == "provinces" and len(parts) == 3:
        return data.origin.get(f"province:{parts[1]}")
    if parts[0] == "national":
        return data.origin.get("national")
    if src == render.CALENDAR_SRC:  # made from every province file: its template is what an editor can change
        return "macros/templates/calendar.md.j2"
    if parts[0] == "plans" and len(parts) == 3:
        return data.origin.get(f"plan:{parts[1]}/{parts[2]}")
    return None


# This build's checkers runtime, building in a thread (web.runtime.start_runtime) while the pages render.
_runtime: Future[Any] | None = None


def _wants_runtime() -> bool:
    # HANDBOOK_SKIP_RUNTIME=1: content-only builds in the editing tests.
    return os.environ.get("HANDBOOK_SKIP_RUNTIME") != "1" and (ROOT / "web" / "runtime.py").exists()


def on_pre_build(config: Any) -> None:
    """Start building the Pyodide runtime (its inputs include the catalog on_config just wrote)."""
    global _runtime
    if _wants_runtime():
        from web.runtime import start_runtime

        _runtime = start_runtime()  # each build (each `mkdocs serve` rebuild) starts its own; cache hits are fast


def on_post_build(config: Any) -> None:
    """Fill in the tool pages' Content-Security-Policy; copy the Pyodide runtime and the checkers wheel into the
    site; move the checkers' browser modules to their content-hashed folder and point the pages at it."""
    global _runtime
    site_dir = Path(config["site_dir"])
    if (ROOT / "web" / "csp.py").exists():
        from web import csp

        csp.apply(site_dir)
    public = None
    if _runtime is not None:
        from web.node import NodeError
        from web.runtime import RuntimeBuildError, build_runtime
        from web.wheel import WheelError

        pending, _runtime = _runtime, None
        try:
            built = pending.result()
        except (RuntimeBuildError, NodeError, WheelError) as err:
            raise Abort(f"检查工具的 Pyodide 运行时构建失败（the checkers' Pyodide runtime build failed）：\n{err}") from err
        public = build_runtime(site_dir, built)
    if (ROOT / "web" / "assets.py").exists():
        from web.assets import PinError, pin

        try:
            pin(site_dir, public)
        except PinError as err:
            raise Abort(f"页面引用了不存在的检查工具脚本（a page refers to a missing checker module）：{err}") from err
