"""Cleaning ahead (newsarchive/ahead.py): the prestarted cleaner processes clean the first batches'
documents while Prefect's server boots. A batch then gets exactly what cleaning gives, and a
document that hangs ahead is never blamed on anyone: the batch takes a fresh process."""
from __future__ import annotations

import os
import time
from dataclasses import replace

import pytest

from cleaners.model import Source
from cleaners.pipeline import Limits, clean_source
from newsarchive import ahead, sources, watchdog
from newsarchive.batch import process_batch
from newsarchive.sources import discover
from schemas.records import RunContext
from store.archive import Archive
from tests.helpers import read_table
from tests.reliability.corpus import ARTICLE

KEY = 1280  # a memory limit no other test uses, so the idle pool for it starts empty
LIMITS = Limits(max_memory_mb=KEY)


@pytest.fixture(autouse=True)
def empty_cache():
    ahead._CACHE.clear()
    yield
    ahead._CACHE.clear()
    watchdog.shutdown()


def _corpus(tmp_path, n: int, big: str | None = None):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(n):
        (folder / f"doc{i:02d}.txt").write_text(ARTICLE.replace("Storm", f"Storm {i}"))
    if big is not None:
        (folder / "zz_big.txt").write_text(big)
    return folder


def test_the_plan_is_the_flows_batches_dealt_to_the_workers_in_turn(tmp_path):
    folder = _corpus(tmp_path, 7)
    refs = discover([str(folder)])
    jobs = ahead.plan([str(folder)], workers=2, batch_size=2)
    assert [[r.uri for r in job] for job in jobs] == [
        [r.uri for r in refs[0:2] + refs[4:6]], [r.uri for r in refs[2:4] + refs[6:7]]]


def test_no_plan_with_a_warc_among_the_first_files_or_no_files(tmp_path):
    folder = _corpus(tmp_path, 3)
    assert len(ahead.plan([str(folder)], 1, None)[0]) == 3
    (folder / "crawl.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n")
    assert ahead.plan([str(folder)], 1, None) is None
    assert ahead.plan([str(tmp_path / "missing")], 1, None) is None


def test_a_big_run_is_planned_from_its_first_files_as_the_flow_will_cut_it(tmp_path, monkeypatch):
    root = tmp_path / "corpus"  # folders of files, as a crawl is stored: the walk's order is the sorted one
    for d in range(6):
        (root / f"{d:03d}").mkdir(parents=True)
        for i in range(10):
            (root / f"{d:03d}" / f"{i:03d}.txt").write_text(ARTICLE.replace("Storm", f"Storm {d} {i}"))
    (root / "005" / "999.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n")  # past the first files
    monkeypatch.setattr(ahead, "MAX_DOCS", 6)
    monkeypatch.setattr(ahead, "LARGE_BATCH_SIZE", 4)  # what plan needs to see: 4 x 8 x 1 = 32 of the 60 files
    listed = []
    real_sniff = sources.warcs.sniff
    monkeypatch.setattr(sources.warcs, "sniff", lambda path: listed.append(path) or real_sniff(path))
    jobs = ahead.plan([str(root)], 1, None)
    assert len(listed) == 33  # the 32 it needs, and one more to know there are more
    refs = discover([str(root)])
    assert [r.uri for r in jobs[0]] == [r.uri for r in refs[:6]]
    jobs = ahead.plan([str(root)], 2, 3)  # batches of 3 dealt in turn: worker 0 gets 0-2 and 6-8
    assert [[r.uri for r in job] for job in jobs] == [
        [r.uri for r in refs[0:3] + refs[6:9]], [r.uri for r in refs[3:6] + refs[9:12]]]


def test_a_cached_document_is_used_only_for_the_same_uri_path_limits_and_bytes(tmp_path):
    folder = _corpus(tmp_path, 1)
    ref = discover([str(folder)])[0]
    assert ahead.clean_ahead([ref], LIMITS, stop=lambda: False)
    source = Source(ref.uri, open(ref.path, "rb").read(), ref.path)
    cached = ahead._CACHE[ahead._key(source, LIMITS)]
    assert cached == clean_source(source, LIMITS)
    for other in (Source(ref.uri, source.data + b"\nOne more line of text.\n", ref.path),
                  Source(ref.uri + "x", source.data, ref.path), Source(ref.uri, source.data, ref.path + "x")):
        assert ahead.cleaned(other, LIMITS) is not cached
    assert ahead.cleaned(source, replace(LIMITS, max_lines=10_000)) is not cached
    assert ahead.cleaned(source, LIMITS) is cached
    assert ahead.cleaned(source, LIMITS) is not cached  # used once: the cache lets go of it
    assert ahead.take_hits() == 1 and ahead.take_hits() == 0


