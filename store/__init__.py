"""The Parquet archive: hive-partitioned tables, atomic commits, one writer at a time.

Layout (see docs/archive.md):
    ARCHIVE/documents/published_month=YYYY-MM/part-<run>-<n>.parquet
    ARCHIVE/posts/published_month=YYYY-MM/...
    ARCHIVE/rejects/published_month=unknown/...
    ARCHIVE/_staging/<run>/...   files written by tasks, not yet visible
    ARCHIVE/_journal/<run>.json  a commit in progress (rolled forward on recovery)
    ARCHIVE/_lock                held by the one run writing
"""
from store.archive import Archive, ArchiveLocked, CommitStats

__all__ = ["Archive", "ArchiveLocked", "CommitStats"]
