"""Cleaning ahead: the first batches' documents, cleaned while Prefect's server boots.

`newsarchive run` waits ~1.5-2.5 s for Prefect's temporary server before the flow run exists,
and the cleaner processes the CLI prestarts (newsarchive/watchdog.py) would only idle then. So
the CLI plans which documents each of them will likely get first (`plan`: the flow's own
discovery and batch sizes, from the run's first files), and each cleans those
into a cache in its process (`clean_ahead`) until its first real batch arrives. The batch's
cleaning asks the cache first (`cleaned`): a hit is the very `Document` that `clean_source`
returns for the same URI, path, limits and bytes (SHA-256); cleaning is deterministic.

What is cached is only that pure result, never an outcome. The batch still reads every file,
checks it against the archive, builds and checks its rows, fingerprints it and records it under
the flow's task, its retries and its run id. A document that fails to clean ahead (a reject, an
error, running out of memory, more than the time limit) is not cached: its batch meets the
failure itself, under the watchdog, and the right document gets the blame. A cleaner still busy
with a document ahead when its batch comes is stopped first: it finishes that document, or is
killed after the time limit and the batch takes a fresh process (watchdog `end_ahead`).

NEWSARCHIVE_CLEAN_AHEAD=0 turns it off. No Prefect import: it runs in the cleaner processes.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable

from cleaners.model import Document, Source
from cleaners.pipeline import Limits, clean_source
from newsarchive import LARGE_BATCH_SIZE, LARGE_BATCHES_PER_WORKER, batch_size_for
from newsarchive.sources import SourceRef, discover_first, display_path, read_bytes

MAX_DOCS = 1024  # documents planned per cleaner process: more than a server's boot leaves time for
MAX_BYTES = 64 * 1024 * 1024  # input bytes one process cleans ahead at most (its cache holds the results)

_CACHE: dict[tuple, Document] = {}  # in a cleaner process: (uri, path, limits, sha256) -> Document
_HITS = [0]  # cache hits since the last `take_hits`


def enabled() -> bool:
    return os.environ.get("NEWSARCHIVE_CLEAN_AHEAD", "1") != "0"


def plan(sources: list[str], workers: int, batch_size: int | None) -> list[list[SourceRef]] | None:
    """For each of `workers` cleaners, the documents of the batches it would take in turn
    (k, k + workers, ...), as the flow will cut them; None when there is nothing to plan.

    Only the run's first files are listed (`discover_first`): as many as the workers' first
    batches hold, or as `batch_size_for` needs to see to choose the batch size, if more. Listing
    every file (and opening each, to tell a WARC) took 0.7-0.8 s at 50k files on a slow machine,
    longer beside the CLI's imports: runs that big got few documents cleaned ahead, or none."""
    size = batch_size or LARGE_BATCH_SIZE
    need = workers * size * -(-MAX_DOCS // size)  # the documents of each worker's first batches
    if not batch_size:
        need = max(need, LARGE_BATCH_SIZE * LARGE_BATCHES_PER_WORKER * workers)
    first = discover_first(sources, need)
    if not first or not first[0]:
        return None
    refs, more = first
    size = batch_size or batch_size_for(need if more else len(refs), workers)
    batches = [refs[i : i + size] for i in range(0, len(refs), size)]
    return [[r for b in batches[k::workers] for r in b][:MAX_DOCS] for k in range(workers)]


def _key(source: Source, limits: Limits) -> tuple:
    return (source.uri, source.path, limits, source.sha256)


def clean_ahead(refs: list[SourceRef], limits: Limits, stop: Callable[[], bool],
                before_each: Callable[[], None] = lambda: None) -> bool:
    """Clean `refs` into this process's cache until `stop()` is true, MAX_BYTES are read or the
    list ends. `before_each` runs before each document (the watchdog caps its memory there).
    False: this process ran out of memory and must end (it may be left inconsistent)."""
    read = 0
    for ref in refs:
        if read >= MAX_BYTES or stop():
            break
        if ref.problem or ref.warc:
            continue
        before_each()
        start = time.monotonic()
        try:
            data = read_bytes(ref, limits.max_bytes)
            source = Source(ref.uri, data, display_path(ref.path))
            doc = clean_source(source, limits)
        except MemoryError:
            return False
        except Exception:  # a reject or an error: the batch meets it itself, under the watchdog
            continue
        read += len(data)
        if not limits.max_seconds or time.monotonic() - start <= limits.max_seconds:
            _CACHE[_key(source, limits)] = doc
    return True


def cleaned(source: Source, limits: Limits) -> Document:
    """`clean_source(source, limits)`, from the cache when this process cleaned it ahead."""
    if _CACHE:
        doc = _CACHE.pop(_key(source, limits), None)
        if doc is not None:
            _HITS[0] += 1
            return doc
    return clean_source(source, limits)


def take_hits() -> int:
    """Documents served from the cache since the last call. A batch that got none drops what is
    left (cleaned for a batch another process took): the cache never outlives its use."""
    hits, _HITS[0] = _HITS[0], 0
    if not hits:
        _CACHE.clear()
    return hits
