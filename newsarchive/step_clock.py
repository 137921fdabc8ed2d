"""Which document a cleaner child is on, and since when: shared memory, not a message per step.

The watchdog (newsarchive/watchdog.py) times every document of a batch that runs in a child
process. The child used to send the parent a message at each document step (read, clean,
fingerprint): three per document, each waking the parent's supervising thread, which then
took the GIL from the flow's own threads. Now the child writes the step into a small page
of memory both processes map, and the parent reads it only when a deadline would pass:
once per time limit instead of three times per document.

The child is the only writer while it runs a batch; the parent writes only before it sends
one (`set(None, "clean")`: the batch's arrival is timed too), while the child is idle. A reader can meet a write half done: a sequence
number, odd while a write is under way, tells it to read again (a seqlock).
"""
from __future__ import annotations

import mmap
import os
import struct
import tempfile
import time

_SEQ = struct.Struct("<q")
_STEP = struct.Struct("<qqd")  # document index (-1: none), stage code, start (time.monotonic())
_SIZE = _SEQ.size + _STEP.size
STAGES = ("clean", "read", "finishing")  # finishing: the batch's own work, no document's time
_CODE = {s: i for i, s in enumerate(STAGES)}


class StepClock:
    """A shared (seq, document index, stage, start time) record. `StepClock.new()` in the parent;
    `StepClock(fd)` in the child, on the descriptor it was handed."""

    def __init__(self, fd: int):
        self.fd = fd
        self._map = mmap.mmap(fd, _SIZE)

    @classmethod
    def new(cls) -> "StepClock":
        if hasattr(os, "memfd_create"):  # Linux: memory only, no file anywhere
            fd = os.memfd_create("newsarchive-steps", os.MFD_CLOEXEC)
        else:
            with tempfile.TemporaryFile() as f:
                fd = os.dup(f.fileno())
        os.ftruncate(fd, _SIZE)
        clock = cls(fd)
        clock.set(None, "clean")
        return clock

    def set(self, index: int | None, stage: str) -> None:
        """Document `index` (None: no document) enters `stage` now."""
        m = self._map
        seq = _SEQ.unpack_from(m, 0)[0]
        _SEQ.pack_into(m, 0, seq + 1)  # odd: a write is under way
        _STEP.pack_into(m, _SEQ.size, -1 if index is None else index, _CODE[stage], time.monotonic())
        _SEQ.pack_into(m, 0, seq + 2)

    def read(self) -> tuple[int, int | None, str, float]:
        """(seq, index, stage, start): seq changes with every step, so the same seq read twice
        means the child is still on the same step."""
        m = self._map
        for _ in range(1000):  # a writer is a few instructions from done; one killed mid-write never is
            seq = _SEQ.unpack_from(m, 0)[0]
            index, code, started = _STEP.unpack_from(m, _SEQ.size)
            if not seq & 1 and _SEQ.unpack_from(m, 0)[0] == seq:
                break
            time.sleep(0)
        return seq, None if index < 0 else index, STAGES[code], started

    def close_fd(self) -> None:
        """Close the descriptor once the child has its own copy; the mapping stays (it goes with
        this object)."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
