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
from store import staged
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
    pq.write_table(table, tmp, compression=COMPRESSION, row_group_size=BATCH_ROWS)
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


SIG_BYTES = 4 * nd.NUM_PERM
BATCH_ROWS = 4096  # rows per row group and per read of a signature file (2 MB of signatures)


def _read(path: Path, columns: list[str]) -> pa.Table:
    """Columns of a small Parquet file, read on this thread: Arrow's reader threads each keep
    allocator arenas, which made the process's RSS grow with every file read (measured)."""
    return pq.ParquetFile(path).read(columns=columns, use_threads=False)


def _open(path: Path) -> pq.ParquetFile:
    """A signature file to read a batch at a time. Files written here have row groups of
    BATCH_ROWS; a bigger one (written by older code) is decoded whole, but only once."""
    return pq.ParquetFile(path, buffer_size=1 << 16, pre_buffer=False)


def _ids(col) -> pa.Array:
    """A string column as one contiguous array."""
    return col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col


def _us(col) -> np.ndarray:
    """A timestamp column as int64 microseconds."""
    return np.asarray(pc.cast(col, pa.int64()).to_numpy(zero_copy_only=False), dtype=np.int64)


def _positions(values, keys: pa.Array) -> np.ndarray:
    """For each value, the position of the same string in `keys`, or -1."""
    if not len(keys) or not len(values):
        return np.full(len(values), -1, dtype=np.int64)
    found = pc.index_in(values, value_set=keys)
    return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _last_of_each(ids: pa.Array) -> np.ndarray | None:
    """Indexes of the last row of each distinct id, in row order; None when the ids are distinct."""
    if len(pc.unique(ids)) == len(ids):
        return None
    backwards = ids[::-1]
    first = _positions(pc.unique(backwards), backwards)  # first in reverse order = last in order
    return np.sort(len(ids) - 1 - first)


@dataclass
class _Rows:
    """Signature rows as columns: where each signature is found, not the signatures themselves."""

    doc_id: pa.Array
    archived_at: np.ndarray
    first_seen: np.ndarray
    seq: np.ndarray
    has_sig: np.ndarray  # bool: a NUM_PERM signature (False: text too short to fingerprint)
    source: np.ndarray  # int: which file holds the signature (-1: `_Backfill.sigs`)
    row: np.ndarray  # its row in that file (or in `_Backfill.sigs`)

    @classmethod
    def concat(cls, parts: list[_Rows]) -> _Rows:
        if not parts:
            e = np.empty(0, dtype=np.int64)
            return cls(pa.array([], pa.string()), e, e, e, np.empty(0, bool), e, e)
        return cls(pa.concat_arrays([p.doc_id for p in parts]),
                   *(np.concatenate([getattr(p, f) for p in parts])
                     for f in ("archived_at", "first_seen", "seq", "has_sig", "source", "row")))

    def take(self, idx: np.ndarray) -> _Rows:
        return _Rows(self.doc_id.take(pa.array(idx, pa.int64())), self.archived_at[idx], self.first_seen[idx],
                     self.seq[idx], self.has_sig[idx], self.source[idx], self.row[idx])

    def __len__(self) -> int:
        return len(self.doc_id)


def _sig_lengths(col) -> np.ndarray:
    """Byte length of each signature (0 where null)."""
    return np.asarray(pc.fill_null(pc.binary_length(col), 0).to_numpy(zero_copy_only=False), dtype=np.int64)


def _live(ids, at: np.ndarray, cur_ids: pa.Array, cur_at: np.ndarray) -> np.ndarray:
    """Rows whose (doc_id, archived_at) is a current documents row."""
    pos = _positions(ids, cur_ids)
    live = pos >= 0
    live[live] = cur_at[pos[live]] == at[live]
    return live


