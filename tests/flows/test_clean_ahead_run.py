"""`newsarchive run` cleans the first batches ahead while Prefect's server boots
(newsarchive/ahead.py), and archives exactly what a run without it archives."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.helpers import ROOT, SEEDS, read_table

RUN_COLUMNS = {"flow_run_id", "archived_at"}  # what differs between any two runs


def _run(tmp_path, name: str, ahead: str) -> tuple[str, dict]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
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
