"""checkers.photo.result: message composition and status ordering."""

from __future__ import annotations

from checkers.photo.result import judge, skip, worst


def test_message_parts() -> None:
    r = judge("dpi", "fail", "分辨率为 72 dpi", "300 dpi", "改为 300 dpi", {"dpi": [72, 72]})
    assert r.message == "分辨率为 72 dpi。要求：300 dpi。改为 300 dpi。"
    assert r.to_dict() == {"id": "dpi", "status": "fail", "message": r.message, "found": "分辨率为 72 dpi",
                           "expected": "300 dpi", "fix": "改为 300 dpi", "values": {"dpi": [72, 72]}}
    ok = judge("dpi", "pass", "分辨率为 300 dpi", "300 dpi", "不会出现")
    assert ok.message == "分辨率为 300 dpi。符合要求：300 dpi。"
    assert skip("dpi", "没有要求").to_dict() == {"id": "dpi", "status": "skip", "message": "没有要求。"}


def test_worst() -> None:
    assert worst() == "pass" and worst("pass", "warn") == "warn" and worst("warn", "fail", "pass") == "fail"
    assert worst("skip", "pass") == "pass"
