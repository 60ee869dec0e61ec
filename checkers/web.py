"""Adapter for the browser worker: JavaScript data in, the checkers' API called, plain dicts out."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any


class BadRequest(ValueError):
    """A request from the worker that does not have the expected shape (a bug in the page, not the user)."""


def _plain(value: Any) -> Any:
    """A JsProxy (anything with ``to_py``) becomes Python data; Python data passes through."""
    to_py = getattr(value, "to_py", None)
    return to_py() if callable(to_py) else value


def _absent(value: Any) -> bool:
    """None, or JavaScript's null as Pyodide hands it over (``pyodide.ffi.jsnull``)."""
    ffi = sys.modules.get("pyodide.ffi")
    return value is None or (ffi is not None and value is getattr(ffi, "jsnull", None))


def _bytes(args: Mapping[str, Any], key: str) -> bytes:
    value = args.get(key)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    to_bytes = getattr(value, "to_bytes", None)  # a JsProxy of a Uint8Array
    if callable(to_bytes):
        return bytes(to_bytes())
    raise BadRequest(f"{key}: expected bytes, got {type(value).__name__}")


def _str(args: Mapping[str, Any], key: str, optional: bool = False) -> str | None:
    value = args.get(key)
    if _absent(value) and optional:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{key}: expected a string, got {type(value).__name__}")
    return value


def _int(pixels: Mapping[str, Any], key: str) -> int:
    value = pixels.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise BadRequest(f"{key}: expected a positive integer")
    return value


def _width_height(args: Mapping[str, Any]) -> tuple[int, int]:
    """The request's own ``width`` and ``height`` (a photo's upright size), positive integers."""
    return _int(args, "width"), _int(args, "height")


def _pixels(args: Mapping[str, Any]) -> Any:
    raw = args.get("pixels")
    if _absent(raw):
        return None
    if not isinstance(raw, Mapping):
        raise BadRequest("pixels: expected {width, height, rgb}")
    from checkers.photo.pixels import Pixels

    width, height = _int(raw, "width"), _int(raw, "height")
    rgb = _bytes(raw, "rgb")
    if len(rgb) != width * height * 3:
        raise BadRequest(f"pixels.rgb: expected {width * height * 3} bytes, got {len(rgb)}")
    return Pixels(width, height, rgb)


def specs(args: Mapping[str, Any]) -> list[dict[str, Any]]:
    from checkers.photo import api

    return api.specs()


def plans(args: Mapping[str, Any]) -> list[dict[str, Any]]:
    from checkers.courses import api

    return api.plans()


def inspect_photo(args: Mapping[str, Any]) -> dict[str, Any]:
    from checkers.photo import api

    return api.inspect(_bytes(args, "data"))


