"""The truth contract: confidence bounded by the sources, rounds, searched, second-reader reviews, coverage,
and how guide pages show them (SCHEMA.md, issues 13 and 14)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from macros.data import DataErrors, load_dataset
from tests.conftest import data_tree

TODAY = datetime.date(2026, 11, 29)

YUNNAN = """\
slug: yunnan
name: 云南省
region: 西南
sources:
  rp:
    title: 测试转载
    kind: repost
    seen: 2026-11-01
    url: http://www.example.cn/a.html
authority:
  text: 云南省招生考试院
  sources: [rp]
  confidence: low
platform:
  text: 云南省自学考试管理平台
  sources: [rp]
  confidence: low
  url: https://zk.example.cn/
registration:
  status: partial
  steps:
    - text: 第一步
      sources: [rp]
      confidence: high
    - text: 第二步
      sources: [rp]
      confidence: low
lookup:
  status: unknown
graduation:
  status: unknown
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The real national.yml and photo specs; minimal provinces (tests.conftest.data_tree); no plans, no reviews;
    a small yunnan.yml."""
    data_tree(tmp_path, "photo_specs")
    _write(tmp_path, YUNNAN.replace("confidence: high", "confidence: low"))
    return tmp_path


def _write(root: Path, text: str, rel: str = "provinces/yunnan.yml") -> None:
    path = root / "data" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _errors(root: Path) -> list[str]:
    with pytest.raises(DataErrors) as info:
        load_dataset(root)
    return info.value.lines


# ---- confidence by rule ----

def test_high_without_official_or_named_official_source_is_rejected_with_file_line_and_key(root: Path) -> None:
    _write(root, YUNNAN)
    assert _errors(root) == [
        "data/provinces/yunnan.yml:24: registration.steps[0].confidence: 写的是 high，但它的来源都不是带网址的官方页面、"
        "原始资料或注明官方通知的转载，也没有同时写明网址（url）和发布日期（published）的来源；最高只能是 low",
    ]
    _write(root, YUNNAN.replace("    url: http://www.example.cn/a.html\n",
                                "    url: http://www.example.cn/a.html\n    published: 2024-05-08\n"))
    assert _errors(root) == [
        "data/provinces/yunnan.yml:25: registration.steps[0].confidence: 写的是 high，但它的来源都不是带网址的官方页面、"
        "原始资料或注明官方通知的转载；最高只能是 medium",
    ]
    # A repost that names the official notice, with its address, may carry high.
    _write(root, YUNNAN.replace("    url: http://www.example.cn/a.html\n",
                                "    url: http://www.example.cn/a.html\n    cites: 云南省招生考试院《某通知》2024-05-08\n"))
    assert load_dataset(root).provinces["yunnan"].sources["rp"].cites.startswith("云南省招生考试院")


def test_an_official_source_without_an_address_cannot_carry_high_or_medium(root: Path) -> None:
    text = YUNNAN.replace("kind: repost", "kind: official").replace("    url: http://www.example.cn/a.html\n", "")
    _write(root, text.replace("      confidence: low\nlookup", "      confidence: medium\nlookup"))
    errors = _errors(root)
    assert [e.split(": ")[1] for e in errors] == ["registration.steps[0].confidence", "registration.steps[1].confidence"]
    assert errors[1].endswith("写的是 medium，但它的来源都没有同时写明网址（url）和发布日期（published）；最高只能是 low")


def test_photo_spec_confidence_is_bounded_too(root: Path) -> None:
    path = root / "data" / "photo_specs" / "zhejiang.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("confidence: medium", "confidence: high"), encoding="utf-8")
    [error] = _errors(root)
    assert error.startswith("data/photo_specs/zhejiang.yml:6: registration.confidence: 写的是 high，")


# ---- rounds and searched ----

ROUNDS = """\
  rounds:
    - kind: graduation
      year: 2024
      sitting: 上半年
      start: 2024-02-30
      end: 2024-06-19 16:00
      sources: [rp]
      confidence: low
    - kind: graduation
      year: 2024
      sitting: 下半年
      start: 2024-12-13 09:30
      end: 2024-12-03
      sources: [rp]
      confidence: low
    - kind: graduaton
      year: 2023
      sitting: 下半年
      sources: [rp]
      confidence: low
    - kind: exemption
      year: 2023
      sitting: 上半年
      start: 2023-06-01 25:00
      sources: [rp]
      confidence: low
    - kind: transfer
      year: 2023
      sitting: 上半年
      sources: [rp]
      confidence: low
