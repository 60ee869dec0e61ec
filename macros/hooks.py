"""MkDocs hooks, kept thin: each event hands over to this build's SiteBuild (macros/build.py), made in on_config
and kept on the config. Data, pages and nav come from macros/; the checkers runtime from runtime/."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded by file path; the project's packages live beside them
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros import build, pages  # noqa: E402
from runtime.site import InstallError  # noqa: E402


def on_config(config: Any) -> Any:
    try:
        site = build.SiteBuild.load(ROOT, build.edit_base(config), config["site_url"])
    except build.BuildError as err:
        raise Abort(str(err)) from None
    build.attach(config, site)
    config["nav"] = pages.nav(site.data, Path(config["docs_dir"]))
    return config


def on_pre_build(config: Any) -> None:
    build.of(config).runtime.start()  # builds in a thread while the pages render


def on_files(files: Files, config: Any) -> Files:
    for page in build.of(config).pages.values():
        if files.get_file_from_path(page.src) is None:
            files.append(File.generated(config, page.src, content=page.markdown))
    for src, content in build.of(config).files.items():  # the .ics calendars
        files.append(File.generated(config, src, content=content))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """The sitemap's lastmod (written before the pages): when the page's data file or Markdown last changed."""
    changed = build.of(config).content_date(page.file.src_uri, config["docs_dir"])
    if changed:
        page.update_date = changed
    return markdown


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Every page's edit link: generated pages point at the data file they are made from."""
    url = build.of(config).edit_url(page.file.src_uri, config["docs_dir"])
    if url:
        page.edit_url = url
    return context


def on_post_build(config: Any) -> None:
    site_dir = Path(config["site_dir"])
    (site_dir / "robots.txt").write_text(build.of(config).robots(config.get("site_url")), encoding="utf-8")
    try:
        build.of(config).runtime.install(site_dir)
    except InstallError as err:
        raise Abort(str(err)) from err
