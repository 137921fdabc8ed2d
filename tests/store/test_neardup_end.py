"""The end of a run: the near-duplicate pass merges every table of the run's staged batches into
Parquet, the documents with their flags."""
from __future__ import annotations

import pyarrow.parquet as pq

from cleaners.pipeline import Limits
from newsarchive.batch import process_batch
from newsarchive.sources import discover
from schemas.records import RunContext
from store import neardup, staged
from store.archive import Archive
from tests.helpers import SEEDS


def _staged_seeds(tmp_path):
    store = Archive(tmp_path / "archive")
    refs = discover([str(SEEDS)])
    return store, refs


def test_every_table_is_merged_and_the_flags_are_set(tmp_path):
    store, refs = _staged_seeds(tmp_path)
    with store.writer(owner="test"):
        staging = store.staging_dir("r")
        process_batch(refs, batch_no=1, staging=str(staging), known={}, ctx=RunContext.now("test", "r"),
                      limits=Limits(max_seconds=0))
        stats = neardup.flag_near_duplicates(store, "r")
        for table in ("documents", "posts"):
            assert not staged.batch_files(staging, table)  # merged, batch files gone
        posts = pq.read_table(sorted(staging.glob("posts/*/*.parquet")))
        docs = pq.read_table(sorted(staging.glob("documents/*/*.parquet")))
    assert posts.num_rows > 5 and set(posts["doc_id"].to_pylist()) <= set(docs["doc_id"].to_pylist())
    assert stats.checked == len(refs) and stats.flagged == 1  # seed 001 rewords seed 000
    assert docs["near_duplicate_of"].drop_null().to_pylist() != []
