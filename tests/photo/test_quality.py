"""checkers.photo.quality: IJG tables per quality, exact matches for libjpeg output, estimates otherwise."""

from __future__ import annotations

import pytest

from checkers.photo.jpeg import JpegInfo, parse
from checkers.photo.quality import CHROMA, LUMA, estimate, ijg_table, scale_factor

from .factory import jpeg, portrait


def test_scaling_matches_libjpeg() -> None:
    assert scale_factor(50) == 100 and scale_factor(75) == 50 and scale_factor(10) == 500 and scale_factor(100) == 0
    assert ijg_table(LUMA, 50) == LUMA
    assert set(ijg_table(LUMA, 100)) == {1}
    assert max(ijg_table(CHROMA, 1)) == 255 and max(ijg_table(CHROMA, 1, baseline=False)) > 255


@pytest.mark.parametrize("quality", [5, 30, 59, 60, 75, 85, 95, 100])
def test_libjpeg_files_match_exactly(quality: int) -> None:
    info = parse(jpeg(portrait(64, 80), quality=quality))
    assert isinstance(info, JpegInfo)
    est = estimate(info.quant_tables, 0, 1)
    assert est is not None and est.exact and est.quality == quality and est.distance == 0


def test_foreign_tables_are_an_estimate() -> None:
    luma = [max(1, v * 3 // 5 + 1) for v in LUMA]  # not any IJG scaling
    chroma = [max(1, v // 2 + 2) for v in CHROMA]
    info = parse(jpeg(portrait(64, 80), quality=None, qtables=[luma, chroma]))
    assert isinstance(info, JpegInfo)
    est = estimate(info.quant_tables, 0, 1)
    assert est is not None and not est.exact and est.distance > 0
    assert 60 <= est.quality <= 90


def test_absent_table() -> None:
    assert estimate({}, 0, 1) is None
    assert estimate({0: (1,) * 10}, 0, None) is None
