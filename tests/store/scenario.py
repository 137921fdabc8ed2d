"""A small two-run scenario over seeds, and a consumer's view of an archive to compare states."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import read_table, seed_path


def first_inputs(folder: Path) -> Path:
    """Run 1: two articles and a live blog (19 posts)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(seed_path("000"), folder / "a.txt")
    shutil.copy(seed_path("003"), folder / "b.txt")
    shutil.copy(seed_path("002"), folder / "c.txt")
    return folder


def second_inputs(folder: Path) -> Path:
    """Run 2: b is now an article (its 19 posts must go), c is empty (a reject replaces
    its document), d is new, a is unchanged."""
    shutil.copy(seed_path("001"), folder / "b.txt")
    (folder / "c.txt").write_bytes(b"")
    shutil.copy(seed_path("004"), folder / "d.txt")
    return folder


def view(archive: Path) -> dict:
    """What a consumer globbing the archive sees, minus run-specific columns."""
    return {
        "documents": sorted((d["doc_id"], d["source_sha256"], d["published_month"])
                            for d in read_table(archive, "documents")),
        "posts": sorted(p["post_id"] for p in read_table(archive, "posts")),
        "rejects": sorted((r["doc_id"], r["stage"]) for r in read_table(archive, "rejects")),
    }


def leftovers(archive: Path) -> list[str]:
    """Staging or journal files that should not survive a finished writer session."""
    return sorted(str(p.relative_to(archive)) for d in ("_staging", "_journal")
                  for p in (archive / d).glob("**/*") if p.is_file())
