"""newsarchive: clean raw news pages into Parquet records with provenance."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsarchive")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"

# Documents per Prefect task (`--batch-size`; by default `batch_size_for`). Each task costs
# Prefect bookkeeping (task-run states, events, logs, in this process and in the Prefect
# server): 256 instead of 64 cut a 10k-document run's CPU by 8-20%, and 512 instead of 256 a
# 100k-document run's by ~5% (docs/performance.md).
BATCH_SIZE = 256
LARGE_BATCH_SIZE = 512
LARGE_BATCHES_PER_WORKER = 8  # large batches only when each worker gets at least this many


def batch_size_for(inputs: int, workers: int) -> int:
    """The default batch size: BATCH_SIZE, or LARGE_BATCH_SIZE when the run is big enough that
    every worker still gets LARGE_BATCHES_PER_WORKER batches (so the workers start together and
    the last batch leaves a worker idle for a small share of the run)."""
    if inputs >= LARGE_BATCH_SIZE * LARGE_BATCHES_PER_WORKER * max(1, workers):
        return LARGE_BATCH_SIZE
    return BATCH_SIZE
