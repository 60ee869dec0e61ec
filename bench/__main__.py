"""python -m bench: run every benchmark in one go and write bench/results.md (the README only links to it)."""

from __future__ import annotations

import datetime
import importlib
import os
import platform
import subprocess
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("bench.photo", "bench.courses", "bench.plan_paste", "bench.fuzz", "bench.web", "bench.fix", "bench.engines", "bench.build")


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return f"no {cmd[0]}"
    return out or f"no {cmd[0]}"


def _os() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))}, Linux {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{cpu}, {os.cpu_count()} cores (load average {load} at the start); {_os()}; "
            f"Python {platform.python_version()}; Node {_version(['node', '--version'])}; "
            f"{_version(['chromium', '--version'])}")


def _section(name: str) -> tuple[str, bool]:
    """The module's Markdown, or a note saying why it is missing; the flag says whether it failed."""
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name != name:
            raise
        return f"## {name}\n\nNot measured: `{name.replace('.', '/')}.py` does not exist yet.\n", False
    print(f"running {name} …", file=sys.stderr, flush=True)
    try:
        return module.run(), False
    except Exception as err:  # noqa: BLE001 - one failing benchmark must not hide the others' figures
        traceback.print_exc()
        return f"## {name}\n\nFailed: `{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}`.\n", True


def main() -> int:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    intro = [
        f"Measured by `make bench` on {now}: {machine()}.",
        "Every figure is measured in this run next to its baseline; nothing here is typed in by hand.",
        "",
    ]
    sections, failed = [], []
    for name in SECTIONS:
        text, bad = _section(name)
        sections.append(text)
        if bad:
            failed.append(name)
    body = "\n".join([*intro, *sections]).rstrip() + "\n"
    (ROOT / "bench" / "results.md").write_text("# Benchmark results\n\n" + body, encoding="utf-8")
    print(body)
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
