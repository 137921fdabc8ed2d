"""Hard per-document limits (time, memory), enforced from outside the cleaner.

Why a process: Python cannot stop a thread, and `signal.alarm` only works in
the main thread, while Prefect runs tasks in worker threads. A regex that
backtracks or a parser that eats memory would hang or kill the whole run. So,
when a time limit is set, documents are cleaned in a child process:

- The child is a fresh Python (`subprocess`, never a fork of the threaded flow
  process; it also starts from daemonic Dask workers, where multiprocessing
  may not) and is kept for the life of the run process, one per concurrent
  batch, so its start-up (~0.5 s) is paid once; the CLI starts them while Prefect's server
  boots (`prestart`), so a run does not pay it at all.
- A whole batch runs in the child (`Cleaner.run_batch`), which marks each
  document step, and when it began, in memory shared with the parent
  (newsarchive/step_clock.py); the parent gives each step at most `max_seconds`.
  When the time passes it kills the child, rejects that document with the reason,
  and starts the batch again in a fresh child with that document marked.
  (`Cleaner.run` sends one call at a time, for single documents.)
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
import time
from pathlib import Path

from cleaners.model import Reject, Source
from newsarchive.step_clock import StepClock

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
    from newsarchive import batch  # noqa: F401  (whole batches run here: Arrow, the staged files)
    from newsarchive.prepare import prepare
    from schemas.records import RunContext

    guarded(prepare, _Source("file:///warm-up", _WARM_UP), Limits(), "0" * 32, RunContext.now("warm-up"))


_ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


_STATM: tuple[int, int] | None = None  # (pid, fd of /proc/self/statm), opened once per process


def _address_space() -> int:
    """This process's current virtual size in bytes (Linux /proc; 0 elsewhere).

    Read for every document (`_cap_memory`): from a kept file descriptor, 1.4 us a read where
    opening /proc/self/status and scanning it took 21 us."""
    global _STATM
    try:
        if _STATM is None or _STATM[0] != os.getpid():  # /proc/self is the process that opened it
            _STATM = (os.getpid(), os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC))
        return int(os.pread(_STATM[1], 64, 0).split(None, 1)[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _serve(fd: int, max_memory_mb: int | None, clock_fd: int) -> None:
    """Child process: clean documents sent over the socket `fd` until told to stop; a batch's
    document steps go to the shared `StepClock` on `clock_fd`."""
    from multiprocessing.connection import Connection

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if hasattr(signal, "SIGTTOU"):  # in the run's terminal session but not in the foreground: a warning
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # written to stderr must not stop it (`stty tostop`)
    _warm_up()  # imports and caches, before the clock starts
    import gc

    gc.collect()
    gc.freeze()  # the modules' ~38k objects are never garbage: full collections skip them (GC time 0.115 -> 0.06 s per 5k documents)

    _cap_memory(max_memory_mb)
    conn = Connection(fd)
    clock = StepClock(clock_fd)
    conn.send("ready")
    ahead: _Ahead | None = None
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        if msg[0] == _BATCH:
            if not _serve_batch(conn, clock, max_memory_mb, *msg[1:]):
                return
            continue
        if ahead is not None:  # any message ends the cleaning ahead: the document in hand is finished first
            if not ahead.finish(drain=msg == (_END_AHEAD, True)):
                return  # out of memory: the parent's `end_ahead` sees this process gone and starts another
            ahead = None
            _cap_memory(max_memory_mb)
        if msg[0] == _AHEAD:
            ahead = _Ahead(msg[1], msg[2], max_memory_mb)
            continue
        if msg[0] == _END_AHEAD:
            conn.send(("ahead-done",))
            continue
        try:
            outcome = guarded(*msg)
        except MemoryError:
            outcome = ("reject", "clean", OUT_OF_MEMORY)
        conn.send(outcome)
        if outcome[0] == "reject" and outcome[2] == OUT_OF_MEMORY:
            return  # a process that ran out of memory may be left inconsistent: the next document gets a new one


class _Ahead:
    """In the child: clean documents ahead (newsarchive/ahead.py) in a thread at the lowest priority,
    so that the CLI's own start-up, in the same scheduling group, comes first; `finish` ends it."""

    def __init__(self, refs: list, limits, max_memory_mb: int | None):
        self.stop, self.ok = threading.Event(), True
        self.thread = threading.Thread(target=self._run, args=(refs, limits, max_memory_mb), daemon=True)
        self.thread.start()

    def _run(self, refs: list, limits, max_memory_mb: int | None) -> None:
        from newsarchive.ahead import clean_ahead

        if sys.platform == "linux":  # Linux: a thread's own nice value (elsewhere this call would renice a process)
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
            except OSError:
                pass
        self.ok = clean_ahead(refs, limits, stop=self.stop.is_set, before_each=lambda: _cap_memory(max_memory_mb))

    def finish(self, drain: bool = False) -> bool:
        """Stop after the document in hand (`drain`: after the last one, for tests); False: it ran out
        of memory, and this process must end."""
        if not drain:
            self.stop.set()
        self.thread.join()
        return self.ok


