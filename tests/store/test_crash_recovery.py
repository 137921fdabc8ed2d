"""kill -9 inside a commit, at every named point, then a re-run: exactly the right records."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from store.faults import POINTS
from tests.helpers import ROOT
from tests.store.driver import ingest_plain
from tests.store.scenario import first_inputs, leftovers, second_inputs, view


def run_driver(archive, inputs, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.store.driver", str(archive), str(inputs)],
                          cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """Archive after run 1 (A), the inputs of run 2, and the archive after an uncrashed run 2 (B)."""
    base = tmp_path_factory.mktemp("crash")
    inputs = first_inputs(base / "in")
    a = base / "a"
    ingest_plain(str(a), [str(inputs)])
    second_inputs(inputs)
    b = base / "b"
    shutil.copytree(a, b)
    done = ingest_plain(str(b), [str(inputs)])
    assert (done["new"], done["replaced"], done["unchanged"], done["rejected"]) == (1, 1, 1, 1)
    return a, inputs, view(a), view(b)


def test_scenario_replaces_across_tables(states):
    _, _, before, after = states
    assert len(before["documents"]) == 3 and len(before["posts"]) == 19 and before["rejects"] == []
    assert len(after["documents"]) == 3 and after["posts"] == [] and len(after["rejects"]) == 1
    rejected = after["rejects"][0][0]
    assert rejected not in {d[0] for d in after["documents"]}  # the stale document row is gone


@pytest.mark.parametrize("point", POINTS)
def test_sigkill_in_commit_then_rerun_gives_exactly_the_new_state(states, tmp_path, point):
    a, inputs, before, after = states
    archive = tmp_path / "archive"
    shutil.copytree(a, archive)
    killed = run_driver(archive, inputs, NEWSARCHIVE_CRASH_AT=point)
    assert killed.returncode == -9, killed.stderr
    seen = view(archive)
    if point in ("before-journal", "after-journal"):
        assert seen == before  # nothing visible has changed yet
    elif point == "after-apply":
        assert seen == after
    # mid-apply / after-moves: files of both states are on disk until the next writer
    # session rolls the journal forward (see docs/archive.md, "limits").
    assert (archive / "_staging").exists()  # the dead run's staging folder is still there

    again = ingest_plain(str(archive), [str(inputs)])
    assert view(archive) == after
    assert leftovers(archive) == []
    if point == "before-journal":  # never committed: the re-run does the work
        assert (again["new"], again["replaced"], again["rejected"]) == (1, 1, 1)
    else:  # committed: recovery finished it, the re-run finds nothing to do
        assert (again["new"], again["replaced"], again["unchanged"], again["files_added"]) == (0, 0, 4, 0)