def _scan_index(files: list[Path], cur_ids: pa.Array, cur_at: np.ndarray) -> tuple[_Rows, int]:
    """The index rows that belong to current documents (the last one per doc_id), and how many
    files could not be read: an auxiliary index never fails a run. Every column is read (so a
    damaged file is found here), but only the small columns are kept, and matched against the
    current documents in one lookup."""
    parts, bad = [], 0
    for i, f in enumerate(files):
        try:
            pf = _open(f)
            if not pf.schema_arrow.equals(INDEX_SCHEMA, check_metadata=False):
                raise pa.ArrowInvalid(f"{f}: not a signature index file")
            mine, offset = [], 0
            for batch in pf.iter_batches(batch_size=BATCH_ROWS, use_threads=False):
                k = batch.num_rows
                mine.append(_Rows(batch.column("doc_id"), _us(batch.column("archived_at")),
                                  _us(batch.column("first_seen")),
                                  np.asarray(batch.column("seq").to_numpy(zero_copy_only=False), np.int64),
                                  _sig_lengths(batch.column("signature")),  # lengths for now
                                  np.full(k, i), np.arange(offset, offset + k)))
                offset += k
            parts += mine
        except (OSError, pa.ArrowException):
            bad += 1
    rows = _Rows.concat(parts)
    lengths = rows.has_sig
    # a signature of another size is unusable: that row counts as missing and is recomputed
    keep = _live(rows.doc_id, rows.archived_at, cur_ids, cur_at) & ((lengths == 0) | (lengths == SIG_BYTES))
    rows.has_sig = lengths == SIG_BYTES
    rows = rows.take(np.flatnonzero(keep))
    last = _last_of_each(rows.doc_id)  # a crash during compaction can leave a row twice: the later wins
    return (rows if last is None else rows.take(last)), bad


@dataclass
class _Backfill:
    rows: _Rows
    sigs: np.ndarray  # (k, NUM_PERM) uint32, row i for rows.row == i


def _backfill(archive: Archive, missing: pa.Array, cur_ids: pa.Array, cur_at: np.ndarray) -> _Backfill:
    """Signatures of archived documents that have none in the index, from their archived text.

    One partition at a time (a document's posts share its partition), so memory holds one
    partition's text, not the archive's."""
    ids_out, sig_out, has_out = [], [], []
    by_part: dict[str, list[Path]] = {}
    for f in archive.table_files("documents"):
        by_part.setdefault(f.parent.name, []).append(f)
    for part, files in sorted(by_part.items()):
        docs = pa.concat_tables([_read(f, ["doc_id", "body"]) for f in files])
        docs = docs.filter(pc.is_in(docs["doc_id"], value_set=missing))
        if not docs.num_rows:
            continue
        post_files = [p for p in sorted((archive.table_dir("posts") / part).glob("*.parquet"))
                      if not p.name.startswith((".", "_"))]
        posts = (pa.concat_tables([_read(f, ["doc_id", "position", "body"]) for f in post_files])
                 if post_files else pa.table({"doc_id": pa.array([], pa.string()), "position": pa.array([], pa.int32()),
                                              "body": pa.array([], pa.string())}))
        posts = posts.filter(pc.is_in(posts["doc_id"], value_set=docs["doc_id"]))
        posts = posts.sort_by([("doc_id", "ascending"), ("position", "ascending")])
        post_bodies: dict[str, list[str]] = {}
        for d, b in zip(posts["doc_id"].to_pylist(), posts["body"].to_pylist()):
            post_bodies.setdefault(d, []).append(b)
        for d, body in zip(docs["doc_id"].to_pylist(), docs["body"].to_pylist()):
            sig = nd.signature(nd.document_text(body, post_bodies.get(d, [])))
            ids_out.append(d)
            has_out.append(sig is not None)
            sig_out.append(sig if sig is not None else np.zeros(nd.NUM_PERM, np.uint32))
        del docs, posts, post_bodies
    ids = pa.array(ids_out, pa.string())
    keep = _last_of_each(ids) if len(ids) else None  # a doc_id current twice (should not happen): the later
    idx = np.arange(len(ids)) if keep is None else keep
    ids = ids.take(pa.array(idx, pa.int64()))
    at = cur_at[_positions(ids, cur_ids)]
    sigs = np.stack(sig_out)[idx] if sig_out else np.empty((0, nd.NUM_PERM), np.uint32)
    rows = _Rows(ids, at, at.copy(), np.zeros(len(ids), np.int64), np.asarray(has_out, bool)[idx] if len(idx) else
                 np.empty(0, bool), np.full(len(ids), -1), np.arange(len(ids)))
    return _Backfill(rows, sigs)


def _scan_staged(files: list[Path], run_ids: pa.Array) -> _Rows:
    """The run's staged signature rows (doc_id, seq, where), last one per doc_id of the run."""
    parts = []
    for i, f in enumerate(files):
        t = _read(f, ["doc_id", "seq", "signature"])
        lengths = _sig_lengths(t["signature"])
        if np.any((lengths != 0) & (lengths != SIG_BYTES)):
            raise ValueError(f"{f}: a signature is not {SIG_BYTES} bytes")
        z = np.zeros(t.num_rows, np.int64)
        parts.append(_Rows(_ids(t["doc_id"]), z, z, np.asarray(t["seq"].to_numpy(), np.int64), lengths == SIG_BYTES,
                           np.full(t.num_rows, i), np.arange(t.num_rows)))
    rows = _Rows.concat(parts)
    rows = rows.take(np.flatnonzero(_positions(rows.doc_id, run_ids) >= 0))
    last = _last_of_each(rows.doc_id)
    return rows if last is None else rows.take(last)


