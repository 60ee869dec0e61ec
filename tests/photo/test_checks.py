"""checkers.photo.checks: a pass and a fail (and the warn/skip cases) for every file-level check."""

from __future__ import annotations

import struct
from typing import Any

import pytest

from checkers.photo import api
from checkers.photo.table import CHECK_IDS
from checkers.photo.spec import FilenameRule, Limit

from .conftest import by_id, statuses
from .factory import LIGHT_BLUE, jpeg, patch, portrait, segment_offset, with_comment

NATIONAL = "national/graduation"


def check(data: bytes, spec: str = NATIONAL, filename: str | None = "photo.jpg", **kw: Any) -> dict[str, Any]:
    return api.check(data, spec, filename=filename, **kw)


def status(data: bytes, cid: str, spec: str = NATIONAL, **kw: Any) -> str:
    return statuses(check(data, spec, **kw))[cid]


def test_compliant_photo_passes_every_file_check(good: bytes) -> None:
    result = check(good)
    assert [c["id"] for c in result["checks"]] == list(CHECK_IDS)
    got = statuses(result)
    assert all(got[c] == "pass" for c in ("format", "extensions", "file_size_kb", "dimensions", "dpi", "color",
                                          "quality", "orientation")), got
    assert got["background"] == got["framing"] == "skip" and got["filename"] == "skip"
    assert result["ok"] is True
    for item in result["checks"]:
        assert item["message"].endswith("。") and not item["message"].isascii()


# --- format ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n" + bytes(40), b"not a photo at all"])
def test_format_fails_for_non_jpeg(data: bytes) -> None:
    result = check(data)
    got = statuses(result)
    assert got["format"] == "fail" and result["ok"] is False
    for cid in ("dimensions", "dpi", "color", "quality", "orientation", "background", "framing", "file_size_kb"):
        assert got[cid] == "skip", cid
    assert "JPEG" in by_id(result, "format")["message"]


