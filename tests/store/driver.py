"""A Prefect-free ingest for store tests: discover -> one batch -> commit, under the lock.

Run as `python -m tests.store.driver ARCHIVE SOURCE...` in a subprocess so a
test can SIGKILL it at a named point (NEWSARCHIVE_CRASH_AT) or make it hold the
lock (NEWSARCHIVE_PAUSE_AT). Exit code 3 means the archive was locked.
"""
from __future__ import annotations

import sys
import uuid

from newsarchive.batch import process_batch
from newsarchive.sources import discover
from schemas.records import RunContext
from store.archive import Archive, ArchiveLocked


def ingest_plain(archive: str, sources: list[str], version: str = "test-1", force: bool = False) -> dict:
    run_id = f"plain-{uuid.uuid4().hex[:12]}"
    store = Archive(archive)
    with store.writer(owner=f"test driver {run_id}"):
        known = store.index()
        res = process_batch(discover(sources), batch_no=1, staging=str(store.staging_dir(run_id)), known=known,
                            ctx=RunContext.now(version, run_id), force=force)
        stats = store.commit(run_id)
    return {"new": res.new, "replaced": res.replaced, "unchanged": res.unchanged,
            "rejected": sum(res.rejected.values()), "files_added": stats.files_added}


if __name__ == "__main__":
    try:
        print(ingest_plain(sys.argv[1], sys.argv[2:]))
    except ArchiveLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(3)
