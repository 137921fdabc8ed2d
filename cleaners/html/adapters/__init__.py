"""Site adapters: what a generic extractor gets wrong on a given site's markup.

An adapter has a `name`, a `site` (the rule pack the text then runs through),
`matches(soup, meta, html)` (chosen by the page: domain in canonical/og:url, or
markup) and `extract(soup, meta, html) -> Extraction | None`. None means
"not my layout after all" and the page falls back to the generic adapter;
an adapter may decline only before it cuts anything out of the shared tree.

Adding one: write `adapters/<site>.py` with a class like `cnn.CnnAdapter`,
add an instance to `ADAPTERS` (before `GenericAdapter`, which takes anything).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cleaners.html.metadata import PageMeta
from cleaners.model import Caption, Removal, Timestamp


@dataclass(frozen=True)
class RawPost:
    """One live-blog post as the markup shows it; its text is cleaned later."""

    headline: str | None
    byline: str | None
    authors: tuple[str, ...]
    published: Timestamp | None
    text: str
    captions: tuple[Caption, ...] = ()


@dataclass(frozen=True)
class Extraction:
    adapter: str
    site: str | None
    kind: str  # "article" | "liveblog"
    text: str  # body paragraphs separated by blank lines (a live blog: its intro only)
    captions: tuple[Caption, ...] = ()
    posts: tuple[RawPost, ...] = ()
    removed: tuple[Removal, ...] = ()
    byline: str | None = None
    authors: tuple[str, ...] = ()
    declared_posts: int | None = None


class Adapter(Protocol):
    name: str
    site: str | None

    def matches(self, soup, meta: PageMeta, html: str) -> bool: ...

    def extract(self, soup, meta: PageMeta, html: str) -> Extraction | None: ...


def _registry() -> list[Adapter]:
    from cleaners.html.adapters.cnn import CnnAdapter
    from cleaners.html.adapters.generic import GenericAdapter

    return [CnnAdapter(), GenericAdapter()]


def choose(soup, meta: PageMeta, html: str = "") -> list[Adapter]:
    """Adapters that claim the page, most specific first; the generic one is always last."""
    return [a for a in _registry() if a.matches(soup, meta, html)]


def extract_with_adapters(soup, meta: PageMeta, html: str) -> Extraction:
    """Run the first adapter that claims the page and returns something; generic last.

    Adapters cut nodes out of `soup`, so an adapter may return None (decline)
    only before it has changed the tree.
    """
    for adapter in choose(soup, meta, html):
        result = adapter.extract(soup, meta, html)
        if result is not None and (result.text.strip() or result.posts):
            return result
    return Extraction("none", None, "article", "")
