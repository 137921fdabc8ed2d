"""A run's staged rows: cheap Arrow files per batch, merged into Parquet per partition once.

Batches write each table's rows as ONE Arrow IPC file (uncompressed, with the
partition column): ~0.5 ms a file, where a Parquet file costs ~2.5 ms, and one file
per batch, where per-partition Parquet made one per (batch, month): a batch of 64
documents spread over years made ~40 files. A batch file holds its rows sorted by
partition (stable: each partition's rows in input order), so that the merge reads each
partition's rows as a slice of the memory-mapped file; copying them out in partition
order there (a `take`) was ~20% of the merge's CPU, and cost more than that beside a
second merging thread (docs/performance.md).

Before the near-duplicate pass and the commit, `consolidate` turns them into
Parquet, one file per (table, partition) for the whole run (more past
`MAX_FILE_ROWS`), written in row groups of up to `ROW_GROUP_BYTES`, one partition
at a time from the memory-mapped batch files. Memory stays flat in the number of
documents: one row group and an index of row numbers. Readers never see staging;
a run that dies before its commit leaves only staging, which the next writer
discards.

    ARCHIVE/_staging/<run>/<table>/_batches/b000001.arrow           (batches)
    ARCHIVE/_staging/<run>/<table>/published_month=2021-11/part-<run>-00000.parquet  (consolidated)
"""
from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from cleaners.cpus import usable_cpus
from schemas.v1 import PARTITION, SCHEMA_VERSION, TABLES

COMPRESSION = "zstd"  # the archive's Parquet compression
BATCHES = "_batches"
ROW_GROUP_BYTES = 8 << 20  # the most a consolidation buffers (docs/archive.md)
GROUP_PARTITIONS = 16  # partitions merged per pass over the batch files: each file is mapped once a pass
MAX_FILE_ROWS = 1_000_000
_IPC = pa.ipc.IpcWriteOptions()  # uncompressed: consolidation reads them through a memory map, without copies
_VERSION_KEY = b"newsarchive.pipeline_version"


def batch_file(staging: Path, table: str, name: str) -> Path:
    return Path(staging) / table / BATCHES / f"{name}.arrow"


def write_batch(staging: Path, table: str, rows: pa.Table, partitions: list[str], name: str,
                pipeline_version: str) -> Path | None:
    """Stage one batch's rows of `table` (`partitions[i]`: row i's partition). Tasks call this."""
    if rows.num_rows == 0:
        return None
    order = np.argsort(np.array(partitions, dtype=object), kind="stable")  # rows by partition, each in its order
    if (order[1:] < order[:-1]).any():
        rows, partitions = rows.take(pa.array(order)), [partitions[i] for i in order]
    rows = rows.append_column(pa.field(PARTITION, pa.string(), nullable=False), pa.array(partitions, pa.string()))
    rows = rows.replace_schema_metadata({**(rows.schema.metadata or {}), _VERSION_KEY: pipeline_version.encode()})
    path = batch_file(staging, table, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, rows.schema, options=_IPC) as writer:
        writer.write_table(rows)
    tmp.replace(path)  # a retried batch overwrites its own file whole
    return path



class _PartitionFiles:
    """Parquet writers for one table's partitions (a group's at most), rolled over past MAX_FILE_ROWS."""

    def __init__(self, root: Path, table: str, prefix: str, pipeline_version: bytes):
        self.root, self.table, self.prefix = root, table, prefix
        meta = {b"newsarchive.schema_version": SCHEMA_VERSION.encode(), _VERSION_KEY: pipeline_version}
        self.schema = TABLES[table].with_metadata({**(TABLES[table].metadata or {}), **meta})
        self.open: dict[str, tuple[pq.ParquetWriter, list[int]]] = {}  # partition -> writer, [rows]
        self.count = 0
        self.written: list[Path] = []
        self._lock = threading.Lock()  # groups are merged on several threads, each its own partitions

    def write(self, part: str, table: pa.Table) -> None:
        entry = self.open.pop(part, None)
        if entry is not None and entry[1][0] + table.num_rows > MAX_FILE_ROWS:
            entry[0].close()
            entry = None
        if entry is None:
            from store.archive import safe_partition  # the one rule for partition folder names

            d = self.root / self.table / f"{PARTITION}={safe_partition(part)}"
            d.mkdir(parents=True, exist_ok=True)
            with self._lock:
                path = d / f"part-{self.prefix}-{self.count:05d}.parquet"
                self.count += 1
                self.written.append(path)
            entry = (pq.ParquetWriter(str(path), self.schema, compression=COMPRESSION), [0])
        entry[0].write_table(table.cast(self.schema))
        entry[1][0] += table.num_rows
        self.open[part] = entry

    def done(self, part: str) -> None:
        """The partition has no more rows: close its file."""
        entry = self.open.pop(part, None)
        if entry is not None:
            entry[0].close()

    def close(self) -> None:
        for writer, _ in self.open.values():
            writer.close()
        self.open.clear()


