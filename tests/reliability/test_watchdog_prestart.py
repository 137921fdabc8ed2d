"""Cleaner processes started ahead (`watchdog.prestart`, called by the CLI while Prefect's
server boots) are the ones the first batches take; a failed start never blocks a batch."""
from __future__ import annotations

import threading

import pytest

from newsarchive import watchdog
from newsarchive.batch import prestart_cleaners
from cleaners.pipeline import Limits

KEY = 1536  # a memory limit no other test uses, so the idle pool for it starts empty


@pytest.fixture
def counted(monkeypatch):
    """Count the cleaner processes started; `fail_first` makes the first start fail."""
    started = []
    state = {"fail_first": False}
    real = watchdog._Worker

    class Counted(real):
        def __init__(self, max_memory_mb):
            started.append(threading.current_thread().name)
            if state["fail_first"] and len(started) == 1:
                raise RuntimeError("the cleaning process did not start (test)")
            super().__init__(max_memory_mb)

    monkeypatch.setattr(watchdog, "_Worker", Counted)
    yield started, state
    watchdog.shutdown()


def test_a_batch_takes_the_prestarted_process_and_starts_none_of_its_own(counted):
    started, _ = counted
    watchdog.prestart(1, KEY)
    w = watchdog._take(KEY)  # waits for the one booting rather than starting a second
    try:
        assert w.alive() and w.max_memory_mb == KEY
        assert started == ["newsarchive-prestart"]
        assert w.run(30, len, "abc") == ("ok", 3)  # it cleans: a live, ready process
    finally:
        w.stop()
    assert not watchdog._STARTING[KEY]


def test_a_prestart_that_fails_leaves_the_batch_to_start_its_own(counted):
    started, state = counted
    state["fail_first"] = True
    watchdog.prestart(1, KEY)
    w = watchdog._take(KEY)
    try:
        assert w.alive() and w.run(30, len, "abcd") == ("ok", 4)
        assert started == ["newsarchive-prestart", threading.current_thread().name]
    finally:
        w.stop()


def test_the_cli_helper_starts_one_per_worker_and_none_without_the_watchdog(counted):
    started, _ = counted
    prestart_cleaners(2, Limits(max_seconds=0, max_memory_mb=KEY))
    assert started == [] and not watchdog._STARTING.get(KEY)
    prestart_cleaners(2, Limits(max_seconds=60, max_memory_mb=KEY))
    workers = [watchdog._take(KEY), watchdog._take(KEY)]
    try:
        assert len({w.proc.pid for w in workers}) == 2 and started == ["newsarchive-prestart"] * 2
    finally:
        for w in workers:
            w.stop()
