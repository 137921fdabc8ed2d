"""The default batch size: 256, or 512 once every worker still gets 8 batches of 512."""
from __future__ import annotations

import pytest

from newsarchive import BATCH_SIZE, LARGE_BATCH_SIZE, LARGE_BATCHES_PER_WORKER, batch_size_for


@pytest.mark.parametrize("inputs, workers, size", [
    (0, 1, 256), (5, 2, 256), (4095, 1, 256), (4096, 1, 512),
    (8191, 2, 256), (8192, 2, 512), (50_385, 2, 512), (50_385, 16, 256),
    (10, 0, 256),  # 0 workers (not resolved yet) counts as one
])
def test_default_batch_size(inputs, workers, size):
    assert batch_size_for(inputs, workers) == size


def test_large_batches_leave_every_worker_enough_batches():
    for workers in (1, 2, 3, 8, 64):
        for inputs in range(0, 200_000, 997):
            size = batch_size_for(inputs, workers)
            assert size in (BATCH_SIZE, LARGE_BATCH_SIZE)
            if size == LARGE_BATCH_SIZE:
                assert inputs // size >= LARGE_BATCHES_PER_WORKER * workers
