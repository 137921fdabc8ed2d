"""Live-blog furniture in the page header.

- liveblog_counter: `19 Posts` / `12 updates`; the number becomes
  `declared_posts`, checked against the posts found.
- coverage_ended_notice: `Live coverage has ended. Read more ... here.`
"""
from __future__ import annotations

import re

from cleaners.page import Page
from cleaners.rules import rule

COUNTER = re.compile(r"^(\d{1,4})\s+(?:posts?|updates?|entries)$", re.I)
ENDED = re.compile(r"^(?:this |the |our )?live (?:coverage|updates?|blog) (?:has|have) (?:ended|moved|finished)\b", re.I)


_ENDED_START = frozenset("tToOlL")  # this / the / our / live (no re.I fold for t, o, l)


@rule("liveblog_counter")
def liveblog_counter(page: Page) -> None:
    for line in page.live():
        t = line.text.strip()
        m = COUNTER.match(t) if t[:1].isdecimal() else None  # \d is a decimal digit
        if m:
            page.meta.declared_posts = page.meta.declared_posts or int(m[1])
            page.drop(line, "liveblog_counter")


@rule("coverage_ended_notice")
def coverage_ended_notice(page: Page) -> None:
    for line in page.live():
        t = line.text.strip()
        if t[:1] in _ENDED_START and ENDED.match(t) and len(t.split()) <= 25:
            page.drop(line, "coverage_ended_notice")
