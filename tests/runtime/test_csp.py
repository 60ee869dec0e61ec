"""runtime/csp.py: the tool pages' policy allows exactly the inline scripts the page carries."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from runtime import csp


def _sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_only_executed_inline_scripts_are_hashed() -> None:
    html = ('<script>a()</script><script src="x.js"></script><script type="application/json">{"b": 1}</script>'
            '<script type="module">c()</script><SCRIPT type="text/javascript">d()</SCRIPT><script>a()</script>')
    assert csp.inline_hashes(html) == [_sha("a()"), _sha("c()"), _sha("d()")]


def test_policy_is_self_only_plus_wasm() -> None:
    policy = csp.policy("<script>x=1</script>")
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == f"'self' 'wasm-unsafe-eval' {_sha('x=1')}"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
    assert all("http" not in value for value in directives.values())


def test_apply_fills_only_pages_with_the_placeholder(tmp_path: Path) -> None:
    tool = tmp_path / "tools" / "photo" / "index.html"
    tool.parent.mkdir(parents=True)
    tool.write_text(f'<meta http-equiv="Content-Security-Policy" content="{csp.PLACEHOLDER}"><script>go()</script>')
    other = tmp_path / "index.html"
    other.write_text("<script>go()</script>")
    assert csp.apply(tmp_path) == [tool]
    assert csp.PLACEHOLDER not in tool.read_text() and _sha("go()") in tool.read_text()
    assert other.read_text() == "<script>go()</script>"
