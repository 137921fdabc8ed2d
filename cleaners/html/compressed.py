"""gzip-compressed input (`page.html.gz`): decompressed in chunks, with a hard size cap.

A file that would expand past the cap (a zip bomb, or simply too big) is
rejected with a reason before the memory is spent; a corrupt stream too.
"""
from __future__ import annotations

import zlib

from cleaners.model import Reject

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 64 * 1024


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """The decompressed bytes (all gzip members), or Reject('decode', ...) past `max_bytes`."""
    out = bytearray()
    rest = data
    while rest[:2] == GZIP_MAGIC:
        d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        pending = rest
        try:
            while pending:
                # max_length bounds each step, so a bomb never gets to allocate its full size
                out += d.decompress(pending, CHUNK)
                if len(out) > max_bytes:
                    raise Reject("decode", f"gzip expands beyond the limit of {max_bytes} bytes "
                                           f"(ratio over {len(out) // max(len(data), 1)}:1; possible zip bomb)")
                pending = d.unconsumed_tail
                if d.eof:
                    break
            if not d.eof:
                raise Reject("decode", "truncated gzip stream")
        except zlib.error as exc:
            raise Reject("decode", f"corrupt gzip data: {exc}") from None
        rest = d.unused_data
    if not out:
        raise Reject("decode", "gzip file holds no data")
    return bytes(out)
