"""Discover input files from SOURCE arguments: files, folders (recursive), globs.

Discovery never reads content, and it loses nothing silently: broken
symlinks, unreadable files and folders that cannot be listed are still
listed (a folder's listing error travels with its ref), so that reading them
produces a reject with a reason. Symlinks to folders are followed once (a
link loop is not walked twice). Names starting with `.` are not inputs.

`read_bytes` refuses what is not a regular file (a FIFO would block the run
forever, a device never ends) and never loads more than the size limit.
"""
from __future__ import annotations

import errno
import glob
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cleaners.model import Reject


@dataclass(frozen=True)
class SourceRef:
    uri: str  # file:// URI of the path as given (absolute, symlinks kept)
    path: str
    problem: str | None = None  # set when discovery already knows it cannot be read


class NoSuchSource(ValueError):
    pass


def _ref(path: Path, problem: str | None = None) -> SourceRef:
    p = path.absolute()
    return SourceRef(p.as_uri(), str(p), problem)


def display_path(path: str) -> str:
    """The path as text that is always valid Unicode (undecodable bytes shown as \\xNN)."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _walk(folder: Path):
    """(path, problem) for every file under `folder`, symlinked folders followed once."""
    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []

    def onerror(exc: OSError) -> None:
        errors.append(exc)

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True, onerror=onerror):
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = None
        if key is not None and key in seen:  # a symlink loop or a second link to the same folder
            dirnames[:] = []
            continue
        if key is not None:
            seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name, None
        while errors:
            exc = errors.pop()
            yield Path(exc.filename or dirpath), f"cannot list folder: {exc.strerror or exc}"
    while errors:  # the top folder itself could not be listed
        exc = errors.pop()
        yield Path(exc.filename or folder), f"cannot list folder: {exc.strerror or exc}"


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
            found = [(path, None)]
        else:
            found = [(Path(p), None) for p in sorted(glob.glob(src, recursive=True)) if not Path(p).is_dir()]
            if not found:
                raise NoSuchSource(f"no such file, folder or glob match: {src}")
        for f, problem in found:
            ref = _ref(f, problem)
            seen.setdefault(ref.uri, ref)
    return [seen[k] for k in sorted(seen)]


_KINDS = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")]


def _kind(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def read_reject(exc: OSError, path: str) -> Reject:
    """The reject for a file that could not be read, in words a person understands."""
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return Reject("read", "broken symlink: its target does not exist")
        return Reject("read", "file vanished between discovery and reading")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Reject("read", "permission denied")
    if exc.errno == errno.EISDIR:
        return Reject("read", "is a folder, not a file")
    if exc.errno == errno.ELOOP:
        return Reject("read", "symlink loop")
    if exc.errno == errno.ENXIO:
        return Reject("read", "not a regular file (a socket or device with no reader)")
    return Reject("read", f"cannot read: {exc.strerror or exc}")


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The file's bytes; raises Reject('read', ...) for anything that is not a readable regular file.

    The size is checked on the open file before reading, and at most
    max_bytes + 1 bytes are ever loaded (a file growing while read is caught too).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise read_reject(exc, path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Reject("read", f"not a regular file: {_kind(st.st_mode)}")
        if st.st_size > max_bytes:
            raise Reject("read", f"too large: {st.st_size} bytes > limit {max_bytes} (limit --max-bytes)")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise read_reject(exc, path) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise Reject("read", f"too large: more than {max_bytes} bytes (limit --max-bytes)")
    return data
