"""Discover inputs from SOURCE arguments: files, folders (recursive), globs.

Discovery loses nothing silently: broken symlinks, unreadable files and
folders that cannot be listed are still listed (a folder's listing error
travels with its ref), so that reading them produces a reject with a reason.
Symlinks to folders are followed once (a link loop is not walked twice).
Names starting with `.` are not inputs.

The only content discovery reads is the first KB of each regular file, to
recognise a WARC (`WARC/` after gunzip, whatever the file is called). A WARC is
not one input but one per HTML response record (newsarchive/warcs.py): its ref
has the record's `WARC-Target-URI` as `uri` (so `doc_id` names the page, across
files and crawls), `path` = `FILE#offset=N` (what provenance shows), and `warc`,
`offset`, `length` to read just that record. When several records of one run
capture the same URL, the latest `WARC-Date` wins (ties: the later file or
offset); the others are counted as superseded.

`read_bytes` refuses what is not a regular file (a FIFO would block the run
forever, a device never ends) and never loads more than the size limit.
"""
from __future__ import annotations

import errno
import glob
import logging
import os
import stat
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_from_bytes

from cleaners.model import Reject
from newsarchive import warcs


@dataclass(frozen=True)
class SourceRef:
    uri: str  # file:// URI of the path as given (absolute, symlinks kept); a WARC record's WARC-Target-URI
    path: str  # the file; for a WARC record "FILE#offset=N" (shown in source_path, not opened)
    problem: str | None = None  # set when discovery already knows it cannot be read
    warc: str | None = None  # a WARC record: the WARC file, and where the record is in it
    offset: int | None = None
    length: int | None = None  # bytes of the file (the gzip member, for .warc.gz); None: unknown


class NoSuchSource(ValueError):
    pass


def _ref(path: Path, problem: str | None = None) -> SourceRef:
    p = path.absolute()
    return SourceRef(p.as_uri(), str(p), problem)


