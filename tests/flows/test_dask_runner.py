"""`newsarchive run --dask ADDRESS` on a real Dask LocalCluster, with a real Prefect server."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT, SEEDS, read_table

distributed = pytest.importorskip("distributed")


def test_batches_run_on_the_dask_cluster(prefect_server, tmp_path, monkeypatch):
    api, env = prefect_server
    for key in ("PREFECT_API_URL", "PREFECT_HOME", "PREFECT_LOGGING_TO_API_ENABLED"):
        monkeypatch.setenv(key, env[key])  # the worker processes inherit it: they report to the server
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(tmp_path / "dask-scratch")) as cluster:
        archive = tmp_path / "archive"
        out = subprocess.run([sys.executable, "-m", "newsarchive.cli", "run", str(SEEDS), "--archive", str(archive),
                              "--batch-size", "2", "--dask", cluster.scheduler_address, "--json"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr[-3000:]
        result = json.loads(out.stdout[out.stdout.index("{"):])
        ran = {name: (dict(tp.state_counts), dict(tp.all_durations))
               for name, tp in cluster.scheduler.task_prefixes.items()}
        worker_pids = set(distributed.Client(cluster).run(lambda: __import__("os").getpid()).values())
    assert result["batches"] == 3 and result["new"] + result["rejected"] == 5
    counts, durations = ran["process_batch_task"]  # the batches were computed by the Dask workers
    assert counts.get("memory", 0) >= 3 and durations["compute"] > 0, ran
    docs = read_table(archive, "documents")
    assert len(docs) == result["new"] and {d["flow_run_id"] for d in docs} == {result["flow_run_id"]}
    assert len(worker_pids) == 2
