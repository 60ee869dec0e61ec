"""checkers.photo.result: message composition, status ordering, and the result row's JSON shape."""

from __future__ import annotations

from checkers.photo.result import judge, skip, worst


def test_message_parts() -> None:
    r = judge("fail", "分辨率为 72 dpi", "300 dpi", "改为 300 dpi", {"dpi": [72, 72]})
    assert r.message == "分辨率为 72 dpi。要求：300 dpi。改为 300 dpi。"
    assert r.named("dpi").to_dict() == {"id": "dpi", "status": "fail", "message": r.message,
                                        "found": "分辨率为 72 dpi", "expected": "300 dpi", "fix": "改为 300 dpi",
                                        "values": {"dpi": [72, 72]}}
    ok = judge("pass", "分辨率为 300 dpi", "300 dpi", "不会出现")
    assert ok.message == "分辨率为 300 dpi。符合要求：300 dpi。"
    assert skip("没有要求").named("dpi").to_dict() == {"id": "dpi", "status": "skip", "message": "没有要求。"}
    assert list(r.named("dpi").to_dict()) == ["id", "status", "message", "found", "expected", "fix", "values"]


def test_worst() -> None:
    assert worst() == "pass" and worst("pass", "warn") == "warn" and worst("warn", "fail", "pass") == "fail"
    assert worst("skip", "pass") == "pass"
