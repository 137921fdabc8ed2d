"""Named fault points inside a commit, for crash tests (and for nothing else).

    NEWSARCHIVE_CRASH_AT=after-journal   the process SIGKILLs itself at that point
    NEWSARCHIVE_PAUSE_AT=after-moves:5   the process sleeps 5 s there (to observe a commit)

Both take a comma-separated list. Unset (the normal case), `point()` costs one
dict lookup. Points, in the order a commit reaches them:

    before-journal  staged files written and fsynced, journal not yet written
    after-journal   journal written (the commit point), nothing moved yet
    mid-apply       the first staged file moved into place, the others not
    after-moves     every staged file moved in, replaced files not yet deleted
    after-apply     journal applied and removed, staging folder not yet removed
"""
from __future__ import annotations

import os
import signal
import time

POINTS = ("before-journal", "after-journal", "mid-apply", "after-moves", "after-apply")


def _listed(var: str) -> list[str]:
    return [p.strip() for p in os.environ.get(var, "").split(",") if p.strip()]


def point(name: str) -> None:
    if "NEWSARCHIVE_CRASH_AT" not in os.environ and "NEWSARCHIVE_PAUSE_AT" not in os.environ:
        return
    for item in _listed("NEWSARCHIVE_PAUSE_AT"):
        where, _, secs = item.partition(":")
        if where == name:
            time.sleep(float(secs or 5))
    if name in _listed("NEWSARCHIVE_CRASH_AT"):
        os.kill(os.getpid(), signal.SIGKILL)
