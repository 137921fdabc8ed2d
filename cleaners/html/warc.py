"""WARC input: one `Source` per captured HTML response, read with warcio.

A WARC file holds many pages, so it is a container to open before the pipeline,
not a page: `warc_sources(data, path)` yields, for each `response` record, the
HTTP body (chunked transfer and gzip/deflate content encoding undone) as a
`Source` whose `uri` is the record's `WARC-Target-URI` and whose `path` is the
WARC file. Records that are not HTML-ish, or over the size cap, come back as
`WarcSkip`s with a reason, so a caller can count or report them.

warcio is an optional dependency (`pip install newsarchive[warc]`), imported here only.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from cleaners.model import Source

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


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
            ctype = ""
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if ctype not in HTML_TYPES:
                yield WarcSkip(uri, f"not HTML: content type {ctype}")
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