def test_what_fails_ahead_is_not_cached_and_a_stop_is_obeyed(tmp_path):
    folder = _corpus(tmp_path, 3)
    (folder / "doc00.txt").write_bytes(b"")  # a reject: the batch meets it itself
    refs = discover([str(folder)])
    assert ahead.clean_ahead(refs, LIMITS, stop=lambda: False)
    assert sorted(k[0] for k in ahead._CACHE) == [r.uri for r in refs[1:]]
    ahead._CACHE.clear()
    calls = []
    assert ahead.clean_ahead(refs, LIMITS, stop=lambda: len(calls) >= 2, before_each=lambda: calls.append(1))
    assert len(calls) == 2


def test_out_of_memory_ahead_ends_the_process(tmp_path, monkeypatch):
    refs = discover([str(_corpus(tmp_path, 2))])

    def no_memory(*_):
        raise MemoryError

    monkeypatch.setattr(ahead, "clean_source", no_memory)
    assert ahead.clean_ahead(refs, LIMITS, stop=lambda: False) is False and not ahead._CACHE


def test_leftovers_are_dropped_by_a_batch_that_used_none():
    ahead._CACHE[("file:///x", None, LIMITS, "0")] = object()
    assert ahead.take_hits() == 0 and not ahead._CACHE


def _batch(tmp_path, refs, limits, name):
    store = Archive(tmp_path / name)
    with store.writer(owner="test"):
        res = process_batch(refs, batch_no=1, staging=str(store.staging_dir("r")), known={},
                            ctx=RunContext.now("test", "r"), limits=limits)
        store.commit("r")
    return res, {os.path.basename(d["source_path"]): d for d in read_table(tmp_path / name, "documents")}


def test_a_batch_takes_the_process_that_cleaned_it_ahead_and_archives_the_same(tmp_path):
    refs = discover([str(_corpus(tmp_path, 6))])
    watchdog.prestart(2, KEY)
    watchdog.assign_ahead(KEY, [(refs[3:], LIMITS), (refs[:3], LIMITS)])
    first = watchdog._take(KEY)
    second = watchdog._take(KEY)
    assert {first.ahead_of, second.ahead_of} == {frozenset(r.uri for r in refs[:3]), frozenset(r.uri for r in refs[3:])}
    assert first.end_ahead(60, drain=True) and second.end_ahead(60, drain=True)  # every document cleaned ahead
    watchdog._give_back(first)
    watchdog._give_back(second)
    res, docs = _batch(tmp_path, refs[:3], LIMITS, "ahead")
    assert res.new == 3 and res.ahead == 3  # the process that cleaned these three, not the other
    watchdog.shutdown()
    plain, plain_docs = _batch(tmp_path, refs[:3], LIMITS, "plain")
    assert plain.ahead == 0
    fields = ("title", "body", "published", "authors", "removed", "repairs", "source_sha256")
    assert {n: [d[f] for f in fields] for n, d in docs.items()} == \
        {n: [d[f] for f in fields] for n, d in plain_docs.items()}
    assert "coastal road would stay closed" in docs["doc00.txt"]["body"]


def test_a_document_that_hangs_ahead_costs_its_process_and_blames_no_one(tmp_path):
    folder = _corpus(tmp_path, 2, big=ARTICLE * 100_000)  # ~32 MB: ~2 s of cleaning
    refs = discover([str(folder)])
    limits = Limits(max_seconds=0.5, max_memory_mb=KEY, max_lines=10**9, max_line_chars=10**9,
                    max_bytes=100 * 1024 * 1024)
    watchdog.prestart(1, KEY)
    watchdog.assign_ahead(KEY, [(refs[2:], limits)])  # the big one, still cleaning when the batch comes
    busy = watchdog._take(KEY)
    watchdog._give_back(busy)
    time.sleep(0.3)  # well into the big document's seconds of cleaning
    res, docs = _batch(tmp_path, refs[:2], limits, "archive")
    assert res.new == 2 and not res.rejected and res.ahead == 0
    assert set(docs) == {"doc00.txt", "doc01.txt"}
    assert busy.proc.poll() is not None  # killed after the time limit; the batch took a fresh process
