"""The CNN rule pack: page chrome that only CNN pages print.

- section_label: the `CNN politics` / `CNN Business` kicker line.
- live_tv_badge: the `• LIVE TV` header badge.
"""
from __future__ import annotations

import re

from cleaners.page import Page
from cleaners.rules import line_rule, rule, top_lines

SECTION_LABEL = re.compile(r"^CNN(?:\s+[A-Za-z]+){1,2}$")
LIVE_TV = re.compile(r"^[•·\-*]?\s*LIVE\s+TV$", re.I)
TOP_LINES = 15


@rule("section_label")
def section_label(page: Page) -> None:
    for line in top_lines(page, TOP_LINES):
        t = line.text.strip()
        if SECTION_LABEL.match(t):
            page.drop(line, "section_label")


def _is_live_tv(t: str) -> bool:
    return t[-2:].lower() == "tv" and LIVE_TV.match(t) is not None  # no re.I fold for t, v


live_tv_badge = line_rule("live_tv_badge", _is_live_tv)
