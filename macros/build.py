"""One site build's state, made in MkDocs' on_config and kept on that build's config (never in a module global).

The hooks (macros/hooks.py) and the page macros (macros/__init__.py) reach it with :func:`of`; a `mkdocs serve`
rebuild loads the config again and so gets a new SiteBuild."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros import calendars, catalog, pages
from macros.data import ROOT, DataErrors, Dataset, load_dataset, today
from macros.render import Renderer
from runtime.site import SiteRuntime

KEY = "handbook_build"  # the config entry holding this build's SiteBuild


class BuildError(RuntimeError):
    """The build cannot go on; the message is written for the build log (Chinese, with English in brackets)."""


def edit_base(config: Any) -> str | None:
    """``<repository>/edit/<branch>/`` from mkdocs.yml's ``extra`` (None: no repository configured)."""
    repository, branch = config["extra"].get("repository"), config["extra"].get("branch", "main")
    return f"{repository.rstrip('/')}/edit/{branch}/" if repository else None


def wants_runtime() -> bool:
    """HANDBOOK_SKIP_RUNTIME=1: a pages-only build (`make check`, the editing tests) without the Pyodide runtime."""
    return os.environ.get("HANDBOOK_SKIP_RUNTIME") != "1"


@dataclass
class SiteBuild:
    """The validated data, the generated pages, the renderer and the checkers runtime of one build."""

    data: Dataset
    pages: dict[str, pages.Page]
    renderer: Renderer
    runtime: SiteRuntime
    edit_base: str | None = None
    files: dict[str, bytes] = field(default_factory=dict)  # other generated files: site path -> bytes (.ics)
    root: Path = ROOT
    _dates: dict[str, str] | None = None  # repository file -> date of its last commit (read once, when first asked)

    @classmethod
    def load(cls, root: Path = ROOT, edit_base: str | None = None, site_url: str | None = None) -> SiteBuild:
        """Validate data/ and write the checkers' catalog (the runtime's input); raises BuildError listing every
        problem in the data. ``edit_base``: where the repository's edit links start (see :func:`edit_base`)."""
        try:
            data = load_dataset(root)
        except DataErrors as err:
            lines = "\n".join(f"  {line}" for line in err.lines)
            raise BuildError(f"数据检查未通过，共 {len(err.lines)} 处问题（data validation failed）：\n{lines}") from None
        catalog.write(data, root)
        return cls.of_data(data, root, edit_base, site_url)

    @classmethod
    def of_data(cls, data: Dataset, root: Path = ROOT, edit_base: str | None = None,
                site_url: str | None = None) -> SiteBuild:
        """The build of already validated ``data``; ``site_url``: where the site is published (mkdocs.yml)."""
        day = today()
        return cls(data, pages.generated(data, root / "docs"), Renderer(data, day, edit_base, root, site_url),
                   SiteRuntime(root, with_runtime=wants_runtime()), edit_base,
                   calendars.files(data, site_url or "/", day), root)

    def edit_origin(self, src: str, docs_dir: str) -> str:
        """The repository file a page's edit link opens: the data file a generated page comes from, else the
        page's own Markdown."""
        page = self.pages.get(src)
        origin = self.data.origin.get(page.origin) if page and page.origin else None
        return origin or f"{Path(docs_dir).name}/{src}"

    def content_date(self, src: str, docs_dir: str) -> str | None:
        """When the content of the page made from ``src`` last changed (the sitemap's lastmod): the last commit of
        its data file or Markdown, else that file's mtime; a page made from many data files takes the newest."""
        from macros import seo

        if self._dates is None:
            self._dates = seo.content_dates(self.root)
        page = self.pages.get(src)
        if page and page.origin is None:
            files = sorted({*self.data.origin.values()} - {""})
            found = [d for d in (seo.file_date(self.root, f, self._dates) for f in files) if d]
            return max(found) if found else None
        return seo.file_date(self.root, self.edit_origin(src, docs_dir), self._dates)

    def robots(self, site_url: str | None) -> str:
        """robots.txt: everything may be crawled; the sitemap's address from the configured site_url."""
        lines = ["User-agent: *", "Allow: /"]
        if site_url:
            lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
        return "\n".join(lines) + "\n"

    def edit_url(self, src: str, docs_dir: str) -> str | None:
        """The edit link of the page made from ``src``; None without a repository, and for a generated page that is
        computed from all the data (coverage, calendar): there is no one file an editor could open for it."""
        page = self.pages.get(src)
        if not self.edit_base or (page is not None and not (page.origin and self.data.origin.get(page.origin))):
            return None
        return f"{self.edit_base}{self.edit_origin(src, docs_dir)}"


def attach(config: Any, build: SiteBuild) -> None:
    config[KEY] = build


def of(config: Any) -> SiteBuild:
    """The SiteBuild of the build ``config`` belongs to."""
    build = config.get(KEY)
    if build is None:
        raise RuntimeError("the data was not loaded: macros/hooks.py must be listed under `hooks:` in mkdocs.yml")
    return build
