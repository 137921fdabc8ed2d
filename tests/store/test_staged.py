"""Staged batch files are merged into Parquet per (table, partition), in input order, with bounded buffers."""
from __future__ import annotations

import numpy as np
import pyarrow.parquet as pq
import pytest

from schemas.records import RunContext, reject_row
from schemas.validate import to_table
from store import staged
from store.archive import Archive
from tests.helpers import read_table


def rejects(n: int, start: int = 0) -> list[dict]:
    ctx = RunContext.now("test-9", "run")
    return [reject_row(doc_id=f"d{i:04d}", uri=f"file:///x/{i}", path=f"/x/{i}", sha256=None, size=None,
                       stage="read", reason=f"reason {i}", ctx=ctx) for i in range(start, start + n)]


def stage(staging, batches: list[list[dict]], parts_of=lambda i: "unknown"):
    for no, rows in enumerate(batches, 1):
        staged.write_batch(staging, "rejects", to_table("rejects", rows), [parts_of(i) for i, _ in enumerate(rows)],
                           f"run-b{no:06d}", "test-9")


def test_batches_become_one_parquet_file_per_partition_in_input_order(tmp_path):
    staging = tmp_path / "_staging" / "run"
    stage(staging, [rejects(3, 0), rejects(3, 3), rejects(2, 6)])
    assert len(list((staging / "rejects" / staged.BATCHES).glob("*.arrow"))) == 3
    out = staged.consolidate(staging, "run")
    assert [p.parent.name for p in out] == ["published_month=unknown"]
    assert not list((staging / "rejects" / staged.BATCHES).glob("*.arrow"))  # merged, then gone
    t = pq.read_table(out[0])
    assert t.column("doc_id").to_pylist() == [f"d{i:04d}" for i in range(8)]
    meta = pq.read_schema(out[0]).metadata
    assert meta[b"newsarchive.pipeline_version"] == b"test-9" and b"newsarchive.schema_version" in meta
    assert "published_month" not in t.column_names  # the folder carries it, as in the archive
    assert staged.consolidate(staging, "run") == []  # nothing left to merge: a second call changes nothing


def test_buffers_and_files_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(staged, "ROW_GROUP_BYTES", 1)  # every piece is flushed at once
    monkeypatch.setattr(staged, "MAX_FILE_ROWS", 4)
    staging = tmp_path / "_staging" / "run"
    stage(staging, [rejects(3, 0), rejects(3, 3), rejects(3, 6)])
    out = staged.consolidate(staging, "run")
    counts = [pq.read_metadata(p).num_rows for p in out]
    assert counts == [3, 3, 3] and len(out) == 3  # a file never goes past MAX_FILE_ROWS
    got = [d for p in sorted(out) for d in pq.read_table(p).column("doc_id").to_pylist()]
    assert sorted(got) == [f"d{i:04d}" for i in range(9)]


def test_a_commit_publishes_merged_files(tmp_path):
    store = Archive(tmp_path / "archive")
    with store.writer(owner="test"):
        staging = store.staging_dir("run1")
        stage(staging, [rejects(2, 0), rejects(2, 2)])
        stats = store.commit("run1")
    assert stats.files_added == 1  # two batches, one partition: one file
    assert sorted(r["doc_id"] for r in read_table(tmp_path / "archive", "rejects")) == ["d0000", "d0001", "d0002",
                                                                                         "d0003"]


@pytest.mark.parametrize("threads", [1, 3])  # groups merged one after the other, or at once
def test_partitions_merged_a_group_at_a_time_keep_input_order(tmp_path, monkeypatch, threads):
    monkeypatch.setattr(staged, "GROUP_PARTITIONS", 2)  # 5 partitions: three passes over the batch files
    monkeypatch.setattr(staged, "MAX_FILE_ROWS", 3)  # and files rolled over, named from one counter
    monkeypatch.setattr(staged, "ROW_GROUP_BYTES", 1)  # every piece written as it comes
    staging = tmp_path / "_staging" / "run"
    stage(staging, [rejects(7, 0), rejects(7, 7), rejects(6, 14)], parts_of=lambda i: f"2021-0{i % 5 + 1}")
    out = staged.consolidate(staging, "run", threads=threads)
    assert len({p.name for p in out}) == len(out) == 8  # partition 1: 3 pieces of 2 rows, 3 files; 2: 2 files
    assert sorted({p.parent.name for p in out}) == [f"published_month=2021-0{j + 1}" for j in range(5)]
    for j in range(5):
        files = sorted((p for p in out if p.parent.name.endswith(str(j + 1))), key=lambda p: p.name)
        got = [d for p in files for d in pq.read_table(p).column("doc_id").to_pylist()]
        # partition j holds rows i % 5 == j of every batch, batch after batch
        want = [f"d{b * 7 + i:04d}" for b, n in enumerate((7, 7, 6)) for i in range(n) if i % 5 == j]
        assert got == want


@pytest.mark.parametrize("pieces, groups", [(0.5, 6), (2.5, 2), (100, 1)])
def test_row_groups_follow_the_byte_budget(tmp_path, monkeypatch, pieces, groups):
    # six batches of 50 rows, one partition; the budget in batches' worth of bytes
    batches = [rejects(50, 50 * b) for b in range(6)]
    one = to_table("rejects", batches[0])
    one = one.take(list(range(one.num_rows)))  # what the merge holds of a batch: a take of its rows
    monkeypatch.setattr(staged, "ROW_GROUP_BYTES", int(pieces * one.get_total_buffer_size()))
    staging = tmp_path / "_staging" / "run"
    stage(staging, batches)
    (out,) = staged.consolidate(staging, "run", threads=1)
    meta = pq.read_metadata(out)
    assert meta.num_row_groups == groups
    assert meta.num_rows == 300
    assert pq.read_table(out).column("doc_id").to_pylist() == [f"d{i:04d}" for i in range(300)]


def test_a_batch_file_holds_its_rows_by_partition_each_in_input_order(tmp_path):
    staging = tmp_path / "_staging" / "run"
    stage(staging, [rejects(7)], parts_of=lambda i: ["2021-02", "2020-12", "unknown"][i % 3])
    (path,) = staged.batch_files(staging, "rejects")
    t = staged.read_batch_columns(path, ["doc_id", "published_month"])
    assert list(zip(t["published_month"].to_pylist(), t["doc_id"].to_pylist())) == [
        ("2020-12", "d0001"), ("2020-12", "d0004"), ("2021-02", "d0000"), ("2021-02", "d0003"),
        ("2021-02", "d0006"), ("unknown", "d0002"), ("unknown", "d0005")]


def test_a_batch_file_not_in_partition_order_is_merged_in_input_order_too(tmp_path, monkeypatch):
    # e.g. staged by a version that did not sort: the merge takes its rows instead of slicing them
    monkeypatch.setattr(staged.np, "argsort", lambda a, kind=None: np.arange(len(a)))  # no sorting
    staging = tmp_path / "_staging" / "run"
    stage(staging, [rejects(6, 0), rejects(6, 6)], parts_of=lambda i: f"2021-0{i % 2 + 1}")
    monkeypatch.undo()
    out = staged.consolidate(staging, "run", threads=1)
    for j in (1, 2):
        (f,) = [p for p in out if p.parent.name.endswith(f"0{j}")]
        assert pq.read_table(f).column("doc_id").to_pylist() == [f"d{i:04d}" for i in range(12) if i % 2 == j - 1]
