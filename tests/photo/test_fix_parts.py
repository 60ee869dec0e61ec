"""The fix's small parts: file names from 考籍号/身份证号, the JPEG rewrite (JFIF density, no metadata), the plan."""

from __future__ import annotations

import pytest

from checkers.catalog import photo_specs
from checkers.photo.fixplan import aspect_of, greyscale, preferred
from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.naming import NamingError, id_check_char, needs, output_name, parse_number
from checkers.photo.pixels import Pixels
from checkers.photo.rewrite import RewriteError, rewrite

from . import fixset
from .realset import LIGHT_BLUE, composite, GRACE


def test_id_number_check_digit() -> None:
    assert id_check_char("11010519491231002") == "X"  # the example number printed in GB 11643
    assert parse_number("11010519491231002x").value == "11010519491231002X"
    assert parse_number(" 0123 4567 8901 ").kind == "exam"
    with pytest.raises(NamingError, match="校验码应为 X"):
        parse_number("110105194912310021")
    with pytest.raises(NamingError, match="12 位数字的考籍号"):
        parse_number("12345")


def test_names_follow_the_spec_rule() -> None:
    specs = photo_specs()
    national, guangxi = specs["national/graduation"], specs["guangxi/graduation"]
    assert output_name(national, "IMG_1.HEIC.jpg") == "IMG_1.HEIC_证件照.jpg"
    assert output_name(national, "a.jpg", number="012345678901") == "012345678901.jpg"
    assert output_name(guangxi, "a.jpg", number="012345678901", name="张三") == "012345678901张三.jpg"
    with pytest.raises(NamingError, match="准考证号"):
        output_name(guangxi, "a.jpg")
    with pytest.raises(NamingError, match="姓名"):
        output_name(guangxi, "a.jpg", number="012345678901", name="Zhang")
    assert needs(guangxi) == {"number": True, "name": True, "help": guangxi.filename.help}  # type: ignore[union-attr]
    assert needs(national)["number"] is False


def test_rewrite_keeps_the_image_and_drops_all_metadata() -> None:
    phone = fixset.phone(composite(GRACE, LIGHT_BLUE), orientation=1)
    baseline = parse(phone)
    assert isinstance(baseline, JpegInfo) and baseline.exif is not None
    done = rewrite(phone + b"\x00" * 100, 300)
    info = parse(done.data)
    assert isinstance(info, JpegInfo)
    assert [s.name for s in info.segments if s.name.startswith("APP")] == ["APP0"]
    assert info.jfif is not None and (info.jfif.units, info.jfif.x_density, info.jfif.y_density) == (1, 300, 300)
    assert info.exif is None and info.trailing == 0 and "APP1" in done.dropped
    assert info.quant_tables == baseline.quant_tables and info.frame == baseline.frame
    # the entropy-coded data is copied unchanged: same bytes from the first DQT on
    start = next(s.offset for s in baseline.segments if s.name == "DQT")
    assert done.data.endswith(phone[start:])


def test_rewrite_refuses_what_a_fix_must_not_hand_out() -> None:
    progressive = fixset.save(composite(GRACE, LIGHT_BLUE), "JPEG", progressive=True)
    with pytest.raises(RewriteError, match="not baseline"):
        rewrite(progressive, 300)
    grey = fixset.save(composite(GRACE, LIGHT_BLUE).convert("L"), "JPEG")
    with pytest.raises(RewriteError, match="1 components"):
        rewrite(grey, 300)
    with pytest.raises(RewriteError, match="not a JPEG"):
        rewrite(b"\x89PNG\r\n\x1a\n", 300)


def test_spec_sizes() -> None:
    specs = photo_specs()
    assert aspect_of(specs["jiangsu/registration"].dimensions) == 0.75
    assert preferred(specs["hebei/graduation"].dimensions) == (480, 640)
    assert preferred(specs["guangdong/registration"].dimensions) == (168, 192)
    assert preferred(specs["jiangsu/registration"].dimensions) is None


def test_greyscale_is_told_from_colour() -> None:
    colour = composite(GRACE, LIGHT_BLUE)
    grey = colour.convert("L").convert("RGB")
    assert greyscale(Pixels(grey.width, grey.height, grey.tobytes()))
    assert not greyscale(Pixels(colour.width, colour.height, colour.tobytes()))


def test_the_fix_is_offered_for_everything_but_the_background() -> None:
    from checkers import web

    def answer(**statuses: str) -> dict:
        return {"checks": [{"id": k, "status": v} for k, v in statuses.items()]}

    ask = lambda result: web.call("fix_needs", {"spec": "guangxi/graduation", "result": result})  # noqa: E731
    assert ask(answer(format="pass", background="fail"))["offer"] is False
    assert ask(answer(file_size_kb="warn", background="fail"))["offer"] is True
    assert ask(answer(dimensions="fail"))["offer"] is True
    assert ask(answer(dimensions="pass", framing="skip"))["offer"] is False
    assert ask(answer(dpi="fail")) | {"offer": None} == {"offer": None, "number": True, "name": True,
                                                         "help": ask(answer())["help"]}