def _by_source(rows: _Rows) -> dict[int, np.ndarray]:
    """Indexes of `rows` per source file, in row order within each file."""
    order = np.lexsort((rows.row, rows.source))
    src = rows.source[order]
    cuts = np.flatnonzero(np.diff(src)) + 1
    return {int(src[lo]): order[lo:hi] for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, len(order)]) if hi > lo}


def _signature_batches(path: Path):
    """(first row, signature column) of each batch of a signature file."""
    offset = 0
    for batch in _open(path).iter_batches(batch_size=BATCH_ROWS, columns=["signature"], use_threads=False):
        yield offset, batch.column(0)
        offset += batch.num_rows


def _as_matrix(col: pa.Array) -> np.ndarray:
    """A column of non-null SIG_BYTES signatures as a (k, NUM_PERM) uint32 array (a copy)."""
    fixed = pc.cast(col, pa.binary(SIG_BYTES))
    data = np.frombuffer(fixed.buffers()[1], dtype="<u4", count=(fixed.offset + len(fixed)) * nd.NUM_PERM)
    return data[fixed.offset * nd.NUM_PERM :].reshape(len(fixed), nd.NUM_PERM).astype(np.uint32)


def _fill(sigs: np.ndarray, dest: np.ndarray, rows: _Rows, files: list[Path],
          backfill: _Backfill | None = None) -> None:
    """Copy the signatures of `rows` into sigs[dest], reading each file once, a batch at a time."""
    for source, order in _by_source(rows).items():
        want = rows.row[order]
        if source < 0:
            sigs[dest[order]] = backfill.sigs[want]
            continue
        for offset, col in _signature_batches(files[source]):
            lo, hi = np.searchsorted(want, [offset, offset + len(col)])
            if lo < hi:
                sigs[dest[order[lo:hi]]] = _as_matrix(col.take(pa.array(want[lo:hi] - offset)))


