"""The .ics calendars: valid RFC 5545, one event per dated round (computed here from the YAML itself), local dates
right in Asia/Shanghai; the /calendar/ page and the guides' links to their province's calendar."""

from __future__ import annotations

import datetime
import functools
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml

from macros import calendars
from macros.models import SLUGS
from tests.conftest import dataset

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 11, 29)
WORDS = {"registration": "报名", "graduation": "毕业申请", "exemption": "免考", "transfer": "转考",
         "score_release": "成绩公布", "score_review": "成绩复核", "confirmation": "现场确认"}
_SHORT = re.compile(r"^(.+?)(?:维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$")


def _moment(value: object) -> tuple[datetime.datetime, bool] | None:
    """A YAML start/end -> (naive Beijing datetime, has a time of day)."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day), False
    text = str(value)
    if " " in text:
        return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M"), True
    return datetime.datetime.strptime(text, "%Y-%m-%d"), False


@functools.cache
def _expected() -> tuple[tuple[tuple, int], ...]:
    return tuple(_expected_events().items())


def expected_events() -> Counter:
    return Counter(dict(_expected()))


@functools.cache
def _doc(slug: str) -> dict:
    """data/provinces/<slug>.yml read with plain libyaml (not the handbook's loader)."""
    path = ROOT / "data" / "provinces" / f"{slug}.yml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _expected_events() -> Counter:
    """Straight from data/provinces/*.yml: (url path, summary, local start, local end or None, all-day) per
    round that names a start or an end. Dates only: all-day, end day inclusive; any time: Beijing times."""
    found: Counter = Counter()
    for path in sorted((ROOT / "data" / "provinces").glob("*.yml")):
        doc = _doc(path.stem)
        short = _SHORT.match(doc["name"]).group(1)
        for topic in ("registration", "lookup", "graduation"):
            for r in (doc.get(topic) or {}).get("rounds") or []:
                start, end = _moment(r.get("start")), _moment(r.get("end"))
                if start is None and end is None:
                    continue
                summary = f"{short} 自考{WORDS[r['kind']]}{'（截止）' if start is None else ''} {r['year']} {r['sitting']}"
                timed = any(m and m[1] for m in (start, end))
                if not timed:
                    first, last = (start or end)[0].date(), (end or start)[0].date()
                    window = (first, last + datetime.timedelta(days=1), True)
                elif start is None or end is None:
                    window = ((start or end)[0], None, False)
                else:
                    stop = end[0] if end[1] else end[0] + datetime.timedelta(days=1)
                    window = (start[0], stop, False)
                found[(f"provinces/{doc['slug']}/{topic}/", summary) + window] += 1
    return found


def _local(value: datetime.date | datetime.datetime) -> datetime.date | datetime.datetime:
    """An event time as a calendar app in China shows it: dates stay dates, times in Asia/Shanghai (naive)."""
    if isinstance(value, datetime.datetime):
        assert value.tzinfo is not None, "a timed event must carry a time zone (TZID or UTC)"
        return value.astimezone(SHANGHAI).replace(tzinfo=None)
    return value


def actual_events(cal: icalendar.Calendar) -> Counter:
    found: Counter = Counter()
    for event in cal.walk("VEVENT"):
        start = event.decoded("dtstart")
        end = event.decoded("dtend") if "DTEND" in event else None
        all_day = not isinstance(start, datetime.datetime)
        url = str(event["url"])
        key = (url[url.index("provinces/"):], str(event["summary"]), _local(start), end and _local(end), all_day)
        found[key] += 1
    return found


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return calendars.files(dataset(), "https://example.org/handbook/", TODAY)


def test_the_calendar_holds_every_dated_round_and_nothing_else(files: dict[str, bytes]) -> None:
    expected = expected_events()
    assert sum(expected.values()) > 100  # the data has many dated rounds; an empty calendar must fail here
    assert actual_events(icalendar.Calendar.from_ical(files["calendar/all.ics"])) == expected


@pytest.mark.parametrize("slug", SLUGS)
def test_each_province_calendar_holds_its_own_rounds(files: dict[str, bytes], slug: str) -> None:
    expected = Counter({k: n for k, n in expected_events().items() if k[0].startswith(f"provinces/{slug}/")})
    name = f"calendar/{slug}.ics"
    if not expected:
        assert name not in files  # no empty calendar (RFC 5545 wants at least one component)
        return
    cal = icalendar.Calendar.from_ical(files[name])
    assert actual_events(cal) == expected
    assert _doc(slug)["name"] in str(cal["x-wr-calname"])


def test_files_are_valid_rfc5545(files: dict[str, bytes]) -> None:
    for name, raw in files.items():
        assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n"), name
        lines = raw.split(b"\r\n")[:-1]
        assert all(b"\n" not in line and b"\r" not in line for line in lines), name
        assert all(len(line) <= 75 for line in lines), f"{name}: a content line longer than 75 octets"
        raw.decode("utf-8")
        cal = icalendar.Calendar.from_ical(raw)
        assert str(cal["version"]) == "2.0" and str(cal["prodid"]), name
        # Round trip: what icalendar writes back parses to the same events.
        assert actual_events(icalendar.Calendar.from_ical(cal.to_ical())) == actual_events(cal)
        uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
        assert uids and len(uids) == len(set(uids)), f"{name}: UIDs must be unique"
        timed = False
        for event in cal.walk("VEVENT"):
            for prop in ("uid", "dtstamp", "dtstart", "summary", "description", "url"):
                assert prop.upper() in event, f"{name}: {event.get('uid')}: {prop} missing"
            assert event.decoded("dtstamp") == datetime.datetime(2026, 11, 29, tzinfo=datetime.timezone.utc)
            start = event.decoded("dtstart")
            if "DTEND" in event:
                end = event.decoded("dtend")
                assert type(end) is type(start), f"{name}: DTSTART and DTEND of different value types"
                assert end > start
            if isinstance(start, datetime.datetime):
                timed = True
                assert event["dtstart"].params.get("TZID") == "Asia/Shanghai"
            assert "以当期官方通知为准" in str(event["description"])
            assert "来源：" in str(event["description"])
        zones = {str(z["tzid"]) for z in cal.walk("VTIMEZONE")}
        assert zones == ({"Asia/Shanghai"} if timed else set()), name


def test_a_calendar_app_shows_beijing_times(files: dict[str, bytes]) -> None:
    """The app uses the file's own VTIMEZONE: its offset must be +08:00 at every timed event (as zoneinfo says)."""
    cal = icalendar.Calendar.from_ical(files["calendar/all.ics"])
    zone = cal.walk("VTIMEZONE")[0].to_tz()
    checked = 0
    for event in cal.walk("VEVENT"):
        for prop in ("dtstart", "dtend"):
            if prop.upper() not in event or not isinstance(event.decoded(prop), datetime.datetime):
                continue
            naive = event.decoded(prop).replace(tzinfo=None)
            in_file = naive.replace(tzinfo=zone)
            assert in_file.utcoffset() == datetime.timedelta(hours=8) == naive.replace(tzinfo=SHANGHAI).utcoffset()
            checked += 1
    assert checked > 50


def test_a_known_round(files: dict[str, bytes]) -> None:
    """Shandong's 2025 October registration, 2025-06-18 08:30 to 06-24 17:00 Beijing time = 00:30 UTC."""
    cal = icalendar.Calendar.from_ical(files["calendar/shandong.ics"])
    event = next(e for e in cal.walk("VEVENT") if str(e["uid"]) == "shandong-registration-2025-m10@zikao-handbook")
    assert str(event["summary"]) == "山东 自考报名 2025 10月"
    start = event.decoded("dtstart").astimezone(datetime.timezone.utc)
    assert start == datetime.datetime(2025, 6, 18, 0, 30, tzinfo=datetime.timezone.utc)
    assert str(event["url"]) == "https://example.org/handbook/provinces/shandong/registration/"


def test_uids_stay_the_same_across_builds() -> None:
    a = calendars.files(dataset(), "https://example.org/", TODAY)
    b = calendars.files(dataset(), "https://example.org/", TODAY)
    assert a == b


@pytest.mark.slow
def test_site_has_calendar_page_and_files(site: Path) -> None:
    assert (site / "calendar" / "all.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    html = (site / "calendar" / "index.html").read_text(encoding="utf-8")
    assert 'href="all.ics"' in html and "以当期通知为准" in html
    provinces = {path.stem for path in (site / "calendar").glob("*.ics")} - {"all"}
    assert provinces == {k[0].split("/")[1] for k in expected_events()}
    for slug in provinces:
        assert f'href="{slug}.ics"' in html
        guide = (site / "provinces" / slug / "registration" / "index.html").read_text(encoding="utf-8")
        assert f'href="../../../calendar/{slug}.ics"' in guide