def _cap_memory(max_memory_mb: int | None) -> None:
    """Let what follows add at most `max_memory_mb` to this process's address space (RLIMIT_AS).

    Only the soft limit is set, so that a batch can lift it again for its own bookkeeping
    (`_uncap_memory`) once its documents are cleaned.
    """
    if max_memory_mb:
        import resource

        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        cap = _address_space() + max_memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _uncap_memory() -> None:
    import resource

    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


# --- whole batches in the child ---------------------------------------------------------
#
# Sending every document to the child and its rows back cost about as much CPU as cleaning a
# 10 KB text dump (pickling both ways, and the parent's share ran while the child waited). So a
# batch runs whole in the child: the parent sends the batch function once, and the child marks each
# document step in a shared `StepClock` (a message per step, as before, woke the parent three times
# per document: ~5% of a text run's time in the batches). The time limit is per document: the parent
# looks at the clock when the current step's `max_seconds` would be up. A document that runs over it, kills
# the child or runs out of memory is recorded as a reject, and the batch is started again in a
# fresh child with that document marked (`skip`): the documents before it are cleaned again,
# which costs far less than the time limit that was just waited out.
_BATCH = "batch"
# Cleaning ahead (newsarchive/ahead.py): a prestarted child cleans the documents its first batches will
# likely bring while Prefect's server boots; whoever takes it first sends _END_AHEAD and waits for the
# answer (`_Worker.end_ahead`), so a document cleaned ahead is never timed as a batch's document.
_AHEAD, _END_AHEAD = "ahead", "end-ahead"


class Restart(Exception):
    """Raised in the child by a batch function: reject document `index` and start the batch again."""

    def __init__(self, index: int, stage: str, reason: str):
        super().__init__(index, stage, reason)
        self.index, self.stage, self.reason = index, stage, reason


class BatchHooks:
    """What a batch function tells its supervisor. This base class is for a batch run in the caller
    (no watchdog): nothing is reported and nothing is restarted."""

    in_child = False

    def at(self, index: int, stage: str) -> None:
        """Document `index` enters `stage` (read, clean): its time starts now."""

    def finishing(self) -> None:
        """The batch's own work follows (rows to Arrow, its files), not any document's: no per-document
        limit until the next `at`. Called after each chunk of documents and at the end."""

    def outcome(self, index: int, outcome: Outcome) -> None:
        """A document's cleaning outcome; in the child, running out of memory restarts the batch."""


class _ChildHooks(BatchHooks):
    in_child = True

    def __init__(self, clock: StepClock, max_memory_mb: int | None):
        self.clock, self.max_memory_mb, self._doc = clock, max_memory_mb, None

    def at(self, index: int, stage: str) -> None:
        if index != self._doc:  # what one document may add: measured from where the batch is now
            self._doc = index
            _cap_memory(self.max_memory_mb)
        self.clock.set(index, stage)  # the parent reads it when a deadline would pass

    def finishing(self) -> None:
        if self.max_memory_mb:
            _uncap_memory()
        self.clock.set(None, "finishing")

    def outcome(self, index: int, outcome: Outcome) -> None:
        if outcome[0] == "reject" and outcome[2] == OUT_OF_MEMORY:
            raise Restart(index, outcome[1], outcome[2])  # this process may be left inconsistent: a new one


