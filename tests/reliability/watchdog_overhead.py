"""Cost of the watchdog: one batch of seed copies cleaned in-process vs in the child process.

    .venv/bin/python -m tests.reliability.watchdog_overhead [copies]

Prints the wall time of `process_batch` (no Prefect) with `Limits(max_seconds=0)` (in the
calling thread) and `Limits(max_seconds=60)` (child process), alternating, twice each.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from cleaners.pipeline import Limits
from newsarchive.batch import process_batch
from newsarchive.sources import discover
from schemas.records import RunContext
from tests.helpers import SEEDS


def main(copies: int = 40) -> None:
    base = Path(tempfile.mkdtemp(prefix="newsarchive-overhead-"))
    for i in range(copies):
        for p in SEEDS.iterdir():
            shutil.copy(p, base / f"{i:03d}_{p.name}")
    refs = discover([str(base)])
    ctx = RunContext.now("overhead")
    for limit in (0, 60, 0, 60):
        start = time.perf_counter()
        r = process_batch(refs, batch_no=1, staging=tempfile.mkdtemp(), known={}, ctx=ctx,
                          limits=Limits(max_seconds=limit))
        print(f"time_limit={limit:>2}: {len(refs)} docs in {time.perf_counter() - start:.2f}s "
              f"({r.new} new, {sum(r.rejected.values())} rejected)")
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
