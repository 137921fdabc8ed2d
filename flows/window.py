"""Keep at most N batches in flight on the task runner; yield them as they finish.

Each running batch holds a cleaner process (newsarchive/watchdog.py) or a slot
of the run's process pool (flows/cpu_pool.py), so the window is what `--workers`
bounds: N batches at once means N processes cleaning, not one per batch.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

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
