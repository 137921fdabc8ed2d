"""newsarchive: clean raw news pages into Parquet records with provenance."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsarchive")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"

# Documents per Prefect task (`--batch-size`). Each task costs ~0.1 CPU-s of Prefect bookkeeping
# (task-run states, events, logs, in this process and in the Prefect server); 256 instead of 64
# cut a 10k-document run's CPU by 8-20% (docs/performance.md).
BATCH_SIZE = 256
