"""The real `newsarchive run` (Prefect flow, real server) SIGKILLed inside its commit, then re-run."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.helpers import ROOT
from tests.store.driver import ingest_plain
from tests.store.scenario import first_inputs, leftovers, second_inputs, view


def cli_run(env, inputs, archive, **extra):
    return subprocess.run([sys.executable, "-m", "newsarchive.cli", "run", str(inputs), "--archive", str(archive),
                           "--batch-size", "1", "--json"], cwd=ROOT, env={**env, **extra}, capture_output=True,
                          text=True, timeout=300)


# One point through the whole CLI + Prefect stack; tests/store/test_crash_recovery.py covers every point.
@pytest.mark.parametrize("point", ["mid-apply"])
def test_killed_flow_run_then_rerun_leaves_exactly_the_right_records(prefect_server, tmp_path, point):
    _, env = prefect_server
    inputs = first_inputs(tmp_path / "in")
    archive = tmp_path / "archive"
    assert cli_run(env, inputs, archive).returncode == 0
    second_inputs(inputs)
    expected = tmp_path / "expected"
    shutil.copytree(archive, expected)
    ingest_plain(str(expected), [str(inputs)])

    killed = cli_run(env, inputs, archive, NEWSARCHIVE_CRASH_AT=point)
    assert killed.returncode == -9, killed.stderr[-2000:]
    again = cli_run(env, inputs, archive)
    assert again.returncode == 0, again.stderr[-2000:]
    assert view(archive) == view(expected) and leftovers(archive) == []
    docs = [d[0] for d in view(archive)["documents"]]
    assert len(docs) == len(set(docs)) == 3
