"""The near-duplicate signature index (ARCHIVE/_neardup/) across runs, without Prefect.

Runs are driven the way flows/ingest.py drives them (writer lock, batches, flag,
commit) so each case is quick: replaced documents keep their place in the order,
a run that never committed leaves nothing that counts, a lost index is rebuilt
from the archived text, and the index is compacted.
"""
from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsarchive.batch import process_batch
from newsarchive.sources import discover
from schemas.records import RunContext
from cleaners import neardup as nd
from store import neardup
from store.archive import Archive
from tests.helpers import read_table, seed_path, seed_text


def run(archive: Path, sources: list[Path], *, force: bool = False, commit: bool = True, batch_size: int = 2,
        consolidate_first: bool = False):
    store = Archive(archive)
    run_id = uuid.uuid4().hex
    ctx = RunContext.now("test", run_id)
    refs = discover([str(s) for s in sources])
    with store.writer(owner="test"):
        known = store.index()
        staging = str(store.staging_dir(run_id))
        for no, i in enumerate(range(0, len(refs), batch_size), 1):
            process_batch(refs[i : i + batch_size], batch_no=no, staging=staging, known=known, ctx=ctx, force=force)
        if consolidate_first:  # flags then go into the Parquet files (the path of a repeated call)
            store.consolidate(run_id)
        stats = neardup.flag_near_duplicates(store, run_id)
        if commit:
            store.commit(run_id)
    return stats


def flags(archive: Path) -> dict[str, tuple[str | None, float | None]]:
    """file name -> (file name of the near-duplicate, score)."""
    docs = read_table(archive, "documents")
    name = {d["doc_id"]: Path(d["source_path"]).name for d in docs}
    return {Path(d["source_path"]).name: (name.get(d["near_duplicate_of"]), d["near_duplicate_score"]) for d in docs}


@pytest.fixture
def inbox(tmp_path):
    """Copies of seeds 000 (an article), 001 (its reworded copy) and 002 (another article)."""
    d = tmp_path / "inbox"
    d.mkdir()
    for seed in ("000", "001", "002"):
        shutil.copy(seed_path(seed), d / f"{seed}.txt")
    return d


@pytest.mark.parametrize("batch_size", [1, 3])  # across batches, and within one
def test_flags_match_input_order_and_a_forced_rerun_keeps_them(tmp_path, inbox, batch_size):
    archive = tmp_path / "archive"
    first = run(archive, [inbox], batch_size=batch_size)
    assert (first.checked, first.flagged, first.backfilled) == (3, 1, 0)
    expected = {"000.txt": (None, None), "001.txt": ("000.txt", pytest.approx(0.38, abs=0.1)),
                "002.txt": (None, None)}
    assert flags(archive) == expected
    for f in (archive / "documents").glob("*/*.parquet"):  # rewritten files keep their provenance metadata
        assert pq.read_schema(f).metadata[b"newsarchive.schema_version"] == b"1.0"
    again = run(archive, [inbox], force=True, batch_size=batch_size)  # every document replaced
    assert again.checked == 3
    assert flags(archive) == expected  # 000 keeps its place before 001: no flag turned around


def test_flags_are_the_same_whether_set_during_consolidation_or_written_after(tmp_path, inbox):
    during, after = tmp_path / "during", tmp_path / "after"
    run(during, [inbox])
    run(after, [inbox], consolidate_first=True)
    assert flags(during) == flags(after)
    assert flags(during)["001.txt"][0] == "000.txt"


def test_a_run_that_never_committed_leaves_no_trace(tmp_path, inbox):
    archive = tmp_path / "archive"
    run(archive, [inbox])
    stray = tmp_path / "stray"
    stray.mkdir()
    shutil.copy(seed_path("000"), stray / "uncommitted-copy.txt")
    run(archive, [stray], commit=False)  # its signature rows are written, its documents never are
    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(seed_path("000"), later / "zz-copy.txt")
    run(archive, [later])
    got = flags(archive)
    assert "uncommitted-copy.txt" not in got
    assert got["zz-copy.txt"] == ("000.txt", 1.0)


