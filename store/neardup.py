"""Near-duplicate flags for a run's documents, against everything archived before.

Batches fingerprint their documents (`SignatureStager`, plain Python, parallel
with the cleaning) into ARCHIVE/_staging/<run>/_neardup/. Before the commit the
flow calls `flag_near_duplicates`, which:

1. loads the signatures of the documents already archived from the sidecar
   index ARCHIVE/_neardup/<VERSION>/*.parquet (readers ignore `_` folders),
   recomputing from the archived text any that are missing (older archives,
   another fingerprint VERSION);
2. orders every document "earlier first" by (first_seen, seq, doc_id): the run
   that first archived it, then input order within that run;
3. for each of the run's documents finds its most similar earlier document
   (`cleaners.neardup.find_matches`) and, at or above the threshold, writes
   `near_duplicate_of` / `near_duplicate_score` into the run's staged documents
   files, which the commit then publishes atomically with everything else;
4. appends the run's signatures to the sidecar index.

Sidecar rows are keyed by (doc_id, archived_at) of the document row they were
computed for, so they need no journal: a row whose run never committed, or whose
document was since replaced, matches no current row and is ignored (and dropped
by the next compaction); a missing row is recomputed. Flags are computed when a
document is written: replacing a document later does not revisit other
documents that point to it.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cleaners import neardup as nd
from cleaners.model import Document
from schemas.v1 import TABLES, TS
from store.archive import COMPRESSION, Archive, safe_name

SIDECAR = "_neardup"
COMPACT_AT = 16  # sidecar files before they are merged into one

STAGED_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("seq", pa.int64()),  # input order within the run: batch_no << 32 | position in batch
    ("signature", pa.binary()),  # NUM_PERM little-endian uint32; null when the text is too short
])
INDEX_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("archived_at", TS),  # the archived_at of the document row this signature belongs to
    ("first_seen", TS),  # archived_at of the run that first archived the doc_id
    ("seq", pa.int64()),  # input order within that run
    ("signature", pa.binary()),
], metadata={"newsarchive.neardup_version": nd.VERSION})


def index_dir(root: Path) -> Path:
    return Path(root) / SIDECAR / nd.VERSION


def _to_bytes(sig: np.ndarray | None) -> bytes | None:
    return None if sig is None else sig.astype("<u4").tobytes()


def _atomic_write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression=COMPRESSION)
    os.replace(tmp, path)


class SignatureStager:
    """Collects one batch's signatures and stages them next to the batch's rows."""

    def __init__(self, staging: str | Path, batch_no: int):
        self.path = Path(staging) / SIDECAR / f"b{batch_no:06d}.parquet"
        self.batch_no = batch_no
        self.rows: list[dict] = []

    def add(self, doc_id: str, doc: Document) -> None:
        sig = nd.signature(nd.document_text(doc.body, [p.body for p in doc.posts]))
        self.add_signature(doc_id, _to_bytes(sig))

    def add_signature(self, doc_id: str, signature: bytes | None) -> None:
        """A signature computed elsewhere (newsarchive/prepare.py, in the cleaning process)."""
        self.rows.append({"doc_id": doc_id, "seq": (self.batch_no << 32) | len(self.rows),
                          "signature": signature})

    def write(self) -> None:
        if self.rows:
            _atomic_write(pa.Table.from_pylist(self.rows, schema=STAGED_SCHEMA), self.path)


@dataclass(frozen=True)
class NearDupStats:
    checked: int = 0  # the run's documents
    flagged: int = 0  # of which near-duplicates of an earlier document
    compared_with: int = 0  # earlier documents with a signature
    backfilled: int = 0  # archived documents whose signature had to be recomputed
    unreadable: int = 0  # index files that could not be read (their rows are recomputed)
    seconds: float = 0.0

    def line(self) -> str:
        bad = f", {self.unreadable} unreadable index files skipped" if self.unreadable else ""
        return (f"near-duplicates: {self.flagged} of {self.checked} new/replaced documents flagged against "
                f"{self.compared_with} earlier ({self.backfilled} signatures recomputed{bad}, {self.seconds:.2f}s)")


def _read_all(files: list[Path], schema: pa.Schema) -> pa.Table:
    tables = [pq.read_table(f, schema=schema) for f in files]
    return pa.concat_tables(tables) if tables else schema.empty_table()


def _read_index(files: list[Path]) -> tuple[pa.Table, int]:
    """The index rows, and how many files were unreadable: an auxiliary index never fails a run."""
    tables, bad = [], 0
    for f in files:
        try:
            tables.append(pq.read_table(f, schema=INDEX_SCHEMA))
        except (OSError, pa.ArrowException):
            bad += 1
    return (pa.concat_tables(tables) if tables else INDEX_SCHEMA.empty_table()), bad


def _us(col) -> list[int]:
    return pc.cast(col, pa.int64()).to_pylist()


def _backfill(archive: Archive, versions: dict[str, int]) -> list[dict]:
    """Signatures of archived documents that have none in the index, from their archived text."""
    keys = pa.array(sorted(versions), pa.string())
    docs = archive.read("documents", ["doc_id", "body"])
    docs = docs.filter(pc.is_in(docs["doc_id"], value_set=keys))
    posts = archive.read("posts", ["doc_id", "position", "body"])
    posts = posts.filter(pc.is_in(posts["doc_id"], value_set=keys)).sort_by([("doc_id", "ascending"),
                                                                              ("position", "ascending")])
    post_bodies: dict[str, list[str]] = {}
    for d, b in zip(posts["doc_id"].to_pylist(), posts["body"].to_pylist()):
        post_bodies.setdefault(d, []).append(b)
    out = []
    for d, body in zip(docs["doc_id"].to_pylist(), docs["body"].to_pylist()):
        sig = nd.signature(nd.document_text(body, post_bodies.get(d, [])))
        out.append({"doc_id": d, "archived_at": versions[d], "first_seen": versions[d], "seq": 0,
                    "signature": _to_bytes(sig)})
    return out


def flag_near_duplicates(archive: Archive, run_id: str) -> NearDupStats:
    """Flag the run's staged documents that are near-duplicates of earlier ones (call before commit)."""
    start = time.perf_counter()
    archive.consolidate(run_id)  # the batches' staged rows as Parquet per partition (store/staged.py)
    staging = archive.staging_dir(run_id)
    staged = _read_all(sorted((staging / SIDECAR).glob("*.parquet")), STAGED_SCHEMA)
    doc_files = sorted(staging.glob("documents/*/*.parquet"))
    run_at: dict[str, int] = {}
    for f in doc_files:
        t = pq.read_table(f, columns=["doc_id", "archived_at"])
        run_at.update(zip(t["doc_id"].to_pylist(), _us(t["archived_at"])))
    if not run_at:
        return NearDupStats(seconds=time.perf_counter() - start)

    current = archive.read("documents", ["doc_id", "archived_at"])
    versions = dict(zip(current["doc_id"].to_pylist(), _us(current["archived_at"])))
    index_files = sorted(index_dir(archive.root).glob("*.parquet"))
    index, unreadable = _read_index(index_files)
    known: dict[str, dict] = {}  # doc_id -> index row of its current archived version
    cols = [index[c].to_pylist() for c in ("doc_id", "seq", "signature")]
    for d, at, first, seq, sig in zip(cols[0], _us(index["archived_at"]), _us(index["first_seen"]), *cols[1:]):
        if versions.get(d) == at:
            known[d] = {"doc_id": d, "archived_at": at, "first_seen": first, "seq": seq, "signature": sig}
    missing = {d: at for d, at in versions.items() if d not in known}
    backfilled = _backfill(archive, missing) if missing else []
    for row in backfilled:
        known[row["doc_id"]] = row

    new_rows = []  # index rows for the run's documents
    for d, seq, sig in zip(*(staged[c].to_pylist() for c in ("doc_id", "seq", "signature"))):
        if d not in run_at:
            continue
        prior = known.get(d)  # a replaced document keeps its place in the order
        new_rows.append({"doc_id": d, "archived_at": run_at[d],
                         "first_seen": prior["first_seen"] if prior else run_at[d],
                         "seq": prior["seq"] if prior else seq, "signature": sig})
    entries = [r for d, r in known.items() if d not in run_at] + new_rows
    entries = sorted((r for r in entries if r["signature"] is not None),
                     key=lambda r: (r["first_seen"], r["seq"], r["doc_id"]))
    flags: dict[str, tuple[str, float]] = {}
    if entries:
        sigs = np.frombuffer(b"".join(r["signature"] for r in entries), dtype="<u4").reshape(len(entries), -1)
        query = np.array([r["doc_id"] in run_at for r in entries])
        for row, earlier, score in nd.find_matches(sigs, query):
            flags[entries[row]["doc_id"]] = (entries[earlier]["doc_id"], score)

    _write_flags(doc_files, flags)
    _append_index(archive.root, run_id, index_files, index, versions, backfilled + new_rows)
    return NearDupStats(checked=len(run_at), flagged=len(flags),
                        compared_with=sum(1 for r in entries if r["doc_id"] not in run_at),
                        backfilled=len(backfilled), unreadable=unreadable, seconds=time.perf_counter() - start)


