"""Small-file hygiene: merge each partition's small files into files of a healthy size.

Every run adds at least one file per touched partition and table, so a folder
served every 15 minutes gathers thousands of tiny files, which every reader then
has to open. `compact` rewrites the small files of a partition into as few
files as fit `target_bytes`, through the same journal as a run's commit: readers
see the old files or the new ones, and a crash rolls forward or leaves the old
files untouched. Rows are not changed, only regrouped (sorted by doc_id).
"""
from __future__ import annotations

import math
import time
import uuid
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.v1 import SCHEMA_VERSION, TABLES
from store.archive import COMPRESSION, Archive

DEFAULT_TARGET_BYTES = 128 * 1024 * 1024
SMALL_FRACTION = 0.5  # a file under half the target counts as small


@dataclass(frozen=True)
class CompactStats:
    partitions: int = 0
    files_before: int = 0
    files_after: int = 0
    rows: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        if not self.partitions:
            return f"compact: nothing to do ({self.seconds:.1f}s)"
        return (f"compact: {self.partitions} partitions, {self.files_before} files -> {self.files_after} "
                f"({self.rows} rows, {self.seconds:.1f}s)")


def _read_plain(path, table: str) -> pa.Table:
    return pq.read_table(path).replace_schema_metadata(None).cast(TABLES[table])


def compact(store: Archive, target_bytes: int = DEFAULT_TARGET_BYTES) -> CompactStats:
    """Merge small files, partition by partition, in one journaled commit. Hold the writer lock."""
    start = time.perf_counter()
    name = f"compact-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{uuid.uuid4().hex[:8]}"
    staging = store.staging_dir(name)
    moves: list[tuple[str, str]] = []
    deletes: list[str] = []
    parts = before = rows = 0
    for table in TABLES:
        by_part: dict = {}
        for f in store.table_files(table):
            by_part.setdefault(f.parent, []).append(f)
        for part_dir, files in sorted(by_part.items()):
            small = [f for f in files if f.stat().st_size < target_bytes * SMALL_FRACTION]
            if len(small) < 2:
                continue
            merged = pa.concat_tables([_read_plain(f, table) for f in small]).sort_by("doc_id")
            size = sum(f.stat().st_size for f in small)
            per_file = max(1, math.floor(merged.num_rows * target_bytes / max(size, 1)))
            versions = sorted(set(merged.column("pipeline_version").to_pylist()))
            meta = {b"newsarchive.schema_version": SCHEMA_VERSION.encode(),
                    b"newsarchive.pipeline_version": ",".join(versions).encode()}
            out_dir = staging / table / part_dir.name
            out_dir.mkdir(parents=True, exist_ok=True)
            for n, offset in enumerate(range(0, merged.num_rows, per_file)):
                out = out_dir / f"part-{name}-{n:05d}.parquet"
                chunk = merged.slice(offset, per_file).replace_schema_metadata(meta)
                pq.write_table(chunk, out, compression=COMPRESSION)
                moves.append((str(out.relative_to(store.root)), str(out.relative_to(staging))))
            deletes += [str(f.relative_to(store.root)) for f in small]
            parts += 1
            before += len(small)
            rows += merged.num_rows
    store.publish(name, moves, deletes)
    return CompactStats(parts, before, len(moves), rows, time.perf_counter() - start)


def compaction_hint(store: Archive, target_bytes: int = DEFAULT_TARGET_BYTES, per_partition: int = 8) -> str | None:
    """A line for the run log when some partition holds more than `per_partition` small files."""
    worst, small_total = None, 0
    for table in TABLES:
        counts: dict = {}
        for f in store.table_files(table):
            if f.stat().st_size < target_bytes * SMALL_FRACTION:
                counts[f.parent] = counts.get(f.parent, 0) + 1
        small_total += sum(counts.values())
        for part, n in counts.items():
            if n > per_partition and (worst is None or n > worst[1]):
                worst = (f"{table}/{part.name}", n)
    if worst is None:
        return None
    return (f"small files: {small_total} in the archive, {worst[1]} in {worst[0]}; "
            f"`newsarchive compact --archive {store.root}` merges them")
