"""The ingest flow: discover -> batches of (read -> clean -> validate -> stage) -> commit.

One task per batch of documents, not per document (Prefect's per-task cost is
milliseconds). Nothing is visible in the archive until the single commit at
the end, so a failed or killed run leaves the archive as it was.
"""
from __future__ import annotations

import os
import time
import uuid

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from store.archive import Archive
from store.neardup import flag_near_duplicates
from store.select import published_between
from store.compact import compaction_hint
from flows.cpu_pool import cpu_pool, run_cpu
from flows.progress import Progress
from flows.window import cleaning_slot, cleaning_slots, windowed
from cleaners.pipeline import Limits
from newsarchive import __version__, batch_size_for
from newsarchive.batch import BatchResult, process_batch, release_cleaners
from newsarchive.report import RunSummary
from newsarchive.sources import SourceRef, discover
from schemas.records import RunContext, doc_id_for


@task(name="process-batch", retries=2, retry_delay_seconds=2, task_run_name="batch-{batch_no}",
      cache_policy=NO_CACHE)
def process_batch_task(refs: list[SourceRef], batch_no: int, n_batches: int, staging: str, known: dict,
                       ctx: RunContext, limits: Limits, force: bool) -> BatchResult:
    with cleaning_slot(staging):  # one batch more than --workers is in flight; it waits here (flows/window.py)
        res = run_cpu(process_batch, refs, batch_no=batch_no, staging=staging, known=known, ctx=ctx,
                      limits=limits, force=force)
    get_run_logger().info(
        "batch %d/%d: %d inputs, %d new, %d replaced, %d unchanged, %d rejected, %d posts (%.2fs%s)",
        batch_no, n_batches, res.inputs, res.new, res.replaced, res.unchanged, sum(res.rejected.values()),
        res.posts, res.seconds, f"; {res.ahead} cleaned ahead" if res.ahead else "",
    )
    return res


@flow(name="newsarchive-ingest", log_prints=True)
def ingest(sources: list[str], archive: str = "archive", batch_size: int | None = None, force: bool = False,
           max_bytes: int = Limits.max_bytes, workers: int = 0, since: str | None = None,
           until: str | None = None, max_depth: int = Limits.max_depth, max_line_chars: int = Limits.max_line_chars,
           time_limit: float = Limits.max_seconds, max_memory_mb: int = Limits.max_memory_mb,
           max_lines: int = Limits.max_lines) -> dict:
    """Archive every file under `sources` into `archive`. `force` re-cleans unchanged inputs.

    `batch_size`: documents per task; None: `newsarchive.batch_size_for` (256, or 512 for big runs).
    `since`/`until` (YYYY-MM-DD, inclusive) make it a dated backfill: only sources whose archived
    document was published in that range are re-processed (store/select.py). `workers` N: N batches
    at once (0: one per CPU), each cleaned in its own watchdog child process (flows/window.py); with
    `time_limit` 0 (no watchdog), N > 1 runs whole batches in a pool of N processes (flows/cpu_pool.py).
    """
    start = time.perf_counter()
    log = get_run_logger()
    run_id = str(flow_run.id or uuid.uuid4())
    pool_size, workers = workers, workers or os.cpu_count() or 1  # 0 = auto: no pool, one batch per CPU in flight
    ctx = RunContext.now(__version__, run_id)
    limits = Limits(max_bytes=max_bytes, max_line_chars=max_line_chars, max_depth=max_depth,  # docs/reliability.md
                    max_seconds=time_limit, max_memory_mb=max_memory_mb, max_lines=max_lines)
    refs = discover(sources)
    store = Archive(archive)
    with store.writer(owner=f"flow run {run_id}"):
        known = store.index()
        if since or until:
            in_range = published_between(store, since, until)
            refs = [r for r in refs if doc_id_for(r.uri) in in_range]
            log.info("backfill %s..%s: %d of the sources were archived as published in range",
                     since or "", until or "", len(refs))
        summary = RunSummary(archive=str(store.root.absolute()), inputs=len(refs), flow_run_id=run_id)
        staging = str(store.staging_dir(run_id))
        batch_size = batch_size or batch_size_for(len(refs), workers)  # None/0: by the run's size
        batches = [refs[i : i + batch_size] for i in range(0, len(refs), batch_size)]
        log.info("%d inputs in %d batches of up to %d, %d worker(s)", len(refs), len(batches), batch_size, workers)
        progress = Progress(len(batches), len(refs), log)

        def submit(numbered):
            no, batch = numbered
            mine = {d: known[d] for d in (doc_id_for(r.uri) for r in batch) if d in known}
            if local:  # quote(): else Prefect walks every SourceRef and known entry looking for futures,
                # twice per task (~12 ms per batch of 256 in the flow process); the task gets the plain
                # list and dict. Not on Dask, whose path turns the quoted SourceRefs into bare tuples.
                batch, mine = quote(batch), quote(mine)
            return process_batch_task.submit(batch, no, len(batches), staging, mine, ctx, limits, force)

        local = isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)  # else Dask: it schedules
        # With the watchdog on, every batch in flight already runs whole in its own child process
        # (newsarchive/batch.py, newsarchive/watchdog.py), so a pool would only add a hop.
        with cpu_pool(pool_size if local and not limits.max_seconds else 1), \
                cleaning_slots(staging, workers if local else None):
            for fut in windowed(submit, enumerate(batches, 1), workers + 1 if local else len(batches)):
                summary.add(progress.done(fut.result()))  # raises if a batch failed its retries: no commit
        release_cleaners()  # the idle cleaner processes (~120 MB each) are not needed for the end phase
        near = flag_near_duplicates(store, run_id)  # sets near_duplicate_of in the staged rows
        summary.near_duplicates = near.flagged
        log.info(near.line())
        stats = store.commit(run_id)
        log.info("committed: %d files added, %d rewritten, %d deleted", stats.files_added,
                 stats.files_rewritten, stats.files_deleted)
        if hint := compaction_hint(store):
            log.warning(hint)
    summary.seconds = time.perf_counter() - start
    create_markdown_artifact(summary.markdown(), key="newsarchive-run", description=summary.line())
    return summary.as_dict()
