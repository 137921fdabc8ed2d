"""Archive store: staged writes by tasks, one journaled commit per run.

Tasks write Parquet into ARCHIVE/_staging/<run>/ (invisible to readers); the
flow commits once at the end. A commit replaces every existing row whose
doc_id the run wrote, in all three tables, so a re-run or backfill leaves
exactly one current record per document and no stale rows.
"""
from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas.v1 import PARTITION, TABLES
from store import faults, staged
from store.journal import apply_journal, fsync_path, write_journal
from store.lock import ArchiveLock, ArchiveLocked

__all__ = ["Archive", "ArchiveLocked", "CommitStats"]

_SAFE_PART = re.compile(r"^(?:\d{4}-\d{2}|unknown)$")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")
COMPRESSION = "zstd"


def safe_partition(value: str | None) -> str:
    """Only `YYYY-MM` or `unknown` ever becomes a directory name."""
    return value if value and _SAFE_PART.match(value) else "unknown"


def safe_name(value: str) -> str:
    return _SAFE_NAME.sub("_", value)[:80] or "x"


@dataclass(frozen=True)
class CommitStats:
    files_added: int
    files_rewritten: int
    files_deleted: int
    rows_replaced: int


class Archive:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._lock = ArchiveLock(self.root)

    # -- paths ----------------------------------------------------------
    def table_dir(self, table: str) -> Path:
        return self.root / table

    def staging_dir(self, run_id: str) -> Path:
        return self.root / "_staging" / safe_name(run_id)

    def table_files(self, table: str) -> list[Path]:
        base = self.table_dir(table)
        if not base.exists():
            return []
        return sorted(p for p in base.glob("*/*.parquet") if not p.name.startswith((".", "_")))

    # -- writer session -------------------------------------------------
    @contextmanager
    def writer(self, owner: str):
        """Hold the archive's lock; finish or discard what a crashed run left."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock.acquire(owner)
        try:
            self.recover()
            yield self
        finally:
            self._lock.release()

    def recover(self) -> int:
        """Roll committed journals forward; drop staging of runs that never committed."""
        journal_dir = self.root / "_journal"
        done = 0
        if journal_dir.exists():
            for stray in journal_dir.glob(".*.tmp"):
                stray.unlink()
            for journal in sorted(journal_dir.glob("*.json")):
                apply_journal(self.root, journal)
                done += 1
        staging = self.root / "_staging"
        if staging.exists():
            shutil.rmtree(staging)
        return done

    # -- reading ----------------------------------------------------------
    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        """The current rows of a table, with the partition column."""
        files = self.table_files(table)
        schema = TABLES[table].append(pa.field(PARTITION, pa.string()))
        if not files:
            empty = schema.empty_table()
            return empty.select(columns) if columns else empty
        dataset = ds.dataset(
            [str(f) for f in files], schema=schema, format="parquet",
            partitioning=ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive"),
            partition_base_dir=str(self.table_dir(table)),
        )
        return dataset.to_table(columns=columns)

    def index(self) -> dict[str, tuple[str | None, str]]:
        """doc_id -> (source_sha256, pipeline_version) of what is archived or rejected now."""
        out: dict[str, tuple[str | None, str]] = {}
        cols = ["doc_id", "source_sha256", "pipeline_version"]
        for table in ("rejects", "documents"):
            t = self.read(table, cols)
            for d, s, v in zip(*(t.column(c).to_pylist() for c in cols)):
                out[d] = (s, v)
        return out

    # -- writing ----------------------------------------------------------
    def consolidate(self, run_id: str, patch: dict | None = None) -> list[Path]:
        """The run's staged batch files as Parquet per (table, partition) (store/staged.py); idempotent.
        `patch`: table -> function applied to each batch's rows on the way (staged.consolidate)."""
        staging = self.staging_dir(run_id)
        return staged.consolidate(staging, safe_name(run_id), patch) if staging.exists() else []

    def commit(self, run_id: str) -> CommitStats:
        """Make a run's staged files current, atomically, replacing rows by doc_id."""
        staging = self.staging_dir(run_id)
        self.consolidate(run_id)
        staged = sorted(staging.glob("*/*/*.parquet")) if staging.exists() else []
        current = {table: self.table_files(table) for table in TABLES}
        affected: set[str] = set()
        if any(current.values()):  # into an empty archive nothing is replaced: skip reading every staged file
            for f in staged:
                affected.update(pq.read_table(f, columns=["doc_id"]).column("doc_id").to_pylist())
        deletes: list[str] = []
        rewritten = replaced = 0
        if affected:
            keys = pa.array(sorted(affected), pa.string())
            for table in TABLES:
                for f in current[table]:
                    ids = pq.read_table(f, columns=["doc_id"]).column("doc_id")
                    hit = pc.is_in(ids, value_set=keys)
                    n_hit = pc.sum(hit).as_py() or 0
                    if not n_hit:
                        continue
                    replaced += n_hit if table == "documents" else 0
                    deletes.append(str(f.relative_to(self.root)))
                    if n_hit < len(ids):  # keep the file's other rows, in a new file
                        kept = pq.read_table(f).filter(pc.invert(hit))
                        out = staging / table / f.parent.name / f"part-{safe_name(run_id)}-r{rewritten:05d}.parquet"
                        out.parent.mkdir(parents=True, exist_ok=True)
                        pq.write_table(kept, out, compression=COMPRESSION)
                        rewritten += 1
        moves = [(str(f.relative_to(self.root)), str(f.relative_to(staging)))
                 for f in (sorted(staging.glob("*/*/*.parquet")) if staging.exists() else [])]
        self.publish(run_id, moves, deletes)
        return CommitStats(len(moves) - rewritten, rewritten, len(deletes), replaced)

    def publish(self, run_id: str, moves: list[tuple[str, str]], deletes: list[str]) -> None:
        """Atomically move staged files in and delete replaced ones (the journal is the commit point).

        Paths are relative to the archive root. The caller holds the writer lock.
        """
        staging = self.staging_dir(run_id)
        if moves or deletes:
            for src, _ in moves:  # staged bytes must be on disk before the commit point
                fsync_path(self.root / src)
            faults.point("before-journal")
            journal = write_journal(self.root / "_journal", safe_name(run_id), moves, deletes)
            faults.point("after-journal")
            apply_journal(self.root, journal)
            faults.point("after-apply")
        shutil.rmtree(staging, ignore_errors=True)
