"""Process one batch of inputs: read -> clean -> validate -> stage-write.

Plain Python (no Prefect), so it runs the same in a flow task, in a test or
in a Dask worker. A bad document becomes a reject row; it never fails the batch.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from store import staged
from store.neardup import SignatureStager
from cleaners.model import Reject, Source
from cleaners.pipeline import DEFAULT_LIMITS, Limits
from newsarchive import ahead
from newsarchive.report import Tally
from newsarchive.sources import SourceRef, display_path, read_bytes
from newsarchive.watchdog import OUT_OF_MEMORY, BatchHooks, Cleaner, Restart, assign_ahead, guarded, prestart, shutdown
from newsarchive.prepare import Prepared, fingerprinted, prepare
from schemas.records import RunContext, doc_id_for, reject_row
from schemas.v1 import ENUMS, PARTITION
from schemas.validate import to_table


REJECT_STAGES = ENUMS[("rejects", "stage")]
# Documents cleaned before their rows become Arrow (see _process). A batch of 512 text dumps held
# as Python rows took ~75 MB more of a cleaning process's memory than one of 128.
CHUNK_DOCS = 128


@dataclass
class BatchResult(Tally):
    batch_no: int = 0
    seconds: float = 0.0
    ahead: int = 0  # documents whose cleaning was done ahead, while Prefect's server booted (newsarchive/ahead.py)


def process_batch(
    refs: list[SourceRef], *, batch_no: int, staging: str, known: dict, ctx: RunContext,
    limits: Limits = DEFAULT_LIMITS, force: bool = False,
) -> BatchResult:
    """Every ref ends as exactly one of: new, replaced, unchanged, rejected (stage + reason).

    With a time limit the whole batch runs in a watchdog child (newsarchive/watchdog.py),
    which enforces the limits per document; without one, right here.
    """
    start = time.perf_counter()
    with Cleaner(limits.max_seconds, limits.max_memory_mb, refs[0].uri if refs else None) as cleaner:
        res = cleaner.run_batch(_process, len(refs), refs=refs, batch_no=batch_no, staging=staging, known=known,
                                ctx=ctx, limits=limits, force=force)
    res.seconds = time.perf_counter() - start
    return res


def prestart_cleaners(workers: int, limits: Limits, sources: list[str] | None = None,
                      batch_size: int | None = None) -> None:
    """Boot the cleaner processes of a local run's first batches now (`workers` 0: one per CPU).

    For the CLI, while Prefect's temporary server boots and the flow process would only wait.
    Only with the watchdog on (a time limit): without it there are no cleaner processes.
    With `sources` (the run's, and its `batch_size`), each then cleans ahead the documents its
    first batches will likely bring (newsarchive/ahead.py); `limits` must be the run's own."""
    if not limits.max_seconds:
        return
    n = workers or os.cpu_count() or 1
    prestart(n, limits.max_memory_mb)
    if sources and ahead.enabled():  # planned beside the workers' boot; a late plan only finds fewer idle ones
        def plan() -> None:
            jobs = ahead.plan(sources, n, batch_size)
            if jobs:
                assign_ahead(limits.max_memory_mb, [(refs, limits) for refs in jobs if refs])

        threading.Thread(target=plan, name="newsarchive-plan-ahead", daemon=True).start()


def release_cleaners() -> None:
    """Stop the cleaner processes kept idle between batches (~120 MB each): call when the run's
    batches are done, so the end phase (near-duplicates, Parquet, commit) does not carry them."""
    shutdown()


def _process(
    refs: list[SourceRef], *, batch_no: int, staging: str, known: dict, ctx: RunContext, limits: Limits,
    force: bool, hooks: BatchHooks, skip: dict[int, tuple[str, str]],
) -> BatchResult:
    """The batch itself, wherever it runs; `skip`: documents the watchdog already rejected.

    Documents are cleaned CHUNK_DOCS at a time, and each chunk's rows become Arrow tables
    before the next chunk starts, so a batch holds the Python rows of one chunk at most:
    a cleaning process's memory does not grow with the batch size (docs/performance.md).
    """
    res = BatchResult(batch_no=batch_no, inputs=len(refs))
    rows: dict[str, list[dict]] = {"rejects": []}
    pieces: dict[str, list[tuple]] = {"documents": [], "posts": []}  # per chunk: (Arrow table, partitions)
    signatures = SignatureStager(staging, batch_no)  # near-duplicate fingerprints, see store/neardup.py
    for start in range(0, len(refs), CHUNK_DOCS):
        accepted: list[tuple] = []  # (ref, path, sha256, size, doc_id, prior, Prepared) of the cleaned documents
        positions: list[int] = []  # each accepted document's index in the batch
        for i in range(start, min(start + CHUNK_DOCS, len(refs))):
            item = _clean_doc(i, refs[i], known, ctx, limits, force, hooks, skip, rows, res)
            if item is not None:
                accepted.append(item)
                positions.append(i)
        _fingerprint_all(accepted, positions, rows, res, hooks, ctx)
        hooks.finishing()  # the chunk's bookkeeping is not any document's time or memory
        for table, piece in _arrow_tables(accepted, rows, res, ctx).items():
            pieces[table].append(piece)
        _tally(accepted, res, signatures)
        del accepted  # the chunk's Python rows: only their Arrow copy is kept
    tables = {t: (pa.concat_tables([a for a, _ in ps]), [p for _, part in ps for p in part])
              for t, ps in pieces.items() if ps}
    tables["rejects"] = (to_table("rejects", rows["rejects"]), [r[PARTITION] for r in rows["rejects"]])
    name = f"{Path(staging).name}-b{batch_no:06d}"
    for table, (arrow, parts) in tables.items():  # one cheap Arrow file per table; Parquet per month at commit
        staged.write_batch(Path(staging), table, arrow, parts, name, ctx.pipeline_version)
    signatures.write()
    res.ahead = ahead.take_hits()
    outcomes = res.new + res.replaced + res.unchanged + sum(res.rejected.values())
    if outcomes != res.inputs:  # a bug here would lose inputs silently: fail the batch loudly instead
        raise RuntimeError(f"batch {batch_no}: {res.inputs} inputs but {outcomes} outcomes")
    return res


def _clean_doc(i: int, ref: SourceRef, known: dict, ctx: RunContext, limits: Limits, force: bool,
               hooks: BatchHooks, skip: dict, rows: dict, res: BatchResult) -> tuple | None:
    """Read and clean document `i`: its accepted tuple, or None when it was unchanged or rejected."""
    doc_id = doc_id_for(ref.uri)
    path = display_path(ref.path)  # file names need not be valid UTF-8; the archive's text must
    data = None
    stage = "read"
    try:
        if ref.problem:
            raise Reject("read", ref.problem)
        if i in skip and skip[i][0] == "read":  # it overran the limit while being read: not again
            raise Reject(*skip[i])
        hooks.at(i, "read")
        data = read_bytes(ref, limits.max_bytes)
        source = Source(ref.uri, data, path)
        res.bytes_read += len(data)
        prior = known.get(doc_id)
        if not force and prior == (source.sha256, ctx.pipeline_version):
            res.unchanged += 1
            return None
        stage = "clean"
        if i in skip:
            raise Reject(*skip[i])
        hooks.at(i, "clean")
        outcome = guarded(prepare, source, limits, doc_id, ctx, False)  # clean, rows, checks
        hooks.outcome(i, outcome)
        if outcome[0] == "reject":
            raise Reject(outcome[1], outcome[2])
        done: Prepared = outcome[1]
    except Reject as rej:
        _reject(rows, res, ref, path, data, doc_id, rej, ctx)
        return None
    except Restart:
        raise
    except MemoryError:  # e.g. while reading: as for cleaning, in a child this restarts the batch
        hooks.outcome(i, ("reject", stage, OUT_OF_MEMORY))
        _reject(rows, res, ref, path, data, doc_id, Reject(stage, OUT_OF_MEMORY), ctx)
        return None
    except Exception as exc:  # whatever else goes wrong with one input stays with that input
        rej = Reject(stage, f"internal error: {type(exc).__name__}: {exc}"[:500])
        _reject(rows, res, ref, path, data, doc_id, rej, ctx)
        return None
    return (ref, path, source.sha256, len(data), doc_id, prior, done)


def _tally(accepted: list[tuple], res: BatchResult, signatures: SignatureStager) -> None:
    """Count the archived documents of a chunk and stage their near-duplicate signatures."""
    for _, _, _, _, doc_id, prior, done in accepted:
        signatures.add_signature(doc_id, done.signature)
        res.posts += len(done.post_rows)
        if done.declared_posts is not None and done.declared_posts != done.posts:
            res.warnings[f"live blog declares {done.declared_posts} posts, {done.posts} found"] += 1
        res.rules.update(done.rules)
        if prior is None:
            res.new += 1
        else:
            res.replaced += 1


def _fingerprint_all(accepted: list[tuple], positions: list[int], rows: dict, res: BatchResult, hooks: BatchHooks,
                     ctx: RunContext) -> None:
    """The near-duplicate signature of every cleaned document of the batch, in one loop.

    Done once the batch's documents are cleaned rather than as each is: between two documents
    the cleaning pushed the word-hash cache and numpy's code out of the CPU caches, and looking
    up a document's words took ~2x as long (4,985 text dumps in process, A/B: batches 9.85/9.91
    -> 8.40/8.61 s; docs/performance.md).
    Each still runs under its document's limits (`hooks.at`); one that fails is rejected."""
    kept, kept_at = [], []
    for i, item in zip(positions, accepted):
        hooks.at(i, "clean")
        outcome = guarded(fingerprinted, item[-1])
        hooks.outcome(i, outcome)  # in the watchdog's child, out of memory restarts the batch
        if outcome[0] == "reject":
            ref, path, sha, size, doc_id = item[:5]
            _reject(rows, res, ref, path, None, doc_id, Reject(outcome[1], outcome[2]), ctx, sha=sha, size=size)
            continue
        kept.append(item[:-1] + (outcome[1],))
        kept_at.append(i)
    accepted[:], positions[:] = kept, kept_at


def _arrow_tables(accepted: list[tuple], rows: dict, res: BatchResult, ctx: RunContext) -> dict:
    """The batch's documents and posts as Arrow tables, built once for the whole batch.

    The cleaning process checked each row's values (newsarchive/prepare.py); what only
    Arrow can refuse (a type, text it cannot encode) is found here. If the batch does not
    convert, each document is converted alone and the ones that fail become rejects
    (stage validate): one bad document never costs the batch.
    """
    def build(items):
        docs = [it[-1].doc_row for it in items]
        posts = [r for it in items for r in it[-1].post_rows]
        return {"documents": (to_table("documents", docs, checked=True), [r[PARTITION] for r in docs]),
                "posts": (to_table("posts", posts, checked=True), [r[PARTITION] for r in posts])}

    try:
        return build(accepted)
    except Exception:
        pass
    kept = []
    for it in accepted:
        ref, path, sha, size, doc_id = it[:5]
        try:
            build([it])
        except Exception as exc:
            reason = f"does not fit the schema: {type(exc).__name__}: {exc}"[:500]
            _reject(rows, res, ref, path, None, doc_id, Reject("validate", reason), ctx, sha=sha, size=size)
            continue
        kept.append(it)
    accepted[:] = kept
    return build(kept)


def _reject(rows: dict, res: BatchResult, ref: SourceRef, path: str, data: bytes | None, doc_id: str,
            rej: Reject, ctx: RunContext, sha: str | None = None, size: int | None = None) -> None:
    if data is not None:
        sha, size = Source(ref.uri, data).sha256, len(data)
    if rej.stage not in REJECT_STAGES:  # a stage the schema does not know must not fail the whole batch
        rej = Reject("clean", f"[{rej.stage}] {rej.reason}")
    rows["rejects"].append(reject_row(doc_id=doc_id, uri=ref.uri, path=path, sha256=sha, size=size,
                                      stage=rej.stage, reason=rej.reason, ctx=ctx))
    res.rejected[f"{rej.stage}: {rej.reason}"] += 1
