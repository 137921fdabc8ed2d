"""The compaction flow: merge small files, under the archive's lock (store/compact.py).

Served next to the ingest flow by `newsarchive serve --compact-cron ...`; if a
run holds the lock, it fails with a clear message and retries later.
"""
from __future__ import annotations

from prefect import flow, get_run_logger

from store.archive import Archive
from store.compact import DEFAULT_TARGET_BYTES, compact


@flow(name="newsarchive-compact", retries=3, retry_delay_seconds=60)
def compact_archive(archive: str = "archive", target_mb: int = DEFAULT_TARGET_BYTES // 2**20) -> dict:
    store = Archive(archive)
    with store.writer(owner="compaction"):
        stats = compact(store, target_bytes=target_mb * 2**20)
    get_run_logger().info(stats.line())
    return {"partitions": stats.partitions, "files_before": stats.files_before, "files_after": stats.files_after,
            "rows": stats.rows, "seconds": round(stats.seconds, 3)}