def test_a_lost_index_is_rebuilt_from_the_archived_text(tmp_path, inbox):
    archive = tmp_path / "archive"
    run(archive, [inbox])
    shutil.rmtree(archive / neardup.SIDECAR)
    later = tmp_path / "later"
    later.mkdir()
    (later / "copy-of-002.txt").write_text(seed_text("002").upper(), encoding="utf-8")  # case does not matter
    stats = run(archive, [later])
    assert stats.backfilled == 3 and stats.flagged == 1
    assert flags(archive)["copy-of-002.txt"] == ("002.txt", 1.0)
    rows = pq.read_table(neardup.index_dir(archive)).num_rows
    assert rows == 4  # the three recomputed signatures were kept, with the new one
    assert run(archive, [later], force=True).backfilled == 0


def test_an_unreadable_index_file_is_skipped_and_its_rows_recomputed(tmp_path, inbox):
    archive = tmp_path / "archive"
    run(archive, [inbox])
    (good,) = neardup.index_dir(archive).glob("*.parquet")
    good.write_bytes(b"not parquet at all")
    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(seed_path("001"), later / "copy-of-001.txt")
    stats = run(archive, [later])
    assert (stats.unreadable, stats.backfilled, stats.flagged) == (1, 3, 1)
    assert flags(archive)["copy-of-001.txt"] == ("001.txt", 1.0)


def test_the_index_is_compacted_and_keeps_only_live_rows(tmp_path, inbox, monkeypatch):
    monkeypatch.setattr(neardup, "COMPACT_AT", 3)
    archive = tmp_path / "archive"
    for _ in range(4):
        run(archive, [inbox], force=True)
    files = list(neardup.index_dir(archive).glob("*.parquet"))
    assert len(files) <= 3
    table = pq.read_table(neardup.index_dir(archive))
    current = {(d["doc_id"], d["archived_at"]) for d in read_table(archive, "documents")}
    rows = set(zip(table["doc_id"].to_pylist(), table["archived_at"].to_pylist()))
    assert current <= rows and len(rows) < 4 * 3
    assert flags(archive)["001.txt"][0] == "000.txt"


def test_a_text_too_short_to_fingerprint_is_archived_unflagged(tmp_path, inbox):
    archive = tmp_path / "archive"
    short = inbox / "short.txt"
    short.write_text("The council met on Tuesday and approved the budget.\n", encoding="utf-8")
    (inbox / "short-again.txt").write_text(short.read_text(), encoding="utf-8")
    run(archive, [inbox])
    got = flags(archive)
    assert got["short.txt"] == got["short-again.txt"] == (None, None)


def _index_rows(archive: Path) -> list[tuple]:
    table = pq.read_table(neardup.index_dir(archive))
    return sorted(zip(*(table[c].to_pylist() for c in neardup.INDEX_SCHEMA.names)))


def test_small_batches_and_row_groups_give_the_same_flags_and_index(tmp_path, inbox, monkeypatch):
    # Every read and write of the pass goes a batch / row group at a time: with tiny ones,
    # every boundary is crossed, and nothing may change.
    later = tmp_path / "later"
    later.mkdir()
    for seed in ("000", "001", "002", "003"):
        shutil.copy(seed_path(seed), later / f"copy-{seed}.txt")
    results = []
    for small in (False, True):
        if small:
            from store import staged

            monkeypatch.setattr(neardup, "BATCH_ROWS", 1)
            monkeypatch.setattr(staged, "ROW_GROUP_BYTES", 1)
        archive = tmp_path / f"archive-{small}"
        run(archive, [inbox], batch_size=1)
        run(archive, [later], batch_size=2)
        run(archive, [inbox], force=True, batch_size=3)
        results.append((flags(archive), [r[0] for r in _index_rows(archive)]))
    assert results[0] == results[1]
    assert results[0][0]["copy-001.txt"] == ("001.txt", 1.0)


