"""Does --workers N speed a run up? Times `newsarchive run` on copies of the seeds.

    .venv/bin/python benchmarks/workers.py [--copies 60] [--workers 1 2] [--batch-size 16]

Each setting runs on a fresh archive; the figure is the flow's own time (the
summary's `seconds`), not Prefect's start-up. Cleaning is CPU-bound: threads
alone do not help. --workers N keeps N batches in flight, each cleaning in its
own process (the watchdog's, or with --time-limit 0 the run's process pool).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(folder: Path, copies: int) -> int:
    n = 0
    for i in range(copies):
        for seed in sorted((ROOT / "seeds").iterdir()):
            shutil.copy(seed, folder / f"{i:04d}-{seed.name}")
            n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=60)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--time-limit", type=float, default=60.0, help="0: no watchdog (clean in the batch thread)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nabench-"))
    try:
        src = tmp / "in"
        src.mkdir()
        n = corpus(src, args.copies)
        for w in args.workers:
            out = subprocess.run([sys.executable, "-m", "newsarchive.cli", "run", str(src), "--archive",
                                  str(tmp / f"a{w}"), "--workers", str(w), "--batch-size", str(args.batch_size),
                                  "--time-limit", str(args.time_limit),
                                  "--json"], capture_output=True, text=True, check=True, cwd=ROOT)
            res = json.loads(out.stdout[out.stdout.index("{"):])
            print(f"time-limit={args.time_limit:g} workers={w}: {n} docs in {res['seconds']:.1f}s = {n / res['seconds']:.1f} docs/s "
                  f"(new {res['new']}, rejected {res['rejected']})", flush=True)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
