"""Metadata from the page's own markup: JSON-LD first, then <meta>, <time>, <link>.

Order of trust, per field: JSON-LD (NewsArticle, LiveBlogPosting, ...), then
Open Graph / article:* / itemprop / name= meta tags, then <time datetime>.
`fill_missing` lets trafilatura's (htmldate's) guesses fill only the gaps.
Every timestamp is timezone-aware and says where it came from. Everything is
read from the page's lxml tree with XPath (the tree `dom.parse` built).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from lxml import etree

from cleaners.html.pagetext import get_text
from cleaners.model import Timestamp

ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "blogposting", "liveblogposting", "socialmediaposting", "report",
}
_ISO_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_ANY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$")


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: Timestamp | None = None
    updated: Timestamp | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None
    ld_types: tuple[str, ...] = ()  # lower-cased JSON-LD @type values seen
    ld_updates: tuple[dict, ...] = field(default=(), repr=False)  # LiveBlogPosting.liveBlogUpdate items

    @property
    def is_liveblog(self) -> bool:
        return "liveblogposting" in self.ld_types


def parse_iso(value: str | None, source: str, kind: str = "published") -> Timestamp | None:
    """An ISO 8601 string as a timezone-aware Timestamp; naive times are taken as UTC and say so."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    if not _ISO_ANY.match(text):
        return None
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text.replace(" ", "T", 1) if "T" not in text else text)
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if _ISO_DATE_ONLY.match(value.strip()):
        return Timestamp(dt.replace(tzinfo=timezone.utc), source, "day", kind)
    precision = "second" if dt.second or dt.microsecond else "minute"
    if dt.tzinfo is None:
        dt, source = dt.replace(tzinfo=timezone.utc), f"{source}:zone-unknown-assumed-UTC"
    return Timestamp(dt, source, precision, kind)


_SCRIPTS = etree.XPath("//script[@type]", smart_strings=False)
_METAS = etree.XPath("//meta[@content]", smart_strings=False)
_TITLE = etree.XPath("(//title)[1]", smart_strings=False)
_TIMES = etree.XPath("(//time[@datetime])[position() <= 5]", smart_strings=False)
_HTML = etree.XPath("(//html)[1]", smart_strings=False)
_LINKS = etree.XPath("//link[@href][@rel]", smart_strings=False)
_LD_TYPE = re.compile(r"ld\+json", re.I)


def _ld_objects(tree) -> list[dict]:
    """Every JSON object in the page's JSON-LD blocks, @graph and lists flattened."""
    out: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            out.append(node)
            if "@graph" in node:
                walk(node["@graph"])

    for script in _SCRIPTS(tree):
        if not _LD_TYPE.search(script.get("type")):
            continue
        raw = script.text or ""
        try:
            walk(json.loads(raw.strip()))
        except (ValueError, RecursionError):
            continue  # a broken block is skipped, never fatal
    return out


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in items if x}


