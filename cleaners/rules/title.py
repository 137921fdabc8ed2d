"""title: the first line of the page, when it is headline-shaped.

A headline is short and does not end like a sentence. A question or
exclamation counts only when a byline right under it confirms it (a dump may open
on a one-sentence question). A page whose first line is prose (a dump that
starts mid-article) has no title rather than a wrong one.
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
    confirmed = any(ln.dropped_by == "byline" for ln in page.lines[first.number + 1 : first.number + 6])
    if text.rstrip("\"'”’").endswith(("?", "!")) and not confirmed:
        return
    if is_headline_shaped(text, MAX_WORDS) and not text.endswith((":", ",")):
        page.meta.title = text
        first.tag = "title"
        page.drop(first, "title")
