"""run_bench's derived figures: per-worker text rates and the machine's speed index."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run_bench  # noqa: E402


def _res():
    rows = [
        {"label": "text/ref", "docs": 100, "bytes": 60e6, "docs_s": 5000.0, "mb_s": 300.0, "cpu": 0.2},
        {"label": "text/run w1", "docs": 100, "bytes": 60e6, "docs_s": 50.0, "mb_s": 6.0, "cpu": 12.0},
        {"label": "text/run w2", "docs": 100, "bytes": 60e6, "docs_s": 90.0, "mb_s": 10.8, "cpu": 12.5},
    ]
    return {"n": 100, "rows": rows}


def test_text_rates_per_worker_and_per_cpu_second(monkeypatch):
    monkeypatch.setattr(run_bench.os, "cpu_count", lambda: 2)
    lines = run_bench.ratios(_res())
    w1 = next(x for x in lines if "run w1 = 6.00 MB/s per worker" in x)
    w2 = next(x for x in lines if "run w2 = 5.40 MB/s per worker" in x)
    assert "per core" not in w1 and "5.00 MB per CPU-second" in w1  # one worker on two cores is not "per core"
    assert "per core, as many workers as cores" in w2 and "4.80 MB per CPU-second" in w2
    assert any("run w2 / run w1 = 1.800" in x for x in lines)


def test_workers_are_read_from_the_row_label():
    assert run_bench._workers_of("text/run w2") == 2
    assert run_bench._workers_of("text/run w12") == 12
    assert run_bench._workers_of("text/ref") is None and run_bench._workers_of("text/clean") is None


def test_the_speed_index_is_a_positive_time():
    ms = run_bench.python_speed()
    assert ms is not None and 1 < ms < 60_000


def test_phases_come_from_the_log_timestamps():
    import time

    started = time.mktime((2026, 12, 7, 22, 16, 34, 0, 0, -1))  # 22:16:34 local time
    log = "\n".join([
        "22:16:38.729 | INFO    | Flow run 'x' - Beginning flow run 'x' for flow 'newsarchive-ingest'",
        "22:16:38.739 | INFO    | Flow run 'x' - 485 inputs in 2 batches of up to 256, 1 worker(s)",
        "22:16:39.094 | INFO    | Task run 'batch-1' - batch 1/2: 256 inputs, 256 new, 0 replaced, 0 unchanged, "
        "0 rejected, 1176 posts (0.34s; 250 cleaned ahead)",
        "22:16:39.365 | INFO    | Task run 'batch-2' - batch 2/2: 229 inputs, 229 new, 0 replaced, 0 unchanged, "
        "0 rejected, 1461 posts (0.27s)",
        "22:16:39.817 | INFO    | Flow run 'x' - near-duplicates: 6 of 485 new/replaced documents flagged",
    ])
    ph = run_bench.phases(log, started, wall=5.9)
    assert abs(ph["startup"] - 4.729) < 1e-3 and abs(ph["batches"] - 0.636) < 1e-3
    assert abs(ph["end"] - (5.9 - 5.365)) < 1e-3 and ph["ahead"] == 250
    assert run_bench.phases("no flow here", started, 1.0) is None


def test_phases_across_midnight():
    import time

    started = time.mktime((2026, 12, 7, 23, 59, 59, 0, 0, -1))
    log = ("00:00:03.000 | INFO    | Flow run 'x' - Beginning flow run 'x'\n"
           "00:00:04.500 | INFO    | Task run 'batch-1' - batch 1/1: 5 inputs (0.1s)\n")
    ph = run_bench.phases(log, started, wall=6.0)
    assert abs(ph["startup"] - 4.0) < 1e-3 and abs(ph["batches"] - 1.5) < 1e-3 and ph["ahead"] == 0