def test_format_truncated_file_says_so(good: bytes) -> None:
    item = by_id(check(good[: len(good) // 2]), "format")
    assert item["status"] == "fail" and "截断" in item["message"] and item["values"]["code"] == "truncated"


def test_format_warns_on_data_after_end_marker(good: bytes) -> None:
    item = by_id(check(good + bytes(3000)), "format")
    assert item["status"] == "warn" and "3000 字节" in item["message"]


def test_format_warns_on_rare_coding(good: bytes) -> None:
    sof = segment_offset(good, 0xC0)
    arithmetic = patch(good, sof, b"\xff\xc9")
    item = by_id(check(arithmetic), "format")
    assert item["status"] == "warn" and "SOF9" in item["message"]


def test_format_passes_progressive() -> None:
    assert status(jpeg(portrait(), progressive=True), "format") == "pass"


# --- extension ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("photo.jpg", "pass"), ("PHOTO.JPG", "pass"), ("photo.jpeg", "fail"), ("photo.png", "fail"), ("photo", "fail"),
])
def test_extension_national_wants_jpg(good: bytes, name: str, expected: str) -> None:
    assert status(good, "extensions", filename=name) == expected


@pytest.mark.parametrize("name, expected", [("a.jpeg", "pass"), ("a.jpg", "pass"), ("a.png", "warn")])
def test_extension_without_rule(good: bytes, variant: Any, name: str, expected: str) -> None:
    catalog = variant(NATIONAL, extensions=None)
    assert statuses(api.check(good, "test/graduation", name, catalog=catalog))["extensions"] == expected


@pytest.mark.parametrize("spec, name, expected", [
    ("henan/registration", "a.jpg", "pass"), ("henan/registration", "a.jpeg", "fail"),  # 扩展名应为 JPG
    ("jiangsu/registration", "a.jpeg", "pass"), ("jiangsu/registration", "a.png", "fail"),  # JPG 格式
])
def test_extension_rules_of_provinces(good: bytes, spec: str, name: str, expected: str) -> None:
    assert status(good, "extensions", spec, filename=name) == expected


def test_extension_skipped_without_a_name(good: bytes) -> None:
    assert status(good, "extensions", filename=None) == "skip"


# --- file_size (KB = 1024 bytes) ------------------------------------------------------------------

def test_file_size_limits_use_1024_bytes(good: bytes) -> None:
    at_max = with_comment(good, 40 * 1024)
    over = with_comment(good, 40 * 1024 + 1)
    at_min = with_comment(jpeg(portrait(noise=0)), 20 * 1024)
    # shaanxi/graduation: 20–40 KB, a hard limit (its source says “不得超过 40KB”; fujian and gansu/registration are soft)
    assert status(at_max, "file_size_kb", "shaanxi/graduation") == "pass"
    assert status(over, "file_size_kb", "shaanxi/graduation") == "fail"
    assert status(at_min, "file_size_kb", "shaanxi/graduation") == "pass"
    under = with_comment(jpeg(portrait(noise=0)), 20 * 1024 - 1)
    assert status(under, "file_size_kb", "shaanxi/graduation") == "fail"


def test_file_size_soft_limit_warns(good: bytes) -> None:
    item = by_id(check(with_comment(good, 41 * 1024)), "file_size_kb")
    assert item["status"] == "warn" and "41.0 KB" in item["message"] and "1024" in item["message"]


def test_file_size_padding_after_end_marker_warns() -> None:
    small = jpeg(portrait(noise=0), quality=40)
    padded = small + bytes(25 * 1024 - len(small))
    item = by_id(check(padded, "fujian/registration"), "file_size_kb")
    assert item["status"] == "warn" and "附加数据" in item["message"]


def test_file_size_uses_the_real_size_when_given(good: bytes) -> None:
    assert status(good, "file_size_kb", "shaanxi/graduation", file_size=80 * 1024) == "fail"


# --- dimensions -----------------------------------------------------------------------------------

def test_dimensions_exact(good: bytes) -> None:
    assert status(good, "dimensions") == "pass"
    small = by_id(check(jpeg(portrait(360, 480))), "dimensions")
    assert small["status"] == "fail" and "360×480" in small["message"] and "放大" in small["message"]


def test_dimensions_minimum_only() -> None:
    assert status(jpeg(portrait(168, 192)), "dimensions", "guangdong/registration") == "pass"
    assert status(jpeg(portrait(160, 192)), "dimensions", "guangdong/registration") == "fail"


def test_dimensions_aspect() -> None:
    assert status(jpeg(portrait(300, 400)), "dimensions", "jiangsu/registration") == "pass"
    assert status(jpeg(portrait(400, 400)), "dimensions", "jiangsu/registration") == "fail"


def test_dimensions_outside_soft_limits_only_warn() -> None:
    """sichuan/registration: 360×480 from a 2014 notice, 480×640 on a 2023 page; both limits are soft, so a photo of
    the other size is told, not failed (as a soft file size is)."""
    spec = "sichuan/registration"
    assert status(jpeg(portrait(360, 480)), "dimensions", spec) == "pass"
    other = by_id(check(jpeg(portrait(480, 640)), spec), "dimensions")
    assert other["status"] == "warn" and "480×640" in other["message"]


def test_dimensions_mentions_exif_rotation() -> None:
    sideways = by_id(check(jpeg(portrait(640, 480), orientation=6)), "dimensions")
    assert sideways["status"] == "fail" and "EXIF" in sideways["message"] and "转正" in sideways["message"]
    small = by_id(check(jpeg(portrait(480, 360), orientation=6)), "dimensions")
    assert small["status"] == "fail" and "转正" not in small["message"]


# --- dpi ------------------------------------------------------------------------------------------

def test_dpi(good: bytes) -> None:
    assert status(good, "dpi") == "pass"
    assert status(jpeg(portrait(), dpi=(72, 72)), "dpi") == "fail"
    missing = by_id(check(jpeg(portrait(), dpi=None)), "dpi")
    assert missing["status"] == "fail" and "没有记录分辨率" in missing["message"]


def test_dpi_in_dots_per_cm(good: bytes) -> None:
    app0 = segment_offset(good, 0xE0)
    per_cm = patch(good, app0 + 11, b"\x02" + struct.pack(">HH", 118, 118))
    item = by_id(check(per_cm), "dpi")
    assert item["status"] == "pass" and item["values"]["dpi"] == [299.7, 299.7]


def test_dpi_minimum_rule_and_a_soft_minimum_only_warns() -> None:
    # anhui/registration: "不低于 300dpi" from a page that can no longer be found, so the minimum is soft
    assert status(jpeg(portrait(144, 192), dpi=(350, 350)), "dpi", "anhui/registration") == "pass"
    assert status(jpeg(portrait(144, 192), dpi=(200, 200)), "dpi", "anhui/registration") == "warn"
    assert status(jpeg(portrait(480, 640), dpi=(200, 200)), "dpi", "national/graduation") == "fail"


def test_dpi_skipped_without_rule(good: bytes) -> None:
    assert status(good, "dpi", "guangdong/registration") == "skip"


# --- color ----------------------------------------------------------------------------------------

def test_color() -> None:
    assert status(jpeg(portrait()), "color") == "pass"
    grey = by_id(check(jpeg(portrait().convert("L"))), "color")
    assert grey["status"] == "fail" and "灰度" in grey["message"] and grey["values"]["components"] == 1
    cmyk = by_id(check(jpeg(portrait().convert("CMYK"))), "color")
    assert cmyk["status"] == "fail" and "CMYK" in cmyk["message"]


def test_color_twelve_bit_fails(good: bytes) -> None:
    sof = segment_offset(good, 0xC0)
    item = by_id(check(patch(good, sof + 4, b"\x0c")), "color")
    assert item["status"] == "fail" and "12 位" in item["message"]


# --- quality --------------------------------------------------------------------------------------

def test_quality(good: bytes) -> None:
    item = by_id(check(good), "quality")
    assert item["status"] == "pass" and item["values"] == {"quality": 85, "exact": True, "distance": 0}
    low = by_id(check(jpeg(portrait(), quality=30)), "quality")
    assert low["status"] == "fail" and "30" in low["message"] and "60" in low["message"]
    assert status(jpeg(portrait(), quality=60), "quality") == "pass"
    assert status(jpeg(portrait(), quality=59), "quality") == "fail"


def test_quality_says_when_tables_are_not_ijg() -> None:
    from checkers.photo.quality import CHROMA, LUMA

    tables = [[max(1, v * 3 // 5 + 1) for v in LUMA], [max(1, v // 2 + 2) for v in CHROMA]]
    item = by_id(check(jpeg(portrait(), quality=None, qtables=tables)), "quality")
    assert item["status"] == "pass" and "不是 IJG" in item["message"] and item["values"]["exact"] is False
    coarse = [[min(255, v * 3 + 7) for v in LUMA], [min(255, v * 3 + 7) for v in CHROMA]]
    low = by_id(check(jpeg(portrait(), quality=None, qtables=coarse)), "quality")
    assert low["status"] == "fail" and "估计" in low["message"]


# --- orientation ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [(None, "pass"), (1, "pass"), (3, "fail"), (6, "fail"), (8, "fail"),
                                             (2, "fail"), (9, "warn")])
def test_orientation(value: int | None, expected: str) -> None:
    item = by_id(check(jpeg(portrait(), orientation=value)), "orientation")
    assert item["status"] == expected
    if expected == "fail":
        assert f"方向标记为 {value}" in item["message"]


# --- filename -------------------------------------------------------------------------------------

def test_filename(good: bytes) -> None:
    assert status(good, "filename") == "skip"  # national has no naming rule
    rule = "guangxi/graduation"
    bg = jpeg(portrait(bg=(40, 90, 200)))
    assert status(bg, "filename", rule, filename="123456789012张三.jpg") == "pass"
    bad = by_id(check(bg, rule, filename="IMG_0001.jpg"), "filename")
    assert bad["status"] == "fail" and "准考证号" in bad["message"]
    assert status(bg, "filename", rule, filename=None) == "skip"


def test_filename_rule_from_a_spec(good: bytes, variant: Any) -> None:
    catalog = variant(NATIONAL, filename=FilenameRule(pattern=r"[0-9]{12}\.jpg", help="12 位考籍号.jpg"))
    assert statuses(api.check(good, "test/graduation", "360101200001.jpg", catalog=catalog))["filename"] == "pass"
    assert statuses(api.check(good, "test/graduation", "me.jpg", catalog=catalog))["filename"] == "fail"


def test_rules_absent_are_skipped(good: bytes, variant: Any) -> None:
    catalog = variant(NATIONAL, file_size_kb=None, dimensions=None, color=None, quality=None, extensions=None)
    got = statuses(api.check(good, "test/graduation", "a.jpg", catalog=catalog))
    assert got["file_size_kb"] == got["dimensions"] == got["color"] == got["quality"] == "skip"
    assert got["extensions"] == "pass"


def test_soft_quality_limit_warns(good: bytes, variant: Any) -> None:
    catalog = variant(NATIONAL, quality=Limit(min=90, soft=True))
    assert statuses(api.check(good, "test/graduation", catalog=catalog))["quality"] == "warn"


def test_light_blue_constant_matches_national_reference(catalog: Any) -> None:
    assert tuple(catalog[NATIONAL].background.colours[0].rgb) == LIGHT_BLUE