"""


def test_rounds_with_unreal_dates_reversed_windows_and_no_time_are_all_reported(root: Path) -> None:
    text = YUNNAN.replace("confidence: high", "confidence: low").replace(
        "lookup:\n  status: unknown\n", "lookup:\n  status: unknown\n  searched:\n    date: 2026-11-29\n    queries: []\n")
    _write(root, text.replace("      confidence: low\nlookup", "      confidence: low\n" + ROUNDS + "lookup"))
    assert _errors(root) == [
        "data/provinces/yunnan.yml:32: registration.rounds[0].start: 应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间，"
        "例如 2024-06-13 09:30），而且是真实存在的日期和时刻；实际为“2024-02-30”",
        "data/provinces/yunnan.yml:40: registration.rounds[1].end: 结束时间 2024-12-03 早于开始时间 2024-12-13 09:30",
        "data/provinces/yunnan.yml:43: registration.rounds[2].kind: 应为以下之一：registration、graduation、exemption、"
        "transfer、score_release、score_review、confirmation，实际为文本“graduaton”（是不是“graduation”？）",
        "data/provinces/yunnan.yml:51: registration.rounds[3].start: 应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间，"
        "例如 2024-06-13 09:30），而且是真实存在的日期和时刻；实际为“2023-06-01 25:00”",
        "data/provinces/yunnan.yml:54: registration.rounds[4]: 没有 start 和 end 的轮次要用 text 写明时间"
        "（例如“6 月初，具体日期见当期通知”）",
        "data/provinces/yunnan.yml:63: lookup.searched.queries: 至少要有 1 项，现在有 0 项",
    ]


def _with_rounds(root: Path) -> None:
    rounds = """\
  rounds:
    - kind: graduation
      year: 2022
      sitting: 上半年
      start: 2022-05-25 09:00
      end: 2022-05-31 16:00
      sources: [rp]
      confidence: low
    - kind: graduation
      year: 2024
      sitting: 下半年
      start: 2024-12-13
      end: 2024-12-19 16:00
      text: 网上申请并缴费。
      sources: [rp]
      confidence: low
    - kind: graduation
      year: 2023
      sitting: 下半年
      text: 12 月上旬，具体日期见当期通知。
      sources: [rp]
      confidence: low
"""
    text = YUNNAN.replace("confidence: high", "confidence: low")
    text = text.replace("graduation:\n  status: unknown\n", "graduation:\n  status: partial\n" + rounds)
    text = text.replace("lookup:\n  status: unknown\n", "lookup:\n  status: unknown\n  searched:\n    date: 2026-11-20\n"
                        "    queries: [云南省高等教育自学考试成绩查询 考籍 登录, 云南自考 成绩复核 通知]\n"
                        "    note: 只找到商业网站的标签页。\n")
    _write(root, text)
    _write(root, """\
- fact: graduation.rounds[1]
  text: 网上申请并缴费。
  source: rp
  verdict: pass
  date: 2026-11-28
  reader: reader-b
- fact: registration.steps[0]
  text: 第一步
  source: rp
  verdict: pass
  date: 2026-11-27
  reader: reader-b
- fact: registration.steps[0]
  text: 第一步
  source: rp
  verdict: fail
  date: 2026-11-28
  reader: reader-c
  note: 页面没有这样写。
