"""Two runs on one archive at the same time: the second is refused with a clear message."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from store.archive import Archive, ArchiveLocked
from tests.helpers import ROOT
from tests.store.driver import ingest_plain
from tests.store.scenario import first_inputs, leftovers, view


def start_driver(archive, inputs, **env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.store.driver", str(archive), str(inputs)], cwd=ROOT,
                            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_holder(archive, timeout=60.0) -> dict:
    lock = archive / "_lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text().strip():
            return json.loads(lock.read_text())
        time.sleep(0.05)
    raise AssertionError("the first run never took the lock")


def test_second_run_is_refused_while_the_first_commits(tmp_path):
    inputs = first_inputs(tmp_path / "in")
    archive = tmp_path / "archive"
    first = start_driver(archive, inputs, NEWSARCHIVE_PAUSE_AT="before-journal:4")
    try:
        holder = wait_for_holder(archive)
        assert holder["pid"] == first.pid
        second = start_driver(archive, inputs)
        _, err = second.communicate(timeout=60)
        assert second.returncode == 3
        assert f"archive {archive} is in use by another run" in err and f'"pid": {first.pid}' in err
        with pytest.raises(ArchiveLocked, match="wait for it to finish or use another archive"):
            with Archive(archive).writer("in-process"):
                pass
        out, err = first.communicate(timeout=60)
        assert first.returncode == 0, err
    finally:
        if first.poll() is None:
            first.kill()
    # the first run's work is complete and alone; the lock is free again
    assert len(view(archive)["documents"]) == 3 and len(view(archive)["posts"]) == 19
    assert leftovers(archive) == [] and (archive / "_lock").read_text() == ""
    again = ingest_plain(str(archive), [str(inputs)])
    assert again["unchanged"] == 3 and again["files_added"] == 0


def test_lock_is_released_when_the_holder_is_killed(tmp_path):
    inputs = first_inputs(tmp_path / "in")
    archive = tmp_path / "archive"
    first = start_driver(archive, inputs, NEWSARCHIVE_PAUSE_AT="before-journal:30")
    try:
        wait_for_holder(archive)
    finally:
        first.kill()
        first.wait(timeout=30)
    done = ingest_plain(str(archive), [str(inputs)])  # no stale lock, no manual clean-up
    assert done["new"] == 3 and len(view(archive)["documents"]) == 3
