"""python -m bench: run every benchmark in one go and write bench/results.md (and the README table)."""

from __future__ import annotations

import datetime
import importlib
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("bench.photo", "bench.courses", "bench.web", "bench.build")


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip() or "no chromium"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip() or "no node"
    return f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; Node {node}; {chromium}"


def main() -> int:
    parts = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {datetime.date.today().isoformat()}: {_machine()}.",
        "Every figure is measured in this run next to its baseline; nothing here is typed in by hand.",
        "",
    ]
    failed = []
    for name in SECTIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            failed.append(f"{name}: {err}")
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        parts.append(module.run())
    text = "\n".join(parts) + "\n"
    (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")
    readme = ROOT / "README.md"
    body = readme.read_text(encoding="utf-8")
    block = "<!-- bench:start -->\n" + "\n".join(parts[2:]) + "\n<!-- bench:end -->"
    if "<!-- bench:start -->" in body:
        body = re.sub(r"<!-- bench:start -->.*?<!-- bench:end -->", lambda _: block, body, flags=re.S)
        readme.write_text(body, encoding="utf-8")
    print(text)
    for line in failed:
        print(f"missing benchmark {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
