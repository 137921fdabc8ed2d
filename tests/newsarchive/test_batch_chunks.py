"""A batch converts its rows to Arrow a chunk of documents at a time (newsarchive/batch.py,
CHUNK_DOCS): the archive must hold exactly what one whole-batch conversion would give."""
from __future__ import annotations

from dataclasses import replace

import newsarchive.batch as batch
from cleaners.pipeline import DEFAULT_LIMITS
from newsarchive.sources import discover
from schemas.records import RunContext
from store.archive import Archive
from tests.helpers import SEEDS, read_table

IN_THREAD = replace(DEFAULT_LIMITS, max_seconds=0)
KEYS = ("doc_id", "source_uri", "title", "body", "published", "removed", "repairs")


def _archive(tmp_path, name, sources, limits=IN_THREAD):
    store = Archive(tmp_path / name)
    with store.writer(owner="test"):
        res = batch.process_batch(discover([str(sources)]), batch_no=1, staging=str(store.staging_dir("r")),
                                  known={}, ctx=RunContext.now("test", "r"), limits=limits)
        store.commit("r")
    docs = sorted(({k: d[k] for k in KEYS} for d in read_table(tmp_path / name, "documents")),
                  key=lambda d: d["doc_id"])
    posts = sorted((p["doc_id"], p["position"], p["body"]) for p in read_table(tmp_path / name, "posts"))
    return res, docs, posts


def test_chunks_of_two_archive_the_same_rows_as_one_chunk_and_keep_a_bad_row_to_itself(tmp_path, monkeypatch):
    real = batch.prepare

    def bent(source, limits, doc_id, ctx, fingerprint_now=True):
        done = real(source, limits, doc_id, ctx, fingerprint_now)
        if "002_" in source.uri:  # in the second chunk of two: a value Arrow refuses
            done = replace(done, doc_row={**done.doc_row, "source_bytes": "many"})
        return done

    monkeypatch.setattr(batch, "prepare", bent)
    monkeypatch.setattr(batch, "CHUNK_DOCS", 10_000)
    res1, docs1, posts1 = _archive(tmp_path, "one", SEEDS)
    monkeypatch.setattr(batch, "CHUNK_DOCS", 2)
    res2, docs2, posts2 = _archive(tmp_path, "two", SEEDS)
    assert res2.new == res1.new == 4 and res2.rejected == res1.rejected
    assert res2.posts == res1.posts == len(posts2) > 0
    assert docs2 == docs1 and len(docs2) == 4 and not any("002_" in d["source_uri"] for d in docs2)
    assert posts2 == posts1
    assert res2.rules == res1.rules and sum(res2.rules.values()) > 0


def test_a_batch_of_several_chunks_in_the_cleaning_process_keeps_every_document(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    n = batch.CHUNK_DOCS * 2 + 3  # three chunks, the last one short
    for i in range(n):
        (src / f"doc{i:04d}.txt").write_text(
            f"Harbour works number {i} begin\n\nThe council approved works on pier {i} on Tuesday, "
            f"and the contractor said the first phase would take {i % 7 + 2} months.\n", encoding="utf-8")
    res, docs, _ = _archive(tmp_path, "a", src, limits=replace(DEFAULT_LIMITS, max_seconds=60))
    assert res.new == n == len(docs) and not res.rejected
    by_uri = {d["source_uri"].rsplit("/", 1)[1]: d["body"] for d in docs}
    assert all(f"works on pier {i} on Tuesday" in by_uri[f"doc{i:04d}.txt"] for i in range(n))
