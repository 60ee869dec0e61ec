"""checkers.photo.analysis: border statistics, silhouette (head top, centre) and colour families."""

from __future__ import annotations

import pytest

from checkers.photo.analysis import border_stats, colour_words, family_of, silhouette
from checkers.photo.pixels import Pixels

from .factory import LIGHT_BLUE, WHITE, pixels, portrait


@pytest.mark.parametrize("size", [(144, 192), (360, 480), (480, 640), (1200, 1600), (640, 480)])
@pytest.mark.parametrize("colour", [LIGHT_BLUE, WHITE, (200, 30, 40)])
def test_head_top_and_centre_found(size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    w, h = size
    for top, shift in ((h // 8, 0), (h // 5, w // 10)):
        px = pixels(portrait(w, h, bg=colour, head_top=top, shift=shift))
        border = border_stats(px)
        sil = silhouette(px, border)
        assert sil.head_top is not None and abs(sil.head_top - top) <= max(2, h // 160), (size, top, sil)
        assert sil.centre_x is not None and abs(sil.centre_x - (w / 2 + shift)) <= w * 0.02, (size, shift, sil)


def test_border_of_plain_background() -> None:
    stats = border_stats(pixels(portrait(bg=LIGHT_BLUE, noise=0)))
    assert stats.rgb == LIGHT_BLUE and stats.outliers == 0 and stats.gradient == 0 and stats.samples > 100
    assert stats.to_dict()["rgb"] == list(LIGHT_BLUE)


def test_no_sitter() -> None:
    px = pixels(portrait(person=False))
    sil = silhouette(px, border_stats(px))
    assert sil.head_top is None and sil.centre_x is None


def test_single_colour_image() -> None:
    px = Pixels(16, 16, bytes([7, 8, 9]) * 256)
    stats = border_stats(px)
    assert stats.rgb == (7, 8, 9) and silhouette(px, stats).head_top is None


@pytest.mark.parametrize("rgb, families, words", [
    ((255, 255, 255), {"white"}, "白色"),
    ((100, 197, 255), {"blue", "light_blue"}, "浅蓝色"),
    ((20, 60, 160), {"blue"}, "蓝色"),
    ((67, 142, 219), {"blue"}, "蓝色"),  # the usual ID-photo blue is not light blue
    ((140, 200, 240), {"blue", "light_blue"}, "浅蓝色"),
    ((200, 30, 40), {"red"}, "红色"),
    ((240, 240, 240), {"white"}, "白色"),
    ((128, 128, 128), set(), "灰色"),
    ((10, 10, 10), set(), "黑色"),
    ((60, 160, 60), set(), "绿色"),
])
def test_colour_families(rgb: tuple[int, int, int], families: set[str], words: str) -> None:
    assert family_of(rgb) == families and colour_words(rgb) == words
