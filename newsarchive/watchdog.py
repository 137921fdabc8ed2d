"""Hard per-document limits (time, memory), enforced from outside the cleaner.

Why a process: Python cannot stop a thread, and `signal.alarm` only works in
the main thread, while Prefect runs tasks in worker threads. A regex that
backtracks or a parser that eats memory would hang or kill the whole run. So,
when a time limit is set, documents are cleaned in a child process:

- The child is a fresh Python (`subprocess`, never a fork of the threaded flow
  process; it also starts from daemonic Dask workers, where multiprocessing
  may not) and is kept for the life of the run process, one per concurrent
  batch, so its start-up (~0.5 s) is paid once.
- The parent sends one document at a time and waits at most `max_seconds`.
  When the time passes it kills the child, rejects that document with the
  reason, and starts a fresh child for the next one.
- The child runs under an address-space limit (RLIMIT_AS, `max_memory_mb`), so
  a document that would eat the machine's memory ends in `MemoryError` (or the
  child dies) and is rejected, instead of calling the OOM killer on the run.

With `max_seconds` unset (0/None) documents are cleaned in the calling thread:
no isolation, no hard limits, and only the cheap pre-checks in
`cleaners.guards` bound the work.
"""
from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from cleaners.model import Reject, Source

STARTUP_SECONDS = 120  # a cold start on a loaded machine; never counted against a document

# A cleaning outcome as plain data (exceptions do not pickle reliably):
# ("ok", Document) or ("reject", stage, reason).
Outcome = tuple
OUT_OF_MEMORY = "out of memory while cleaning (limit --max-memory-mb)"


def clean_one(source: Source, limits) -> Outcome:
    """Clean one source; every failure becomes a reject with a reason. Never raises."""
    from cleaners.pipeline import clean_source

    return guarded(clean_source, source, limits)


def guarded(fn, *args) -> Outcome:
    """("ok", fn(*args)), or the failure as a reject with a reason. Never raises.

    `fn` is a module-level function: it goes to the child process by name.
    """
    try:
        return ("ok", fn(*args))
    except Reject as rej:
        return ("reject", rej.stage, rej.reason)
    except RecursionError:
        return ("reject", "clean", "document too deeply nested (recursion limit reached)")
    except MemoryError:
        return ("reject", "clean", OUT_OF_MEMORY)
    except Exception as exc:  # a cleaner bug must not cost the other documents
        return ("reject", "clean", f"internal error: {type(exc).__name__}: {exc}"[:500])


# Varied enough to have a near-duplicate signature, so that code is loaded and warm too.
_WARM_UP = " ".join(f"Paragraph {i} warms up the cleaner before the first real document arrives."
                    for i in range(12)).encode()


def _warm_up() -> None:
    """Load every module a document can need (cleaners, rows, Arrow), before the memory cap."""
    from cleaners.model import Source as _Source
    from cleaners.pipeline import Limits
    from newsarchive.prepare import prepare
    from schemas.records import RunContext

    guarded(prepare, _Source("file:///warm-up", _WARM_UP), Limits(), "0" * 32, RunContext.now("warm-up"))


_ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _address_space() -> int:
    """This process's current virtual size in bytes (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _serve(fd: int, max_memory_mb: int | None) -> None:
    """Child process: clean documents sent over the socket `fd` until told to stop."""
    from multiprocessing.connection import Connection

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _warm_up()  # imports and caches, before the clock starts

    if max_memory_mb:  # what documents may add on top of the loaded cleaner's own address space
        import resource

        cap = _address_space() + max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    conn = Connection(fd)
    conn.send("ready")
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        try:
            outcome = guarded(*msg)
        except MemoryError:
            outcome = ("reject", "clean", OUT_OF_MEMORY)
        conn.send(outcome)
        if outcome[0] == "reject" and outcome[2] == OUT_OF_MEMORY:
            return  # a process that ran out of memory may be left inconsistent: the next document gets a new one


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "no exit code"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class _Worker:
    """One cleaning child process, talked to over a socket pair.

    A plain subprocess (not multiprocessing): it starts the same way from a
    Prefect thread, a spawned pool worker or a daemonic Dask worker, and never
    forks the (threaded) parent.
    """

    def __init__(self, max_memory_mb: int | None):
        from multiprocessing.connection import Connection

        self.max_memory_mb = max_memory_mb
        mine, theirs = socket.socketpair()
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
        for var in _ONE_THREAD:  # numpy's BLAS would start a thread per core in every child: the run is the parallelism
            env.setdefault(var, "1")
        code = f"from newsarchive.watchdog import _serve; _serve({theirs.fileno()}, {max_memory_mb or 0})"
        self.proc = subprocess.Popen([sys.executable, "-c", code], pass_fds=(theirs.fileno(),), env=env,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        theirs.close()
        self.conn = Connection(mine.detach())
        # Start-up (imports) is not the first document's time: wait for the child to be ready.
        ready = self.conn.poll(STARTUP_SECONDS) and self._recv_ready()
        if not ready:
            self.kill()
            raise RuntimeError(f"the cleaning process did not start ({_describe_exit(self.proc.poll())})")

    def _recv_ready(self) -> bool:
        try:
            return self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False

    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, max_seconds: float, fn, *args) -> Outcome:
        try:
            self.conn.send((fn, *args))
        except (BrokenPipeError, OSError):
            return self._died()
        if self.conn.poll(max_seconds):
            try:
                return self.conn.recv()
            except (EOFError, OSError):
                return self._died()
        self.kill()
        return ("reject", "clean", f"time limit exceeded: still cleaning after {max_seconds:g}s (limit --time-limit)")

    def _died(self) -> Outcome:
        try:
            code = self.proc.wait(5)
        except subprocess.TimeoutExpired:
            code = None
        what = _describe_exit(code)
        self.kill()
        hint = " (likely out of memory, limit --max-memory-mb)" if self.max_memory_mb else ""
        return ("reject", "clean", f"cleaner process died: {what}{hint}")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        if not self.conn.closed:
            self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.proc.wait(2)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            pass
        self.kill()


_IDLE: dict[int | None, list[_Worker]] = {}
_LOCK = threading.Lock()


def _take(max_memory_mb: int | None) -> _Worker:
    with _LOCK:
        pool = _IDLE.setdefault(max_memory_mb, [])
        while pool:
            w = pool.pop()
            if w.alive():
                return w
    return _Worker(max_memory_mb)


def _give_back(w: _Worker) -> None:
    if w.alive() and not w.conn.closed:
        with _LOCK:
            _IDLE.setdefault(w.max_memory_mb, []).append(w)


@atexit.register
def shutdown() -> None:
    """Stop every idle worker (also called at interpreter exit)."""
    with _LOCK:
        workers = [w for pool in _IDLE.values() for w in pool]
        _IDLE.clear()
    for w in workers:
        w.stop()


class Cleaner:
    """Clean a batch's documents under the run's hard limits; use as a context manager."""

    def __init__(self, max_seconds: float | None, max_memory_mb: int | None):
        self.max_seconds = max_seconds or None
        self.max_memory_mb = max_memory_mb or None
        self._worker: _Worker | None = None
        self._broken: str | None = None

    def __enter__(self) -> "Cleaner":
        return self

    def __exit__(self, *exc) -> None:
        if self._worker is not None:
            _give_back(self._worker)
            self._worker = None

    def clean(self, source: Source, limits) -> Outcome:
        """("ok", Document) or ("reject", stage, reason)."""
        from cleaners.pipeline import clean_source

        return self.run(clean_source, source, limits)

    def run(self, fn, *args) -> Outcome:
        """("ok", fn(*args)) or ("reject", stage, reason), under the limits. `fn`: a module-level function."""
        if self.max_seconds is None:
            return guarded(fn, *args)
        if self._broken:  # do not wait for a process that would not start, once per document
            return ("reject", "clean", self._broken)
        if self._worker is None or not self._worker.alive() or self._worker.conn.closed:
            try:
                self._worker = _take(self.max_memory_mb)
            except (OSError, RuntimeError) as exc:
                self._broken = (f"cannot start the cleaning process ({exc}); "
                                "--time-limit 0 cleans without one")[:500]
                return ("reject", "clean", self._broken)
        outcome = self._worker.run(self.max_seconds, fn, *args)
        if outcome[0] == "reject" and outcome[2] == OUT_OF_MEMORY:
            self._worker.kill()  # it is exiting on its own; make sure before the next document
        return outcome
