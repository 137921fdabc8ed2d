"""Post times: printed ones are facts, the rest is inferred honestly or left null.

- explicit: the post prints its time (`12:47 p.m. ET, January 28, 2022`), or a
  time of day (`12:47 p.m. ET`) on a page whose date is known.
- inferred: a post with no time gets the page's day (precision `day`) only on
  evidence: it names the page's weekday or says "today", or it sits between two
  posts of that same day (live blogs run newest first). `published_source`
  says which.
- The page's day comes from its own dateline when it has one; otherwise from
  its content: the latest month-day named in image captions, whose year is the
  one year, among those the page mentions (and their neighbours), on which that
  day falls on the weekday the posts name most. No unique answer, no date.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timezone

from cleaners.dates import MONTHS, WEEKDAYS, day_timestamp, name_key, parse_dateline, zone_for
from cleaners.model import Post, Timestamp
from cleaners.page import Page, per_line
from cleaners.shapes import folds_like_lower

_FULL_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_MENTION = re.compile(r"\b(" + "|".join(_FULL_WEEKDAYS) + r")\b", re.I)
_TODAY = re.compile(r"\b(today|this morning|this afternoon|this evening|tonight)\b", re.I)
_MONTH_DAY = re.compile(r"\b(" + "|".join(m for m in MONTHS if len(m) > 3) + r")\s+(\d{1,2})\b(?!,?\s*\d{4})", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
TIME_ONLY = re.compile(r"^(\d{1,2}):(\d{2})\s*([ap])\.?\s?m\.?\s*([A-Z]{2,4})?$", re.I)


@per_line
def post_time_line(text: str) -> bool:
    t = text.strip()
    return parse_dateline(t) is not None or (t[:1].isdecimal() and TIME_ONLY.match(t) is not None)


def _weekday_mentions(text: str) -> list[str]:
    """`_WEEKDAY_MENTION.findall(text)`, trying the pattern only where a name could end in "day".

    The names start 3 to 6 characters before their "day"; re.I matches d, a and y only to
    characters that lower-case to them, so every mention ends at a "day" of `text.lower()`.
    """
    low = text.lower()
    if len(low) != len(text):  # İ lower-cases to two characters: positions would not line up
        return _WEEKDAY_MENTION.findall(text)
    out: list[str] = []
    end = 0  # the scan's non-overlapping order (mentions cannot overlap: each ends on \b)
    j = low.find("day")
    while j >= 0:
        for start in range(max(end, j - 6), j - 2):  # leftmost first, as findall scans
            m = _WEEKDAY_MENTION.match(text, start)
            if m:
                out.append(m[1])
                end = m.end()
                break
        j = low.find("day", j + 1)
    return out


def _names_the_day(text: str, weekday: str) -> bool:
    """`_TODAY.search(text) or re.search(rf"\b{weekday}\b", text, re.I)`; the case-blind scans
    run only when the lower-cased text holds one of their words (most posts hold none)."""
    if folds_like_lower(text):
        low = text.lower()
        if weekday not in low and "today" not in low and "this " not in low and "tonight" not in low:
            return False
    return bool(_TODAY.search(text) or re.search(rf"\b{weekday}\b", text, re.I))


def _page_day(drafts, page: Page) -> tuple[date, str] | None:
    stamp = page.meta.published or page.meta.updated
    if stamp is not None:
        return stamp.value.date(), f"page {stamp.source}"
    captions = [c.caption for d in drafts for c in d.captions if c.caption]
    mentions = [(MONTHS[name_key(m)], int(day)) for cap in captions for m, day in _MONTH_DAY.findall(cap)]
    if not mentions:
        return None
    weekdays = Counter(name_key(w) for d in drafts for p in d.paragraphs for w in _weekday_mentions(p))
    if not weekdays:
        return None
    all_text = [ln.text for ln in page.lines if "19" in ln.text or "20" in ln.text]  # what _YEAR needs
    month, day = max(mentions)
    weekday, _ = weekdays.most_common(1)[0]
    years = {int(y) + k for t in all_text for y in _YEAR.findall(t) for k in (-1, 0, 1)}
    fits = []
    for y in sorted(years):
        try:
            if date(y, month, day).weekday() == WEEKDAYS[weekday]:
                fits.append(date(y, month, day))
        except ValueError:
            continue
    if len(fits) != 1:
        return None
    d = fits[0]
    return d, f"caption date {d:%B} {d.day} + weekday {weekday.title()} -> year {d.year}"


def _explicit(draft, page_day: date | None) -> Timestamp | None:
    for ln in draft.time_lines:
        ts = parse_dateline(ln)
        if ts is not None:
            return replace(ts, source="explicit", kind="published")
        m = TIME_ONLY.match(ln.strip())
        if m and page_day is not None:
            hour = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0)
            tz = zone_for(m[4]) or timezone.utc
            value = datetime(page_day.year, page_day.month, page_day.day, hour, int(m[2]), tzinfo=tz)
            return Timestamp(value, "explicit:time+page-date", "minute")
    return None


def assign_times(drafts, page: Page) -> tuple[tuple[Post, ...], Timestamp | None]:
    found = _page_day(drafts, page)
    page_day, how = found if found else (None, None)
    times: list[Timestamp | None] = [_explicit(d, page_day) for d in drafts]
    if page_day is not None:
        weekday = _FULL_WEEKDAYS[page_day.weekday()]
        for i, d in enumerate(drafts):
            if times[i] is None:
                if _names_the_day(" ".join(d.paragraphs), weekday):
                    times[i] = day_timestamp(page_day, f"inferred:page-date({how}; post names the day)")
        days = [(i, t.value.date()) for i, t in enumerate(times) if t is not None]
        for (i, di), (j, dj) in zip(days, days[1:]):
            if di == dj:
                for k in range(i + 1, j):
                    if times[k] is None:
                        times[k] = day_timestamp(di, f"inferred:order(between posts {i} and {j} of {di})")
    posts = tuple(
        Post(position=d.position, headline=d.headline, byline=d.byline, authors=d.authors, published=times[i],
             body="\n\n".join(d.paragraphs), captions=tuple(d.captions), repeated_inserts=tuple(d.repeated))
        for i, d in enumerate(drafts)
    )
    page_stamp = day_timestamp(page_day, f"inferred:{how}") if page_day and not (page.meta.published or page.meta.updated) else None
    return posts, page_stamp
