"""--workers N: N batches at once (watchdog children, or a pool without the watchdog); the same records as one worker."""
from __future__ import annotations

import contextlib
import threading
import time

import pytest

import flows.cpu_pool
import flows.ingest
from newsarchive import watchdog
from flows.ingest import ingest
from tests.helpers import SEEDS, read_table

pytestmark = pytest.mark.usefixtures("prefect_harness")


def strip(rows):
    return sorted((r["doc_id"], r["body"], r["published_month"]) for r in rows)


def test_workers_bound_the_batches_in_flight(tmp_path, monkeypatch):
    real = flows.ingest.process_batch
    lock, now, peak = threading.Lock(), [0], [0]

    def counting(*args, **kwargs):
        with lock:
            now[0] += 1
            peak[0] = max(peak[0], now[0])
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                now[0] -= 1

    monkeypatch.setattr(flows.ingest, "process_batch", counting)
    monkeypatch.setattr(flows.ingest, "cpu_pool", lambda n: contextlib.nullcontext())  # count in this process
    res = ingest([str(SEEDS)], archive=str(tmp_path / "a"), batch_size=1, workers=2)
    assert res["batches"] == 5 and res["new"] + res["rejected"] == 5
    assert peak[0] == 2  # five batches, never more than two at once (each holds a cleaner process)


def test_the_next_batch_waits_in_flight_for_a_cleaning_slot(tmp_path, monkeypatch):
    real_slot, real_batch = flows.ingest.cleaning_slot, flows.ingest.process_batch
    lock, in_flight, cleaning = threading.Lock(), [0, 0], [0, 0]  # [now, peak]

    def enter(c):
        with lock:
            c[0] += 1
            c[1] = max(c[1], c[0])

    def leave(c):
        with lock:
            c[0] -= 1

    @contextlib.contextmanager
    def slot(key):
        enter(in_flight)  # a batch task is running (waiting for a slot or cleaning)
        try:
            with real_slot(key):
                yield
        finally:
            leave(in_flight)

    def batch(*args, **kwargs):
        enter(cleaning)
        try:
            time.sleep(0.3)  # time for the next task to arrive at the slot
            return real_batch(*args, **kwargs)
        finally:
            leave(cleaning)

    monkeypatch.setattr(flows.ingest, "cleaning_slot", slot)
    monkeypatch.setattr(flows.ingest, "process_batch", batch)
    res = ingest([str(SEEDS)], archive=str(tmp_path / "a"), batch_size=1, workers=1)
    assert res["batches"] == 5 and res["new"] + res["rejected"] == 5
    assert in_flight[1] == 2  # the next batch was ready while one cleaned...
    assert cleaning[1] == 1  # ...but one worker means one batch cleaning at a time


@pytest.mark.parametrize("time_limit", [60.0, 0.0])  # with and without the per-document watchdog
def test_a_process_pool_gives_the_same_records(tmp_path, monkeypatch, time_limit):
    used = []
    real = flows.cpu_pool.ProcessPoolExecutor

    def spy(*args, **kwargs):
        used.append(kwargs.get("max_workers"))
        return real(*args, **kwargs)

    monkeypatch.setattr(flows.cpu_pool, "ProcessPoolExecutor", spy)
    one = ingest([str(SEEDS)], archive=str(tmp_path / "one"), batch_size=2, workers=1, time_limit=time_limit)
    two = ingest([str(SEEDS)], archive=str(tmp_path / "two"), batch_size=2, workers=2, time_limit=time_limit)
    # without the watchdog, only the second run cleaned in a pool of processes; with it, the batches in
    # flight clean in their own watchdog children and no pool is started
    assert used == ([] if time_limit else [2])
    for key in ("inputs", "new", "rejected", "posts", "batches", "rules"):
        assert one[key] == two[key], key
    assert strip(read_table(tmp_path / "two", "documents")) == strip(read_table(tmp_path / "one", "documents"))
    assert len(read_table(tmp_path / "two", "posts")) == two["posts"] > 0


def test_cleaner_processes_are_stopped_before_the_end_phase(tmp_path, monkeypatch):
    """The idle cleaner children (~120 MB each) would otherwise sit through the near-duplicate
    pass and the Parquet merge, the run's memory peak."""
    watchdog.shutdown()  # none left over from earlier tests: every worker of this run is seen starting
    started = []
    real_init = watchdog._Worker.__init__

    def spy_init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        started.append(self)

    seen = []
    real_flag = flows.ingest.flag_near_duplicates

    def flag(store, run_id):
        seen.append([w.alive() for w in started])
        return real_flag(store, run_id)

    monkeypatch.setattr(watchdog._Worker, "__init__", spy_init)
    monkeypatch.setattr(flows.ingest, "flag_near_duplicates", flag)
    res = ingest([str(SEEDS)], archive=str(tmp_path / "a"), batch_size=2, workers=2)
    assert res["batches"] == 3 and started
    assert seen == [[False] * len(started)]
    assert len(read_table(tmp_path / "a", "documents")) == res["new"]
