"""Keep at most N batches in flight on the task runner; yield them as they finish.

Each cleaning batch holds a cleaner process (newsarchive/watchdog.py) or a slot
of the run's process pool (flows/cpu_pool.py), so `--workers` N bounds the
batches cleaning at once: N processes cleaning, not one per batch.

The flow keeps one batch more than that in flight (window N + 1): it waits for a
cleaning slot (`cleaning_slots`, a semaphore of N), so that the next batch starts
the moment one ends. Without it, each cleaner process sat idle while its finished
batch went through Prefect (task state, result, the flow's loop, the next task run
created): 15-20 ms a batch in the logs, so ~3.5 s over the 197 batches of a 50k-document run.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext

from prefect.futures import PrefectFuture, as_completed


def windowed(submit: Callable[..., PrefectFuture], items: Iterable, limit: int) -> Iterator[PrefectFuture]:
    """submit(item) for every item, at most `limit` unfinished at any time; finished futures in finish order."""
    items = list(items)
    if len(items) <= limit:  # everything at once (e.g. on Dask, which schedules by itself)
        yield from as_completed([submit(item) for item in items])
        return
    pending = iter(items)
    in_flight: set[PrefectFuture] = set()

    def top_up() -> None:
        while len(in_flight) < max(limit, 1):
            item = next(pending, _END)
            if item is _END:
                return
            in_flight.add(submit(item))

    top_up()
    while in_flight:
        done = next(as_completed(list(in_flight)))
        in_flight.discard(done)
        top_up()
        yield done


_END = object()

_SLOTS: dict[str, threading.BoundedSemaphore] = {}  # run key -> its cleaning slots (tasks on local threads)


@contextmanager
def cleaning_slots(key: str, n: int | None):
    """Within this block, `cleaning_slot(key)` lets at most `n` batches clean at once
    (None: no bound, e.g. on Dask, which runs tasks in its own processes and schedules them)."""
    if n is None:
        yield
        return
    _SLOTS[key] = threading.BoundedSemaphore(max(n, 1))
    try:
        yield
    finally:
        _SLOTS.pop(key, None)


def cleaning_slot(key: str):
    """Hold one of the run's cleaning slots (a no-op where the run set none: Dask workers)."""
    slot = _SLOTS.get(key)
    return slot if slot is not None else nullcontext()