def person_names(value) -> tuple[str, ...]:
    """Author names from a JSON-LD author value (string, object, or a list of them)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for it in items:
        if isinstance(it, dict) and _types(it) & {"organization", "newsmediaorganization", "corporation"}:
            continue  # "author": CNN is the outlet, not a person
        name = it.get("name") if isinstance(it, dict) else it
        if isinstance(name, str) and name.strip() and not name.strip().startswith("http"):
            names.append(" ".join(name.split()))
    return tuple(dict.fromkeys(names))


def _text(value) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _meta_index(tree) -> dict[tuple[str, str], str]:
    """(attribute, key) -> the first non-empty content, for property=, name= and itemprop= metas (one pass)."""
    index: dict[tuple[str, str], str] = {}
    for tag in _METAS(tree):
        content = _text(tag.get("content"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if key is not None:
                index.setdefault((attr, key), content)
    return index


def _meta(index, *keys: str) -> tuple[str | None, str | None]:
    """The first non-empty <meta> content among `keys` (property=, name= or itemprop=) and its key."""
    if not isinstance(index, dict):
        index = _meta_index(index)
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            if (attr, key) in index:
                return index[(attr, key)], key
    return None, None


def read_metadata(tree) -> PageMeta:
    """What the page says about itself, from its own markup only (`tree`: from `dom.parse`)."""
    metas = _meta_index(tree)
    ld = [o for o in _ld_objects(tree) if _types(o) & ARTICLE_TYPES]
    main = ld[0] if ld else {}
    ld_types = tuple(sorted({t for o in ld for t in _types(o)}))

    title = _text(main.get("headline"))
    authors = person_names(main.get("author")) if main.get("author") else ()
    published = parse_iso(main.get("datePublished"), "html:json-ld")
    updated = parse_iso(main.get("dateModified"), "html:json-ld", "updated")
    publisher = main.get("publisher")
    site_name = _text(publisher.get("name")) if isinstance(publisher, dict) else None
    language = _text(main.get("inLanguage")) if isinstance(main.get("inLanguage"), str) else None
    main_url = main.get("url") if isinstance(main.get("url"), str) else None
    updates = main.get("liveBlogUpdate") or ()
    updates = tuple(u for u in (updates if isinstance(updates, list) else [updates]) if isinstance(u, dict))

    if title is None:
        title, _ = _meta(metas, "og:title", "twitter:title", "headline")
    if title is None:
        title_el = _TITLE(tree)
        title = _text(get_text(title_el[0])) if title_el else None
    if not authors:
        value, _ = _meta(metas, "author", "article:author", "parsely-author", "byl")
        if value and not value.startswith("http"):
            authors = _split_authors(value)
    if published is None:
        value, key = _meta(metas, "article:published_time", "datePublished", "pubdate", "parsely-pub-date",
                           "date", "dc.date", "dcterms.created", "og:published_time")
        published = parse_iso(value, f"html:meta:{key}")
    if updated is None:
        value, key = _meta(metas, "article:modified_time", "dateModified", "lastmod", "og:updated_time")
        updated = parse_iso(value, f"html:meta:{key}", "updated")
    if published is None:
        for t in _TIMES(tree):
            published = parse_iso(t.get("datetime"), "html:time")
            if published:
                break
    if site_name is None:
        site_name, _ = _meta(metas, "og:site_name", "application-name")
    if language is None:
        html = _HTML(tree)
        language = _text(html[0].get("lang")) if html else None
        if language is None:
            language, _ = _meta(metas, "og:locale", "inLanguage", "language")
    description, _ = _meta(metas, "description", "og:description")
    return PageMeta(
        title=title, authors=authors, published=published, updated=updated,
        canonical_url=canonical_url(tree, metas) or main_url, site_name=site_name, language=language,
        description=description, ld_types=ld_types, ld_updates=updates,
    )


def canonical_url(tree, metas: dict | None = None) -> str | None:
    """<link rel=canonical>, else og:url; only absolute http(s) URLs count."""
    candidates = []
    for link in _LINKS(tree):
        if "canonical" in link.get("rel").lower().split():
            candidates.append(link.get("href"))
    value, _ = _meta(metas if metas is not None else tree, "og:url")
    if value:
        candidates.append(value)
    for c in candidates:
        c = c.strip()
        if c.startswith(("http://", "https://")):
            return c
    return None


def _split_authors(value: str) -> tuple[str, ...]:
    """'A, B and C, CNN' -> ('A', 'B', 'C'); a trailing outlet name is dropped."""
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", value)
    names = [p.strip() for p in parts if p.strip()]
    if len(names) > 1 and names[-1].isupper() and len(names[-1]) <= 6:
        names = names[:-1]  # "..., CNN"
    return tuple(dict.fromkeys(names))


def fill_missing(meta: PageMeta, page, uri: str | None) -> PageMeta:
    """Fill fields the markup lacks from trafilatura's metadata (htmldate for the date).

    `page` is the parsed tree when trafilatura would build the same tree from the string
    (it reads it without changing it: htmldate and the author search work on copies), else
    the HTML string. Nothing runs when the markup already has every field.
    """
    if meta.title and meta.authors and meta.published and meta.site_name:
        return meta  # trafilatura's metadata has no language to offer: a missing one alone is no reason
    from trafilatura.metadata import extract_metadata

    try:
        found = extract_metadata(page, default_url=uri, extensive=False)  # extensive date search: ~2 s on some pages
    except Exception:  # a metadata guess must never sink the page
        return meta
    if found is None:
        return meta
    d = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    published = meta.published
    if published is None and d.get("date"):
        published = parse_iso(str(d["date"])[:10], "html:htmldate")
    authors = meta.authors or tuple(a.strip() for a in (d.get("author") or "").split(";") if a.strip())
    return replace(
        meta, title=meta.title or d.get("title"), authors=authors, published=published,
        site_name=meta.site_name or d.get("sitename"), language=meta.language or d.get("language"),
    )
