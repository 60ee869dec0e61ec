"""Content-Security-Policy for the tool pages: fill in the hashes of the inline scripts Material emits."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

PLACEHOLDER = "__HANDBOOK_CSP__"
# Everything from our own origin. 'wasm-unsafe-eval' lets the page's worker compile Pyodide's WebAssembly;
# data: images are the SVG icons Material inlines in its CSS. <meta> cannot carry frame-ancestors:
# hosts that can send headers should add `frame-ancestors 'self'` (see README).
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Inline <script> elements without src whose type makes the browser execute them.
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTED = {"", "text/javascript", "module", "application/javascript"}


def inline_hashes(html: str) -> list[str]:
    """'sha256-…' sources for each executed inline script of ``html``, in order, without duplicates."""
    out: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in _EXECUTED:
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in out:
            out.append(source)
    return out


def policy(html: str) -> str:
    hashes = " ".join(inline_hashes(html))
    parts = [f"{name} {value} {hashes}".rstrip() if name == "script-src" else f"{name} {value}"
             for name, value in DIRECTIVES]
    return "; ".join(parts)


def apply(site_dir: Path) -> list[Path]:
    """Replace the placeholder in every built page that carries one; returns those pages."""
    done = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if PLACEHOLDER in html:
            page.write_text(html.replace(PLACEHOLDER, policy(html)), encoding="utf-8")
            done.append(page)
    return done
