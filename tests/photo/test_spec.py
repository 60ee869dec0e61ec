"""checkers.photo.spec and data/photo_specs: the specs the research supports, resolved through ``base``."""

from __future__ import annotations

import datetime

import pytest

from checkers.photo.spec import Limit, PhotoSpec, SpecEntry, SpecFile, Source, build_specs
from tests.conftest import spec_ids

REQUIRED = ("national/graduation", "yunnan/graduation", "xinjiang/graduation", "jiangxi/graduation",
            "henan/registration", "guangdong/registration", "sichuan/registration")
# Also supported by ../shared/research/photo-specs.md (registration table and provincial graduation variants).
ALSO = ("guangxi/registration", "guangxi/graduation", "hebei/graduation", "shaanxi/graduation",
        "jiangsu/registration", "zhejiang/registration", "anhui/registration", "fujian/registration",
        "shanghai/registration")


def test_research_specs_present(catalog: dict[str, PhotoSpec]) -> None:
    assert sorted(set(REQUIRED + ALSO) - set(catalog)) == []


@pytest.mark.parametrize("spec_id", spec_ids())  # every spec in data/photo_specs/
def test_spec_has_sources(catalog: dict[str, PhotoSpec], spec_id: str) -> None:
    spec = catalog[spec_id]
    assert spec.sources and spec.confidence in ("high", "medium", "low")
    assert all(isinstance(s.seen, datetime.date) for s in spec.sources)


def test_national_standard(catalog: dict[str, PhotoSpec]) -> None:
    spec = catalog["national/graduation"]
    assert spec.dimensions and spec.dimensions.width == Limit(480, 480) and spec.dimensions.height == Limit(640, 640)
    assert spec.dpi == Limit(300, 300) and spec.color == "rgb24" and spec.extensions == ("jpg",)
    assert spec.quality and spec.quality.min == 60
    assert spec.file_size_kb and (spec.file_size_kb.min, spec.file_size_kb.max, spec.file_size_kb.soft) == (20, 40, True)
    assert spec.background and tuple(spec.background.colours[0].rgb or ()) == (100, 197, 255)
    assert spec.framing and spec.framing.head_top and (spec.framing.head_top.min, spec.framing.head_top.max) == (50, 110)
    assert spec.framing.reference_height == 640 and spec.framing.centred


def test_provincial_variants(catalog: dict[str, PhotoSpec]) -> None:
    xinjiang = catalog["xinjiang/graduation"]
    assert [tuple(c.rgb or ()) for c in xinjiang.background.colours] == [(255, 255, 255)]
    assert xinjiang.dimensions == catalog["national/graduation"].dimensions and xinjiang.derived_from == "national/graduation"
    jiangxi = [tuple(c.rgb or ()) for c in catalog["jiangxi/graduation"].background.colours]
    assert jiangxi == [(100, 197, 255), (255, 255, 255), (240, 240, 240)]
    henan = catalog["henan/registration"]
    assert henan.file_size_kb == Limit(max=1024, note=henan.file_size_kb.note) and henan.framing is None
    assert [tuple(c.rgb or ()) for c in henan.background.colours] == [(255, 255, 255)]
    assert catalog["guangdong/registration"].dimensions.width == Limit(min=168)
    assert catalog["sichuan/registration"].dimensions.width == Limit(360, 360)


def _file(province: str, **entries: SpecEntry) -> SpecFile:
    return SpecFile(province=province, name=province, **entries)  # type: ignore[arg-type]


def _entry(**kw: object) -> SpecEntry:
    src = Source(title="t", kind="seed", seen=datetime.date(2026, 1, 1))
    return SpecEntry(title="x", confidence="low", sources=(src,), **kw)  # type: ignore[arg-type]


def test_base_merge_and_drop() -> None:
    files = {
        "national": _file("national", graduation=_entry(dpi=Limit(300, 300), quality=Limit(min=60))),
        "hebei": _file("hebei", graduation=_entry(base="national/graduation", quality=Limit(min=70), drop=("dpi",))),
    }
    specs, problems = build_specs(files)
    assert not problems
    hebei = specs["hebei/graduation"]
    assert hebei.dpi is None and hebei.quality == Limit(min=70) and hebei.derived_from == "national/graduation"
    assert len(hebei.sources) == 1  # identical sources are not repeated


def test_base_problems() -> None:
    files = {
        "hebei": _file("hebei", graduation=_entry(base="henan/graduation")),
        "henan": _file("henan", graduation=_entry(base="hebei/graduation")),
        "yunnan": _file("yunnan", graduation=_entry(base="xizang/graduation")),
        "fujian": _file("anhui", registration=_entry()),
    }
    specs, problems = build_specs(files)
    messages = " ".join(m for _, _, m in problems)
    assert not specs and "循环" in messages and "不存在" in messages and "与文件名一致" in messages


def test_entry_checks() -> None:
    problems = list(_entry(drop=("dpi",)).check()) + list(_entry(extensions=(".JPG",)).check())
    assert len(problems) == 2
    assert list(Limit().check()) and list(Limit(5, 1).check()) and not list(Limit(1, 5).check())
    assert Limit(20, 40).words("KB") == "20–40 KB" and Limit(min=300).words("dpi") == "不少于 300 dpi"
