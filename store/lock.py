"""One writer per archive: an exclusive, non-blocking flock on ARCHIVE/_lock.

The kernel releases the lock when the process dies (kill -9 included), so a
crashed run never leaves the archive locked.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from pathlib import Path


class ArchiveLocked(RuntimeError):
    pass


class ArchiveLock:
    def __init__(self, root: Path):
        self.path = root / "_lock"
        self._fd: int | None = None

    def acquire(self, owner: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            raise ArchiveLocked(f"archive {self.path.parent} is in use by another run ({holder or 'unknown holder'}); "
                                "wait for it to finish or use another archive") from None
        info = json.dumps({"owner": owner, "pid": os.getpid(), "host": socket.gethostname(),
                           "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
        os.ftruncate(fd, 0)
        os.pwrite(fd, info.encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
