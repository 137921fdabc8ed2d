"""dateline: `Updated 7:11 PM ET, Fri November 5, 2021` near the top is metadata.

The line leaves the body; its timestamp becomes `published` or `updated`.
"""
from __future__ import annotations

from cleaners.dates import parse_dateline
from cleaners.page import Page
from cleaners.rules import rule

TOP_LINES = 15


@rule("dateline")
def dateline(page: Page) -> None:
    zone = "America/New_York" if page.meta.site == "cnn" else None
    for line in page.live()[:TOP_LINES]:
        ts = parse_dateline(line.text, default_zone=zone)
        if ts is None:
            continue
        if ts.kind == "updated":
            page.meta.updated = page.meta.updated or ts
        else:
            page.meta.published = page.meta.published or ts
        page.drop(line, "dateline")
