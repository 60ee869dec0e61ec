"""checkers.photo.pixels: pixel buffers, scale factors, the pixel budget and the analysis size."""

from __future__ import annotations

from checkers.photo.pixels import ANALYSIS_PIXELS, MAX_PIXELS, Pixels, analysis_size, decode_refusal


def test_problem() -> None:
    assert Pixels(8, 8, bytes(192)).problem() is None
    assert "太小" in (Pixels(4, 8, bytes(96)).problem() or "")
    assert "不符" in (Pixels(8, 8, bytes(10)).problem() or "")


def test_scale_to() -> None:
    px = Pixels(240, 320, b"")
    assert px.scale_to(480, 640) == (2.0, 2.0)
    assert px.scale_to(240, 320) == (1.0, 1.0)
    assert px.scale_to(320, 240) is None  # rotated
    assert px.scale_to(120, 160) is None  # larger than the stored image


def test_budget_refuses_before_decoding() -> None:
    assert decode_refusal(480, 640) is None
    assert decode_refusal(8000, 5000) is None  # 40 MP is the limit itself
    message = decode_refusal(65000, 65000)
    assert message is not None and "65000×65000" in message and "上限" in message
    assert decode_refusal(MAX_PIXELS + 1, 1) is not None


def test_analysis_size() -> None:
    assert analysis_size(480, 640) == (480, 640)
    w, h = analysis_size(6000, 8000)
    assert w * h <= ANALYSIS_PIXELS * 1.01 and abs(w / h - 0.75) < 0.01
