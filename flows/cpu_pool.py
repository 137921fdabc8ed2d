"""Worker processes for the CPU-bound cleaning, when a run has no watchdog (`--time-limit 0`).

Cleaning is pure-Python parsing and regexes: threads share one GIL, so the
default thread-pool task runner gives no speed-up. Process-based task runners
need a real Prefect server (each worker process otherwise starts its own).
So the flow keeps Prefect's thread pool for orchestration (one task per
batch: states, retries, logs).

With the watchdog on (the default), each batch in flight already runs whole
in its own child process (newsarchive/watchdog.py runs newsarchive/batch.py:
read, clean, rows, checks, fingerprint, staged files), so no pool is used:
a pool would only add a second process hop. Without the watchdog,
`workers > 1` hands whole batches to this plain process pool, which never
imports Prefect. Processes are spawned (not forked: the flow process runs
threads) and reused for the whole run.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

_POOL: ProcessPoolExecutor | None = None


@contextmanager
def cpu_pool(workers: int):
    """Make `run_cpu` use `workers` processes inside this block (1: run in the caller)."""
    global _POOL
    if workers <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    _POOL = pool
    try:
        yield pool
    finally:
        _POOL = None
        pool.shutdown(wait=True, cancel_futures=True)


def run_cpu(fn, /, *args, **kwargs):
    """Call fn in the run's process pool if there is one, else right here (threads, Dask workers)."""
    pool = _POOL
    if pool is None:
        return fn(*args, **kwargs)
    return pool.submit(fn, *args, **kwargs).result()
