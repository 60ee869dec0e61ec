"""Build the checkers modules the browser imports, with the generated catalog, as a reproducible wheel."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

from runtime.stdlib import imported_names

DIST_NAME = "zikao_checkers"  # canonical name in pyodide-lock.json: "zikao-checkers"
PACKAGE = "checkers"
CATALOG = "_catalog.json"
# The browser worker imports only this module; the wheel holds it and what it imports, statically, from
# the package (the command line's modules, and the standard library modules only they use, stay out).
ENTRY = "checkers.web"
# A fixed timestamp keeps the wheel (and so its sha256 and the runtime directory's hash) reproducible.
EPOCH = (2020, 1, 1, 0, 0, 0)


class WheelError(RuntimeError):
    """The checkers package cannot be packed (e.g. the generated catalog is missing)."""


def package_modules(root: Path) -> dict[str, Path]:
    """Module name -> file of every module of the package."""
    out: dict[str, Path] = {}
    for path in (root / PACKAGE).rglob("*.py"):
        if "__pycache__" not in path.parts:
            parts = path.relative_to(root).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def browser_modules(root: Path, entry: str = ENTRY) -> dict[str, Path]:
    """``entry``, its packages, and every package module they import (in any function), transitively."""
    available = package_modules(root)
    if entry not in available:
        raise WheelError(f"{entry} is not a module of {root / PACKAGE}")
    found: dict[str, Path] = {}
    todo = [entry]
    while todo:
        name = todo.pop()
        if name in found or name not in available:
            continue
        found[name] = available[name]
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        todo.extend(imported_names(available[name], name))
    return found


def package_files(root: Path) -> list[Path]:
    """The files that go into the wheel: the browser's modules and the catalog, sorted."""
    pkg = root / PACKAGE
    if not (pkg / CATALOG).is_file():
        raise WheelError(f"{pkg / CATALOG} is missing: run `python -m macros.validate` (make setup) first")
    files = [*browser_modules(root).values(), pkg / CATALOG]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def content_hash(root: Path) -> str:
    """sha256 over the package files' names and bytes: the wheel's identity."""
    digest = hashlib.sha256()
    for path in package_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _write(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data, compresslevel=9)


def source_entries(root: Path) -> list[tuple[str, bytes]]:
    """(name in the wheel, bytes) of the package files."""
    return [(p.relative_to(root).as_posix(), p.read_bytes()) for p in package_files(root)]


def build_wheel(entries: list[tuple[str, bytes]], out_dir: Path, version: str = "1.0.0") -> Path:
    """Write ``zikao_checkers-<version>-py3-none-any.whl`` holding ``entries`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    dist_info = f"{DIST_NAME}-{version}.dist-info"
    entries = sorted(entries)
    entries.append((f"{dist_info}/METADATA", (
        "Metadata-Version: 2.1\n"
        f"Name: {DIST_NAME.replace('_', '-')}\n"
        f"Version: {version}\n"
        "Summary: Photo and course checkers of the 自考 handbook (pure standard library)\n"
        "Requires-Python: >=3.12\n"
    ).encode()))
    entries.append((f"{dist_info}/WHEEL", (
        "Wheel-Version: 1.0\nGenerator: runtime.wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    ).encode()))
    entries.append((f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode()))
    record = "\n".join(_record_line(n, d) for n, d in entries) + f"\n{dist_info}/RECORD,,\n"
    path = out_dir / f"{DIST_NAME}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries:
            _write(zf, name, data)
        _write(zf, f"{dist_info}/RECORD", record.encode())
    return path


def write_zip(entries: list[tuple[str, bytes]], path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries:
            _write(zf, name, data)
    return path


def read_zip(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(i.filename, zf.read(i.filename)) for i in zf.infolist() if not i.is_dir()]