def _size(args: Mapping[str, Any]) -> int | None:
    value = args.get("file_size")
    if _absent(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BadRequest("file_size: expected a non-negative integer")
    return value


def limits(args: Mapping[str, Any]) -> dict[str, Any]:
    """What the worker must respect before handing a file over (the CLI reads at most max_input_bytes + 1)."""
    from checkers.photo.jpeg import MAX_INPUT_BYTES

    return {"max_input_bytes": MAX_INPUT_BYTES}


def check_photo(args: Mapping[str, Any]) -> dict[str, Any]:
    """api.check on the browser's pixels; adds "labels" (check id -> Chinese name) for the widget."""
    from checkers.photo import api
    from checkers.photo.table import labels

    result = api.check(
        _bytes(args, "data"),
        _str(args, "spec") or "",
        filename=_str(args, "filename", optional=True),
        pixels=_pixels(args),
        skip_reason=_str(args, "skip_reason", optional=True),
        file_size=_size(args),
    )
    names = labels()
    return {**result, "labels": {c["id"]: names[c["id"]] for c in result["checks"]}}


def photo_guides(args: Mapping[str, Any]) -> dict[str, Any]:
    from checkers.photo import api

    return api.guides(_str(args, "spec") or "", *_width_height(args))


def _prior_diploma(args: Mapping[str, Any]) -> bool:
    """The course checks' "has a prior diploma" box: absent or null means no."""
    prior = args.get("prior_diploma", False)
    prior = False if _absent(prior) else prior
    if not isinstance(prior, bool):
        raise BadRequest("prior_diploma: expected true or false")
    return prior


def check_courses(args: Mapping[str, Any]) -> dict[str, Any]:
    from checkers.courses import api

    return api.check(_str(args, "text") or "", _str(args, "plan") or "", prior_diploma=_prior_diploma(args))


def check_pasted_plan(args: Mapping[str, Any]) -> dict[str, Any]:
    """The verdict against a plan the candidate pasted: what was understood (parsed_plan), then the verdict."""
    from checkers.courses import api

    return api.check_pasted(_str(args, "plan_text") or "", _str(args, "text") or "",
                            prior_diploma=_prior_diploma(args))


def _text(args: Mapping[str, Any], key: str) -> str | None:
    value = _str(args, key, optional=True)
    return value if value and value.strip() else None


def fix_prepare(args: Mapping[str, Any]) -> dict[str, Any]:
    """For an upright photo of width×height: the size to decode it at for the plan, and what to ask for its name."""
    from checkers.photo import fix
    from checkers.photo.fixplan import plan_size
    from checkers.photo.pixels import decode_refusal

    width, height = _width_height(args)
    dw, dh = plan_size(width, height)
    return {"refusal": decode_refusal(width, height), "decode_width": dw, "decode_height": dh,
            "needs": fix.needs(_str(args, "spec") or "")}


def fix_needs(args: Mapping[str, Any]) -> dict[str, Any]:
    """Whether to offer the fix after ``result`` (a check_photo answer), and what to ask for under the spec's
    naming rule: {"offer", "number", "name", "help"}."""
    from checkers.photo import fix

    result = args.get("result")
    if not isinstance(result, Mapping):
        raise BadRequest("result: expected the check's answer")
    return {"offer": fix.worth_offering(result), **fix.needs(_str(args, "spec") or "")}


def fix_plan(args: Mapping[str, Any]) -> dict[str, Any]:
    """checkers.photo.fix.plan on the browser's upright pixels; NamingError reaches the page as its message."""
    from checkers.photo import fix

    pixels = _pixels(args)
    if pixels is None:
        raise BadRequest("pixels: required")
    return fix.plan(_bytes(args, "data"), _str(args, "spec") or "", pixels, *_width_height(args),
                    filename=_str(args, "filename", optional=True), number=_text(args, "number"),
                    name=_text(args, "name"))


def fix_step(args: Mapping[str, Any]) -> dict[str, Any]:
    from checkers.photo import fix

    target = args.get("target")
    if not isinstance(target, Mapping):
        raise BadRequest("target: expected {width, height}")
    return fix.step(_str(args, "spec") or "", (_int(target, "width"), _int(target, "height")), args.get("tries") or [])


def fix_finish(args: Mapping[str, Any]) -> dict[str, Any]:
    from checkers.photo import fix

    encoded = b"" if _absent(args.get("encoded")) else _bytes(args, "encoded")
    planned, before = args.get("planned"), args.get("before")
    if not isinstance(planned, Mapping) or not isinstance(before, Mapping):
        raise BadRequest("planned, before: expected objects")
    return fix.finish(encoded, _str(args, "spec") or "", filename=_str(args, "filename") or "", pixels=_pixels(args),
                      before=before, planned=planned, tries=args.get("tries") or [],
                      refused=_str(args, "refused", optional=True))


OPS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "specs": specs,
    "limits": limits,
    "plans": plans,
    "inspect_photo": inspect_photo,
    "check_photo": check_photo,
    "photo_guides": photo_guides,
    "check_courses": check_courses,
    "check_pasted_plan": check_pasted_plan,
    "fix_needs": fix_needs,
    "fix_prepare": fix_prepare,
    "fix_plan": fix_plan,
    "fix_step": fix_step,
    "fix_finish": fix_finish,
}


def warm_steps() -> list[str]:
    """The steps of warm(), each one small: every checkers module to import (the wheel ships sourceless .pyc
    files), then the catalog's photo specs and plans, and the argument-free operations. The worker runs them one at a time, so that a
    reader's request never waits for more than one of them."""
    import os

    import checkers

    base = checkers.__path__[0]
    steps = []
    for folder, _, files in sorted(os.walk(base)):
        package = "checkers" + folder[len(base):].replace(os.sep, ".")
        for name in sorted(files):
            stem, _, ext = name.partition(".")
            if ext not in ("py", "pyc") or stem == "__main__":
                continue
            steps.append(package if stem == "__init__" else f"{package}.{stem}")
    return [*dict.fromkeys(steps), "catalog.photo_specs", "catalog.plans", "limits", "specs", "plans"]


def warm_step(step: str) -> bool:
    """Run one step of warm_steps(); False when the module cannot be imported here."""
    import importlib

    from checkers import catalog

    if step == "catalog.photo_specs":
        catalog.photo_specs()
    elif step == "catalog.plans":
        catalog.plans()
    elif step in OPS:
        call(step, {})
    else:
        try:
            importlib.import_module(step)
        except ImportError:
            return False
    return True


def warm() -> list[str]:
    """Before a memory snapshot (engine.mjs): every step of warm_steps(), since a booted snapshot has the heap but
    not the wheel's files. Returns the modules that cannot be imported here (none in the browser today), which the
    snapshot then lacks."""
    return [step for step in warm_steps() if not warm_step(step)]


def call(op: str, args: Any = None) -> Any:
    """Run one operation named by the worker with its arguments (a JS object or a dict)."""
    handler = OPS.get(op)
    if handler is None:
        raise BadRequest(f"unknown operation: {op!r}")
    data = _plain(args) if args is not None else {}
    if not isinstance(data, Mapping):
        raise BadRequest("arguments: expected an object")
    return handler(data)
