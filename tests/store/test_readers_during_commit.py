"""What a reader globbing the archive sees while a commit is applied (docs/archive.md, "Limits")."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import duckdb

from tests.helpers import ROOT
from tests.store.driver import ingest_plain
from tests.store.scenario import first_inputs, second_inputs, view


def doc_ids(archive):
    return sorted(r[0] for r in duckdb.sql(f"SELECT doc_id FROM read_parquet('{archive}/documents/**/*.parquet', "
                                           "hive_partitioning=true)").fetchall())


def paused_at(archive, inputs, point):
    return subprocess.Popen([sys.executable, "-m", "tests.store.driver", str(archive), str(inputs)], cwd=ROOT,
                            env={**os.environ, "NEWSARCHIVE_PAUSE_AT": f"{point}:4"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(cond, timeout=60):
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_reader_sees_old_state_until_the_renames_and_a_duplicate_during_them(tmp_path):
    inputs = first_inputs(tmp_path / "in")
    a = tmp_path / "a"
    ingest_plain(str(a), [str(inputs)])
    before = doc_ids(a)
    second_inputs(inputs)

    committed = tmp_path / "committed"  # paused right after the commit point: nothing visible yet
    shutil.copytree(a, committed)
    proc = paused_at(committed, inputs, "after-journal")
    wait_for(lambda: list((committed / "_journal").glob("*.json")))
    assert doc_ids(committed) == before
    assert proc.wait(timeout=60) == 0

    moving = tmp_path / "moving"  # paused between the moves and the deletes: the documented window
    shutil.copytree(a, moving)
    proc = paused_at(moving, inputs, "after-moves")
    wait_for(lambda: len(doc_ids(moving)) > len(before))
    seen = doc_ids(moving)
    assert len(seen) > len(set(seen))  # the replaced document is there twice for these milliseconds
    assert proc.wait(timeout=60) == 0
    after = doc_ids(moving)
    assert len(after) == len(set(after)) == 3 and view(moving) == view(committed)
