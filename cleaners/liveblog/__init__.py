"""Live blogs: one page in, a parent summary and every post out.

`split_posts(page)` finds the posts among a page's lines (structure.py),
builds each post (posts.py), marks recurring inserts (repeats.py) and gives
each post a time, explicit or honestly inferred (timing.py). It works on
lines, so text dumps and HTML-derived text share it.
"""
from __future__ import annotations

from cleaners.liveblog.posts import build_posts
from cleaners.liveblog.repeats import mark_repeats
from cleaners.liveblog.structure import find_post_starts
from cleaners.liveblog.timing import assign_times
from cleaners.model import Post
from cleaners.page import Page


def split_posts(page: Page) -> tuple[Post, ...]:
    segments = find_post_starts(page)
    if not segments:
        return ()
    drafts = build_posts(page, segments)
    drafts = mark_repeats(drafts)
    posts, page_date = assign_times(drafts, page)
    if page_date is not None and page.meta.published is None:
        page.meta.published = page_date
    return posts
