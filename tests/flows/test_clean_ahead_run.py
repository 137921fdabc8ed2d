"""`newsarchive run` cleans the first batches ahead while Prefect's server boots
(newsarchive/ahead.py), and archives exactly what a run without it archives."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.helpers import ROOT, SEEDS, read_table

RUN_COLUMNS = {"flow_run_id", "archived_at"}  # what differs between any two runs


def _run(tmp_path, name: str, ahead: str, env: dict | None = None) -> tuple[str, dict]:
    env = env or {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    archive = tmp_path / name
    out = subprocess.run([sys.executable, "-m", "newsarchive.cli", "run", str(SEEDS), "--archive", str(archive),
                          "--workers", "1", "--batch-size", "2"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, env={**env, "NEWSARCHIVE_CLEAN_AHEAD": ahead})
    assert out.returncode == 0, out.stderr[-3000:]
    tables = {}
    for table, key in (("documents", "doc_id"), ("posts", "post_id")):
        rows = sorted(read_table(archive, table), key=lambda r: r[key])
        tables[table] = [{k: v for k, v in r.items() if k not in RUN_COLUMNS} for r in rows]
    return out.stdout + out.stderr, tables


def test_a_run_cleaning_ahead_archives_exactly_what_a_run_without_it_does(tmp_path):
    log, ahead = _run(tmp_path, "ahead", "1")
    plain_log, plain = _run(tmp_path, "plain", "0")
    # one cleaner: every batch goes to the process that cleaned the five seeds ahead (milliseconds of work)
    assert sum(int(n) for n in re.findall(r"(\d+) cleaned ahead", log)) == 5, log[-4000:]
    assert "cleaned ahead" not in plain_log
    assert len(ahead["documents"]) == 5 and len(ahead["posts"]) == 19
    assert ahead == plain
    live = [d for d in ahead["documents"] if d["kind"] == "liveblog"]
    assert live and "Link Copied!" not in live[0]["body"]


def test_with_a_running_server_the_cleaners_clean_ahead_during_the_clis_imports(prefect_server, tmp_path):
    _, env = prefect_server  # PREFECT_API_URL set: no temporary server to wait for
    log, ahead = _run(tmp_path, "ahead", "1", env)
    _, plain = _run(tmp_path, "plain", "0", env)
    assert "Starting temporary server" not in log
    # The cleaner is started before the CLI imports Prefect (~1 s, then the flow run's creation);
    # it boots in about half that, and the five seeds take milliseconds: at least the first is a hit.
    assert sum(int(n) for n in re.findall(r"(\d+) cleaned ahead", log)) >= 1, log[-4000:]
    assert ahead == plain and len(ahead["documents"]) == 5


def test_when_the_cli_prestarts_its_cleaners():
    from newsarchive.cli import prestart_when

    assert prestart_when(True, None, None) == "after imports"  # beside the early temporary server's boot
    assert prestart_when(True, None, "http://x/api") == "after imports"
    assert prestart_when(False, None, "http://x/api") == "now"  # a running server: during the CLI's imports
    assert prestart_when(False, None, None) is None  # Prefect starts its own server (early server off)
    assert prestart_when(False, "tcp://scheduler:8786", "http://x/api") is None  # Dask workers clean
    assert prestart_when(True, "local", None) is None