def _serve_batch(conn, clock: StepClock, max_memory_mb: int | None, fn, kwargs: dict) -> bool:
    """Run one batch function here, reporting to the parent. False: this process must end."""
    import traceback

    hooks = _ChildHooks(clock, max_memory_mb)
    try:
        result = fn(hooks=hooks, **kwargs)
    except Restart as r:
        conn.send(("skip", r.index, r.stage, r.reason))
        return False
    except MemoryError:
        conn.send(("skip", hooks._doc, "clean", OUT_OF_MEMORY))
        return False
    except BaseException as exc:  # the batch fails (the flow task retries it); this process is not trusted
        conn.send(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()[-4000:]))
        return False
    conn.send(("done", result))
    if max_memory_mb:
        _cap_memory(max_memory_mb)
    return True


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
        self.ahead_of: frozenset[str] = frozenset()  # the URIs of the documents it was given to clean ahead
        self._ahead = False  # cleaning ahead until `end_ahead`
        mine, theirs = socket.socketpair()
        self.clock = StepClock.new()  # where the child is in a batch (newsarchive/step_clock.py)
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
        for var in _ONE_THREAD:  # numpy's BLAS would start a thread per core in every child: the run is the parallelism
            env.setdefault(var, "1")
        code = (f"from newsarchive.watchdog import _serve; "
                f"_serve({theirs.fileno()}, {max_memory_mb or 0}, {self.clock.fd})")
        # Its own process group (the terminal's Ctrl-C is the parent's to handle), but the parent's session:
        # on Linux that is its scheduling group (autogroup), so the cleaners share a CPU share with the CLI,
        # and the temporary Prefect server, in a session of its own, keeps its own share while it boots.
        try:
            # -P: the child imports the parent's code (PYTHONPATH), not a `newsarchive` in the working folder
            self.proc = subprocess.Popen([sys.executable, "-P", "-c", code], env=env, stdin=subprocess.DEVNULL,
                                         pass_fds=(theirs.fileno(), self.clock.fd),
                                         process_group=0 if os.name == "posix" else None)
        finally:
            theirs.close()
            self.clock.close_fd()
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

    def clean_ahead(self, refs: list, limits) -> None:
        """Start cleaning `refs` into the child's cache (newsarchive/ahead.py); it stops on the next message."""
        try:
            self.conn.send((_AHEAD, refs, limits))
        except (OSError, ValueError):
            return
        self.ahead_of = frozenset(r.uri for r in refs)
        self._ahead = True

    def end_ahead(self, max_seconds: float, drain: bool = False) -> bool:
        """Stop cleaning ahead before this child gets real work: it finishes the document in hand
        (`drain`: every document it was given; for tests). False (and the child killed) if it is gone,
        or still busy after `max_seconds`: that document would hang its batch too, which then meets
        it itself, in a fresh child, under its own limit."""
        if not self._ahead:
            return True
        self._ahead = False
        try:
            self.conn.send((_END_AHEAD, drain))
            if self.conn.poll(max_seconds) and self.conn.recv() == ("ahead-done",):
                return True
        except (EOFError, OSError):
            pass
        self.kill()
        return False

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
_AHEAD_JOBS: dict[int | None, list[tuple]] = {}  # documents to clean ahead, for prestarted workers still booting
_STARTING: dict[int | None, int] = {}  # `prestart`ed workers still booting, per memory limit
_LOCK = threading.Lock()
_CHANGED = threading.Condition(_LOCK)  # a prestarted worker is ready (or failed to start)


def prestart(count: int, max_memory_mb: int | None) -> None:
    """Start `count` workers in the background, for the run's first batches to take.

    The CLI calls this while Prefect's temporary server boots (flows/temp_server.py): the
    flow process only waits then, so a worker's start-up (~0.5 s of imports) costs the run
    nothing. A batch that needs a worker meanwhile waits for one of these rather than
    starting another; one that fails to start leaves the batch to start its own.
    """
    key = max_memory_mb or None

    def start() -> None:
        try:
            w: _Worker | None = _Worker(key)
        except (OSError, RuntimeError):
            w = None
        with _CHANGED:
            _STARTING[key] -= 1
            if w is not None:
                if _AHEAD_JOBS.get(key):
                    w.clean_ahead(*_AHEAD_JOBS[key].pop(0))
                _IDLE.setdefault(key, []).append(w)
            if not _STARTING[key]:
                _AHEAD_JOBS.pop(key, None)
            _CHANGED.notify_all()

    with _LOCK:
        _STARTING[key] = _STARTING.get(key, 0) + count
    for _ in range(count):
        threading.Thread(target=start, name="newsarchive-prestart", daemon=True).start()


def assign_ahead(max_memory_mb: int | None, jobs: list[tuple]) -> None:
    """Give each idle prestarted worker one of `jobs` ((refs, limits): documents to clean ahead,
    newsarchive/ahead.py), in order; those left go to the workers still booting, as they come up.
    A worker already taken by a batch gets none: the jobs are only worth it before the first batch."""
    key = max_memory_mb or None
    jobs = list(jobs)
    with _LOCK:
        for w in _IDLE.get(key, []):
            if not jobs:
                break
            if not w.ahead_of and w.alive():
                w.clean_ahead(*jobs.pop(0))
        if jobs and _STARTING.get(key):
            _AHEAD_JOBS[key] = jobs


