"""Check every internal link and resource reference in the built site."""

from __future__ import annotations

import html.parser
import posixpath
import urllib.parse
from pathlib import Path


class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("script", "img", "iframe"))):
                self.refs.append(value)


def _target(site: Path, page: Path, ref: str) -> tuple[Path, str] | None:
    parts = urllib.parse.urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("mailto:", "tel:", "javascript:")):
        return None
    base = posixpath.dirname(page.relative_to(site).as_posix())
    path = urllib.parse.unquote(parts.path)
    if not path:
        return page, parts.fragment
    joined = posixpath.normpath(posixpath.join("/" + base, path)).lstrip("/")
    target = site / joined
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def check_links(site: Path) -> list[str]:
    """'page -> ref' for each internal reference whose file (or #anchor) does not exist."""
    pages = sorted(site.rglob("*.html"))
    parsed: dict[Path, _Refs] = {}
    for page in pages:
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8", errors="replace"))
        parsed[page] = refs
    broken = []
    for page, refs in parsed.items():
        for ref in refs.refs:
            target = _target(site, page, ref)
            if target is None:
                continue
            path, fragment = target
            if not path.exists():
                broken.append(f"{page.relative_to(site)} -> {ref}")
            elif fragment and path in parsed and fragment not in parsed[path].ids:
                broken.append(f"{page.relative_to(site)} -> {ref}（锚点不存在）")
    return broken
