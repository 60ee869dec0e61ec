"""Dated rounds as calendar events: one event per round with a start or end, written as .ics with `icalendar`."""

from __future__ import annotations

import datetime
import functools
import hashlib
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from macros.models import ROUND_WORDS, SLUGS, TOPICS, Round, parse_moment

BEIJING = ZoneInfo("Asia/Shanghai")
CALENDAR_DIR = "calendar"
ALL = "all"
PRODID = "-//zikao-handbook//自考考生手册 办理日历//ZH"
# Sittings as the sources group them -> a short ASCII part of the event's UID (others: a hash of the words).
_SITTING_IDS = {"上半年": "h1", "下半年": "h2", "全年": "year"} | {f"{m}月": f"m{m}" for m in range(1, 13)}


def ics_src(slug: str) -> str:
    """The .ics file's path inside the site: calendar/<slug>.ics, calendar/all.ics."""
    return f"{CALENDAR_DIR}/{slug}.ics"


def short_name(name: str) -> str:
    """山东省 -> 山东, 广西壮族自治区 -> 广西, 北京市 -> 北京 (the name in an event's title)."""
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _has_time(value: Any) -> bool:
    return isinstance(value, str) and ":" in value


@dataclass(frozen=True)
class Window:
    """One dated round as an event. All-day when neither end names a time (end inclusive on the page, DTEND
    the day after in the .ics); timed (Beijing time) otherwise, a date-only end then lasting to that day's end.
    A round with only one end is a single moment (a time) or a single day (a date)."""

    uid: str
    slug: str
    province: str
    topic: str
    round: Round
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date | None  # exclusive (RFC 5545 DTEND); None: a single moment
    all_day: bool

    @property
    def summary(self) -> str:
        r = self.round
        deadline = "（截止）" if r.start is None else ""
        label = f" · {r.label}" if r.label else ""
        return f"{short_name(self.province)} 自考{ROUND_WORDS[r.kind]}{deadline} {r.year} {r.sitting}{label}"

    def first_day(self) -> datetime.date:
        return self.start if self.all_day else self.start.date()  # type: ignore[union-attr,return-value]

    def last_day(self) -> datetime.date:
        """The last day the window covers (inclusive), in Beijing time."""
        if self.end is None:
            return self.first_day()
        if self.all_day:
            return self.end - datetime.timedelta(days=1)  # type: ignore[operator,return-value]
        end = self.end  # type: ignore[assignment]
        last = end.date()  # type: ignore[union-attr]
        return last - datetime.timedelta(days=1) if end.time() == datetime.time(0) and last > self.first_day() else last  # type: ignore[union-attr]

    def to_dict(self) -> dict[str, Any]:
        return {"uid": self.uid, "slug": self.slug, "topic": self.topic, "kind": self.round.kind,
                "year": self.round.year, "sitting": self.round.sitting, "summary": self.summary,
                "start": self.start.isoformat(), "end": self.end.isoformat() if self.end else None,
                "all_day": self.all_day}


def window(slug: str, province: str, topic: str, r: Round, uid: str) -> Window | None:
    """The event a round makes, or None when it has no exact date."""
    start, end = parse_moment(r.start), parse_moment(r.end)
    if start is None and end is None:
        return None
    if not (_has_time(r.start) or _has_time(r.end)):
        first = (start or end).date()  # type: ignore[union-attr]
        last = (end or start).date()  # type: ignore[union-attr]
        return Window(uid, slug, province, topic, r, first, last + datetime.timedelta(days=1), True)
    if start is None or end is None:
        moment = (start or end).replace(tzinfo=BEIJING)  # type: ignore[union-attr]
        return Window(uid, slug, province, topic, r, moment, None, False)
    if not _has_time(r.end):
        end = end + datetime.timedelta(days=1)  # a date-only end: the whole of that day
    return Window(uid, slug, province, topic, r, start.replace(tzinfo=BEIJING), end.replace(tzinfo=BEIJING), False)


def _uid_base(slug: str, r: Round) -> str:
    sitting = _SITTING_IDS.get(r.sitting) or hashlib.sha1(r.sitting.encode()).hexdigest()[:8]
    return f"{slug}-{r.kind.replace('_', '-')}-{r.year}-{sitting}"


def windows(dataset: Any) -> list[Window]:
    """Every dated round of every province, in province order. The UID is province-kind-year-sitting; when a
    province has two rounds with the same four (two sources, two phases), each also carries its first day."""
    found: list[tuple[str, str, str, Round]] = []
    for slug in SLUGS:
        province = dataset.provinces.get(slug)
        if province is None:
            continue
        for topic in TOPICS:
            found += [(slug, province.name, topic, r) for r in getattr(province, topic).rounds if r.dated()]
    counts: dict[str, int] = {}
    for slug, _, _, r in found:
        counts[_uid_base(slug, r)] = counts.get(_uid_base(slug, r), 0) + 1
    result = []
    for slug, name, topic, r in found:
        base = _uid_base(slug, r)
        if counts[base] > 1:
            first = parse_moment(r.start) or parse_moment(r.end)
            base += f"-{first:%Y%m%d}"  # type: ignore[str-format]
        made = window(slug, name, topic, r, f"{base}@zikao-handbook")
        if made is not None:
            result.append(made)
    return result


def _description(w: Window, sources: Any, page_url: str) -> str:
    r = w.round
    lines = [r.text] if r.text else []
    for ref in r.sources:
        source = sources[ref]
        lines.append(f"来源：{source.title}" + (f" {source.url}" if source.url else ""))
    lines.append("时间以当期官方通知为准。")
    lines.append(f"办理指南：{page_url}")
    return "\n".join(lines)


def ics(dataset: Any, items: list[Window], name: str, site_url: str, stamp: datetime.datetime) -> bytes:
    """One calendar (a province's or all provinces') as RFC 5545 text. ``stamp`` is the DTSTAMP (UTC)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    base = site_url.rstrip("/") + "/"
    for w in items:
        page_url = f"{base}provinces/{w.slug}/{w.topic}/"
        event = icalendar.Event()
        event.add("uid", w.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", w.start)
        if w.end is not None:
            event.add("dtend", w.end)
        event.add("summary", w.summary)
        event.add("description", _description(w, dataset.provinces[w.slug].sources, page_url))
        event.add("url", page_url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    # What cal.add_missing_timezones() does, with each VTIMEZONE worked out once per build instead of once per
    # file (icalendar scans the zone's offsets hour by hour: most of the time of writing the calendars).
    for i, tzid in enumerate(sorted(cal.get_missing_tzids())):
        cal.subcomponents.insert(i, _vtimezone(tzid))
    return cal.to_ical()


@functools.cache
def _vtimezone(tzid: str) -> icalendar.Timezone:
    """The VTIMEZONE of ``tzid``, shared by the calendars (they only read it)."""
    return icalendar.Timezone.from_tzid(tzid)


def files(dataset: Any, site_url: str, today: datetime.date) -> dict[str, bytes]:
    """Site path -> .ics bytes: one per province that has dated rounds, and all.ics for every province."""
    stamp = datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.timezone.utc)
    items = windows(dataset)
    out = {ics_src(ALL): ics(dataset, items, "自考办理日历（全部省份）", site_url, stamp)}
    for slug in SLUGS:
        mine = [w for w in items if w.slug == slug]
        if mine:
            name = f"自考办理日历（{dataset.provinces[slug].name}）"
            out[ics_src(slug)] = ics(dataset, mine, name, site_url, stamp)
    return out
