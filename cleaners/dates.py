"""Dateline and timestamp parsing for news pages.

Handles the shapes news sites print: `Updated 7:11 PM ET, Fri November 5, 2021`,
`12:47 p.m. ET, January 28, 2022`, `2021-11-06`. US zone names (ET, CT, MT, PT)
resolve through the IANA database, so daylight saving time is right; fixed
abbreviations (EST, EDT, GMT, CET, ...) map to their fixed offsets.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from cleaners.model import Timestamp

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
WEEKDAYS = {
    w: i
    for i, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
         ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
         ("sunday", "sun")]
    )
    for w in names
}

ZONES = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles", "HKT": "Asia/Hong_Kong", "JST": "Asia/Tokyo",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
}
OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3,
}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_TZ_RE = "|".join(sorted(list(ZONES) + list(OFFSETS), key=len, reverse=True))

DATELINE_RE = re.compile(
    rf"""^\s*(?P<kind>updated|published|posted|last\ updated)?:?\s*
    (?P<hour>\d{{1,2}})(?::(?P<minute>\d{{2}}))?\s*
    (?P<ampm>[ap]\.?\s?m\.?)?\s*
    (?P<tz>{_TZ_RE})?\s*,?\s*
    (?:(?P<weekday>{_WEEKDAY_RE})\.?,?\s+)?
    (?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATE_ONLY_RE = re.compile(
    rf"""^\s*(?P<kind>updated|published|posted|last\ updated)?(?:\s+on)?:?\s*
    (?:(?P<weekday>{_WEEKDAY_RE})\.?,?\s+)?
    (?:(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?
      |(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_RE})\.?)
    ,?\s+(?P<year>\d{{4}})\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def name_key(name: str) -> str:
    """A printed month, weekday or label, as the lower-case key of MONTHS, WEEKDAYS and the checks.

    The patterns match case-insensitively, and re.I also matches ſ to s and ı, İ to i, which
    str.lower() keeps (İ becomes i + U+0307): without this fold `Frı` or `Auguſt` matched and
    then failed the look-up, and the whole document was rejected with a KeyError.
    """
    return name.lower().replace("\u017f", "s").replace("\u0131", "i").replace("i\u0307", "i")


def zone_for(abbrev: str | None):
    """The tzinfo for a printed zone name, or None when unknown."""
    if not abbrev:
        return None
    key = abbrev.upper()
    if key in ZONES:
        return ZoneInfo(ZONES[key])
    if key in OFFSETS:
        return timezone(timedelta(hours=OFFSETS[key]))
    return None


def parse_dateline(text: str, *, default_zone: str | None = None) -> Timestamp | None:
    """Parse a printed dateline into a timezone-aware `Timestamp`, else None.

    `kind` is "updated" when the line says so, else "published". Without a
    printed zone, `default_zone` (an IANA name) is used; without either the
    time is taken as UTC and the source says so.
    """
    if not text.rstrip()[-4:].isdecimal():  # the pattern ends in a 4-digit year and spaces (cheap test first)
        return None
    m = DATELINE_RE.match(text)
    if not m:
        return None
    hour, minute = int(m["hour"]), int(m["minute"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    try:
        naive = datetime(int(m["year"]), MONTHS[name_key(m["month"])], int(m["day"]), hour, minute)
    except ValueError:
        return None
    if m["weekday"] and WEEKDAYS[name_key(m["weekday"])] != naive.weekday():
        return None  # a dateline that contradicts itself is not trusted
    tz = zone_for(m["tz"])
    source = "dateline"
    if tz is None and default_zone:
        tz, source = ZoneInfo(default_zone), f"dateline:zone-assumed-{default_zone}"
    if tz is None:
        tz, source = timezone.utc, "dateline:zone-unknown-assumed-UTC"
    kind = "updated" if name_key(m["kind"] or "") in ("updated", "last updated") else "published"
    return Timestamp(naive.replace(tzinfo=tz), source, "minute", kind)


def parse_date_line(text: str) -> Timestamp | None:
    """A line that is only a date (`Posted on 5 March 2021`, `Updated: Mar. 5, 2021`).

    Precision `day`, midnight UTC; `kind` as for `parse_dateline`.
    """
    if not text.rstrip()[-4:].isdecimal():  # the pattern ends in a 4-digit year and spaces (cheap test first)
        return None
    m = DATE_ONLY_RE.match(text)
    if not m:
        return None
    month = name_key(m["month"] or m["month2"])
    try:
        d = date(int(m["year"]), MONTHS[month], int(m["day"] or m["day2"]))
    except ValueError:
        return None
    if m["weekday"] and WEEKDAYS[name_key(m["weekday"])] != d.weekday():
        return None
    kind = "updated" if name_key(m["kind"] or "") in ("updated", "last updated") else "published"
    return Timestamp(datetime(d.year, d.month, d.day, tzinfo=timezone.utc), "dateline", "day", kind)


def parse_iso_date(text: str) -> date | None:
    m = ISO_DATE_RE.match(text.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def day_timestamp(d: date, source: str, zone=timezone.utc) -> Timestamp:
    """A date known only to the day: midnight in `zone`, precision `day`."""
    return Timestamp(datetime(d.year, d.month, d.day, tzinfo=zone), source, "day")
