"""Hard per-document limits: a document past the time or memory limit is rejected and the
next document is cleaned by a fresh process; the run goes on."""
from __future__ import annotations

import os
import signal
import threading

from cleaners.model import Source
from cleaners.pipeline import Limits
from newsarchive import watchdog
from newsarchive.watchdog import Cleaner
from tests.reliability.corpus import ARTICLE

BIG = (ARTICLE * 12_000).encode()  # ~3.6 MB of text: cleaning it takes about a second
SMALL = ARTICLE.encode()
NO_LINE_CAP = Limits(max_lines=10**9)  # these tests are about the hard limits, not the pre-checks


def test_a_document_over_the_time_limit_is_rejected_and_the_next_one_is_cleaned():
    with Cleaner(0.05, 2048) as cleaner:
        assert cleaner.clean(Source("file:///small", SMALL), Limits())[0] == "ok"
        slow = cleaner.clean(Source("file:///big", BIG), NO_LINE_CAP)
        assert slow == ("reject", "clean", "time limit exceeded: still cleaning after 0.05s (limit --time-limit)")
        after = cleaner.clean(Source("file:///small", SMALL), Limits())
    assert after[0] == "ok" and "coastal road would stay closed" in after[1].body


def test_a_document_over_the_memory_limit_is_rejected():
    with Cleaner(60, 80) as cleaner:
        out = cleaner.clean(Source("file:///big", BIG * 4), NO_LINE_CAP)
        assert out[0] == "reject" and out[1] == "clean" and "out of memory" in out[2], out[:3]
        assert cleaner.clean(Source("file:///small", SMALL), Limits())[0] == "ok"


def test_a_cleaner_process_that_dies_costs_only_its_document():
    with Cleaner(60, 2048) as cleaner:
        assert cleaner.clean(Source("file:///small", SMALL), Limits())[0] == "ok"
        pid = cleaner._worker.proc.pid
        threading.Timer(0.2, os.kill, (pid, signal.SIGKILL)).start()
        out = cleaner.clean(Source("file:///big", BIG * 3), NO_LINE_CAP)
        assert out == ("reject", "clean", "cleaner process died: killed by SIGKILL (likely out of memory, "
                                          "limit --max-memory-mb)")
        assert cleaner.clean(Source("file:///small", SMALL), Limits())[0] == "ok"


def test_without_a_time_limit_documents_are_cleaned_in_the_calling_thread():
    with Cleaner(0, 0) as cleaner:
        assert cleaner.clean(Source("file:///small", SMALL), Limits())[0] == "ok"
        assert cleaner._worker is None


def test_a_cleaning_process_that_cannot_start_rejects_with_a_reason_once_per_batch(monkeypatch):
    import newsarchive.watchdog as wd

    starts = []

    def no_start(max_memory_mb, first_uri=None):
        starts.append(max_memory_mb)
        raise RuntimeError("the cleaning process did not start (exit code 1)")

    monkeypatch.setattr(wd, "_take", no_start)
    with Cleaner(60, 2048) as cleaner:
        outs = [cleaner.clean(Source("file:///small", SMALL), Limits()) for _ in range(3)]
    assert starts == [2048]
    assert outs[0] == outs[2] == ("reject", "clean", "cannot start the cleaning process (the cleaning process did "
                                                     "not start (exit code 1)); --time-limit 0 cleans without one")


def test_the_cleaning_process_runs_the_parent_s_code_whatever_the_working_folder_holds(tmp_path, monkeypatch):
    shadow = tmp_path / "newsarchive"  # e.g. a checkout of another version, where the user runs the CLI
    shadow.mkdir()
    (shadow / "__init__.py").write_text("")
    (shadow / "watchdog.py").write_text("raise SystemExit('the wrong newsarchive was imported')\n")
    monkeypatch.chdir(tmp_path)
    w = watchdog._Worker(None)
    try:
        assert w.alive()
    finally:
        w.stop()