def batch_files(staging: Path, table: str) -> list[Path]:
    """The table's staged batch files not yet consolidated, in batch order."""
    return sorted((Path(staging) / table / BATCHES).glob("*.arrow"))


def read_batch_columns(path: Path, columns: list[str]) -> pa.Table:
    """Some columns of a batch file (memory-mapped: the other columns are not read)."""
    with pa.memory_map(str(path), "rb") as src:
        reader = pa.ipc.open_file(src)
        idx = [reader.schema.get_field_index(c) for c in columns]
        return pa.Table.from_batches([reader.get_batch(i).select(idx) for i in range(reader.num_record_batches)],
                                     schema=pa.schema([reader.schema.field(i) for i in idx]))


def consolidate(staging: Path, prefix: str, patch: dict | None = None, threads: int | None = None) -> list[Path]:
    """Merge every staged batch file into Parquet per (table, partition); idempotent. Returns new files.

    GROUP_PARTITIONS partitions at a time: the batch files' partition columns are read first
    (an index of row numbers per partition), then the group's rows are taken from the
    memory-mapped batch files in batch order and written to one open Parquet file per
    partition, with ROW_GROUP_BYTES buffered in all. Memory holds that buffer, the group's
    writers and the index, whatever the number of partitions or documents (buffering every
    partition at once, with a writer open for each, grew with N: 207 MB peak at 1k text
    dumps, 342 MB at 4.9k, 409 MB at 20k, in process).

    `patch`: table name -> function of a piece of rows returning them changed (the
    near-duplicate pass sets its flags this way, instead of rewriting Parquet afterwards).

    `threads` groups are merged at once (default: one per usable CPU; Arrow's takes, encoders
    and zstd release the GIL), smaller ones, so that memory stays what one thread would hold."""
    staging = Path(staging)
    threads = threads or usable_cpus()
    patch = patch or {}
    written: list[Path] = []
    for table in TABLES:
        files = batch_files(staging, table)
        if not files:
            continue
        with pa.OSFile(str(files[0]), "rb") as src:
            version = (pa.ipc.open_file(src).schema.metadata or {}).get(_VERSION_KEY, b"")
        out = _PartitionFiles(staging, table, f"{prefix}-{uuid.uuid4().hex[:8]}", version)
        change = patch.get(table)
        orders, index = _rows_by_partition(files)
        parts = list(index)
        # t threads share the one-thread budget: groups of GROUP_PARTITIONS / t partitions buffering
        # ROW_GROUP_BYTES / t each (50k text dumps, 2 threads: 11.2 -> 8.6 s, the same peak RSS;
        # two full-size groups at once cost +75 MB)
        t = max(1, min(threads, -(-len(parts) // GROUP_PARTITIONS)))
        size, budget = max(1, GROUP_PARTITIONS // t), max(1, ROW_GROUP_BYTES // t)
        groups = [parts[g : g + size] for g in range(0, len(parts), size)]
        try:
            if t > 1:  # list(): raises here if a group failed
                with ThreadPoolExecutor(t, thread_name_prefix="consolidate") as pool:
                    list(pool.map(lambda group: _merge_group(files, orders, index, group, out, change, budget),
                                  groups))
            else:
                for group in groups:
                    _merge_group(files, orders, index, group, out, change, budget)
        finally:
            out.close()
        for f in files:
            f.unlink()
        written += out.written
    return written


def _merge_group(files: list[Path], orders: list[np.ndarray | None], index: dict, group: list[str],
                 out: "_PartitionFiles", change, budget: int) -> None:
    """Write the partitions of `group`: each batch file is mapped once for the group, and the
    group's rows wait in buffers of `budget` bytes in all (the biggest is written first)."""
    by_file: dict[int, list[tuple[str, int, int]]] = {}
    for part in group:
        for k, lo, n in index[part]:
            by_file.setdefault(k, []).append((part, lo, n))
    pending: dict[str, list[pa.Table]] = {part: [] for part in group}
    sizes = dict.fromkeys(group, 0)

    def flush(part: str) -> None:
        if pending[part]:
            out.write(part, pa.concat_tables(pending[part]))
        pending[part], sizes[part] = [], 0

    for k in sorted(by_file):  # batch order: rows keep the run's input order within a partition
        # The file's rows are ordered by partition name, and a group is a run of consecutive names:
        # its rows in this file are one range, taken (and patched) at once, then sliced per partition.
        first, last = by_file[k][0], by_file[k][-1]
        lo0, hi = first[1], last[1] + last[2]
        if orders[k] is None:  # sorted by partition: the range is a slice of the memory map
            rows = _mapped(files[k]).slice(lo0, hi - lo0).drop_columns([PARTITION])
            nbytes = rows.nbytes  # the slice's own bytes (its buffer sizes are the whole file's)
        else:
            rows = _mapped(files[k]).take(pa.array(orders[k][lo0:hi])).drop_columns([PARTITION])
            nbytes = rows.get_total_buffer_size()  # a take's buffers: exactly its rows
        if change is not None:
            rows = change(rows)
        # The range's bytes shared out by rows: `nbytes` of each slice walked its list columns
        # (~57 us a piece, ~47k pieces at 100k documents: 2.5 of the merge's 15 CPU-s).
        per_row = nbytes / max(1, rows.num_rows)
        for part, lo, n in by_file[k]:
            pending[part].append(rows.slice(lo - lo0, n))
            sizes[part] += int(per_row * n)
        del rows
        while sum(sizes.values()) > budget:
            flush(max(sizes, key=sizes.get))
    for part in group:
        flush(part)
        out.done(part)
    _give_back_memory()  # else the allocators keep each group's freed buffers: RSS crept up with N


def _mapped(path: Path) -> pa.Table:
    """A batch file as a table over its memory map (no copy: batches are written uncompressed)."""
    with pa.memory_map(str(path), "rb") as src:
        return pa.ipc.open_file(src).read_all()


def _rows_by_partition(files: list[Path]) -> tuple[list[np.ndarray | None], dict[str, list[tuple[int, int, int]]]]:
    """Each file's row numbers ordered by partition name (`orders[k]`; None when they are in that
    order already), and partition ->
    [(file number, start, count) into that order], partitions sorted, files in order. Plain
    numpy and tuples: an Arrow array per (file, partition) cost ~2 KB each, and there are
    files x months of them."""
    orders: list[np.ndarray | None] = []
    where: dict[str, list[tuple[int, int, int]]] = {}
    for k, f in enumerate(files):
        codes = read_batch_columns(f, [PARTITION])[PARTITION].combine_chunks().dictionary_encode()
        names = codes.dictionary.to_pylist()
        by_name = np.argsort(names, kind="stable")  # dictionary codes in partition-name order
        rank = np.empty(len(names), np.int64)
        rank[by_name] = np.arange(len(names))
        idx = rank[codes.indices.to_numpy(zero_copy_only=False)]
        # None: the file's rows are in partition order already (write_batch sorts them), so each
        # group's rows are a slice of the mapped file, not a copy (`take` was ~20% of the merge)
        orders.append(None if (idx[1:] >= idx[:-1]).all() else np.argsort(idx, kind="stable").astype(np.int32))
        lo = 0
        counts = np.bincount(idx, minlength=len(names)).tolist()
        for name, n in zip((names[i] for i in by_name), counts):
            if n:
                where.setdefault(name, []).append((k, lo, n))
            lo += n
    return orders, dict(sorted(where.items()))


def _give_back_memory() -> None:
    """Return the freed memory of a consolidation to the system: Arrow's pool keeps it cached,
    and glibc's heap keeps what Parquet's encoders and zstd malloc'ed and freed (measured at
    4,940 documents: RSS 252 -> 156 MB after the merge). Dask trims its workers the same way."""
    pa.default_memory_pool().release_unused()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass
