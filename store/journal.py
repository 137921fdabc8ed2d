"""Commit journal: makes a multi-file commit all-or-nothing across crashes.

A commit is written as a journal (the files to move into place and the files
to delete) before anything visible changes. The journal file appearing (an
atomic rename) is the commit point: before it, the run never happened (its
staged files are discarded); after it, recovery finishes the moves and deletes.
Every step is idempotent, so recovery can itself be interrupted and re-run.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from store import faults


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_journal(journal_dir: Path, name: str, moves: list[tuple[str, str]], deletes: list[str]) -> Path:
    journal_dir.mkdir(parents=True, exist_ok=True)
    final = journal_dir / f"{name}.json"
    tmp = journal_dir / f".{name}.json.tmp"
    with open(tmp, "w") as fh:
        json.dump({"moves": moves, "deletes": deletes}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)  # the commit point
    fsync_path(journal_dir)
    return final


def apply_journal(root: Path, journal: Path) -> None:
    """Finish a committed journal: move staged files in, delete replaced ones."""
    spec = json.loads(journal.read_text())
    touched: set[Path] = set()
    for n, (src, dst) in enumerate(spec["moves"]):
        s, d = root / src, root / dst
        if s.exists():
            d.parent.mkdir(parents=True, exist_ok=True)
            os.replace(s, d)
            touched.add(d.parent)
        if n == 0:
            faults.point("mid-apply")
    faults.point("after-moves")
    for rel in spec["deletes"]:
        p = root / rel
        if p.exists():
            p.unlink()
            touched.add(p.parent)
    for d in touched:
        if d.exists():
            fsync_path(d)
    journal.unlink()
    fsync_path(journal.parent)
