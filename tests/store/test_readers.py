"""The README's one-line reads (DuckDB, Polars, pyarrow) see exactly the committed rows."""
from __future__ import annotations

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest

from newsarchive.batch import process_batch
from newsarchive.sources import discover
from schemas.records import RunContext
from store.archive import Archive
from tests.helpers import SEEDS, seed_path
from tests.store.driver import ingest_plain


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("readers") / "archive"
    ingest_plain(str(root), [str(SEEDS)])
    # a run that staged a replacement of seed 000 but never committed: readers must not see it
    store = Archive(root)
    process_batch(discover([str(seed_path("000"))]), batch_no=1, staging=str(store.staging_dir("dead")), known={},
                  ctx=RunContext.now("uncommitted", "dead"), force=True)
    assert list(store.staging_dir("dead").rglob("*.parquet"))
    return root


def expected(root):
    t = Archive(root).read("documents", ["doc_id", "published_month", "pipeline_version"])
    return sorted(zip(*(t.column(c).to_pylist() for c in t.column_names)))


def test_duckdb(archive):
    rows = duckdb.sql(f"SELECT doc_id, published_month, pipeline_version FROM "
                      f"read_parquet('{archive}/documents/**/*.parquet', hive_partitioning=true)").fetchall()
    assert sorted(rows) == expected(archive) and len(rows) == 5


def test_polars(archive):
    df = pl.read_parquet(f"{archive}/documents/**/*.parquet", hive_partitioning=True)
    assert df.schema["published_month"] == pl.String
    rows = df.select("doc_id", "published_month", "pipeline_version").rows()
    assert sorted(rows) == expected(archive) and len(rows) == 5


def test_pyarrow(archive):
    t = ds.dataset(f"{archive}/documents", format="parquet", partitioning="hive").to_table()
    assert str(t.schema.field("published_month").type) == "string"
    rows = zip(*(t.column(c).to_pylist() for c in ("doc_id", "published_month", "pipeline_version")))
    assert sorted(rows) == expected(archive)
    assert {v for *_, v in expected(archive)} == {"test-1"}  # the uncommitted run is invisible
