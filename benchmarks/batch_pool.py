"""Parallel speed-up of whole batches in processes, without Prefect (what --workers N does per batch).

    .venv/bin/python benchmarks/batch_pool.py [--copies 60] [--batch-size 25] [--time-limit 60]

Runs the same batches of seed copies (a) one after the other in this process,
(b) on 2 threads, (c) on a warmed-up pool of 2 spawned processes, and prints
wall time, the machine's load average and a control: what 2 processes gain for
a pure CPU loop at that moment (on a busy or overcommitted machine: nothing).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaners.pipeline import Limits  # noqa: E402
from newsarchive.batch import process_batch  # noqa: E402
from newsarchive.sources import discover  # noqa: E402
from schemas.records import RunContext  # noqa: E402


def spin(n: int) -> float:
    t, x = time.perf_counter(), 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t


def control() -> str:
    """How much 2 processes gain on this machine right now for a pure CPU loop (the ceiling)."""
    n = 10_000_000
    t = time.perf_counter()
    spin(n), spin(n)
    seq = time.perf_counter() - t
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as ex:
        list(ex.map(spin, [1000, 1000]))
        t = time.perf_counter()
        list(ex.map(spin, [n, n]))
        par = time.perf_counter() - t
    return f"control, pure CPU loop: 2 processes x{seq / par:.2f} (the most any design can gain here now)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=60)
    ap.add_argument("--batch-size", type=int, default=25)
    ap.add_argument("--time-limit", type=float, default=60.0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="napool-"))
    try:
        src = tmp / "in"
        src.mkdir()
        for i in range(args.copies):
            for seed in sorted((ROOT / "seeds").iterdir()):
                shutil.copy(seed, src / f"{i:04d}-{seed.name}")
        refs = discover([str(src)])
        batches = [refs[i:i + args.batch_size] for i in range(0, len(refs), args.batch_size)]
        ctx, limits = RunContext.now("bench", "bench"), Limits(max_seconds=args.time_limit)

        def run(submit, tag):
            t = time.perf_counter()
            futs = [submit(process_batch, b, batch_no=n, staging=str(tmp / tag), known={}, ctx=ctx, limits=limits)
                    for n, b in enumerate(batches)]
            for f in futs:
                f.result() if hasattr(f, "result") else f
            return time.perf_counter() - t

        print(f"{len(refs)} docs in {len(batches)} batches, time limit {args.time_limit:g}, "
              f"load {os.getloadavg()[0]:.1f}", flush=True)
        inline = lambda fn, *a, **k: fn(*a, **k)  # noqa: E731
        run(inline, "warm-seq")  # imports, caches and this process's cleaner warmed, as in the pool below
        seq = run(inline, "seq")
        print(f"  sequential      {seq:6.1f}s  {len(refs) / seq:6.1f} docs/s", flush=True)
        with ThreadPoolExecutor(2) as ex:
            thr = run(ex.submit, "thr")
        print(f"  2 threads       {thr:6.1f}s  {len(refs) / thr:6.1f} docs/s  x{seq / thr:.2f}", flush=True)
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as ex:
            list(ex.map(time.sleep, [0.5, 0.5]))  # both processes started and imported
            run(ex.submit, "warm")  # warm each process's cleaner
            proc = run(ex.submit, "proc")
        print(f"  2 processes     {proc:6.1f}s  {len(refs) / proc:6.1f} docs/s  x{seq / proc:.2f}  "
              f"(load {os.getloadavg()[0]:.1f})", flush=True)
        print(f"  {control()}", flush=True)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
