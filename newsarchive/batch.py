"""Process one batch of inputs: read -> clean -> validate -> stage-write.

Plain Python (no Prefect), so it runs the same in a flow task, in a test or
in a Dask worker. A bad document becomes a reject row; it never fails the batch.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from store import staged
from store.neardup import SignatureStager
from cleaners.model import Reject, Source
from cleaners.pipeline import DEFAULT_LIMITS, Limits
from newsarchive.report import Tally
from newsarchive.sources import SourceRef, display_path, read_bytes
from newsarchive.watchdog import Cleaner
from newsarchive.prepare import Prepared, prepare
from schemas.records import RunContext, doc_id_for, reject_row
from schemas.v1 import ENUMS, PARTITION
from schemas.validate import to_table


REJECT_STAGES = ENUMS[("rejects", "stage")]


@dataclass
class BatchResult(Tally):
    batch_no: int = 0
    seconds: float = 0.0


def process_batch(
    refs: list[SourceRef], *, batch_no: int, staging: str, known: dict, ctx: RunContext,
    limits: Limits = DEFAULT_LIMITS, force: bool = False,
) -> BatchResult:
    """Every ref ends as exactly one of: new, replaced, unchanged, rejected (stage + reason)."""
    start = time.perf_counter()
    res = BatchResult(batch_no=batch_no, inputs=len(refs))
    rows: dict[str, list[dict]] = {"documents": [], "posts": [], "rejects": []}
    signatures = SignatureStager(staging, batch_no)  # near-duplicate fingerprints, see store/neardup.py
    with Cleaner(limits.max_seconds, limits.max_memory_mb) as cleaner:  # hard limits: newsarchive/watchdog.py
        for ref in refs:
            doc_id = doc_id_for(ref.uri)
            path = display_path(ref.path)  # file names need not be valid UTF-8; the archive's text must
            data = None
            stage = "read"
            try:
                if ref.problem:
                    raise Reject("read", ref.problem)
                data = read_bytes(ref, limits.max_bytes)
                source = Source(ref.uri, data, path)
                res.bytes_read += len(data)
                prior = known.get(doc_id)
                if not force and prior == (source.sha256, ctx.pipeline_version):
                    res.unchanged += 1
                    continue
                stage = "clean"
                outcome = cleaner.run(prepare, source, limits, doc_id, ctx)  # clean, rows, checks, fingerprint
                if outcome[0] == "reject":
                    raise Reject(outcome[1], outcome[2])
                done: Prepared = outcome[1]
                signatures.add_signature(doc_id, done.signature)
            except Reject as rej:
                _reject(rows, res, ref, path, data, doc_id, rej, ctx)
                continue
            except Exception as exc:  # whatever else goes wrong with one input stays with that input
                rej = Reject(stage, f"internal error: {type(exc).__name__}: {exc}"[:500])
                _reject(rows, res, ref, path, data, doc_id, rej, ctx)
                continue
            rows["documents"].append(done.doc_row)
            rows["posts"].extend(done.post_rows)
            res.posts += len(done.post_rows)
            if done.declared_posts is not None and done.declared_posts != done.posts:
                res.warnings[f"live blog declares {done.declared_posts} posts, {done.posts} found"] += 1
            res.rules.update(done.rules)
            if prior is None:
                res.new += 1
            else:
                res.replaced += 1
    name = f"{Path(staging).name}-b{batch_no:06d}"
    for table, table_rows in rows.items():  # one cheap Arrow file per table; Parquet per partition at commit
        staged.write_batch(Path(staging), table, to_table(table, table_rows), [r[PARTITION] for r in table_rows],
                           name, ctx.pipeline_version)
    signatures.write()
    outcomes = res.new + res.replaced + res.unchanged + sum(res.rejected.values())
    if outcomes != res.inputs:  # a bug here would lose inputs silently: fail the batch loudly instead
        raise RuntimeError(f"batch {batch_no}: {res.inputs} inputs but {outcomes} outcomes")
    res.seconds = time.perf_counter() - start
    return res


def _reject(rows: dict, res: BatchResult, ref: SourceRef, path: str, data: bytes | None, doc_id: str,
            rej: Reject, ctx: RunContext) -> None:
    sha = Source(ref.uri, data).sha256 if data is not None else None
    if rej.stage not in REJECT_STAGES:  # a stage the schema does not know must not fail the whole batch
        rej = Reject("clean", f"[{rej.stage}] {rej.reason}")
    rows["rejects"].append(reject_row(doc_id=doc_id, uri=ref.uri, path=path, sha256=sha,
                                      size=len(data) if data is not None else None,
                                      stage=rej.stage, reason=rej.reason, ctx=ctx))
    res.rejected[f"{rej.stage}: {rej.reason}"] += 1
