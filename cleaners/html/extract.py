"""Generic HTML route: trafilatura pulls the main text and the page's metadata.

The text then goes through the same rules as text dumps, so both routes agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from cleaners.dates import day_timestamp
from cleaners.model import Timestamp


@dataclass(frozen=True)
class HtmlExtract:
    text: str
    title: str | None
    authors: tuple[str, ...]
    published: Timestamp | None
    canonical_url: str | None
    site_name: str | None
    language: str | None


def extract_html(html: str, uri: str | None = None) -> HtmlExtract:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=uri if uri and "://" in uri and not uri.startswith("file:") else None,
        with_metadata=True, include_comments=False, include_tables=True, deduplicate=False,
    )
    if doc is None:
        return HtmlExtract("", None, (), None, None, None, None)
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    published = None
    if d.get("date"):
        try:
            published = day_timestamp(datetime.fromisoformat(d["date"]).date(), "html:metadata", timezone.utc)
        except ValueError:
            published = None
    authors = tuple(a.strip() for a in (d.get("author") or "").split(";") if a.strip())
    return HtmlExtract(
        text=d.get("text") or "",
        title=d.get("title"),
        authors=authors,
        published=published,
        canonical_url=d.get("url"),
        site_name=d.get("sitename"),
        language=d.get("language"),
    )
