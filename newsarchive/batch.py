"""Process one batch of inputs: read -> clean -> validate -> stage-write.

Plain Python (no Prefect), so it runs the same in a flow task, in a test or
in a Dask worker. A bad document becomes a reject row; it never fails the batch.
"""
from __future__ import annotations

import errno
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from store.archive import Archive
from store.neardup import SignatureStager
from cleaners.model import Reject, Source
from cleaners.pipeline import DEFAULT_LIMITS, Limits, clean_source
from newsarchive.sources import SourceRef, read_bytes
from schemas.records import RunContext, doc_id_for, document_row, post_rows, reject_row
from schemas.v1 import PARTITION
from schemas.validate import InvalidRecord, check_row, to_table


@dataclass
class BatchResult:
    batch_no: int
    inputs: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: Counter = field(default_factory=Counter)  # "stage: reason" -> count
    posts: int = 0
    rules: Counter = field(default_factory=Counter)  # rule -> lines removed or repaired
    warnings: Counter = field(default_factory=Counter)  # archived, but worth a look
    bytes_read: int = 0
    seconds: float = 0.0


def _read_reject(exc: OSError, path: str) -> Reject:
    if exc.errno == errno.ENOENT:
        return Reject("read", "file vanished or is a broken symlink")
    if exc.errno == errno.EACCES:
        return Reject("read", "permission denied")
    if exc.errno == errno.EISDIR:
        return Reject("read", "is a directory")
    return Reject("read", f"cannot read: {exc.strerror or exc}")


def process_batch(
    refs: list[SourceRef], *, batch_no: int, staging: str, known: dict, ctx: RunContext,
    limits: Limits = DEFAULT_LIMITS, force: bool = False,
) -> BatchResult:
    start = time.perf_counter()
    res = BatchResult(batch_no, inputs=len(refs))
    rows: dict[str, list[dict]] = {"documents": [], "posts": [], "rejects": []}
    signatures = SignatureStager(staging, batch_no)  # near-duplicate fingerprints, see store/neardup.py
    for ref in refs:
        doc_id = doc_id_for(ref.uri)
        data = None
        try:
            try:
                data = read_bytes(ref.path, limits.max_bytes)
            except OSError as exc:
                raise _read_reject(exc, ref.path) from None
            source = Source(ref.uri, data, ref.path)
            res.bytes_read += len(data)
            prior = known.get(doc_id)
            if not force and prior == (source.sha256, ctx.pipeline_version):
                res.unchanged += 1
                continue
            try:
                doc = clean_source(source, limits)
            except Reject:
                raise
            except RecursionError:
                raise Reject("clean", "document too deeply nested") from None
            except Exception as exc:  # a cleaner bug must not cost the other documents
                raise Reject("clean", f"internal error: {type(exc).__name__}: {exc}"[:500]) from None
            doc_row = document_row(doc, doc_id, ctx)
            p_rows = post_rows(doc, doc_id, ctx)
            try:
                check_row("documents", doc_row)
                for r in p_rows:
                    check_row("posts", r)
            except InvalidRecord as exc:
                raise Reject("validate", str(exc)) from None
            rows["documents"].append(doc_row)
            signatures.add(doc_id, doc)
            rows["posts"].extend(p_rows)
            res.posts += len(p_rows)
            if doc.declared_posts is not None and doc.declared_posts != len(doc.posts):
                res.warnings[f"live blog declares {doc.declared_posts} posts, {len(doc.posts)} found"] += 1
            res.rules.update(r.rule for r in doc.removed)
            res.rules.update(r.rule for r in doc.repairs)
            if prior is None:
                res.new += 1
            else:
                res.replaced += 1
        except Reject as rej:
            sha = Source(ref.uri, data).sha256 if data is not None else None
            rows["rejects"].append(reject_row(doc_id=doc_id, uri=ref.uri, path=ref.path, sha256=sha,
                                              size=len(data) if data is not None else None,
                                              stage=rej.stage, reason=rej.reason, ctx=ctx))
            res.rejected[f"{rej.stage}: {rej.reason}"] += 1
    for table, table_rows in rows.items():
        by_part: dict[str, list[dict]] = {}
        for r in table_rows:
            by_part.setdefault(r[PARTITION], []).append(r)
        Archive.write_staged(Path(staging), table, {p: to_table(table, rs) for p, rs in by_part.items()},
                             f"{Path(staging).name}-b{batch_no:06d}", ctx.pipeline_version)
    signatures.write()
    res.seconds = time.perf_counter() - start
    return res