def display_path(path: str) -> str:
    """The path as text that is always valid Unicode (undecodable bytes shown as \\xNN)."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _walk(folder: Path):
    """(ref, None) for every file under `folder`, symlinked folders followed once; (path, problem)
    for what could not be listed.

    A file's ref is built from its folder's, computed once per folder: `_ref` for each of
    50,000 files spent more time in pathlib than reading their first KB took. The text is the
    same: `as_uri` quotes byte by byte and keeps "/", so the quoted name appended to the
    folder's URI is the file's URI (tests/newsarchive/test_sources_walk.py compares them)."""
    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []

    def onerror(exc: OSError) -> None:
        errors.append(exc)

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True, onerror=onerror):
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = None
        if key is not None and key in seen:  # a symlink loop or a second link to the same folder
            dirnames[:] = []
            continue
        if key is not None:
            seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        names = sorted(name for name in filenames if not name.startswith("."))
        if names:
            base = Path(dirpath).absolute()
            path_prefix, uri_prefix = str(base).rstrip("/") + "/", base.as_uri().rstrip("/") + "/"
            if uri_prefix == "file:/":  # the root folder: "file:///" lost one slash too many
                uri_prefix = "file:///"
            for name in names:
                yield SourceRef(uri_prefix + quote_from_bytes(os.fsencode(name)), path_prefix + name), None
        while errors:
            exc = errors.pop()
            yield Path(exc.filename or dirpath), f"cannot list folder: {exc.strerror or exc}"
    while errors:  # the top folder itself could not be listed
        exc = errors.pop()
        yield Path(exc.filename or folder), f"cannot list folder: {exc.strerror or exc}"


def discover(sources: list[str]) -> list[SourceRef]:
    """Every input named by `sources` (files, and the HTML records of WARC files), sorted and de-duplicated.

    Raises NoSuchSource when an argument names nothing at all (a typo should
    fail the run loudly, not archive zero documents quietly).
    """
    seen: dict[str, SourceRef] = {}
    captures: dict[str, tuple[tuple, SourceRef, Counter]] = {}  # URL -> (rank: latest wins, ref, its WARC's stats)
    found_warcs: dict[str, tuple[str, Counter]] = {}  # file URI -> (display path, what became of its records)
    for ref, problem in _found(sources):
        if ref.uri in seen or ref.uri in found_warcs:
            continue
        if problem is None and warcs.sniff(ref.path):
            found_warcs[ref.uri] = (display_path(ref.path), _expand_warc(ref, len(found_warcs), seen, captures))
            continue
        seen[ref.uri] = ref
    for uri, (_, ref, _) in captures.items():
        seen.setdefault(uri, ref)  # a file:// target that is also a file given here: the file wins
    for shown, stats in found_warcs.values():
        _note_warc(shown, stats)
    return [seen[k] for k in sorted(seen)]


def discover_first(sources: list[str], n: int) -> tuple[list[SourceRef], bool] | None:
    """The first `n` inputs `discover` would return, and whether there are more: a guess, cheap
    whatever the size of the run, for the CLI's cleaning ahead (newsarchive/ahead.py).

    It lists files in the order the folders are walked (sorted folders, sorted names) and stops
    after n + 1, so its first n are `discover`'s exactly when the walk's order is the sorted
    one (folders of files, no file beside a subfolder); otherwise cleaning ahead only guesses
    worse. None when a WARC is among them (indexing its records is the flow's work, done once)
    or when anything fails: it never raises."""
    seen: dict[str, SourceRef] = {}
    try:
        for ref, problem in _found(sources):
            if problem is None and warcs.sniff(ref.path):
                return None
            seen.setdefault(ref.uri, ref)
            if len(seen) > n:
                break
    except (NoSuchSource, OSError):
        return None
    refs = [seen[k] for k in sorted(seen)]
    return refs[:n], len(refs) > n


def _found(sources: list[str]):
    """(ref, problem) for every file the SOURCE arguments name, in argument order."""
    for src in sources:
        kind, named = _named(src)
        found = _walk(named) if kind == "folder" else [(named, None)] if kind == "file" else named
        for f, problem in found:  # lazily: `discover_first` stops early
            yield (f if isinstance(f, SourceRef) else _ref(f, problem)), problem


def check_sources(sources: list[str]) -> None:
    """Raise NoSuchSource, as `discover` would, when an argument names nothing; without listing
    folders or opening files (the CLI's early check: `discover` then runs once, in the flow)."""
    for src in sources:
        _named(src)


def _named(src: str) -> tuple[str, object]:
    """What one SOURCE argument names: ("folder", Path), ("file", Path), or ("glob", [(Path, None)])."""
    path = Path(src)
    if path.is_dir():
        return "folder", path
    if path.exists() or path.is_symlink():
        return "file", path
    found = [(Path(p), None) for p in sorted(glob.glob(src, recursive=True)) if not Path(p).is_dir()]
    if not found:
        raise NoSuchSource(f"no such file, folder or glob match: {src}")
    return "glob", found


SUPERSEDED = "superseded by a later capture of the same URL"
NOT_INPUT = "not an input: "


def _expand_warc(ref: SourceRef, file_no: int, seen: dict, captures: dict) -> Counter:
    """Add the WARC's inputs: problems to `seen`, pages to `captures` (the latest capture of a URL wins)."""
    found = warcs.index(ref.path, ref.uri)
    stats = Counter({"records": found.records})
    stats.update({f"{NOT_INPUT}{why}": n for why, n in found.skipped.items()})
    for e in found.entries:
        where = ref.path if e.uri == ref.uri else f"{ref.path}#offset={e.offset}"  # the whole file, or one spot
        r = SourceRef(e.uri, where, e.problem, ref.path, e.offset, e.length)
        if e.problem:
            stats["problems"] += 1
            seen.setdefault(r.uri, r)
            continue
        stats["inputs"] += 1
        rank = (_warc_date(e.date), file_no, e.offset)
        prior = captures.get(e.uri)
        if prior is not None and prior[0] > rank:
            stats[SUPERSEDED] += 1
            continue
        if prior is not None:
            prior[2][SUPERSEDED] += 1  # counted in the WARC that holds the older capture
        captures[e.uri] = (rank, r, stats)
    return stats


def _warc_date(date: str) -> str:
    """WARC-Date as a string that sorts in time order (WARC/1.1 may add a fraction of a second)."""
    d = date.strip().rstrip("Z")
    head, _, frac = d.partition(".")
    return f"{head}.{frac.ljust(9, '0')}" if head else ""


def _n(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _note_warc(shown: str, stats: Counter) -> None:
    """One log line per WARC: its records, how many are inputs, and why the others are not."""
    skipped = sorted(((n, what[len(NOT_INPUT):]) for what, n in stats.items() if what.startswith(NOT_INPUT)),
                     key=lambda nw: (-nw[0], nw[1]))
    msg = (f"WARC {shown}: {_n(stats['records'], 'record')}, {_n(stats['inputs'] - stats[SUPERSEDED], 'HTML page')} as inputs"
           + (f", {stats['problems']} unreadable part(s) rejected" if stats["problems"] else "")
           + (f", {stats[SUPERSEDED]} {SUPERSEDED}" if stats[SUPERSEDED] else "")
           + (f"; not inputs: {', '.join(f'{n} {what}' for n, what in skipped)}" if skipped else ""))
    if "prefect" in sys.modules:  # inside the flow: its log; elsewhere (a tool calling discover) the std logger
        try:
            from prefect import get_run_logger
            from prefect.context import FlowRunContext

            if FlowRunContext.get() is not None:
                get_run_logger().info(msg)
                return
        except Exception:
            pass
    logging.getLogger(__name__).info(msg)


_KINDS = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")]


def _kind(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def read_reject(exc: OSError, path: str) -> Reject:
    """The reject for a file that could not be read, in words a person understands."""
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return Reject("read", "broken symlink: its target does not exist")
        return Reject("read", "file vanished between discovery and reading")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Reject("read", "permission denied")
    if exc.errno == errno.EISDIR:
        return Reject("read", "is a folder, not a file")
    if exc.errno == errno.ELOOP:
        return Reject("read", "symlink loop")
    if exc.errno == errno.ENXIO:
        return Reject("read", "not a regular file (a socket or device with no reader)")
    return Reject("read", f"cannot read: {exc.strerror or exc}")


def read_bytes(ref: SourceRef | str, max_bytes: int) -> bytes:
    """The input's bytes; raises Reject('read', ...) for anything that is not a readable regular file.

    `ref` is a SourceRef or a file path. The size is checked on the open file before
    reading, and at most max_bytes + 1 bytes are ever loaded (a file growing while read
    is caught too). A WARC record's bytes are its HTTP body, decoded (newsarchive/warcs.py).
    """
    if isinstance(ref, SourceRef):
        if ref.warc is not None:
            return warcs.read_record(ref.warc, ref.offset or 0, ref.length, ref.uri, max_bytes)
        path = ref.path
    else:
        path = ref
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise read_reject(exc, path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Reject("read", f"not a regular file: {_kind(st.st_mode)}")
        if st.st_size > max_bytes:
            raise Reject("read", f"too large: {st.st_size} bytes > limit {max_bytes} (limit --max-bytes)")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            # read(n) allocates n bytes up front: ask for the file's size (+1 to see it grow), not the limit
            data = fh.read(st.st_size + 1)
            if len(data) > st.st_size:  # it grew while being read: take the rest, up to the limit
                data += fh.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise read_reject(exc, path) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise Reject("read", f"too large: more than {max_bytes} bytes (limit --max-bytes)")
    return data