def flag_near_duplicates(archive: Archive, run_id: str) -> NearDupStats:
    """Flag the run's staged documents that are near-duplicates of earlier ones (call before commit).

    Column-oriented: besides the (documents x NUM_PERM) uint32 signature matrix that
    `find_matches` needs, memory holds a few small arrays per document, and files are read
    and written a batch or row group at a time."""
    start = time.perf_counter()
    staging = archive.staging_dir(run_id)
    pending = staged.batch_files(staging, "documents")
    if pending:  # usual case: the flags are set while the batches become Parquet, nothing is rewritten
        doc_files = None
        run = [staged.read_batch_columns(f, ["doc_id", "archived_at"]) for f in pending]
    else:  # already consolidated (a repeated call): flags are written into the Parquet files
        archive.consolidate(run_id)
        doc_files = sorted(staging.glob("documents/*/*.parquet"))
        run = [_read(f, ["doc_id", "archived_at"]) for f in doc_files]
    file_rows = [t.num_rows for t in run]
    run = pa.concat_tables(run) if run else None
    if run is None or not run.num_rows:
        archive.consolidate(run_id)
        return NearDupStats(seconds=time.perf_counter() - start)
    staged_ids = run_ids = _ids(run["doc_id"])  # staged_ids: every row of every staged documents file, in order
    run_at = _us(run["archived_at"])
    last = _last_of_each(run_ids)
    if last is not None:
        run_ids, run_at = run_ids.take(pa.array(last)), run_at[last]

    current = [_read(f, ["doc_id", "archived_at"]) for f in archive.table_files("documents")]
    current = pa.concat_tables(current) if current else pa.table({"doc_id": pa.array([], pa.string()),
                                                                 "archived_at": pa.array([], TS)})
    cur_ids, cur_at = _ids(current["doc_id"]), _us(current["archived_at"])
    last = _last_of_each(cur_ids)
    if last is not None:
        cur_ids, cur_at = cur_ids.take(pa.array(last)), cur_at[last]
    del current, run

    index_files = sorted(index_dir(archive.root).glob("*.parquet"))
    indexed, unreadable = _scan_index(index_files, cur_ids, cur_at)  # the current version's row per doc_id
    missing = cur_ids.filter(pa.array(_positions(cur_ids, indexed.doc_id) < 0))
    backfill = _backfill(archive, missing, cur_ids, cur_at) if len(missing) else None
    known = indexed if backfill is None else _Rows.concat([indexed, backfill.rows])  # sources: files 0.., -1 = backfill

    staged_files = sorted((staging / SIDECAR).glob("*.parquet"))
    new = _scan_staged(staged_files, run_ids)  # the run's rows; source = staged file
    new.archived_at = run_at[_positions(new.doc_id, run_ids)]
    prior = _positions(new.doc_id, known.doc_id)  # a replaced document keeps its place in the order
    had = prior >= 0
    new.first_seen = new.archived_at.copy()
    new.first_seen[had] = known.first_seen[prior[had]]
    new.seq = new.seq.copy()
    new.seq[had] = known.seq[prior[had]]

    earlier = known.take(np.flatnonzero((_positions(known.doc_id, run_ids) < 0) & known.has_sig))
    mine = new.take(np.flatnonzero(new.has_sig))
    entries = _Rows.concat([earlier, mine])
    flagged = 0
    patch = None
    if len(entries):
        order = pc.sort_indices(pa.table({"f": entries.first_seen, "s": entries.seq, "d": entries.doc_id}),
                                sort_keys=[("f", "ascending"), ("s", "ascending"), ("d", "ascending")]).to_numpy()
        dest = np.empty(len(order), np.int64)
        dest[order] = np.arange(len(order))  # row of each entry in the matrix
        sigs = np.empty((len(entries), nd.NUM_PERM), dtype=np.uint32)
        k = len(earlier)
        _fill(sigs, dest[:k], earlier, index_files, backfill)
        _fill(sigs, dest[k:], mine, staged_files)
        query = np.zeros(len(entries), bool)
        query[dest[k:]] = True
        matches = nd.find_matches(sigs, query)
        del sigs
        if matches:
            rows, ahead, score = (np.array(c) for c in zip(*matches))
            ids = entries.doc_id.take(pa.array(order))
            flagged = len(rows)
            if doc_files is None:
                patch = {"documents": _flag_setter(ids.take(pa.array(rows)), ids.take(pa.array(ahead)), score)}
            else:
                # every staged row of a flagged doc_id: the position of its flag, else -1
                at = _positions(staged_ids, ids.take(pa.array(rows)))
                _write_flags(doc_files, file_rows, at, ids.take(pa.array(ahead)), score)
    if doc_files is None:
        archive.consolidate(run_id, patch)  # the batches' rows as Parquet per partition (store/staged.py)

    _append_index(archive.root, run_id, index_files, indexed, backfill, new, staged_files)
    return NearDupStats(checked=len(run_ids), flagged=flagged, compared_with=len(earlier),
                        backfilled=0 if backfill is None else len(backfill.rows), unreadable=unreadable,
                        seconds=time.perf_counter() - start)


def _flag_setter(flagged: pa.Array, of: pa.Array, score: np.ndarray):
    """A function setting near_duplicate_of / near_duplicate_score in a batch of staged document
    rows: every row whose doc_id is `flagged[i]` gets `of[i]`, `score[i]`; the others null."""
    schema = TABLES["documents"]
    of_field, score_field = schema.field("near_duplicate_of"), schema.field("near_duplicate_score")
    values = ((of_field, of.cast(of_field.type)), (score_field, pa.array(score, score_field.type)))
    # Pieces are a few rows each: a dict look-up, where pc.index_in would hash every flagged id per piece.
    lookup = {doc_id: i for i, doc_id in enumerate(flagged.to_pylist())}

    def apply(t: pa.Table) -> pa.Table:
        pos = pa.array([lookup.get(d) for d in t["doc_id"].to_pylist()], pa.int64())
        for field, col in values:
            i = t.schema.get_field_index(field.name)
            t = t.set_column(i, t.schema.field(i), col.take(pos))
        return t

    return apply


