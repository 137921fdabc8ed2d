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
