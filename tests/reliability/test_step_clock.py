"""The watchdog's child marks its document steps in shared memory (newsarchive/step_clock.py), and
the parent times each step from there: per document, not per batch, and none while the batch
does its own work."""
from __future__ import annotations

import subprocess
import sys
import time

from newsarchive import watchdog
from newsarchive.step_clock import StepClock


def test_a_step_written_is_read_back_with_a_new_sequence_number():
    clock = StepClock.new()
    seq0, index, stage, _ = clock.read()
    assert (index, stage) == (None, "clean") and seq0 % 2 == 0
    before = time.monotonic()
    clock.set(7, "read")
    seq1, index, stage, started = clock.read()
    assert (index, stage) == (7, "read") and seq1 == seq0 + 2 and before <= started <= time.monotonic()
    clock.set(None, "finishing")
    assert clock.read()[1:3] == (None, "finishing")


def test_another_process_writes_what_this_one_reads():
    clock = StepClock.new()
    code = (f"from newsarchive.step_clock import StepClock; c = StepClock({clock.fd}); "
            "c.set(41, 'clean'); c.set(42, 'read')")
    subprocess.run([sys.executable, "-c", code], pass_fds=(clock.fd,), check=True)
    clock.close_fd()
    seq, index, stage, _ = clock.read()
    assert (index, stage) == (42, "read") and seq == 6  # new() wrote once, the child twice


def _steps(hooks, skip, count, pause):
    for i in range(count):
        hooks.at(i, "clean")
        time.sleep(pause)
    hooks.finishing()
    return "all done"


def test_the_limit_is_per_document_not_per_batch():
    with watchdog.Cleaner(0.6, 2048) as cleaner:  # four steps of 0.3 s: 1.2 s in all, none over 0.6 s
        assert cleaner.run_batch(_steps, 4, count=4, pause=0.3) == "all done"


def _hangs_after_its_own_work(hooks, skip, count):
    hooks.at(0, "clean")
    hooks.finishing()
    time.sleep(1.0)  # the batch's own work: no document's time, longer than the limit
    if 1 not in skip:
        hooks.at(1, "read")
        time.sleep(60)  # hangs: must be killed one limit after it began, not after 60 s
    hooks.finishing()
    return dict(skip)


def test_a_document_that_hangs_after_the_batch_s_own_work_is_still_timed():
    start = time.monotonic()
    with watchdog.Cleaner(0.5, 2048) as cleaner:
        skip = cleaner.run_batch(_hangs_after_its_own_work, 2, count=2)
    assert skip == {1: ("read", "time limit exceeded: still reading after 0.5s (limit --time-limit)")}
    assert time.monotonic() - start < 20  # twice the 1 s of own work, a fresh child, and the 0.5 s limit
