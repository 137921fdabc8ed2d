"""`newsarchive serve` against a real Prefect server: the deployment registers with its cron
schedule, a triggered run archives a new file, and a run with nothing new changes nothing."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time

import httpx

from tests.flows.conftest import stop
from tests.helpers import ROOT, read_table, seed_path

CRON = "0 0 1 1 *"  # far away: this test triggers its runs itself


def wait_for(what, fn, timeout, proc=None, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"serve exited early: {log.read_text()[-3000:] if log else ''}")
        value = fn()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}: {log.read_text()[-3000:] if log else ''}")


def run_deployment(api: str, deployment_id: str, proc, log) -> dict:
    # A busy SQLite-backed server answers 503 ("database is locked", PrefectHQ/prefect#18934);
    # Prefect's own client retries those, so this does too (seen once in a full test run).
    for attempt in range(6):
        created = httpx.post(f"{api}/deployments/{deployment_id}/create_flow_run", json={}, timeout=30)
        if created.status_code != 503:
            break
        time.sleep(1 + attempt)
    assert created.status_code == 201, created.text
    run = created.json()

    def finished():
        try:
            r = httpx.get(f"{api}/flow_runs/{run['id']}", timeout=10)
        except httpx.HTTPError:  # a busy server: ask again
            return None
        state = r.json().get("state") if r.status_code == 200 else None
        return state if state and state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

    state = wait_for("the triggered run", finished, 180, proc, log)
    assert state["type"] == "COMPLETED", f"{state}\n{log.read_text()[-3000:]}"
    return run


def test_served_deployment_runs_only_what_is_new(prefect_server, tmp_path):
    api, env = prefect_server
    landing = tmp_path / "landing"
    landing.mkdir()
    shutil.copy(seed_path("000"), landing / "a.txt")
    archive = tmp_path / "archive"
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "newsarchive.cli", "serve", "--cron", CRON, "--name", "t",
                                 str(landing), "--archive", str(archive), "--batch-size", "2"],
                                cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        def registered():
            r = httpx.get(f"{api}/deployments/name/newsarchive-ingest/t", timeout=10)
            return r.json() if r.status_code == 200 else None

        dep = wait_for("the deployment", registered, 120, proc, log)
        assert [s["schedule"]["cron"] for s in dep["schedules"]] == [CRON]
        assert dep["parameters"]["archive"] == str(archive)
        assert dep["global_concurrency_limit"]["limit"] == 1
        assert dep["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"

        first = run_deployment(api, dep["id"], proc, log)
        docs = read_table(archive, "documents")
        assert [d["source_path"] for d in docs] == [str(landing / "a.txt")]
        assert docs[0]["flow_run_id"] == first["id"]

        shutil.copy(seed_path("004"), landing / "b.txt")  # a new file lands
        second = run_deployment(api, dep["id"], proc, log)
        docs = {d["source_path"].rsplit("/", 1)[1]: d for d in read_table(archive, "documents")}
        assert sorted(docs) == ["a.txt", "b.txt"]
        assert docs["a.txt"]["flow_run_id"] == first["id"]  # unchanged: not rewritten
        assert docs["b.txt"]["flow_run_id"] == second["id"]

        files = sorted(p.name for p in archive.rglob("*.parquet"))
        run_deployment(api, dep["id"], proc, log)  # nothing changed: a no-op
        assert sorted(p.name for p in archive.rglob("*.parquet")) == files
        assert len(read_table(archive, "documents")) == 2
    finally:
        stop(proc)
