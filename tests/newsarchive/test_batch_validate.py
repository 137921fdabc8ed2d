"""A row Arrow refuses costs its own document only: it becomes a `validate` reject, the batch goes on."""
from __future__ import annotations

from dataclasses import replace

import pyarrow.parquet as pq

import newsarchive.batch as batch
from cleaners.pipeline import DEFAULT_LIMITS
from newsarchive.sources import discover
from schemas.records import RunContext
from store.archive import Archive
from tests.helpers import SEEDS, read_table

IN_THREAD = replace(DEFAULT_LIMITS, max_seconds=0)  # prepare runs here, so the test can bend it


def test_a_row_arrow_refuses_is_rejected_and_the_others_are_archived(tmp_path, monkeypatch):
    real = batch.prepare

    def bent(source, limits, doc_id, ctx, fingerprint_now=True):
        done = real(source, limits, doc_id, ctx, fingerprint_now)
        if "002_" in source.uri:  # one document gets a value of the wrong type, as a bug would make
            done = replace(done, doc_row={**done.doc_row, "source_bytes": "many"})
        return done

    monkeypatch.setattr(batch, "prepare", bent)
    store = Archive(tmp_path / "archive")
    with store.writer(owner="test"):
        res = batch.process_batch(discover([str(SEEDS)]), batch_no=1, staging=str(store.staging_dir("r")),
                                  known={}, ctx=RunContext.now("test", "r"), limits=IN_THREAD)
        store.commit("r")
    assert res.new == 4 and sum(res.rejected.values()) == 1
    (reason,) = res.rejected
    assert reason.startswith("validate: does not fit the schema:")
    docs = read_table(tmp_path / "archive", "documents")
    assert len(docs) == 4 and not any("002_" in d["source_uri"] for d in docs)
    (rej,) = read_table(tmp_path / "archive", "rejects")
    assert "002_" in rej["source_uri"] and rej["stage"] == "validate" and rej["source_sha256"]
    assert res.posts == len(read_table(tmp_path / "archive", "posts")) > 0


def test_a_document_whose_fingerprint_fails_is_rejected_and_the_others_are_fingerprinted(tmp_path, monkeypatch):
    real = batch.fingerprinted

    def bent(done):
        if "002_" in done.doc_row["source_uri"]:
            raise ValueError("bent fingerprint")
        return real(done)

    monkeypatch.setattr(batch, "fingerprinted", bent)
    store = Archive(tmp_path / "archive")
    with store.writer(owner="test"):
        res = batch.process_batch(discover([str(SEEDS)]), batch_no=1, staging=str(store.staging_dir("r")),
                                  known={}, ctx=RunContext.now("test", "r"), limits=IN_THREAD)
        (sigs,) = (store.staging_dir("r") / "_neardup").glob("*.parquet")
        staged = pq.read_table(sigs).to_pylist()
        store.commit("r")
    assert res.new == 4 and list(res.rejected) == ["clean: internal error: ValueError: bent fingerprint"]
    assert len(staged) == 4 and all(len(r["signature"]) == 512 for r in staged)  # all four long enough
    (rej,) = read_table(tmp_path / "archive", "rejects")
    assert "002_" in rej["source_uri"] and rej["stage"] == "clean" and rej["source_sha256"] and rej["source_bytes"]
