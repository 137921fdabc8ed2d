"""Where do posts start? Structure, not separators alone.

A post starts at a share separator (`Link Copied!`, already dropped by the
share_widget rule), or at a headline-shaped line that is followed by a post
byline (`From CNN's ...`) or by an image credit, or at a headline-shaped line
right under the post counter (`19 Posts`, dropped by liveblog_counter; the
post's time line may stand between): the counter heads the list of posts, so
the first post needs no byline to be found.
Splitting on separators only would merge posts whose separator is missing.
"""
from __future__ import annotations

import re

from cleaners.page import Line, Page, per_line
from cleaners.rules.credits import credit_text
from cleaners.shapes import words

SEPARATOR_RULES = {"share_widget"}
POST_BYLINE = re.compile(
    r"^(?:from|analysis from|analysis by|opinion by|commentary by|reporting by|by)\s+[A-Z]", re.I
)
MAX_HEADLINE_WORDS = 30


@per_line
def is_post_byline(text: str) -> bool:
    t = text.strip()
    return bool(POST_BYLINE.match(t)) and len(words(t)) <= 24 and not t.endswith(".")


def _is_time(text: str) -> bool:
    from cleaners.liveblog.timing import post_time_line

    return post_time_line(text)


@per_line
def is_headline(text: str) -> bool:
    t = text.strip()
    if t.endswith((".", ":", ",", ";")):  # the cheap tests first: most lines are prose
        return False
    first = t.lstrip("\"“‘'(")
    if not (first and (first[0].isupper() or first[0].isdigit())):
        return False
    if len(t.split(None, MAX_HEADLINE_WORDS)) > MAX_HEADLINE_WORDS:  # = len(words(t)) > MAX_HEADLINE_WORDS
        return False
    return not (_is_time(t) or is_post_byline(t) or credit_text(t) is not None)


COUNTER = "counter"  # stands in `_items` where the post counter was


def _items(page: Page) -> list[Line | None | str]:
    """Live lines in order, with None where a separator stood (runs collapsed) and COUNTER
    where the post counter stood."""
    out: list[Line | None | str] = []
    for ln in page.lines:
        if ln.dropped_by in SEPARATOR_RULES:
            if out and out[-1] is not None:
                out.append(None)
        elif ln.dropped_by == "liveblog_counter":
            out.append(COUNTER)
        elif ln.dropped_by is None and ln.tag is None and ln.text and not ln.text.isspace():  # ln.live, inlined
            out.append(ln)
    return out


def _byline_or_credit_follows(items: list[Line | None], i: int) -> bool:
    """A post byline or an image credit right under item i (the credit may follow one caption line)."""
    nxt = items[i + 1] if i + 1 < len(items) else None
    if not isinstance(nxt, Line):
        return False
    if is_post_byline(nxt.text) or credit_text(nxt.text) is not None:
        return True
    nxt2 = items[i + 2] if i + 2 < len(items) else None
    return isinstance(nxt2, Line) and credit_text(nxt2.text) is not None and not is_headline(nxt.text)


def find_post_starts(page: Page) -> list[list[Line]]:
    """The page's lines cut into posts (header summary lines excluded)."""
    items = _items(page)
    starts: list[int] = []
    for i, item in enumerate(items):
        if not isinstance(item, Line):
            continue
        before = items[i - 1] if i > 0 else "top"
        after_sep = before is None
        timed = isinstance(before, Line) and _is_time(before.text)
        under_counter = before is COUNTER or (timed and i >= 2 and items[i - 2] is COUNTER)
        if after_sep or (is_headline(item.text) and (under_counter or _byline_or_credit_follows(items, i))):
            if timed:
                i -= 1  # the post's printed time stands above its headline
            if not starts or starts[-1] != i:
                starts.append(i)
    segments = []
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(items)
        seg = [ln for ln in items[s:end] if isinstance(ln, Line)]
        if seg:
            segments.append(seg)
    return segments
