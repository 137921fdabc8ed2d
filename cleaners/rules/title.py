"""title: the first line of the page, when it is headline-shaped.

A headline is short and does not end like a sentence. A page whose first line
is prose (a dump that starts mid-article) has no title rather than a wrong one.
"""
from __future__ import annotations

from cleaners.page import Page
from cleaners.rules import rule
from cleaners.shapes import is_headline_shaped

MAX_WORDS = 30


@rule("title")
def title(page: Page) -> None:
    live = page.live()
    if len(live) < 2 or page.meta.title:
        return
    first = live[0]
    text = first.text.strip()
    if first.number > 0 and any(ln.dropped_by in ("video_title", "fused_date_header") for ln in page.lines[: first.number]):
        return  # the page's first line was a header, not a headline
    if is_headline_shaped(text, MAX_WORDS) and not text.endswith((":", ",")):
        page.meta.title = text
        first.tag = "title"
        page.drop(first, "title")
