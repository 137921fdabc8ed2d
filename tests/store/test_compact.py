"""Compaction merges small files without changing a single row, atomically."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pyarrow.parquet as pq

from store.archive import Archive
from store.compact import compact
from tests.helpers import ROOT, read_table, seed_path
from tests.store.driver import ingest_plain
from tests.store.scenario import leftovers


def many_small_runs(tmp_path, n=4):
    """n runs of one document each, all in the same partitions as a scheduled folder would get."""
    archive = tmp_path / "archive"
    for i in range(n):
        folder = tmp_path / f"in{i}"
        folder.mkdir()
        for seed in ("000", "003"):  # an article and a live blog per run
            shutil.copy(seed_path(seed), folder / f"{seed}-{i}.txt")
        ingest_plain(str(archive), [str(folder)])
    return archive


def rows(archive):
    out = {}
    for table in ("documents", "posts", "rejects"):
        out[table] = sorted(sorted((k, str(v)) for k, v in r.items()) for r in read_table(archive, table))
    return out


def test_compact_merges_each_partition_and_keeps_every_row(tmp_path):
    archive = many_small_runs(tmp_path)
    before = rows(archive)
    per_part = lambda: {str(p.relative_to(archive)): len(list(p.glob("*.parquet")))  # noqa: E731
                        for p in archive.glob("[!_]*/*") if p.is_dir()}
    assert set(per_part().values()) == {4}
    store = Archive(archive)
    with store.writer("test"):
        stats = compact(store)
    assert stats.partitions == len(per_part()) and stats.files_before == 4 * stats.partitions
    assert set(per_part().values()) == {1}
    assert rows(archive) == before
    assert leftovers(archive) == []
    (f, *_) = archive.glob("posts/*/*.parquet")
    assert pq.read_schema(f).metadata[b"newsarchive.pipeline_version"] == b"test-1"
    with store.writer("test"):  # nothing left to do
        assert compact(store).partitions == 0


def test_target_size_splits_big_partitions(tmp_path):
    archive = many_small_runs(tmp_path)
    before = rows(archive)
    store = Archive(archive)
    with store.writer("test"):
        compact(store, target_bytes=40_000)  # smaller than the posts of two runs
    assert len(list(archive.glob("posts/*/*.parquet"))) >= 2
    assert rows(archive) == before


def test_compact_killed_mid_apply_is_rolled_forward(tmp_path):
    archive = many_small_runs(tmp_path, n=3)
    before = rows(archive)
    code = ("import sys; from store.archive import Archive; from store.compact import compact\n"
            "s = Archive(sys.argv[1])\nwith s.writer('t'): compact(s)")
    killed = subprocess.run([sys.executable, "-c", code, str(archive)], cwd=ROOT, timeout=120,
                            env={**os.environ, "NEWSARCHIVE_CRASH_AT": "mid-apply"}, capture_output=True)
    assert killed.returncode == -9
    assert list(archive.glob("_journal/*.json"))
    with Archive(archive).writer("next run"):  # any writer session recovers first
        pass
    assert rows(archive) == before and leftovers(archive) == []
    assert all(len(list(p.glob("*.parquet"))) == 1 for p in archive.glob("[!_]*/*") if p.is_dir())


def test_runs_are_told_when_small_files_pile_up(tmp_path):
    from store.compact import compaction_hint

    archive = many_small_runs(tmp_path, n=3)
    store = Archive(archive)
    hint = compaction_hint(store, per_partition=2)
    assert hint and "3 in documents/published_month=" in hint and "newsarchive compact --archive" in hint
    with store.writer("test"):
        compact(store)
    assert compaction_hint(store, per_partition=2) is None
