"""dateline: `Updated 7:11 PM ET, Fri November 5, 2021` (or a date alone,
`Posted on 5 March 2021`) near the top is metadata.

The line leaves the body; its timestamp becomes `published` or `updated`.
On a live blog, a bare time line (no `Updated`/`Published` word) belongs to
the post under it, so only labelled datelines are the page's.
The header ends where the prose starts: after two paragraphs of PROSE_WORDS words or more,
a date line is the body's own (an embedded post's date, a quoted notice) and stays.
"""
from __future__ import annotations

import re

from cleaners.dates import parse_date_line, parse_dateline
from cleaners.page import Page
from cleaners.rules import rule, top_lines

TOP_LINES = 15
PROSE_WORDS = 25
LABELLED = re.compile(r"^\s*(?:updated|published|posted|last updated)\b", re.I)


@rule("dateline")
def dateline(page: Page) -> None:
    zone = "America/New_York" if page.meta.site == "cnn" else None
    prose = 0
    for line in top_lines(page, TOP_LINES):
        if len(line.text.split(None, PROSE_WORDS - 1)) >= PROSE_WORDS:
            prose += 1
            if prose >= 2:
                return
            continue
        ts = parse_dateline(line.text, default_zone=zone) or parse_date_line(line.text)
        if ts is None or (page.meta.kind == "liveblog" and not LABELLED.match(line.text)):
            continue
        if ts.kind == "updated":
            page.meta.updated = page.meta.updated or ts
        else:
            page.meta.published = page.meta.published or ts
        page.drop(line, "dateline")
