"""checkers.photo.api: specs(), inspect() for the browser, check()'s contract, guides() for the preview."""

from __future__ import annotations

import json
import struct

import pytest

from checkers import web
from checkers.photo import api
from checkers.photo.table import CHECK_IDS

from .factory import jpeg, patch, portrait, segment_offset


def test_specs_listing() -> None:
    rows = api.specs()
    ids = [r["id"] for r in rows]
    assert ids == sorted(ids) and "national/graduation" in ids
    assert set(rows[0]) == {"id", "title", "province", "province_name", "purpose", "confidence"}


def test_inspect_compliant(good: bytes) -> None:
    info = api.inspect(good)
    assert info == {"ok": True, "width": 480, "height": 640, "orientation": None, "decode_allowed": True,
                    "reason": None, "decode_width": 480, "decode_height": 640}


def test_inspect_rotated_and_large() -> None:
    info = api.inspect(jpeg(portrait(640, 480), orientation=6))
    assert info["orientation"] == 6 and (info["width"], info["height"]) == (640, 480)
    big = api.inspect(jpeg(portrait(3000, 4000, noise=0), quality=50))
    assert big["decode_allowed"] and big["decode_width"] * big["decode_height"] <= 4_000_000 * 1.01


def test_inspect_refuses_a_decompression_bomb(good: bytes) -> None:
    sof = segment_offset(good, 0xC0)
    info = api.inspect(patch(good, sof + 5, struct.pack(">HH", 65000, 65000)))
    assert info["ok"] is True and info["decode_allowed"] is False
    assert info["decode_width"] is None and "65000×65000" in info["reason"]


@pytest.mark.parametrize("data", [b"", b"GIF89a" + bytes(30), b"\xff\xd8\xff"])
def test_inspect_not_a_jpeg(data: bytes) -> None:
    info = api.inspect(data)
    assert info["ok"] is False and info["decode_allowed"] is False and info["reason"]


def test_inspect_accepts_bytearray_and_memoryview(good: bytes) -> None:
    assert api.inspect(bytearray(good))["ok"] and api.inspect(memoryview(good))["ok"]


def test_check_contract_is_json(good: bytes) -> None:
    result = api.check(good, "national/graduation", filename="photo.jpg")
    assert set(result) == {"spec", "ok", "checks"} and result["spec"] == "national/graduation"
    assert [c["id"] for c in result["checks"]] == list(CHECK_IDS)
    for item in result["checks"]:
        assert {"id", "status", "message"} <= set(item) and item["status"] in ("pass", "fail", "warn", "skip")
    assert json.loads(json.dumps(result)) == result


def test_check_unknown_spec(good: bytes) -> None:
    with pytest.raises(api.UnknownSpec) as err:
        api.check(good, "atlantis/graduation")
    assert "national/graduation" in err.value.message and "national/graduation" in err.value.valid


def test_pixel_budget_applies_even_when_pixels_are_passed(good: bytes) -> None:
    from .factory import pixels

    sof = segment_offset(good, 0xC0)
    bomb = patch(good, sof + 5, struct.pack(">HH", 65000, 65000))
    result = api.check(bomb, "national/graduation", pixels=pixels(portrait()))
    bg = next(c for c in result["checks"] if c["id"] == "background")
    assert bg["status"] == "skip" and "上限" in bg["message"]


def test_guides_national() -> None:
    out = api.guides("national/graduation", 480, 640)
    lines = {line["id"]: line for line in out["lines"]}
    assert lines["head_top_min"]["at"] == 50 and lines["head_top_max"]["at"] == 110 and lines["centre"]["at"] == 240
    assert lines["centre"]["axis"] == "x" and lines["head_top_min"]["axis"] == "y"
    assert {b["id"] for b in out["bands"]} == {"head_top", "centre"}


def test_guides_scale_with_the_photo() -> None:
    lines = {line["id"]: line["at"] for line in api.guides("national/graduation", 960, 1280)["lines"]}
    assert (lines["head_top_min"], lines["head_top_max"], lines["centre"]) == (100, 220, 480)
    percent = {line["id"]: line["at"] for line in api.guides("sichuan/registration", 360, 480)["lines"]}
    assert (percent["head_top_min"], percent["head_top_max"]) == (24, 72)


def test_guides_empty_without_framing_rule() -> None:
    assert api.guides("henan/registration", 480, 640)["lines"] == []


def test_guides_bad_input() -> None:
    with pytest.raises(api.UnknownSpec):
        api.guides("nope/graduation", 480, 640)
    with pytest.raises(ValueError):
        api.guides("national/graduation", 0, 640)


def test_web_ops(good: bytes) -> None:
    out = web.call("photo_guides", {"spec": "national/graduation", "width": 480.0, "height": 640})
    assert out["lines"]
    with pytest.raises(web.BadRequest):
        web.call("photo_guides", {"spec": "national/graduation", "width": "480", "height": 640})
    result = web.call("check_photo", {"data": good, "spec": "national/graduation", "filename": "a.jpg",
                                      "pixels": None, "skip_reason": "浏览器无法解码这张照片"})
    framing = next(c for c in result["checks"] if c["id"] == "framing")
    assert framing["status"] == "skip" and "浏览器无法解码" in framing["message"]
    assert web.call("inspect_photo", {"data": good})["decode_allowed"] is True



def test_web_warm_imports_every_checkers_module() -> None:
    """What the browser's memory snapshot is made after (engine.mjs): every module of the package imported, in a
    fresh interpreter (this one has imported most of them already)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    import checkers

    code = ("import json, sys; from checkers import web; skipped = web.warm(); "
            "print(json.dumps([skipped, sorted(m for m in sys.modules if m.startswith('checkers'))]))")
    skipped, imported = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                  check=True).stdout)
    base = Path(checkers.__path__[0])
    files = {".".join(("checkers", *p.relative_to(base).with_suffix("").parts)).removesuffix(".__init__")
             for p in base.rglob("*.py") if p.stem != "__main__"}
    assert skipped == [] and files <= set(imported), sorted(files - set(imported))


def test_web_warm_steps_are_small_and_cover_warm() -> None:
    """The worker runs warm() one step at a time (worker.mjs), so that a reader's request waits for one step at most:
    every step is one module, one part of the catalog or one argument-free operation, and together they are warm()."""
    steps = web.warm_steps()
    modules = [s for s in steps if s.startswith("checkers")]
    assert len(set(steps)) == len(steps) and steps[-5:] == ["catalog.photo_specs", "catalog.plans", "limits", "specs", "plans"]
    assert "checkers.photo.api" in modules and "checkers.courses.api" in modules and "checkers.web" in modules
    assert all(web.warm_step(s) is True for s in steps)
    assert web.warm_step("checkers.no_such_module") is False
