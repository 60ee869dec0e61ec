"""checkers.photo.analysis on drawn portraits: backdrop, person (head top, centre), shadows, clutter."""

from __future__ import annotations

import pytest
from PIL import ImageDraw

from checkers.photo.analysis import analyse
from checkers.photo.pixels import Pixels

from .factory import LIGHT_BLUE, WHITE, pixels, portrait


@pytest.mark.parametrize("size", [(144, 192), (360, 480), (480, 640), (1200, 1600), (640, 480)])
@pytest.mark.parametrize("colour", [LIGHT_BLUE, WHITE, (200, 30, 40)])
def test_head_top_and_centre_found(size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    w, h = size
    for top, shift in ((h // 8, 0), (h // 5, w // 10)):
        layout = analyse(pixels(portrait(w, h, bg=colour, head_top=top, shift=shift)))
        assert layout.unreliable is None, (size, colour, layout)
        assert layout.head_top is not None and abs(layout.head_top - top) <= max(2, h // 160), (size, top, layout)
        assert layout.centre_x is not None and abs(layout.centre_x - (w / 2 + shift)) <= w * 0.02, (size, shift)


def test_plain_background() -> None:
    layout = analyse(pixels(portrait(bg=LIGHT_BLUE, noise=0)))
    assert layout.rgb == LIGHT_BLUE and layout.outliers == 0 and layout.gradient == 0 and layout.shadow is None
    assert layout.to_dict()["rgb"] == list(LIGHT_BLUE) and layout.free > 100 and layout.touched == 0


def test_no_sitter() -> None:
    layout = analyse(pixels(portrait(person=False)))
    assert layout.head_top is None and layout.centre_x is None and layout.unreliable is None


def test_single_colour_image() -> None:
    layout = analyse(Pixels(16, 16, bytes([7, 8, 9]) * 256))
    assert layout.rgb == (7, 8, 9) and layout.head_top is None


def test_hair_at_the_top_edge_is_not_background() -> None:
    layout = analyse(pixels(portrait(head_top=-30)))
    assert layout.head_top == 0 and layout.unreliable is None
    assert layout.touched > 0.02 and layout.outliers == 0  # the hair is left out of the background statistics


def test_shadow_beside_the_person_is_not_the_person() -> None:
    image = portrait(noise=0)
    ImageDraw.Draw(image).rectangle([330, 300, 479, 639], fill=(60, 118, 153))  # light blue at 60 % exposure
    image.paste(portrait(noise=0).crop((0, 0, 330, 640)))
    layout = analyse(pixels(image))
    assert layout.shadow is not None and layout.shadow.side == "右侧" and layout.shadow.depth > 20
    assert layout.centre_x is not None and abs(layout.centre_x - 240) <= 10


def test_a_lamp_beside_the_head_makes_the_layout_unreliable() -> None:
    image = portrait()
    ImageDraw.Draw(image).rectangle([0, 40, 120, 200], fill=(250, 230, 120))
    layout = analyse(pixels(image))
    assert layout.unreliable is not None and layout.outliers > 0.12
