"""fused_date_header: a ` date 2021-11-06 ` header glued onto the first line.

Scrapers that write `<field> <value>` headers sometimes lose the newline after
them, so the header fuses into the first paragraph or into a video title. The
date becomes `published` (source `header`); the rest of the line is kept as
body, unless it is a video title with a duration, which is dropped.
"""
from __future__ import annotations

import re

from cleaners.dates import day_timestamp, parse_iso_date
from cleaners.page import Page
from cleaners.rules import rule
from cleaners.rules.inserts import is_video_title

HEADER = re.compile(r"^\s*(?:date|published|pubdate|updated)\s*:?\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$", re.I)


@rule("fused_date_header")
def fused_date_header(page: Page) -> None:
    live = page.live()
    if not live:
        return
    first = live[0]
    m = HEADER.match(first.text)
    if not m or (d := parse_iso_date(m[1])) is None:
        return
    header_kind = first.text.strip().split()[0].lower().rstrip(":")
    ts = day_timestamp(d, "header")
    if header_kind == "updated":
        page.meta.updated = page.meta.updated or ts
    else:
        page.meta.published = page.meta.published or ts
    rest = m[2].strip()
    if not rest:
        page.drop(first, "fused_date_header")
    elif is_video_title(rest):
        page.meta.video_title = rest
        page.note_repair(first.number, "fused_date_header", first.text, "")
        first.text = rest
        page.drop(first, "video_title")
    else:
        page.replace(first, rest, "fused_date_header")