def _write_flags(doc_files: list[Path], file_rows: list[int], at: np.ndarray, of: pa.Array,
                 score: np.ndarray) -> None:
    """Set near_duplicate_of / near_duplicate_score in the run's staged documents files.

    `at[i]`: for the i-th row of the files (in order), the index of its flag in `of` and
    `score`, or -1. Files without a flagged row are left alone; the others are rewritten a
    row group at a time."""
    schema = TABLES["documents"]
    of_field, score_field = schema.field("near_duplicate_of"), schema.field("near_duplicate_score")
    of, score = of.cast(of_field.type), pa.array(score, score_field.type)
    first = 0
    for f, n in zip(doc_files, file_rows):
        mine, first = at[first : first + n], first + n
        if not (mine >= 0).any():
            continue
        pf = pq.ParquetFile(f)
        tmp = f.with_name(f".{f.name}.tmp")
        with pq.ParquetWriter(tmp, pf.schema_arrow, compression=COMPRESSION) as out:
            row = 0
            for g in range(pf.num_row_groups):
                t = pf.read_row_group(g, use_threads=False)
                pos = mine[row : row + t.num_rows]
                row += t.num_rows
                pos = pa.array(pos, pa.int64(), mask=pos < 0)
                for field, values in ((of_field, of), (score_field, score)):
                    t = t.set_column(t.schema.get_field_index(field.name), t.schema.field(field.name),
                                     values.take(pos))
                out.write_table(t)
        os.replace(tmp, f)


def _append_index(root: Path, run_id: str, files: list[Path], kept: _Rows, backfill: _Backfill | None,
                  new: _Rows, staged_files: list[Path]) -> None:
    """Add the recomputed and the run's signature rows; past COMPACT_AT files, merge the live
    index rows (`kept`) into the same file. Written a batch at a time: an index of any size is
    copied with bounded memory."""
    target = index_dir(root) / f"part-{safe_name(run_id)}.parquet"
    compact = len(files) + 1 > COMPACT_AT
    if not compact and not len(new) and backfill is None:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    with pq.ParquetWriter(tmp, INDEX_SCHEMA, compression=COMPRESSION) as out:
        if compact:  # unreadable files have no rows in `kept`: theirs were recomputed (backfill)
            for source, order in _by_source(kept).items():
                want = kept.row[order]
                offset = 0
                for batch in _open(files[source]).iter_batches(batch_size=BATCH_ROWS, use_threads=False):
                    lo, hi = np.searchsorted(want, [offset, offset + batch.num_rows])
                    if lo < hi:
                        rows = pa.Table.from_batches([batch]).take(pa.array(want[lo:hi] - offset))
                        out.write_table(rows.cast(INDEX_SCHEMA), row_group_size=BATCH_ROWS)
                    offset += batch.num_rows
        if backfill is not None and len(backfill.rows):
            b = backfill.rows
            sig = _binary(backfill.sigs, b.has_sig)
            out.write_table(_index_table(b.doc_id, b.archived_at, b.first_seen, b.seq, sig), row_group_size=BATCH_ROWS)
        for source, order in _by_source(new).items():
            sig = _ids(_read(staged_files[source], ["signature"])["signature"]).take(pa.array(new.row[order]))
            out.write_table(_index_table(new.doc_id.take(pa.array(order)), new.archived_at[order],
                                         new.first_seen[order], new.seq[order], sig), row_group_size=BATCH_ROWS)
    os.replace(tmp, target)
    if compact:
        for f in files:  # after the merged file is in place: a crash here leaves duplicates, not gaps
            if f != target:
                f.unlink(missing_ok=True)


def _binary(sigs: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """(n, NUM_PERM) uint32 rows as a binary column of little-endian bytes (null where not valid)."""
    fixed = pa.FixedSizeBinaryArray.from_buffers(pa.binary(SIG_BYTES), len(sigs),
                                                 [None, pa.py_buffer(np.ascontiguousarray(sigs, "<u4"))])
    out = fixed.cast(pa.binary())
    if valid is not None and not valid.all():
        out = pc.if_else(pa.array(valid), out, pa.nulls(len(out), pa.binary()))
    return out


def _index_table(doc_id: pa.Array, archived_at: np.ndarray, first_seen: np.ndarray, seq: np.ndarray,
                 signature: pa.Array) -> pa.Table:
    ts = [pa.array(np.asarray(c, np.int64), pa.int64()).cast(INDEX_SCHEMA.field(n).type)
          for n, c in (("archived_at", archived_at), ("first_seen", first_seen))]
    return pa.Table.from_arrays([doc_id, *ts, pa.array(np.asarray(seq, np.int64), pa.int64()), signature],
                                schema=INDEX_SCHEMA)


def index_table(doc_ids: list[str], archived_at: np.ndarray, first_seen: np.ndarray, seq: np.ndarray,
                sigs: np.ndarray) -> pa.Table:
    """Index rows from columns (benchmarks and tools): sigs is (n, NUM_PERM) uint32."""
    return _index_table(pa.array(doc_ids, pa.string()), archived_at, first_seen, seq, _binary(sigs))
