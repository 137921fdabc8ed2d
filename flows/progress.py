"""Progress lines for long runs: batches and documents done, rate, time left."""
from __future__ import annotations

import time


class Progress:
    def __init__(self, batches: int, inputs: int, log, every_seconds: float = 10.0):
        self.batches, self.inputs, self.log, self.every = batches, inputs, log, every_seconds
        self.start = self.last = time.perf_counter()
        self.n_batches = self.n_docs = 0

    def done(self, batch):
        """Count one finished batch; log a line at most every `every_seconds` (and at the end)."""
        self.n_batches += 1
        self.n_docs += batch.inputs
        now = time.perf_counter()
        if now - self.last >= self.every or self.n_batches == self.batches:
            self.last = now
            rate = self.n_docs / max(now - self.start, 1e-9)
            left = (self.inputs - self.n_docs) / rate if rate else 0.0
            self.log.info("progress: %d/%d batches, %d/%d inputs, %.1f docs/s, ~%.0fs left",
                          self.n_batches, self.batches, self.n_docs, self.inputs, rate, left)
        return batch
