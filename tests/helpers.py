"""Small helpers for tests: read an archive back the way a consumer would."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed_path(prefix: str) -> Path:
    """A seed by its number prefix, e.g. seed_path('003')."""
    (match,) = SEEDS.glob(f"{prefix}_*.txt")
    return match


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


PARTITIONING = ds.partitioning(pa.schema([("published_month", pa.string())]), flavor="hive")


def read_table(archive: Path, table: str) -> list[dict]:
    """All current rows of `table`, read with plain pyarrow.dataset as a consumer would."""
    base = Path(archive) / table
    if not base.exists():
        return []
    return ds.dataset(str(base), format="parquet", partitioning=PARTITIONING).to_table().to_pylist()
