"""Which sources a dated backfill re-processes: those whose ARCHIVED document was published in range.

The dates filter the `published` column already in the archive (UTC), not file
times: file mtimes change when crawls are copied or restored, the publication
date is what people ask for ("re-clean everything from 2021"). `since` and
`until` are whole days, both inclusive. Documents with no known publication
date, rejects and sources not archived yet are outside every dated range; a
backfill without dates takes every source given.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pyarrow.compute as pc

from store.archive import Archive


def day_start(value: str | date | None) -> datetime | None:
    if value is None or value == "":
        return None
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return datetime.combine(d, time.min, tzinfo=timezone.utc)


def published_between(store: Archive, since: str | None, until: str | None) -> set[str]:
    """doc_ids of archived documents published on days since..until (inclusive, UTC)."""
    lo, hi = day_start(since), day_start(until)
    if lo and hi and hi < lo:
        raise ValueError(f"--until {until} is before --since {since}")
    t = store.read("documents", ["doc_id", "published"])
    keep = pc.is_valid(t.column("published"))
    if lo is not None:
        keep = pc.and_(keep, pc.greater_equal(t.column("published"), lo))
    if hi is not None:
        keep = pc.and_(keep, pc.less(t.column("published"), hi + timedelta(days=1)))
    return set(t.filter(keep).column("doc_id").to_pylist())
