"""The photo fix in a real Chromium at 360 px: 生成合格照片 gives a file that passes the checker, the same
after-verdict as the CLI, no request while fixing; refusals name the reason; the long-press fallback."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest
from test_web_browser import PHOTO, Visit, _ready_and_quiet, visit  # noqa: F401 (visit is a fixture)

from checkers.photo.jpeg import JpegInfo, parse
from tests.photo import fixset
from tests.photo.realset import ASTRONAUT, GRACE, LIGHT_BLUE, WHITE

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SPEC = "national/graduation"
NO_DOWNLOAD = "globalThis.checkerFeatures = { download: false };"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fix-inputs")
    made = {
        "IMG_0417.JPG": fixset.phone(fixset.scene(GRACE, LIGHT_BLUE), orientation=6),
        "astronaut.png": fixset.save(fixset.scene(ASTRONAUT, LIGHT_BLUE, size=(900, 1200)), "PNG"),
        "white.jpg": fixset.phone(fixset.scene(GRACE, WHITE), orientation=1),
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in made}


def cli_fix(path: Path, spec: str, out: Path) -> dict[str, Any]:
    from checkers.photo.fixcli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([str(path), "--spec", spec, "-o", str(out), "--json"], out=stdout, err=stderr)
    assert code in (0, 1), stderr.getvalue()
    return json.loads(stdout.getvalue())


def choose(v: Visit, path: Path, spec: str = SPEC) -> None:
    v.page.select_option(f"{PHOTO} select", spec)
    v.page.set_input_files(f"{PHOTO} input[type=file]", str(path))
    v.wait(f"{PHOTO}[data-verdict]")


def fix(v: Visit) -> list[Any]:
    """Click 生成合格照片; returns the requests made from the click until the fixed verdict is shown."""
    v.page.locator('[data-action="fix"]').wait_for(state="visible")
    before = len(v.requests)
    v.page.click('[data-action="fix"]')
    v.wait(f"{PHOTO}[data-fixed-verdict]", timeout=60_000)
    return v.requests[before:]


def after_rows(v: Visit) -> list[tuple[str, str]]:
    rows = v.page.eval_on_selector_all("[data-fixed-check]", "rows => rows.map(r => [r.dataset.fixedCheck, r.dataset.status])")
    return [(a, b) for a, b in rows]


def data_url_bytes(url: str) -> bytes:
    head, _, body = url.partition(",")
    assert head == "data:image/jpeg;base64", head
    return base64.b64decode(body)


def test_fix_flow_at_360px(visit, inputs, tmp_path: Path, artifacts: Path) -> None:  # noqa: F811
    v = visit("tools/photo/", width=360)
    _ready_and_quiet(v, PHOTO)
    for name in ("IMG_0417.JPG", "astronaut.png"):
        choose(v, inputs[name])
        requests = fix(v)
        assert [r.url for r in requests] == [], "a fix must not make any request"
        assert v.page.get_attribute(PHOTO, "data-fixed-verdict") == "ok", name
        link = v.page.locator("a[download][data-fixed]")
        assert link.count() == 1 and link.is_visible()
        assert link.get_attribute("download") == Path(name).stem + "_证件照.jpg"
        data = data_url_bytes(link.get_attribute("href") or "")
        info = parse(data)
        assert isinstance(info, JpegInfo) and info.exif is None and b"GPS" not in data
        assert [s.name for s in info.segments if s.name.startswith("APP")] == ["APP0"]
        saved = tmp_path / f"browser-{Path(name).stem}.jpg"
        saved.write_bytes(data)
        from web_inputs import cli_json, statuses

        checked = cli_json(saved, SPEC)
        assert checked["ok"], checked
        cli = cli_fix(inputs[name], SPEC, tmp_path)
        assert cli["ok"] and after_rows(v) == statuses(cli["after"]), name
        assert statuses(checked) == statuses(cli["after"])
        if name == "IMG_0417.JPG":
            v.page.screenshot(path=str(artifacts / "tool-photo-fix-360.png"), full_page=True)
    overflow = v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert v.errors == [] and v.csp_violations() == []


def test_unfixable_photo_is_refused_with_the_reason(visit, inputs) -> None:  # noqa: F811
    v = visit("tools/photo/", width=360)
    v.wait(f'{PHOTO}[data-state="ready"]')
    choose(v, inputs["white.jpg"])
    assert fix(v) == []
    assert v.page.get_attribute(PHOTO, "data-fixed-verdict") == "fail"
    assert v.page.locator("a[data-fixed]").count() == 0 and v.page.locator("img[data-fixed-save]").count() == 0
    reason = v.page.locator('[data-unfixable="background"]').inner_text()
    assert "重新拍摄" in reason


def test_long_press_fallback_where_downloads_cannot_happen(visit, inputs, tmp_path: Path, artifacts: Path) -> None:  # noqa: F811
    v = visit("tools/photo/", width=360, route=None)
    v.page.add_init_script(NO_DOWNLOAD)
    v.page.reload()
    v.wait(f'{PHOTO}[data-state="ready"]')
    choose(v, inputs["IMG_0417.JPG"])
    fix(v)
    assert v.page.get_attribute(PHOTO, "data-fixed-verdict") == "ok"
    assert v.page.locator("a[download]").count() == 0
    image = v.page.locator("img[data-fixed-save]")
    assert image.is_visible()
    data = data_url_bytes(image.get_attribute("src") or "")
    saved = tmp_path / "saved.jpg"
    saved.write_bytes(data)
    from web_inputs import cli_json

    assert cli_json(saved, SPEC)["ok"]
    hint = v.page.locator('[data-fallback="long-press"]')
    assert hint.is_visible() and "长按" in hint.inner_text()
    assert "IMG_0417_证件照.jpg" in v.page.locator(".checker__save").inner_text()
    v.page.locator(".checker__fix").screenshot(path=str(artifacts / "tool-photo-fix-longpress-360.png"))
