"""Split a live blog into posts. (Placeholder until the splitter lands: no posts.)"""
from __future__ import annotations

from cleaners.model import Post
from cleaners.page import Page


def split_posts(page: Page) -> tuple[Post, ...]:
    return ()
