"""checkers.photo.pixel_checks via api.check: background colour and uniformity, framing (head top, centring)."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import ImageDraw

from checkers.photo import api

from .conftest import by_id
from .factory import LIGHT_BLUE, WHITE, jpeg, pixels, pixels_of, portrait

NATIONAL = "national/graduation"
GREY = (240, 240, 240)
RED = (200, 30, 40)


def run(spec: str = NATIONAL, **kw: Any) -> dict[str, Any]:
    data = jpeg(portrait(**kw))
    return api.check(data, spec, filename="photo.jpg", pixels=pixels_of(data))


def bg(spec: str, colour: tuple[int, int, int], **kw: Any) -> dict[str, Any]:
    return by_id(run(spec, bg=colour, **kw), "background")


def frame(spec: str = NATIONAL, **kw: Any) -> dict[str, Any]:
    return by_id(run(spec, **kw), "framing")


# --- background -----------------------------------------------------------------------------------

def test_background_reference_colour() -> None:
    ok = bg(NATIONAL, LIGHT_BLUE)
    assert ok["status"] == "pass" and "浅蓝色" in ok["message"] and "100, 197, 255" in ok["message"]
    white = bg(NATIONAL, WHITE)
    assert white["status"] == "fail" and "白色" in white["message"] and "换成规定的背景色" in white["message"]
    assert bg(NATIONAL, RED)["status"] == "fail"
    assert bg(NATIONAL, (150, 210, 255))["status"] == "pass"  # a paler light blue, lightness within 6
    id_blue = bg(NATIONAL, (66, 142, 218))
    assert id_blue["status"] == "fail" and "不是浅蓝色" in id_blue["message"]
    darker = bg(NATIONAL, (85, 167, 217))  # the reference 15 % darker
    assert darker["status"] == "pass" and "明度相差 11" in darker["message"]
    too_dark = bg(NATIONAL, (70, 138, 179))  # 30 % darker: still light blue, but clearly under-exposed
    assert too_dark["status"] == "warn" and "偏暗" in too_dark["message"] and "补光" in too_dark["message"]


def test_background_white_for_xinjiang() -> None:
    assert bg("xinjiang/graduation", WHITE)["status"] == "pass"
    assert bg("xinjiang/graduation", LIGHT_BLUE)["status"] == "fail"


@pytest.mark.parametrize("colour, expected", [(LIGHT_BLUE, "pass"), (WHITE, "pass"), (GREY, "pass"), (RED, "fail"),
                                              ((60, 60, 60), "fail")])
def test_background_three_choices_for_jiangxi(colour: tuple[int, int, int], expected: str) -> None:
    assert bg("jiangxi/graduation", colour)["status"] == expected


@pytest.mark.parametrize("spec, colour, expected", [
    ("guangdong/registration", (140, 200, 240), "pass"),
    ("guangdong/registration", (20, 60, 160), "fail"),  # blue, but not light
    ("guangdong/registration", (67, 142, 219), "fail"),
    ("guangxi/registration", (100, 197, 255), "pass"),  # 蓝色 means the blue series, light blue included
    ("guangxi/registration", (67, 142, 219), "pass"),
    ("xinjiang/graduation", (217, 217, 217), "pass"),  # white 15 % under-exposed
    ("xinjiang/graduation", (175, 175, 175), "warn"),  # grey: perhaps a white backdrop much too dark
    ("guangdong/registration", WHITE, "fail"),
    ("jiangsu/registration", RED, "pass"),
    ("jiangsu/registration", (30, 80, 200), "pass"),
    ("jiangsu/registration", WHITE, "fail"),
    ("henan/registration", WHITE, "pass"),
    ("henan/registration", LIGHT_BLUE, "fail"),
])
def test_background_colour_families(spec: str, colour: tuple[int, int, int], expected: str) -> None:
    kw = {"width": 300, "height": 400} if spec == "jiangsu/registration" else {}
    assert bg(spec, colour, **kw)["status"] == expected


def _check_image(image: Any, spec: str = NATIONAL) -> dict[str, Any]:
    data = jpeg(image)
    return api.check(data, spec, filename="photo.jpg", pixels=pixels_of(data))


def test_background_gradient_fails() -> None:
    image = portrait()
    draw = ImageDraw.Draw(image)
    for x in range(480):  # lighting falls off towards the right, across the whole background
        shade = x * 70 // 480
        colour = (100 - shade, 197 - shade, 255 - shade // 2)
        draw.line([(x, 0), (x, 40)], fill=colour)
        if x < 24 or x >= 456:
            draw.line([(x, 40), (x, 320)], fill=colour)
    result = _check_image(image)
    item = by_id(result, "background")
    assert item["status"] == "fail" and "不是均匀的纯色背景" in item["message"]
    assert by_id(result, "framing")["status"] == "skip"


def test_background_shadow_and_clutter() -> None:
    image = portrait()
    ImageDraw.Draw(image).rectangle([440, 0, 479, 300], fill=(60, 110, 150))  # a dark strip down the right edge
    item = by_id(_check_image(image), "background")
    assert item["status"] == "fail" and item["values"]["outliers"] > 0.12


def test_shadow_behind_the_shoulder_fails_with_advice() -> None:
    image = portrait()
    ImageDraw.Draw(image).polygon([(300, 330), (479, 250), (479, 639), (300, 639)], fill=(60, 118, 153))
    image.paste(portrait().crop((0, 0, 300, 640)))
    result = _check_image(image)
    item = by_id(result, "background")
    assert item["status"] == "fail" and "右侧的背景上有阴影" in item["message"] and "离背景远一些" in item["message"]
    framing = by_id(result, "framing")
    assert framing["status"] == "pass" and abs(framing["values"]["offset_px"]) <= 6  # the shadow is not the person


def test_background_uniform_only_rule() -> None:
    assert bg("anhui/registration", (180, 90, 200), width=144, height=192)["status"] == "pass"
    image = portrait(144, 192)
    ImageDraw.Draw(image).rectangle([0, 0, 143, 12], fill=(20, 20, 20))
    assert by_id(_check_image(image, "anhui/registration"), "background")["status"] == "fail"


def test_background_skipped_without_pixels(good: bytes) -> None:
    item = by_id(api.check(good, NATIONAL), "background")
    assert item["status"] == "skip" and "像素" in item["message"]
    reason = by_id(api.check(good, NATIONAL, skip_reason="浏览器无法解码这张照片"), "background")
    assert reason["status"] == "skip" and "浏览器无法解码" in reason["message"]


# --- framing --------------------------------------------------------------------------------------

def test_framing_pass() -> None:
    item = frame(head_top=80)
    assert item["status"] == "pass" and abs(item["values"]["head_top"] - 80) <= 2
    assert "50–110" in item["message"] and "不测量" in item["message"]


@pytest.mark.parametrize("head_top, word", [(25, "往上移"), (150, "往下移")])
def test_framing_head_top_outside(head_top: int, word: str) -> None:
    item = frame(head_top=head_top)
    assert item["status"] == "fail" and word in item["message"] and abs(item["values"]["head_top"] - head_top) <= 2
    assert f"{item['values']['head_top']} 像素" in item["message"]


def test_framing_head_cut_off() -> None:
    item = frame(head_top=-10)
    assert item["status"] == "fail" and item["values"]["head_top"] == 0


def test_framing_centring() -> None:
    assert frame(shift=10)["status"] == "pass"
    warn = frame(shift=-35)
    assert warn["status"] == "warn" and "偏左" in warn["message"]
    fail = frame(shift=70)
    assert fail["status"] == "fail" and "偏右" in fail["message"] and "往右移" in fail["message"]


def test_framing_no_sitter() -> None:
    item = frame(person=False)
    assert item["status"] == "fail" and "没有找到人像" in item["message"]


def test_framing_scaled_to_photo_height() -> None:
    item = frame(width=960, height=1280, head_top=160)  # 80 px at 640 high
    assert item["status"] == "pass" and "100–220" in item["message"]
    assert frame(width=960, height=1280, head_top=70)["status"] == "fail"


def test_framing_percent_rule_is_soft() -> None:
    assert frame("sichuan/registration", width=360, height=480, head_top=48)["status"] == "pass"
    item = frame("sichuan/registration", width=360, height=480, head_top=110)
    assert item["status"] == "warn" and "%" in item["message"]


def test_framing_skipped_without_rule() -> None:
    item = frame("henan/registration", bg=WHITE)
    assert item["status"] == "skip" and "没有构图要求" in item["message"]


def test_framing_on_white_background() -> None:
    assert frame("xinjiang/graduation", bg=WHITE)["status"] == "pass"


def test_downscaled_pixels_are_mapped_back() -> None:
    data = jpeg(portrait(960, 1280, head_top=160))
    half = pixels(portrait(960, 1280, head_top=160).resize((480, 640)))
    item = by_id(api.check(data, NATIONAL, pixels=half), "framing")
    assert item["status"] == "pass" and abs(item["values"]["head_top"] - 160) <= 4


def test_pixels_of_another_size_are_refused() -> None:
    data = jpeg(portrait(640, 480))
    upright = pixels(portrait(480, 640))
    item = by_id(api.check(data, NATIONAL, pixels=upright), "background")
    assert item["status"] == "skip" and "存储方向" in item["message"]


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_turned_photos_are_not_analysed(orientation: int) -> None:
    image = portrait().rotate({3: 180, 6: 90, 8: 270}[orientation], expand=True)
    data = jpeg(image, orientation=orientation)
    result = api.check(data, NATIONAL, pixels=pixels_of(data))
    for cid in ("background", "framing"):
        item = by_id(result, cid)
        assert item["status"] == "skip" and f"方向标记 {orientation}" in item["message"] and "转正" in item["message"]
    assert by_id(result, "orientation")["status"] == "fail"


def test_mirrored_photo_is_still_analysed() -> None:
    data = jpeg(portrait(), orientation=2)
    assert by_id(api.check(data, NATIONAL, pixels=pixels_of(data)), "framing")["status"] == "pass"


def test_a_colour_named_after_its_family_is_not_named_twice() -> None:
    """The requirement names each allowed colour once: "浅蓝色", not "浅蓝色（浅蓝色）"; a colour whose name differs
    from its family still says the family, and a colour with a reference value gives the value."""
    from checkers.photo.pixel_checks import _wanted
    from checkers.photo.spec import Colour

    wanted = _wanted((Colour("浅蓝色", family="light_blue"), Colour("蓝色", family="blue"),
                      Colour("白色", rgb=(255, 255, 255))))
    assert wanted == "浅蓝色、蓝色（蓝色系）、白色（参考色值 RGB(255, 255, 255)）"
