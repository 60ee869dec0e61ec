"""checkers.photo.colour: CIELAB values, and families that hold under ±15 % exposure."""

from __future__ import annotations

import pytest

from checkers.photo.colour import chromaticity, family, lab, lch, words


def scaled(rgb: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    return tuple(min(255, round(c * k)) for c in rgb)  # type: ignore[return-value]


def test_lab_reference_values() -> None:
    # The commonly published sRGB → CIELAB (D65) values of white, red and blue.
    assert [round(v, 1) for v in lab((255, 255, 255))] == [100.0, 0.0, 0.0]
    assert [round(v, 1) for v in lab((255, 0, 0))] == [53.2, 80.1, 67.2]
    assert [round(v, 1) for v in lab((0, 0, 255))] == [32.3, 79.2, -107.9]
    assert lab((0, 0, 0))[0] == 0


@pytest.mark.parametrize("rgb, expected, name", [
    ((255, 255, 255), "white", "白色"),
    ((240, 240, 240), "white", "白色"),
    ((100, 197, 255), "light_blue", "浅蓝色"),
    ((140, 200, 240), "light_blue", "浅蓝色"),
    ((66, 142, 218), "blue", "蓝色"),  # the usual ID-photo blue is not light blue
    ((20, 60, 160), "blue", "深蓝色"),
    ((200, 30, 40), "red", "红色"),
    ((128, 128, 128), "other", "灰色"),
    ((10, 10, 10), "other", "黑色"),
    ((60, 160, 60), "other", "绿色"),
    ((214, 172, 142), "other", "橙色"),  # skin is not red
])
def test_families(rgb: tuple[int, int, int], expected: str, name: str) -> None:
    assert family(lab(rgb)) == expected and words(lab(rgb)) == name


@pytest.mark.parametrize("rgb", [(100, 197, 255), (66, 142, 218), (255, 255, 255), (200, 30, 40)])
@pytest.mark.parametrize("k", [0.85, 0.9, 1.1, 1.15])
def test_families_hold_under_fifteen_percent_exposure(rgb: tuple[int, int, int], k: float) -> None:
    assert family(lab(scaled(rgb, k))) == family(lab(rgb))


def test_light_blue_darker_and_id_blue_brighter_share_lightness_but_not_family() -> None:
    dark_light_blue, bright_id_blue = lab(scaled((100, 197, 255), 0.85)), lab(scaled((66, 142, 218), 1.15))
    assert abs(dark_light_blue[0] - bright_id_blue[0]) < 1
    assert (family(dark_light_blue), family(bright_id_blue)) == ("light_blue", "blue")


def test_chromaticity_is_kept_by_a_shadow() -> None:
    a, b = chromaticity(lab((100, 197, 255))), chromaticity(lab(scaled((100, 197, 255), 0.6)))
    assert abs(a[0] - b[0]) < 0.02 and abs(a[1] - b[1]) < 0.02
    assert lch(lab((100, 197, 255)))[2] == pytest.approx(252.3, abs=0.1)
