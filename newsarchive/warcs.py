"""WARC files as inputs of `newsarchive run`: one input per HTML response record.

Discovery (`index`) streams through a WARC once with warcio, parsing only the
WARC and HTTP headers of each record and noting its offset and length (the
gzip member, for `.warc.gz`); bodies are read past in 16 KB blocks, never held,
so a multi-GB WARC costs one sequential read (and gunzip) and little memory.
Which records are pages is `cleaners.html.warc.not_an_input`; the others are
counted by reason, not inputs.

Reading (`read_record`) opens the file at the record's offset, reads that one
record (at most `length` bytes of the file) and returns its HTTP body with
chunked transfer and content encoding undone, at most `max_bytes` of it.

Nothing is lost silently: a WARC that cannot be read at all, a record that
cannot be parsed (reading goes on at the next record start found after it), a
file that ends inside a record and a capture the crawler truncated each become
one input with a `problem` (rejected at stage `read` with that reason). Those problem inputs are named by
their location, `file:///.../crawl.warc.gz#offset=N`, not by the page's URL, so
a broken capture never replaces a good archived copy of the same page.
"""
from __future__ import annotations

import os
import stat
import zlib
from collections import Counter
from dataclasses import dataclass, field

from cleaners.html.warc import WARCIO_MISSING, capture_problem, is_warc, not_an_input
from cleaners.model import Reject

SNIFF_BYTES = 1024
GZIP_MAGIC = b"\x1f\x8b"
TAIL_SLACK = 4096  # blank lines may follow the last record of an uncompressed WARC


@dataclass(frozen=True)
class Entry:
    """One input found in a WARC: a page record, or a problem at an offset."""

    uri: str  # WARC-Target-URI for a page; FILE_URI#offset=N for a problem
    offset: int
    length: int | None
    date: str  # WARC-Date as written ('' when missing): the later capture of a URL wins
    problem: str | None = None


@dataclass
class WarcIndex:
    entries: list[Entry] = field(default_factory=list)
    records: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> records that are not inputs


def sniff(path: str) -> bool:
    """True when `path` is a regular file whose first bytes are a WARC record (plain or gzip)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False  # reading it will say why, with the reasons every file gets
    try:
        return is_warc(os.read(fd, SNIFF_BYTES))
    except OSError:
        return False
    finally:
        os.close(fd)


def location(file_uri: str, offset: int) -> str:
    return f"{file_uri}#offset={offset}"


def index(path: str, file_uri: str) -> WarcIndex:
    """Every input in the WARC at `path` (see the module doc); never raises for a bad file."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return WarcIndex([Entry(file_uri, 0, None, "", f"cannot read WARC: {exc.strerror or exc}")])
    return _scan(path, file_uri, st.st_size)


def _scan(path: str, file_uri: str, size: int) -> WarcIndex:
    out = WarcIndex()
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        out.entries.append(Entry(file_uri, 0, None, "", f"a WARC file: {WARCIO_MISSING}"))
        return out
    with open(path, "rb") as fh:
        gz = fh.read(2) == GZIP_MAGIC
        pos = 0
        while True:  # past damage, reading goes on at the next record start found (pos only grows)
            fh.seek(pos)
            end, damage = _records(fh, ArchiveIterator, out, file_uri)
            if damage is None:
                break
            at, if_last, if_resumed = damage
            nxt = _next_record(fh, max(at, end) + 1, gz)
            if nxt is None:
                if out.records == 0 and not out.entries:
                    out.entries.append(Entry(file_uri, 0, None, "", if_last))
                else:
                    out.entries.append(Entry(location(file_uri, at), at, None, "", if_last))
                return out
            out.entries.append(Entry(location(file_uri, at), at, None, "",
                                     f"{if_resumed}; bytes {at}-{nxt} skipped, reading went on at the next record"))
            pos = nxt
    if out.records == 0:
        out.entries.append(Entry(file_uri, 0, None, "", "unreadable WARC: no records found"))
    elif tail := _tail_problem(path, end, size):
        out.entries.append(Entry(location(file_uri, end), end, None, "", tail))
    return out


def _records(fh, iterator, out: WarcIndex, file_uri: str) -> tuple[int, tuple[int, str, str] | None]:
    """Index the records from fh's position on, into `out`.

    Returns (where the last whole record ended, None) at the end of the file, or, at damage,
    (that end, (where the damage is, its reason if nothing readable follows, its reason if
    reading can go on after it)).
    """
    end = fh.tell()
    try:
        it = iterator(fh)
        for record in it:
            out.records += 1
            headers = record.rec_headers
            target = headers.get_header("WARC-Target-URI") or ""
            date = headers.get_header("WARC-Date") or ""
            why_not = not_an_input(record)
            problem = capture_problem(record) if why_not is None else None
            offset, length = it.get_record_offset(), it.get_record_length()  # reads past the body
            missing = getattr(record.raw_stream, "limit", 0)  # declared bytes that could not be read
            if missing > 0:
                what = f"the {record.rec_type} record at byte {offset}{_for(target)}"
                return end, (offset, f"truncated WARC: the file ends {missing} bytes before the end of {what}",
                             f"corrupt WARC: {missing} bytes of {what} cannot be read")
            end = offset + length
            if record.rec_type is None:  # warcio takes a bare "WARC/1.0" line and anything after it as a record
                out.entries.append(Entry(location(file_uri, offset), offset, length, date,
                                         f"invalid WARC record at byte {offset}: no WARC-Type header"))
            elif why_not:
                out.skipped[why_not] += 1
            elif problem:
                out.entries.append(Entry(location(file_uri, offset), offset, length, date,
                                         f"{problem}{_for(target)}"))
            elif not target:
                out.entries.append(Entry(location(file_uri, offset), offset, length, date,
                                         "WARC response record without a WARC-Target-URI"))
            else:
                out.entries.append(Entry(target, offset, length, date))
    except Exception as exc:  # ArchiveLoadFailed, a corrupt gzip member, an I/O error
        reason = _printable(str(exc)) or type(exc).__name__
        if out.records == 0 and not out.entries:
            return end, (end, f"unreadable WARC: {reason}", f"unreadable WARC start: {reason}")
        return end, (end, f"unreadable WARC from byte {end}: {reason}; nothing readable follows",
                     f"corrupt WARC at byte {end}: {reason}")
    return end, None