""", "reviews/provinces/yunnan.yml")


def _renderer(root: Path, today: datetime.date = TODAY):  # type: ignore[no-untyped-def]
    from macros import render

    return render.Renderer(load_dataset(root), today, "https://example.org/repo/edit/main/")


def test_rounds_newest_first_older_folded_and_their_age_said(root: Path) -> None:
    _with_rounds(root)
    page = _renderer(root).guide("yunnan", "graduation")
    section = page[page.index("## 办理时间"):]
    assert "以当期通知为准" in section
    newest = section.index("**2024 年下半年 · 毕业申请**：2024-12-13 至 2024-12-19 16:00。网上申请并缴费。")
    folded = section.index('??? note "更早的毕业申请时间（2 期）"')
    assert newest < folded < section.index("**2023 年下半年 · 毕业申请**") < section.index("**2022 年上半年 · 毕业申请**")
    assert "最近一期是 2024 年下半年（2024-12-19），距本页生成时已超过 12 个月" in section
    older_2022 = section[section.index("**2022 年上半年"):].split("\n")[0]
    assert "可能已过时（两年多以前）" in older_2022
    assert "可能已过时" not in section[newest:folded]
    assert "已复核 2026-11-28" in section[newest:folded]
    # Built a month after the latest round: no "more than 12 months" warning; only 2022 is over two years old.
    fresh = _renderer(root, datetime.date(2025, 1, 19)).guide("yunnan", "graduation")
    assert "已超过 12 个月" not in fresh and fresh.count("可能已过时（两年多以前）") == 1


def test_searched_is_printed_and_the_latest_review_decides(root: Path) -> None:
    _with_rounds(root)
    renderer = _renderer(root)
    lookup = renderer.guide("yunnan", "lookup")
    assert "**查找记录**：2026-11-20 在存档的公开网页中检索过：云南省高等教育自学考试成绩查询 考籍 登录；云南自考 成绩复核 通知。" in lookup
    registration = renderer.guide("yunnan", "registration")
    first = registration[registration.index("1. 第一步"):].split("\n")[0]
    assert "已复核" not in first  # the later reading failed


def test_review_problems_are_located_and_a_stale_review_is_not_an_error(root: Path) -> None:
    _with_rounds(root)
    bad = """\
- fact: registration.steps[9]
  text: 这条事实不存在
  source: rp
  verdict: pass
  date: 2026-11-28
  reader: r
- fact: registration.steps[1]
  text: 第二步
  source: nope
  verdict: ok
  date: 2026-13-01
  reader: r
