"""HTML route: markup metadata, a site adapter (or the generic one), then the text rules.

    strip_inert -> parse once (lxml) -> read_metadata (JSON-LD, <meta>, <time>, <link>)
    -> fill_missing (trafilatura/htmldate, only for missing fields)
    -> adapter.extract (cnn, ..., generic) -> clean_text on the body and on each post

One lxml tree serves metadata, adapters and trafilatura (which copies it).

The result is the same `TextResult` the text route produces, so the pipeline
assembles both alike. Markup metadata wins over what text rules guess.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from cleaners.html import dom
from cleaners.html.adapters import Extraction, RawPost, extract_with_adapters
from cleaners.html.metadata import PageMeta, fill_missing, read_metadata
from cleaners.model import Post, Removal, Repair
from cleaners.text import TextResult, clean_text


@dataclass(frozen=True)
class HtmlResult:
    result: TextResult  # body, posts, captions, audit: as for a text dump
    meta: PageMeta
    adapter: str

    @property
    def canonical_url(self) -> str | None:
        return self.meta.canonical_url

    @property
    def language(self) -> str | None:
        return self.meta.language


def _web_uri(uri: str | None) -> str | None:
    return uri if uri and uri.startswith(("http://", "https://")) else None


def clean_html(html: str, uri: str | None = None) -> HtmlResult:
    """Clean one decoded HTML page into a `TextResult` with the page's own metadata."""
    html = dom.strip_inert(html)
    tree = dom.parse(html)
    own = read_metadata(tree)
    meta = fill_missing(own, tree if dom.is_full_document(html) else html, _web_uri(uri))
    ex = extract_with_adapters(tree, meta, html)
    where = meta.canonical_url or uri
    # Posts found in the markup are cleaned one by one; without them the text route may still
    # recognise a live blog in the extracted text and split it with its own splitter.
    body = clean_text(_with_title(ex.text, meta.title), uri=where, site=ex.site,
                      kind="article" if ex.posts else None)
    site = body.site
    posts, post_removed, post_repairs = _clean_posts(ex.posts, where, site)
    kind = ex.kind if ex.posts else body.kind
    result = replace(
        body,
        title=meta.title or body.title,
        # a live blog's authors are its posts'; a guessed page-level name would be one post's byline
        authors=(own.authors if kind == "liveblog" else meta.authors or ex.authors or body.authors),
        byline=ex.byline or body.byline,
        published=meta.published or body.published,
        updated=meta.updated or body.updated,
        kind=kind,
        body=_drop_leading(body.body, meta.title),
        posts=posts if ex.posts else body.posts,
        captions=ex.captions + body.captions,
        removed=ex.removed + body.removed + post_removed,
        repairs=body.repairs + post_repairs,
        declared_posts=ex.declared_posts or body.declared_posts,
    )
    return HtmlResult(result, meta, ex.adapter)


def _with_title(text: str, title: str | None) -> str:
    """Put the headline first, as a dump has it, so the title rule takes it and not a body line.

    Text that already opens with it (the page's own <h1>, as trafilatura keeps it) is left as it
    is: the headline twice would leave the second one in the body."""
    if not title or not text:
        return text
    first = text.lstrip().split("\n", 1)[0]
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return text
    return f"{title}\n\n{text}"


def _drop_leading(body: str, title: str | None) -> str:
    if title and (body == title or body.startswith(title + "\n\n")):
        return body[len(title):].lstrip("\n")
    return body


def _clean_posts(raw: tuple[RawPost, ...], uri: str | None, site: str | None):
    posts: list[Post] = []
    removed: list[Removal] = []
    repairs: list[Repair] = []
    for p in raw:
        r = clean_text(_with_title(p.text, p.headline), uri=uri, site=site, kind="article")
        text = _drop_leading(r.body, p.headline)
        if not text.strip():
            continue
        headline = p.headline or r.title  # a headline-shaped first line is the post's headline
        posts.append(Post(
            position=len(posts), headline=headline, byline=p.byline or r.byline,
            authors=p.authors or r.authors, published=p.published or r.published,
            body=text, captions=p.captions + r.captions,
        ))
        removed.extend(x for x in r.removed if x.rule != "title")
        repairs.extend(r.repairs)
    return _mark_repeats(posts), tuple(removed), tuple(repairs)


def _mark_repeats(posts: list[Post]) -> tuple[Post, ...]:
    """The same paragraph pasted into several posts: recorded as each post's repeated_inserts,
    with the text route's own rule (cleaners.liveblog.repeats), so both routes agree."""
    from types import SimpleNamespace

    from cleaners.liveblog.repeats import mark_repeats

    drafts = mark_repeats([SimpleNamespace(position=p.position, paragraphs=p.body.split("\n\n"), repeated=[])
                           for p in posts])
    return tuple(replace(p, repeated_inserts=tuple(d.repeated)) for p, d in zip(posts, drafts))


def extract_text(html: str, uri: str | None = None) -> str:
    """Just the cleaned body (a live blog: intro and posts), for evaluation and quick looks."""
    r = clean_html(html, uri).result
    parts = [r.body] + [p.body for p in r.posts]
    return "\n\n".join(x for x in parts if x.strip())


__all__ = ["HtmlResult", "clean_html", "extract_text", "Extraction"]
