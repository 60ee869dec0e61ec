"""python -m bench: run every benchmark in one go and write bench/results.md (the README only links to it).

python -m bench bench.web …: run only the named sections and put their new text in place of their old one in
bench/results.md (each section is one "## " block); the other sections keep the figures of their own run, and the
header says which sections were measured when."""

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


def _blocks(text: str) -> tuple[str, list[str]]:
    """The results' header (up to the first "## ") and its sections, each starting with its "## " line."""
    parts = text.split("\n## ")
    return parts[0], ["## " + p for p in parts[1:]]


def _splice(names: list[str], texts: list[str], now: str, where: str) -> str:
    """The existing results with the sections of ``names`` replaced by ``texts`` (matched by heading)."""
    path = ROOT / "bench" / "results.md"
    head, blocks = _blocks(path.read_text(encoding="utf-8"))
    for name, text in zip(names, texts):
        new = text.rstrip() + "\n"
        title = new.splitlines()[0]
        index = next((i for i, b in enumerate(blocks) if b.splitlines()[0] == title), None)
        if index is None:
            blocks.append(new)
        else:
            blocks[index] = new
    line = (f"Sections re-measured by `make bench SECTIONS=\"{' '.join(names)}\"` on {now}: {where}; "
            "the other sections are from the run named above.")
    kept = [x for x in head.rstrip().splitlines() if not x.startswith("Sections re-measured by")]
    return "\n".join([*kept, line, "", ""]) + "\n".join(b.rstrip() + "\n" for b in blocks)


def _run(names: list[str]) -> tuple[list[str], list[str]]:
    """Each named section's text, and the names of those that failed."""
    texts, failed = [], []
    for name in names:
        text, bad = _section(name)
        texts.append(text)
        if bad:
            failed.append(name)
    return texts, failed


def main(argv: list[str] | None = None) -> int:
    names = list(sys.argv[1:] if argv is None else argv)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        print(f"unknown sections: {', '.join(unknown)} (known: {', '.join(SECTIONS)})", file=sys.stderr)
        return 2
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if names:
        where = machine()  # the load average at the start, as for a whole run
        texts, failed = _run(names)
        out = _splice(names, texts, now, where)
        (ROOT / "bench" / "results.md").write_text(out, encoding="utf-8")
        print(out)
        return 1 if failed else 0
    intro = [
        f"Measured by `make bench` on {now}: {machine()}.",
        "Every figure is measured in this run next to its baseline; nothing here is typed in by hand.",
        "",
    ]
    sections, failed = _run(list(SECTIONS))
    body = "\n".join([*intro, *sections]).rstrip() + "\n"
    (ROOT / "bench" / "results.md").write_text("# Benchmark results\n\n" + body, encoding="utf-8")
    print(body)
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
