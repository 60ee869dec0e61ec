"""Pin the checkers' browser modules to a content-hashed folder, so browsers may keep them as long as they like.

MkDocs copies ``docs/assets/checkers/*.mjs`` to ``site/assets/checkers/``. Served from there they must be
revalidated on every visit (their names never change), and a module graph is fetched level by level: on a
repeat visit every level cost a round trip before the checker could start. After the build, ``pin`` moves them
to ``site/assets/checkers/<hash>/`` (the hash covers every module and the generated ``runtime.mjs``), and points
the pages at that folder. A new build with any change gets a new folder; a static host can send
``Cache-Control: public, max-age=31536000, immutable`` for it, as for ``/assets/pyodide/`` (see README).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

MODULES = Path("assets") / "checkers"
# Paths a static host may cache for good: the runtime (runtime/build.py), the pinned modules, and the theme's
# fingerprinted files (Material names them by content: bundle.a5f9d56c.min.js, main.57a0d79d.min.css).
IMMUTABLE = re.compile(r"^/assets/(pyodide/|checkers/[0-9a-f]{10}/"
                       r"|(javascripts|stylesheets)/(workers/)?[a-z]+\.[0-9a-f]{8}\.min\.(js|css)$)")
# A page's reference to one of our modules: src="../../assets/checkers/widget.mjs" (any relative prefix).
_REFERENCE = re.compile(r"""(?P<pre>["'/])assets/checkers/(?P<name>[A-Za-z0-9_-]+\.mjs)(?=["'])""")
_PINNED_DIR = re.compile(r"^[0-9a-f]{10}$")
# overrides/tool.html's list of the runtime's files to preload: the folder and the build's own file names go in here.
_RUNTIME_LINK = re.compile(
    r"""<meta name="checker-runtime-file" content="(?P<pre>[^"]*)assets/pyodide/__RUNTIME__/(?P<name>[A-Za-z0-9_.-]+)"[^>]*>\n?""")
_RUNTIME_NAMES = ("stdlib", "lockfile", "wheel")  # __stdlib__ and so on: keys of the runtime descriptor


class PinError(RuntimeError):
    """A page refers to a checker module the build does not have."""


def runtime_module(public: dict[str, Any]) -> str:
    """``runtime.mjs``: where this build's runtime lives, relative to the pinned folder, and its file sizes."""
    data = {k: v for k, v in public.items() if k != "site_path"}
    data["dir"] = f"../../../{public['site_path']}"  # from assets/checkers/<hash>/ up to the site root
    return ("// Generated at build time (runtime/build.py, runtime/assets.py): where this build's checker runtime lives.\n"
            f"export default {json.dumps(data, indent=1, sort_keys=True)};\n")


def _runtime_links(html: str, runtime: dict[str, Any] | None) -> str:
    """The runtime's files to preload (tool pages) with this build's folder and file names; none without a runtime."""

    def link(match: re.Match[str]) -> str:
        if runtime is None:
            return ""
        name = match["name"]
        key = name.strip("_")
        if name.startswith("__") and key in _RUNTIME_NAMES:
            name = runtime[key]
        return match[0].replace(f"assets/pyodide/__RUNTIME__/{match['name']}", runtime["site_path"] + name)

    return _RUNTIME_LINK.sub(link, html)


def pin(site_dir: Path, runtime: dict[str, Any] | None) -> str | None:
    """Move ``assets/checkers/*.mjs`` (plus ``runtime.mjs`` for ``runtime``, the public runtime descriptor)
    into ``assets/checkers/<hash>/`` and rewrite the pages' references; returns the hash (None: no modules)."""
    folder = site_dir / MODULES
    files = {p.name: p.read_bytes() for p in sorted(folder.glob("*.mjs"))}
    if not files:
        return None
    if runtime is not None:
        files["runtime.mjs"] = runtime_module(runtime).encode("utf-8")
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(name.encode() + b"\0" + data + b"\0")
    key = digest.hexdigest()[:10]
    for old in folder.iterdir():
        if old.is_dir() and _PINNED_DIR.match(old.name):
            shutil.rmtree(old)
    target = folder / key
    target.mkdir()
    for name, data in files.items():
        (target / name).write_bytes(data)
        (folder / name).unlink(missing_ok=True)
    missing: set[str] = set()
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "assets/checkers/" not in html:
            continue

        def pinned(match: re.Match[str]) -> str:
            # runtime.mjs is missing only from content-only builds (HANDBOOK_SKIP_RUNTIME=1), on purpose.
            if match["name"] not in files and not (runtime is None and match["name"] == "runtime.mjs"):
                missing.add(f"{page.relative_to(site_dir)}: {match['name']}")
            return f"{match['pre']}assets/checkers/{key}/{match['name']}"

        page.write_text(_REFERENCE.sub(pinned, _runtime_links(html, runtime)), encoding="utf-8")
    if missing:
        raise PinError("pages refer to checker modules that do not exist: " + ", ".join(sorted(missing)))
    return key
