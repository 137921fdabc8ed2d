"""Discover input files from SOURCE arguments: files, folders (recursive), globs.

Discovery never reads content. Broken symlinks and unreadable files are still
listed, so that reading them produces a reject with a reason, not silence.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceRef:
    uri: str  # file:// URI of the path as given (absolute, symlinks kept)
    path: str


class NoSuchSource(ValueError):
    pass


def _ref(path: Path) -> SourceRef:
    p = path.absolute()
    return SourceRef(p.as_uri(), str(p))


def _walk(folder: Path):
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def discover(sources: list[str]) -> list[SourceRef]:
    """Every input file named by `sources`, sorted and de-duplicated.

    Raises NoSuchSource when an argument names nothing at all (a typo should
    fail the run loudly, not archive zero documents quietly).
    """
    seen: dict[str, SourceRef] = {}
    for src in sources:
        path = Path(src)
        if path.is_dir():
            found = list(_walk(path))
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            found = [Path(p) for p in sorted(glob.glob(src, recursive=True)) if not Path(p).is_dir()]
            if not found:
                raise NoSuchSource(f"no such file, folder or glob match: {src}")
        for f in found:
            ref = _ref(f)
            seen.setdefault(ref.uri, ref)
    return [seen[k] for k in sorted(seen)]


def read_bytes(path: str, max_bytes: int) -> bytes:
    """Read a file, refusing to load more than max_bytes + 1 into memory."""
    with open(path, "rb") as fh:
        return fh.read(max_bytes + 1)
