"""Site adapters: what a generic extractor gets wrong on a given site's markup.

An adapter has a `name`, a `site` (the rule pack the text then runs through),
`matches(tree, meta, html)` (chosen by the page: domain in canonical/og:url, or
markup) and `extract(tree, meta, html) -> Extraction | None`; `tree` is the
page's lxml tree (`dom.parse`), `html` the string it was parsed from. None
means "not my layout after all" and the page falls back to the generic adapter;
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

    def matches(self, tree, meta: PageMeta, html: str) -> bool: ...

    def extract(self, tree, meta: PageMeta, html: str) -> Extraction | None: ...


_REGISTRY: list[Adapter] = []


def _registry() -> list[Adapter]:
    if not _REGISTRY:
        from cleaners.html.adapters.cnn import CnnAdapter
        from cleaners.html.adapters.generic import GenericAdapter

        _REGISTRY.extend([CnnAdapter(), GenericAdapter()])
    return _REGISTRY


def choose(tree, meta: PageMeta, html: str = "") -> list[Adapter]:
    """Adapters that claim the page, most specific first; the generic one is always last."""
    return [a for a in _registry() if a.matches(tree, meta, html)]


def extract_with_adapters(tree, meta: PageMeta, html: str) -> Extraction:
    """Run the first adapter that claims the page and returns something; generic last.

    Adapters cut nodes out of `tree`, so an adapter may return None (decline)
    only before it has changed the tree. One that returned an empty extraction
    may have cut things out: the next adapter gets a fresh tree of the page.
    """
    from cleaners.html.dom import parse

    for adapter in choose(tree, meta, html):
        result = adapter.extract(tree, meta, html)
        if result is not None and (result.text.strip() or result.posts):
            return result
        if result is not None:
            tree = parse(html)
    return Extraction("none", None, "article", "")
