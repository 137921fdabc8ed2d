"""A whole batch runs in the watchdog child; the limits stay per document: the document past a
limit is rejected with the reason, the batch starts again in a fresh child without it, and every
other document of the batch is archived."""
from __future__ import annotations

import os
import signal
import threading
from dataclasses import replace

import pytest

from cleaners.pipeline import Limits
from newsarchive import watchdog
from newsarchive.batch import process_batch
from newsarchive.sources import discover
from schemas.records import RunContext
from store.archive import Archive
from tests.helpers import read_table
from tests.reliability.corpus import ARTICLE

BIG = ARTICLE * 12_000  # ~3.6 MB of text: cleaning it takes about a second
NO_LINE_CAP = Limits(max_lines=10**9, max_line_chars=10**9, max_bytes=100 * 1024 * 1024)


def _run(tmp_path, texts: dict[str, str], limits: Limits, before=None):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in texts.items():
        (corpus / name).write_text(text)
    store = Archive(tmp_path / "archive")
    with store.writer(owner="test"):
        if before:
            before()
        res = process_batch(discover([str(corpus)]), batch_no=1, staging=str(store.staging_dir("r")), known={},
                            ctx=RunContext.now("test", "r"), limits=limits)
        store.commit("r")
    docs = {os.path.basename(d["source_path"]): d for d in read_table(tmp_path / "archive", "documents")}
    rejects = {os.path.basename(r["source_path"]): r for r in read_table(tmp_path / "archive", "rejects")}
    return res, docs, rejects


def _three(big: str) -> dict[str, str]:
    return {"a.txt": ARTICLE, "b.txt": big, "c.txt": ARTICLE.replace("Storm", "Gale")}


def _assert_others_archived(res, docs, rejects, reason: str):
    assert res.new == 2 and set(docs) == {"a.txt", "c.txt"}
    assert "coastal road would stay closed" in docs["a.txt"]["body"] and docs["c.txt"]["title"].startswith("Gale")
    assert set(rejects) == {"b.txt"} and rejects["b.txt"]["stage"] == "clean"
    assert rejects["b.txt"]["reason"] == reason and rejects["b.txt"]["source_sha256"]
    assert res.rejected == {f"clean: {reason}": 1}


def test_a_document_over_the_time_limit_is_rejected_and_the_rest_of_its_batch_archived(tmp_path):
    res, docs, rejects = _run(tmp_path, _three(BIG * 3), replace(NO_LINE_CAP, max_seconds=0.5))
    _assert_others_archived(res, docs, rejects, "time limit exceeded: still cleaning after 0.5s (limit --time-limit)")


def test_a_document_over_the_memory_limit_is_rejected_and_the_rest_of_its_batch_archived(tmp_path):
    res, docs, rejects = _run(tmp_path, _three(BIG * 4), replace(NO_LINE_CAP, max_seconds=60, max_memory_mb=80))
    _assert_others_archived(res, docs, rejects, watchdog.OUT_OF_MEMORY)


def test_a_child_killed_mid_document_costs_only_that_document(tmp_path):
    limits = replace(NO_LINE_CAP, max_seconds=60, max_memory_mb=2048)

    def kill_soon():  # the batch takes this idle child; kill it while it cleans the big document
        w = watchdog._take(limits.max_memory_mb)
        watchdog._give_back(w)
        threading.Timer(0.4, os.kill, (w.proc.pid, signal.SIGKILL)).start()

    res, docs, rejects = _run(tmp_path, _three(BIG * 3), limits, before=kill_soon)
    _assert_others_archived(res, docs, rejects, "cleaner process died: killed by SIGKILL "
                                                "(likely out of memory, limit --max-memory-mb)")


def _fails(hooks, skip, count):
    hooks.at(0, "read")
    hooks.finishing()
    raise ValueError("disk full")


def test_a_failure_outside_any_document_fails_the_batch():
    with watchdog.Cleaner(60, 2048) as cleaner, pytest.raises(RuntimeError, match="ValueError: disk full"):
        cleaner.run_batch(_fails, 1, count=1)


def _counts(hooks, skip, count):
    for i in range(count):
        if i not in skip:
            hooks.at(i, "clean")
    hooks.finishing()
    return sorted(skip)


def test_a_batch_with_no_cleaning_process_rejects_every_document_with_the_reason(monkeypatch):
    def no_start(max_memory_mb, first_uri=None):
        raise RuntimeError("the cleaning process did not start (exit code 1)")

    monkeypatch.setattr(watchdog, "_take", no_start)
    with watchdog.Cleaner(60, 2048) as cleaner:
        assert cleaner.run_batch(_counts, 3, count=3) == [0, 1, 2]