"""
    _write(root, bad, "reviews/provinces/yunnan.yml")
    _write(root, "- fact: a\n  text: b\n  source: c\n  verdict: pass\n  date: 2026-11-28\n  reader: r\n",
           "reviews/provinces/atlantis.yml")
    assert _errors(root) == [
        "data/reviews/provinces/atlantis.yml:1: 没有对应的数据文件 data/provinces/atlantis.yml（复核记录的路径要与被复核的数据文件相同）",
        "data/reviews/provinces/yunnan.yml:10: [1].verdict: 应为以下之一：pass、fail，实际为文本“ok”",
        "data/reviews/provinces/yunnan.yml:11: [1].date: 应为日期（YYYY-MM-DD，例如 2026-11-22），实际为文本“2026-13-01”",
    ]
    _write(root, bad.replace("verdict: ok", "verdict: fail").replace("2026-13-01", "2026-11-28"), "reviews/provinces/yunnan.yml")
    (root / "data" / "reviews" / "provinces" / "atlantis.yml").unlink()
    assert _errors(root) == [
        "data/reviews/provinces/yunnan.yml:1: [0].fact: data/provinces/yunnan.yml 里没有路径为 registration.steps[9] 的事实，"
        "也没有文字相同的事实；事实已删除的，请一并删除这条复核记录",
        "data/reviews/provinces/yunnan.yml:9: [1].source: 来源“nope”在 data/provinces/yunnan.yml 中不存在；可用：rp",
    ]
    # The fact changed after it was re-read: reported by make check as stale, not an error.
    _write(root, bad.split("- fact: registration.steps[1]")[0].replace("registration.steps[9]", "registration.steps[1]")
           .replace("这条事实不存在", "第二步（旧文字）"), "reviews/provinces/yunnan.yml")
    from macros.coverage import truth

    report = truth(load_dataset(root))
    assert report.stale == [("data/reviews/provinces/yunnan.yml", 0, "registration.steps[1]", "第二步（旧文字）")]


def test_make_check_prints_truth_and_the_coverage_grid(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _with_rounds(root)
    _write(root, "- fact: registration.steps[1]\n  text: 旧文字\n  source: rp\n  verdict: pass\n  date: 2026-11-28\n"
           "  reader: r\n", "reviews/provinces/yunnan.yml")
    from macros.validate import report_truth

    report_truth(load_dataset(root), root)
    out = capsys.readouterr().out
    assert "事实可信度：共 " in out and "来源都没有网址的事实：" in out and "尚未复核的事实：" in out
    assert "data/reviews/provinces/yunnan.yml:1: registration.steps[1]: 复核时的文字“旧文字”已不在数据中" in out
    assert "云南省：最早 2022 上半年 毕业申请（2022-05-31），最近 2024 下半年 毕业申请（2024-12-19）" in out
    assert "覆盖情况（93 格）：" in out


# ---- coverage ----

def test_coverage_rubric_from_the_data(root: Path) -> None:
    from macros.coverage import coverage

    _with_rounds(root)
    cells = {(c.slug, c.topic): c for c in coverage(load_dataset(root))}
    assert len(cells) == 93
    # registration: two steps, the platform's address; no window or fee yet.
    assert cells["yunnan", "registration"].rating == "PARTIAL"
    assert cells["yunnan", "registration"].missing == ("带日期的办理时间或费用",)
    # graduation: dated rounds but no steps; lookup: nothing of its own.
    assert cells["yunnan", "graduation"].rating == "PARTIAL"
    assert cells["yunnan", "lookup"].rating == "FALLBACK"
    assert cells["yunnan", "lookup"].checked == datetime.date(2026, 11, 20)  # the recorded search
    text = (root / "data" / "provinces" / "yunnan.yml").read_text(encoding="utf-8")
    _write(root, text.replace("      confidence: low\nlookup", "      confidence: low\n  notes:\n"
                              "    - label: 费用\n      text: 每门 32 元。\n      sources: [rp]\n      confidence: low\nlookup"))
    cells = {(c.slug, c.topic): c for c in coverage(load_dataset(root))}
    assert cells["yunnan", "registration"].rating == "FULL" and cells["yunnan", "registration"].missing == ()


# ---- photo specs on guide pages ----

def test_guides_use_the_provinces_own_photo_spec_else_say_the_national_one_is_shown(root: Path) -> None:
    renderer = _renderer(root)
    for slug in ("henan", "fujian", "guizhou"):
        assert renderer.guide_spec(slug, "graduation") == f"{slug}/graduation"
        spec = renderer.data.photo_specs[f"{slug}/graduation"]
        assert [tuple(c.rgb or ()) for c in spec.background.colours] == [(255, 255, 255)]
        page = renderer.guide(slug, "graduation")
        assert "这里显示的不是" not in page and f'value="{slug}/graduation" selected' in page
    shandong = renderer.guide("shandong", "graduation")
    assert renderer.guide_spec("shandong", "graduation") == "national/graduation"
    assert "这里显示的不是山东省自己的规定" in shandong and "全国自考毕业证书照片的统一标准" in shandong
    assert 'value="national/graduation" selected' in shandong
    registration = renderer.guide("shandong", "registration")
    assert renderer.guide_spec("shandong", "registration") == "national/registration"
    assert "不注明省份的全国通用照片采集模板" in registration and "尺寸的单位有疑问" in registration
    assert renderer.guide_spec("zhejiang", "registration") == "zhejiang/registration"


def test_zhejiang_registration_spec_is_the_current_one(root: Path) -> None:
    spec = load_dataset(root).photo_specs["zhejiang/registration"]
    assert (spec.dimensions.width.min, spec.dimensions.width.max) == (480, 480)
    assert (spec.dimensions.height.min, spec.dimensions.height.max) == (640, 640)
    # The cited pages disagree (480×640 since 2022; 400×600 in 2018 and again on a 2025-10-27 page): soft.
    assert spec.dimensions.width.soft and spec.dimensions.height.soft and spec.dimensions.aspect is None
    # Four cited pages say 浅蓝色, the 2018-08-29 and 2025-10-27 pages say 蓝色: the blue series is accepted.
    assert [c.family for c in spec.background.colours] == ["light_blue", "blue"]
    assert spec.extensions == ("jpg", "jpeg")  # the pages say "jpg 格式", not an extension


def test_a_current_zhejiang_photo_passes_size_and_background(root: Path) -> None:
    pytest.importorskip("PIL")
    from checkers.photo.api import check
    from tests.photo.factory import jpeg, pixels_of, portrait

    specs = load_dataset(root).photo_specs
    data = jpeg(portrait(480, 640, bg=(100, 197, 255)))
    result = check(data, "zhejiang/registration", "photo.jpg", pixels_of(data), catalog=specs)
    by_name = {c["id"]: c["status"] for c in result["checks"]}
    assert by_name["dimensions"] == "pass" and by_name["background"] == "pass"
    old = jpeg(portrait(413, 626, bg=(100, 197, 255)))  # the 2018 size, which some cited pages still give: a warning
    assert {c["id"]: c["status"] for c in check(old, "zhejiang/registration", "photo.jpg", pixels_of(old),
                                                   catalog=specs)["checks"]}["dimensions"] == "warn"
    blue = jpeg(portrait(480, 640, bg=(66, 142, 218)))  # the usual ID-photo blue, which two cited pages allow
    by_name = {c["id"]: c["status"] for c in check(blue, "zhejiang/registration", "photo.jpeg", pixels_of(blue),
                                                   catalog=specs)["checks"]}
    assert by_name["background"] == "pass" and by_name["extensions"] == "pass"
    grey = jpeg(portrait(480, 640, bg=(200, 200, 200)))
    assert {c["id"]: c["status"] for c in check(grey, "zhejiang/registration", "photo.jpg", pixels_of(grey),
                                                   catalog=specs)["checks"]}["background"] == "fail"


def test_a_page_lists_only_the_sources_its_printed_facts_cite(root: Path) -> None:
    renderer = _renderer(root)
    page = renderer.guide("yunnan", "graduation")
    national = page[page.index("**全国通用规则的来源**"):]
    # liuxue86-photo is cited only by a national graduation *material*, which guides do not print.
    assert "src-national-liuxue86-photo" not in national
    assert "src-national-eolce-2024051411575" in national
    topic = renderer.national_topic("graduation")
    assert "src-liuxue86-photo" in topic


def test_coverage_page_shows_the_grid_with_links_dates_and_edit_links(root: Path) -> None:
    _with_rounds(root)
    page = _renderer(root).coverage_page()
    row = next(line for line in page.splitlines() if line.startswith("| 云南省 |"))
    cells = row.split(" | ")[1:4]
    assert "[<span class=\"cov cov-partial\">部分</span>](../provinces/yunnan/registration.md)" in cells[0]
    assert "缺：带日期的办理时间或费用" in cells[0] and "核对：2026-11-01" in cells[0]  # its source was seen then
    assert "核对：2026-11-28" in cells[2]  # a round passed its second reading that day
    assert "cov-fallback" in cells[1] and "核对：2026-11-20" in cells[1]
    assert "(https://example.org/repo/edit/main/data/provinces/yunnan.yml " in row
    from macros.coverage import coverage

    full = sum(1 for c in coverage(load_dataset(root)) if c.rating == "FULL")
    assert f"| **合计** | **{full}** |" in page


def test_a_photo_spec_is_marked_reviewed_once_its_title_values_and_notes_passed(root: Path) -> None:
    """Title, the values it states (what the checker enforces) and every note: one line missing, no mark."""
    import json

    offer = load_dataset(root).reviewable["data/photo_specs/henan.yml"]
    lines = {k: v for k, v in offer.texts.items() if k == "graduation" or k.startswith("graduation.")}
    assert "graduation.values" in lines and json.loads(lines["graduation.values"])  # the values are a line

    def record(fact: str, text: str) -> str:
        return (f"- fact: {fact}\n  text: {json.dumps(text, ensure_ascii=False)}\n"
                "  source: https://zikao.eolce.com/a/2024051411575.html\n  verdict: pass\n"
                "  date: 2026-11-29\n  reader: reader-b\n")

    def title_line() -> str:
        page = _renderer(root).guide("henan", "graduation")
        return next(line for line in page.splitlines() if line.startswith("**河南省自考毕业证书照片**"))

    without_values = "".join(record(k, v) for k, v in lines.items() if k != "graduation.values")
    _write(root, without_values, "reviews/photo_specs/henan.yml")
    assert "已复核" not in title_line()
    _write(root, without_values + record("graduation.values", lines["graduation.values"]), "reviews/photo_specs/henan.yml")
    assert "已复核 2026-11-29" in title_line()


def test_a_photo_spec_review_names_its_source_by_address(root: Path) -> None:
    review = ("- fact: graduation\n  text: 河南省自考毕业证书照片\n  source: {source}\n  verdict: pass\n"
              "  date: 2026-11-29\n  reader: reader-b\n")
    _write(root, review.format(source="eolce"), "reviews/photo_specs/henan.yml")
    [error] = _errors(root)
    assert error.startswith("data/reviews/photo_specs/henan.yml:3: [0].source: 来源“eolce”在 data/photo_specs/henan.yml 中不存在；可用：")