def _write_flags(doc_files: list[Path], flags: dict[str, tuple[str, float]]) -> None:
    """Set near_duplicate_of / near_duplicate_score in the run's staged documents files."""
    schema = TABLES["documents"]
    for f in doc_files:
        t = pq.read_table(f)
        ids = t["doc_id"].to_pylist()
        if not any(d in flags for d in ids):
            continue
        for name, values in (("near_duplicate_of", [flags[d][0] if d in flags else None for d in ids]),
                             ("near_duplicate_score", [flags[d][1] if d in flags else None for d in ids])):
            field = schema.field(name)
            t = t.set_column(t.schema.get_field_index(name), field, pa.array(values, field.type))
        _atomic_write(t, f)


def _append_index(root: Path, run_id: str, files: list[Path], index: pa.Table, versions: dict[str, int],
                  rows: list[dict]) -> None:
    """Add the run's signature rows; past COMPACT_AT files, merge the live rows into one file."""
    target = index_dir(root) / f"part-{safe_name(run_id)}.parquet"
    if len(files) + 1 > COMPACT_AT:
        at = _us(index["archived_at"])
        live = [versions.get(d) == a for d, a in zip(index["doc_id"].to_pylist(), at)]
        kept = index.filter(pa.array(live, pa.bool_()))
        table = pa.concat_tables([kept, _rows_table(rows)])
        _atomic_write(table, target)
        for f in files:  # after the merged file is in place: a crash here leaves duplicates, not gaps
            if f != target:
                f.unlink(missing_ok=True)
    elif rows:
        _atomic_write(_rows_table(rows), target)


def _rows_table(rows: list[dict]) -> pa.Table:
    cols = {name: [r[name] for r in rows] for name in INDEX_SCHEMA.names}
    arrays = [pa.array(cols[f.name], pa.int64()).cast(f.type) if f.type == TS else pa.array(cols[f.name], f.type)
              for f in INDEX_SCHEMA]
    return pa.Table.from_arrays(arrays, schema=INDEX_SCHEMA)
