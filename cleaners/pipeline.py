"""One source in, one `Document` out (or a `Reject` raised): the cleaners' front door.

decode -> detect -> (html: extract) -> clean text -> assemble. Pure: no I/O,
no Prefect. `newsarchive clean` and the flow's tasks both call `clean_source`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from cleaners.decode import decode
from cleaners.detect import detect_format
from cleaners.guards import check_html_depth, check_line_count, check_line_length
from cleaners.model import Document, Reject, Source
from cleaners.text import TextResult, clean_text


@dataclass(frozen=True)
class Limits:
    """Explicit, configurable limits; an input over one is rejected, not left to hang.

    `max_bytes`, `max_line_chars` and `max_lines` (text dumps), `max_depth` (HTML nesting) are
    cheap pre-checks here (cleaners/guards.py). `max_seconds` and `max_memory_mb`
    are hard limits per document, enforced from outside by a child process
    (newsarchive/watchdog.py); 0 turns them off. See docs/reliability.md.
    """

    max_bytes: int = 20 * 1024 * 1024
    max_line_chars: int = 2_000_000
    max_lines: int = 200_000
    max_depth: int = 250
    max_seconds: float = 60.0
    max_memory_mb: int = 2048


DEFAULT_LIMITS = Limits()


def clean_source(source: Source, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Clean one source. Raises `Reject(stage, reason)` when it cannot be archived."""
    doc, _ = clean_source_with_page(source, limits)
    return doc


def clean_source_with_page(source: Source, limits: Limits = DEFAULT_LIMITS) -> tuple[Document, TextResult]:
    if source.size == 0:
        raise Reject("read", "empty file (0 bytes)")
    if source.size > limits.max_bytes:
        raise Reject("read", f"too large: {source.size} bytes > limit {limits.max_bytes}")
    data = source.data
    if data[:2] == b"\x1f\x8b":  # page.html.gz: decompress under the same size cap
        from cleaners.html.compressed import gunzip_capped

        data = gunzip_capped(data, limits.max_bytes)
    if data.startswith(b"WARC/"):
        raise Reject("detect", "a WARC file (a container of many pages): give it to `newsarchive run`, which archives each HTML page it holds")
    fmt = detect_format(data)
    text, encoding, decode_repairs = decode(data)
    if not text.strip():
        raise Reject("decode", "no text: the file holds only whitespace")
    if fmt == "html":
        check_html_depth(text, limits.max_depth)
    else:
        check_line_length(text, limits.max_line_chars)
        check_line_count(text, limits.max_lines)

    canonical = language = None
    if fmt == "html":
        from cleaners.html.extract import clean_html

        ex = clean_html(text, source.uri)  # markup metadata + site adapter + the same text rules
        result, canonical, language = ex.result, ex.canonical_url, ex.language
    else:
        result = clean_text(text, uri=source.uri)

    updated = result.updated
    published = result.published
    if published is None and updated is not None:
        # The page prints only its last update: say so rather than leave a gap.
        published = replace(updated, source=f"{updated.source}(updated)")
    doc = Document(
        source_uri=canonical or source.uri,
        source_sha256=source.sha256,
        source_bytes=source.size,
        source_format=fmt,
        kind=result.kind,
        site=result.site,
        title=result.title,
        authors=result.authors,
        published=published,
        updated=updated,
        body=result.body,
        removed=result.removed,
        repairs=tuple(decode_repairs) + result.repairs,
        posts=result.posts,
        declared_posts=result.declared_posts,
        encoding=encoding,
        language=language,
        canonical_url=canonical,
        source_path=source.path,
        captions=result.captions,
        byline=result.byline,
        video_title=result.video_title,
    )
    if not doc.body.strip() and not doc.posts:
        raise NothingLeft(doc, result)
    return doc, result


class NothingLeft(Reject):
    """Rejected because the rules left no text; carries what they did, for `inspect`."""

    def __init__(self, document: Document, result: TextResult):
        super().__init__("clean", "no article text left after cleaning")
        self.document = document
        self.result = result