def _take(max_memory_mb: int | None, first_uri: str | None = None) -> _Worker:
    """An idle worker (one that was given the batch's first document, `first_uri`, to clean ahead,
    if any), else one of those still starting, else a new one."""
    with _CHANGED:
        pool = _IDLE.setdefault(max_memory_mb, [])
        while True:
            mine = [i for i, w in enumerate(pool) if first_uri in w.ahead_of]
            if mine:
                pool.append(pool.pop(mine[0]))
            while pool:
                w = pool.pop()
                if w.alive():
                    return w
            if not _STARTING.get(max_memory_mb):
                break
            _CHANGED.wait()
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

    def __init__(self, max_seconds: float | None, max_memory_mb: int | None, first_uri: str | None = None):
        self.max_seconds = max_seconds or None
        self.max_memory_mb = max_memory_mb or None
        self.first_uri = first_uri  # the batch's first document: a worker cleaning ahead for it is preferred
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

    def _ready_worker(self) -> _Worker | None:
        """The child to send work to (started if need be); None if it cannot start (`_broken` says why)."""
        if self._broken:  # do not wait for a process that would not start, once per document
            return None
        while self._worker is None or not self._worker.alive() or self._worker.conn.closed:
            try:
                self._worker = _take(self.max_memory_mb, self.first_uri)
            except (OSError, RuntimeError) as exc:
                self._broken = (f"cannot start the cleaning process ({exc}); "
                                "--time-limit 0 cleans without one")[:500]
                return None
            if not self._worker.end_ahead(self.max_seconds or STARTUP_SECONDS):
                self._worker = None  # killed: only prestarted workers clean ahead, so this ends
        return self._worker

    def run(self, fn, *args) -> Outcome:
        """("ok", fn(*args)) or ("reject", stage, reason), under the limits. `fn`: a module-level function."""
        if self.max_seconds is None:
            return guarded(fn, *args)
        if self._ready_worker() is None:
            return ("reject", "clean", self._broken)
        outcome = self._worker.run(self.max_seconds, fn, *args)
        if outcome[0] == "reject" and outcome[2] == OUT_OF_MEMORY:
            self._worker.kill()  # it is exiting on its own; make sure before the next document
        return outcome

    def run_batch(self, fn, n: int, **kwargs):
        """fn(hooks=..., skip=..., **kwargs) for a batch of `n` documents, under the per-document limits.

        `fn` is a module-level function that reports each document step to `hooks` (BatchHooks)
        and turns every index in `skip` ({index: (stage, reason)}) into a reject without
        cleaning it. Without a time limit it runs here. Else it runs in the child; a document
        that overruns the time limit, kills the child or runs out of memory is added to `skip`
        and the batch starts again in a fresh child. A failure outside a document (or of the
        batch function itself) raises RuntimeError: the batch fails and nothing of it is kept.
        """
        skip: dict[int, tuple[str, str]] = {}
        if self.max_seconds is None:
            return fn(hooks=BatchHooks(), skip=skip, **kwargs)
        while True:
            worker = self._ready_worker()
            if worker is None:  # every document gets the reason, as one at a time would
                return fn(hooks=BatchHooks(), skip={i: ("clean", self._broken) for i in range(n)}, **kwargs)
            msg = self._supervise(worker, fn, dict(kwargs, skip=dict(skip)))
            if msg[0] == "done":
                return msg[1]
            index, stage, reason = msg[1:]
            if index is None or index in skip or index >= n:  # not a document's fault
                raise RuntimeError(f"the cleaning process failed outside a document: {reason}")
            skip[index] = (stage, reason)

    def _supervise(self, worker: _Worker, fn, kwargs: dict) -> tuple:
        """("done", result), or ("skip", index, stage, reason) with the child gone; raises on an error.

        The child's document steps are in its `StepClock`; the parent waits on the connection
        (which brings only the batch's end) until the current step's deadline, then looks
        again: a step that began since has its own deadline; one still going is over its limit.
        """
        worker.clock.set(None, "clean")  # until the first document: the batch's arrival, timed as before
        try:
            worker.conn.send((_BATCH, fn, kwargs))
        except (BrokenPipeError, OSError):
            return ("skip", None, "clean", worker._died()[2])
        while True:
            seq, index, stage, started = worker.clock.read()
            if stage == "finishing":  # the batch's own writes: no limit, but the next step may have one
                wait = self.max_seconds
            else:
                wait = max(0.0, started + self.max_seconds - time.monotonic())
            if not worker.conn.poll(wait):
                now_seq, index, stage, started = worker.clock.read()
                if now_seq != seq or stage == "finishing" or time.monotonic() - started < self.max_seconds:
                    continue
                worker.kill()
                verb = "reading" if stage == "read" else "cleaning"
                return ("skip", index, stage,
                        f"time limit exceeded: still {verb} after {self.max_seconds:g}s (limit --time-limit)")
            try:
                msg = worker.conn.recv()
            except (EOFError, OSError):
                _, index, stage, _ = worker.clock.read()
                return ("skip", index, stage, worker._died()[2])
            if msg[0] == "done":
                return msg
            elif msg[0] == "skip":
                worker.kill()  # it is exiting on its own; make sure before the batch starts again
                return msg
            else:  # ("error", message, traceback)
                worker.kill()
                raise RuntimeError(f"batch failed in the cleaning process: {msg[1]}\n{msg[2]}")
