"""WARC input: one `Source` per captured HTML response, read with warcio.

A WARC file holds many pages, so it is a container to open before the pipeline,
not a page. `newsarchive run` expands each WARC into one input per HTML response
record (newsarchive/warcs.py, by offset, streaming); `warc_sources(data, path)`
does the same for WARC bytes already in memory: for each `response` record, the
HTTP body (chunked transfer and gzip/deflate content encoding undone) as a
`Source` whose `uri` is the record's `WARC-Target-URI` and whose `path` is the
WARC file. Records that are not inputs, or over the size cap, come back as
`WarcSkip`s with a reason, so a caller can count or report them.

Which records are pages (`not_an_input` says why the others are not), the same
for both: a `response` record of an HTTP(S) capture with a 2xx status (not 204
No Content, not 206 Partial Content) whose `Content-Type` is `text/html`,
`application/xhtml+xml` or missing (the pipeline then decides by content).
Requests, metadata, warcinfo, revisits (the crawler saw the same payload again),
`resource` records, redirects, errors, images, scripts, feeds and `text/plain`
(robots.txt) are not. A capture the crawler itself cut short (`WARC-Truncated`)
or stored in segments is a page but cannot be archived whole: `capture_problem`.

warcio is imported here only inside functions, so `is_warc` works without it.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from cleaners.model import Source

HTML_TYPES = ("text/html", "application/xhtml+xml", "")
WARCIO_MISSING = "reading WARC files needs warcio: pip install 'newsarchive[warc]'"


@dataclass(frozen=True)
class WarcSkip:
    uri: str
    reason: str


def is_warc(head: bytes) -> bool:
    """True for a WARC file, plain or gzip-compressed (`.warc.gz`), from its first bytes (give 1 KB or more)."""
    if head.startswith(b"WARC/"):
        return True
    if head[:2] == b"\x1f\x8b":
        try:  # a partial stream is fine: the first bytes decompress on their own
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def content_type(record) -> str:
    """The HTTP Content-Type of a response record, lower-cased, without parameters ('' when none)."""
    if record.http_headers is None:
        return ""
    return (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()


def not_an_input(record) -> str | None:
    """Why this WARC record is not a page to archive, or None when it is one (see the module doc)."""
    if record.rec_type != "response":
        return f"{record.rec_type or 'untyped'} record"
    if record.http_headers is None:  # dns:, whois:, an empty block, ...
        return "response without HTTP headers"
    status = (record.http_headers.get_statuscode() or "").strip()
    if not status.startswith("2") or status in ("204", "206"):
        return f"HTTP status {status or 'missing'}"
    ctype = content_type(record)
    if ctype not in HTML_TYPES:
        return f"not HTML: content type {ctype}"
    return None


def capture_problem(record) -> str | None:
    """Why a page record cannot be archived whole although it is a page, or None."""
    truncated = record.rec_headers.get_header("WARC-Truncated")
    if truncated:
        return (f"capture truncated by the crawler (WARC-Truncated: {truncated}): "
                "the page is incomplete")
    if record.rec_headers.get_header("WARC-Segment-Number"):
        return "segmented WARC record (continuation records are not supported)"
    return None


def warc_sources(data: bytes, path: str | None = None, max_bytes: int = 20 * 1024 * 1024) -> Iterator[Source | WarcSkip]:
    """Every response record of a WARC (bytes) as a Source, or a WarcSkip saying why not."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type is None:
                yield WarcSkip(path or "", "unreadable WARC: a record without a WARC-Type header")
                return
            records += 1
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            why = not_an_input(record) or capture_problem(record)
            if why:
                yield WarcSkip(uri, why)
                continue
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield WarcSkip(uri, f"too large: record body over the limit of {max_bytes} bytes")
                continue
            if not body.strip():
                yield WarcSkip(uri, "empty response body")
                continue
            yield Source(uri or f"{path}#record", body, path)
    except ArchiveLoadFailed as exc:
        yield WarcSkip(path or "", f"unreadable WARC: {exc}")
        return
    if records == 0:
        yield WarcSkip(path or "", "unreadable WARC: no records found")
