"""The early temporary Prefect server (flows/temp_server.py): used, shared, stopped, and given up cleanly."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time

import pytest

from flows import temp_server
from tests.helpers import ROOT, SEEDS, read_table

PREFECT_OWN = "Starting temporary server"  # what Prefect logs when it starts a temporary server itself


def _cli_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    return {**env, **extra}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie is dead too
        return f.read().split(") ", 1)[1][0] != "Z"


def _servers() -> set[int]:
    """Live processes running Prefect's server app the way a temporary server does."""
    out = subprocess.run(["pgrep", "-f", temp_server._FACTORY], capture_output=True, text=True).stdout
    return {int(p) for p in out.split() if _alive(int(p))}


def test_run_uses_the_early_server_and_leaves_none_behind(tmp_path):
    before = _servers()
    archive = tmp_path / "archive"
    out = subprocess.run([sys.executable, "-m", "newsarchive.cli", "run", str(SEEDS), "--archive", str(archive),
                          "--json"], cwd=ROOT, env=_cli_env(), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert PREFECT_OWN not in out.stderr + out.stdout  # Prefect did not start a second server
    result = json.loads(out.stdout[out.stdout.index("{"):])
    assert result["new"] == 5 and len(read_table(archive, "documents")) == 5
    assert _servers() <= before


def test_turned_off_prefect_starts_its_own(tmp_path):
    out = subprocess.run([sys.executable, "-m", "newsarchive.cli", "run", str(SEEDS / "002_*"), "--archive",
                          str(tmp_path / "archive")], cwd=ROOT, env=_cli_env(NEWSARCHIVE_EARLY_SERVER="0"),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert PREFECT_OWN in out.stderr + out.stdout


def test_local_dask_workers_share_it(tmp_path):
    pytest.importorskip("distributed")
    archive = tmp_path / "archive"
    out = subprocess.run([sys.executable, "-m", "newsarchive.cli", "run", str(SEEDS), "--archive", str(archive),
                          "--batch-size", "2", "--dask", "local", "--workers", "2", "--json"],
                         cwd=ROOT, env=_cli_env(), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "PREFECT_API_URL" not in out.stderr  # no "every Dask worker will start its own" warning
    assert PREFECT_OWN not in out.stderr + out.stdout
    result = json.loads(out.stdout[out.stdout.index("{"):])
    assert result["batches"] == 3 and len(read_table(archive, "documents")) == 5


def test_not_started_where_it_cannot_help(monkeypatch):
    import prefect  # noqa: F401  (once Prefect is imported its settings are fixed: too late to help)

    assert temp_server.spawn() is None
    monkeypatch.delitem(sys.modules, "prefect")
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert temp_server.eligible(None) and temp_server.eligible("local")
    assert not temp_server.eligible("tcp://scheduler:8786")  # remote workers cannot reach 127.0.0.1
    monkeypatch.setenv("NEWSARCHIVE_EARLY_SERVER", "0")
    assert not temp_server.eligible(None)
    monkeypatch.delenv("NEWSARCHIVE_EARLY_SERVER")
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    assert not temp_server.eligible(None)


FAKE = """
import subprocess, sys, tempfile, textwrap
from flows import temp_server

def fake_server(script):
    port = temp_server._free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script).format(port=port)], stdout=log,
                            stderr=subprocess.STDOUT)
    return temp_server.EarlyServer(proc, port, log)
"""

HEALTHY = """
    import http.server
    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/api/health" else 404); self.end_headers(); self.wfile.write(b"true")
        def log_message(self, *a): pass
    http.server.HTTPServer(("127.0.0.1", {port}), H).serve_forever()
"""


def _fresh(code: str) -> subprocess.CompletedProcess:
    """`code` in a new process with Prefect imported and nothing configured, as in the CLI
    (this test process may hold Prefect's test harness, whose API URL would win)."""
    out = subprocess.run([sys.executable, "-c", FAKE + f"HEALTHY = {HEALTHY!r}\n" + textwrap.dedent(code)],
                         cwd=ROOT, env=_cli_env(), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return out


def test_serving_points_prefect_at_it_then_stops_it():
    _fresh("""
        import os, threading
        import prefect
        from prefect.settings import get_current_settings
        server = fake_server(HEALTHY)
        with temp_server.serving(server) as url:
            assert url == server.api_url, url
            assert os.environ["PREFECT_API_URL"] == url and get_current_settings().api.url == url
            seen = []  # a thread that copied no context sees it too (Prefect's own service threads)
            t = threading.Thread(target=lambda: seen.append(get_current_settings().api.url))
            t.start(); t.join()
            assert seen == [url], seen
            assert get_current_settings().flows.heartbeat_frequency is None  # nobody reads them
        assert server.process.poll() is not None
        assert "PREFECT_API_URL" not in os.environ and get_current_settings().api.url is None
        assert get_current_settings().flows.heartbeat_frequency is not None  # back to Prefect's default
    """)


def test_a_server_that_dies_is_given_up():
    out = _fresh("""
        import os
        import prefect
        from prefect.settings import get_current_settings
        server = fake_server("import sys; print('cannot import the app'); sys.exit(1)")
        with temp_server.serving(server) as url:
            assert url is None and "PREFECT_API_URL" not in os.environ and get_current_settings().api.url is None
            assert get_current_settings().flows.heartbeat_frequency is None  # Prefect's own server is temporary too
        assert server.process.poll() is not None
    """)
    assert "cannot import the app" in out.stderr and "Prefect starts its own" in out.stderr


def _fake_server(script: str) -> temp_server.EarlyServer:
    """An EarlyServer running `script` (given {port}) instead of Prefect's server."""
    port = temp_server._free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script).format(port=port)], stdout=log,
                            stderr=subprocess.STDOUT)
    return temp_server.EarlyServer(proc, port, log)


def test_a_configured_api_wins(monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = _fake_server(HEALTHY)
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    with temporary_settings(updates={PREFECT_API_URL: "http://prefect.example:4200/api",
                                     PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 60}):
        with temp_server.serving(server) as url:
            assert url is None
            assert server.process.poll() is not None  # stopped at once, unused
            assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == 60  # a standing server keeps its heartbeats
        with temp_server.serving(None) as url:
            assert url is None and PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == 60


@pytest.mark.skipif(sys.platform != "linux", reason="parent-death signal is Linux only")
def test_server_dies_with_a_killed_cli(tmp_path):
    script = textwrap.dedent("""
        import sys, time
        sys.modules.pop("prefect", None)
        from flows import temp_server
        s = temp_server.spawn()
        print(s.process.pid, flush=True)
        time.sleep(120)
    """)
    env = _cli_env()
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    pid = int(proc.stdout.readline())
    assert _alive(pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/environ")
@pytest.mark.parametrize("given, expected", [(None, "false"), ("true", "true")])
def test_block_registration_is_off_unless_asked_for(monkeypatch, given, expected):
    monkeypatch.delitem(sys.modules, "prefect", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("NEWSARCHIVE_EARLY_SERVER", raising=False)
    if given is None:
        monkeypatch.delenv("PREFECT_SERVER_REGISTER_BLOCKS_ON_START", raising=False)
    else:
        monkeypatch.setenv("PREFECT_SERVER_REGISTER_BLOCKS_ON_START", given)
    server = temp_server.spawn()
    assert server is not None
    try:
        with open(f"/proc/{server.process.pid}/environ", "rb") as f:
            env = dict(item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item)
        assert env[b"PREFECT_SERVER_REGISTER_BLOCKS_ON_START"] == expected.encode()
        assert env[b"PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION"] == b"false"
        assert env[b"PREFECT_UI_ENABLED"] == b"0"
        assert server.wait_healthy(120), server.output()  # and it serves with blocks off
    finally:
        server.stop()