def _next_record(fh, start: int, gz: bool) -> int | None:
    """Where the next record starts at or after `start` (a gzip member holding `WARC/`, or a
    `WARC/1.` line), or None: read forward in 1 MB steps, nothing kept."""
    magic = GZIP_MAGIC + b"\x08" if gz else b"WARC/1."
    pos = start
    while True:
        fh.seek(pos)
        block = fh.read(1024 * 1024 + len(magic))
        if len(block) < len(magic):
            return None
        i = block.find(magic)
        while i != -1:
            at = pos + i
            if _record_starts_at(fh, at, gz):
                return at
            i = block.find(magic, i + 1)
        pos += len(block) - len(magic) + 1


def _record_starts_at(fh, at: int, gz: bool) -> bool:
    fh.seek(max(at - 1, 0))
    head = fh.read(SNIFF_BYTES + 1)
    if at > 0:
        before, head = head[:1], head[1:]
        if not gz and before != b"\n":
            return False
    return is_warc(head)


def _printable(text: str, limit: int = 160) -> str:
    """An error message fit for a reject reason: one line, no control bytes, short."""
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _for(target: str) -> str:
    return f" ({target})" if target else ""


def _tail_problem(path: str, end: int, size: int) -> str | None:
    """What is wrong with bytes after the last whole record (warcio drops a cut gzip member silently)."""
    if size <= end:
        return None
    with open(path, "rb") as fh:
        fh.seek(end)
        tail = fh.read(min(size - end, 64 * 1024))
    if size - end <= TAIL_SLACK and not tail.strip():
        return None
    head = tail
    if tail[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(tail, 64 * 1024)
        except zlib.error:
            head = b""
    target = rec_type = ""
    if head.startswith(b"WARC/"):
        for line in head.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
            name, _, value = line.decode("utf-8", "replace").partition(":")
            if name.strip().lower() == "warc-target-uri":
                target = value.strip().strip("<>")
            elif name.strip().lower() == "warc-type":
                rec_type = value.strip()
        return (f"truncated WARC: the file ends inside the {rec_type or 'last'} record at byte {end}"
                f"{_for(target)} ({size - end} bytes of it)")
    return f"truncated or corrupt WARC: {size - end} bytes from byte {end} are not a whole record"


def read_record(path: str, offset: int, length: int | None, uri: str, max_bytes: int) -> bytes:
    """The HTTP body of the response record at `offset` (decoded), or Reject('read'|'decode', ...)."""
    from newsarchive.sources import read_reject

    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.limitreader import LimitReader
    except ImportError:
        raise Reject("read", f"a WARC record: {WARCIO_MISSING}") from None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise read_reject(exc, path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Reject("read", "WARC file changed since discovery: no longer a regular file")
        if offset + (length or 0) > st.st_size:
            raise Reject("read", f"WARC file changed since discovery: it ends before the record at byte {offset}")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            fh.seek(offset)
            return _body(ArchiveIterator(LimitReader(fh, length) if length else fh), offset, uri, max_bytes)
    except OSError as exc:
        raise read_reject(exc, path) from None
    finally:
        os.close(fd)


def _body(it, offset: int, uri: str, max_bytes: int) -> bytes:
    try:
        record = next(iter(it), None)
    except Exception as exc:  # discovery read a record here: the file is not what it was
        raise Reject("read", f"WARC file changed since discovery: no readable record at byte {offset} "
                             f"({_printable(str(exc), 80)})") from None
    target = record.rec_headers.get_header("WARC-Target-URI") if record is not None else None
    if record is None or record.rec_type != "response" or target != uri or record.http_headers is None:
        raise Reject("read", f"WARC file changed since discovery: no response record for this URL at byte {offset}")
    encoding = (record.http_headers.get_header("Content-Encoding") or "").strip().lower()
    if encoding not in ("", "identity") and encoding not in _decoders():
        hint = " (pip install brotli)" if encoding == "br" else ""
        raise Reject("decode", f"unsupported Content-Encoding: {encoding}{hint}")
    stream = record.content_stream()
    body = stream.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise Reject("read", f"too large: response body over {max_bytes} bytes (limit --max-bytes)")
    while record.raw_stream.read(64 * 1024):  # a chunked body may leave its trailer behind
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise Reject("read", f"truncated WARC: the file ends inside the record at byte {offset}")
    decompressor = getattr(stream, "decompressor", None)
    if decompressor is not None and getattr(decompressor, "eof", True) is False:
        raise Reject("decode", f"Content-Encoding {encoding}: the compressed body is corrupt or cut short")
    if not body:
        raise Reject("read", "empty response body (0 bytes)")
    return body


def _decoders() -> set[str]:
    from warcio.bufferedreaders import BufferedReader

    return set(BufferedReader.get_supported_decompressors())
