"""Prefect's temporary API server, started before Prefect is imported.

Without PREFECT_API_URL, Prefect starts a temporary server on a flow's first API
call: the CLI first imports Prefect and its server module (~2.2 s), then waits
for the server process to boot (~3.5 s), one after the other. `spawn` starts
that same server process (the command `prefect.server.api.server.
SubprocessASGIServer` runs) before the CLI imports anything of Prefect's, so it
boots on another core while the CLI imports; `serving` then points Prefect's
settings at it for the run and stops it at the end. `run seeds/` on a 2-core
machine: 8.3 s -> 5.4 s wall (docs/performance.md).

It changes nothing else: same server, same database (PREFECT_HOME), same
settings, but that it does not register block types at its start (`_SERVER_DEFAULTS`).
It is used only when Prefect would start a temporary server anyway: no API URL
in the environment or in the active Prefect profile, and ephemeral mode allowed. When the early server does not come up, Prefect starts its own as
before. A local Dask cluster's workers get its address through Prefect's
settings context, so they share it instead of starting one each.
NEWSARCHIVE_EARLY_SERVER=0 turns it off.

No Prefect import at module level: that is the point.
"""
from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

_FACTORY = "prefect.server.api.server:create_app"  # what Prefect's SubprocessASGIServer runs
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
# Defaults the environment may override. A temporary server need not register block types at
# start-up: to hash them it imports every installed Prefect collection first (with the `dask`
# extra, prefect-dask and all of `distributed`: ~0.4 s of its boot), and nothing of a run uses
# blocks. A standing server (`prefect server start`) registers them in the same database.
_SERVER_DEFAULTS = {"PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
                    "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false"}


class EarlyServer:
    """A temporary Prefect API server process of our own, on a free local port."""

    def __init__(self, process: subprocess.Popen, port: int, log):
        self.process, self.port, self._log = process, port, log

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait_healthy(self, timeout: float) -> bool:
        """True once /api/health answers 200; False if the process ends or `timeout` passes first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as resp:
                    if resp.status == 200:
                        return True
            except OSError:  # not listening yet (URLError and timeouts are OSErrors)
                pass
            time.sleep(0.05)
        return False

    def output(self, limit: int = 4000) -> str:
        """The last `limit` characters the server wrote (stdout and stderr)."""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-limit:]

    def stop(self) -> None:
        if self._log.closed:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the server gets SIGTERM if the CLI dies, even by SIGKILL (no orphaned server)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def eligible(dask: str | None = None) -> bool:
    """Whether starting early can help: Prefect not imported yet, no API URL in the environment,
    a local run (remote Dask workers could not reach 127.0.0.1), not turned off."""
    return ("prefect" not in sys.modules and not os.environ.get("PREFECT_API_URL")
            and dask in (None, "local") and os.environ.get("NEWSARCHIVE_EARLY_SERVER", "1") != "0"
            and importlib.util.find_spec("uvicorn") is not None)


def spawn(dask: str | None = None) -> EarlyServer | None:
    """Start the server process now, if `eligible`; it boots while the caller imports Prefect."""
    if not eligible(dask):
        return None
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        return None
    app_dir = Path(spec.origin).parent.parent  # the folder holding the prefect package, as Prefect passes it
    port = _free_port()
    log = tempfile.TemporaryFile()
    args = [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory", _FACTORY,
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"]
    try:  # a session of its own: on Linux its own scheduling group (autogroup), so the cleaners that boot and
        # clean ahead meanwhile (newsarchive/ahead.py) share the CLI's CPU share, not the server's
        process = subprocess.Popen(args, env={**_SERVER_DEFAULTS, **os.environ, **_SERVER_ENV}, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                   preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    except OSError:
        log.close()
        return None
    server = EarlyServer(process, port, log)
    atexit.register(server.stop)  # `serving` stops it; this covers an error before `serving` is entered
    return server


@contextlib.contextmanager
def serving(server: EarlyServer | None) -> Iterator[str | None]:
    """Run the block with Prefect pointed at `server` (yields its API URL), then stop it.

    Yields None, and leaves Prefect to its own devices, when there is no server, when
    Prefect's settings already name an API (a profile's PREFECT_API_URL wins) or forbid
    a temporary server, or when the early server does not become healthy in time.
    Call after Prefect is imported. The URL goes into the environment and Prefect's
    process-wide settings, so every thread sees it and child processes inherit it
    (a thread that saw no API URL would start a second temporary server).
    Whenever the run's server is a temporary one (this one or Prefect's own), flow-run
    heartbeats are off for the block (`temporary_server_defaults`).
    """
    if server is None:
        with temporary_server_defaults():
            yield None
        return
    try:
        import prefect.context
        from prefect.settings import (PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED,
                                      PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)

        if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
            server.stop()
            yield None
            return
        if not server.wait_healthy(float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())):
            out = server.output(1000)
            server.stop()
            print(f"note: the early Prefect server did not start; Prefect starts its own. Its output:\n{out}",
                  file=sys.stderr)
            with temporary_server_defaults():
                yield None
            return
        os.environ["PREFECT_API_URL"] = server.api_url
        prefect.context.refresh_global_settings_context()
        try:
            with temporary_server_defaults(ours=True):  # entered after the refresh: it copies the URL
                yield server.api_url
        finally:
            os.environ.pop("PREFECT_API_URL", None)
            prefect.context.refresh_global_settings_context()
    finally:
        server.stop()


@contextlib.contextmanager
def temporary_server_defaults(ours: bool = False) -> Iterator[None]:
    """Prefect settings for a run whose API server is a temporary one (`ours`, or Prefect's own
    when no API URL is set): flow-run heartbeats off.

    Heartbeats tell a standing server that a flow run is still alive, so that it can mark a
    run that died as crashed. A temporary server ends with the run and nobody reads them,
    while stopping their thread costs every run up to 1 s at its end: it sleeps in 1-second
    steps and Prefect joins it when the flow finishes (0.1-0.7 s seen on 10k-page runs).
    With a standing server (PREFECT_API_URL) the user's setting stands.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    if not ours and PREFECT_API_URL.value():
        yield
        return
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