def test_an_index_row_with_a_damaged_signature_is_recomputed(tmp_path, inbox):
    archive = tmp_path / "archive"
    run(archive, [inbox])
    (f,) = neardup.index_dir(archive).glob("*.parquet")
    table = pq.read_table(f)
    sigs = table["signature"].to_pylist()
    sigs[0] = sigs[0][:100]  # cut short
    pq.write_table(table.set_column(4, "signature", pa.array(sigs, pa.binary())), f)
    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(seed_path("000"), later / "copy-of-000.txt")
    stats = run(archive, [later])
    assert (stats.backfilled, stats.flagged, stats.unreadable) == (1, 1, 0)
    assert flags(archive)["copy-of-000.txt"] == ("000.txt", 1.0)


def test_index_rows_left_twice_by_a_crash_count_once(tmp_path, inbox):
    archive = tmp_path / "archive"
    run(archive, [inbox])
    (f,) = neardup.index_dir(archive).glob("*.parquet")
    shutil.copy(f, f.with_name("part-a-copy.parquet"))  # a compaction that died before deleting
    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(seed_path("001"), later / "copy-of-001.txt")
    stats = run(archive, [later])
    assert (stats.backfilled, stats.flagged, stats.compared_with) == (0, 1, 3)
    assert flags(archive)["copy-of-001.txt"] == ("001.txt", 1.0)


def _signatures_from_text(archive: Path) -> dict[str, np.ndarray | None]:
    """doc_id -> signature recomputed from the archived body and posts."""
    posts: dict[str, list[tuple[int, str]]] = {}
    for p in read_table(archive, "posts"):
        posts.setdefault(p["doc_id"], []).append((p["position"], p["body"]))
    return {d["doc_id"]: nd.signature(nd.document_text(d["body"], [b for _, b in sorted(posts.get(d["doc_id"], []))]))
            for d in read_table(archive, "documents")}


def test_each_flag_scores_the_signatures_of_its_own_two_texts(tmp_path, inbox, monkeypatch):
    # Signatures come from several index files, recomputed ones and staged files, copied into
    # one matrix in "earlier" order: a signature put in the wrong row would show as a score
    # that is not the similarity of the two documents' own texts.
    monkeypatch.setattr(neardup, "BATCH_ROWS", 2)
    archive = tmp_path / "archive"
    for seed in ("003", "004"):
        shutil.copy(seed_path(seed), inbox / f"{seed}.txt")
    run(archive, [inbox], batch_size=1)
    second = tmp_path / "second"
    second.mkdir()
    for seed in ("004", "001", "002"):
        (second / f"edited-{seed}.txt").write_text(seed_text(seed) + "\n\nA line added by an editor.\n", encoding="utf-8")
    run(archive, [second], batch_size=2)
    first_index = min(neardup.index_dir(archive).glob("*.parquet"), key=lambda f: f.stat().st_mtime)
    first_index.unlink()  # the first run's rows are recomputed, the second run's are read
    third = tmp_path / "third"
    third.mkdir()
    for seed in ("000", "003", "002"):
        (third / f"again-{seed}.txt").write_text(seed_text(seed).replace("Russia", "Russland"), encoding="utf-8")
    stats = run(archive, [third], batch_size=2)
    assert stats.backfilled == 5
    docs = read_table(archive, "documents")
    sigs = _signatures_from_text(archive)
    flagged = [d for d in docs if d["near_duplicate_of"]]
    assert len(flagged) >= 6
    for d in flagged:
        assert d["near_duplicate_score"] == nd.similarity(sigs[d["doc_id"]], sigs[d["near_duplicate_of"]])
    third_ids = {d["doc_id"] for d in docs if "again-" in d["source_path"]}
    for d in docs:
        if d["doc_id"] in third_ids:  # best of everything archived before the third run
            scores = [nd.similarity(sigs[d["doc_id"]], s) for k, s in sigs.items() if k not in third_ids and s is not None]
            assert d["near_duplicate_score"] == max(scores)
