"""--workers N: the same records as one worker, cleaned in N processes."""
from __future__ import annotations

import pytest

import flows.cpu_pool
from flows.ingest import ingest
from tests.helpers import SEEDS, read_table

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_two_workers_give_the_same_records(tmp_path, monkeypatch):
    used = []
    real = flows.cpu_pool.ProcessPoolExecutor

    def spy(*args, **kwargs):
        used.append(kwargs.get("max_workers"))
        return real(*args, **kwargs)

    monkeypatch.setattr(flows.cpu_pool, "ProcessPoolExecutor", spy)
    one = ingest([str(SEEDS)], archive=str(tmp_path / "one"), batch_size=2, workers=1)
    two = ingest([str(SEEDS)], archive=str(tmp_path / "two"), batch_size=2, workers=2)
    assert used == [2]  # only the second run used processes
    for key in ("inputs", "new", "rejected", "posts", "batches", "rules"):
        assert one[key] == two[key], key
    strip = lambda rows: sorted((r["doc_id"], r["body"], r["published_month"]) for r in rows)  # noqa: E731
    assert strip(read_table(tmp_path / "two", "documents")) == strip(read_table(tmp_path / "one", "documents"))
    assert len(read_table(tmp_path / "two", "posts")) == two["posts"] > 0
