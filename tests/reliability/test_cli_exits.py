"""`newsarchive run` exit status: 0 when the run completed (rejects included), non-zero with
one human line (no traceback) when it cannot run."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsarchive.cli import main
from store.lock import ArchiveLock
from tests.helpers import ROOT
from tests.reliability.corpus import ARTICLE


def _run(*args, env=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "newsarchive.cli", "run", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, env=env or os.environ.copy())


def _one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_a_source_that_names_nothing_is_a_bad_argument(tmp_path):
    out = _run(tmp_path / "no-such-folder", "--archive", tmp_path / "a")
    assert out.returncode == 2
    assert "no such file, folder or glob match" in _one_line(out.stderr)


def test_an_archive_that_cannot_be_written_stops_the_run(tmp_path):
    (tmp_path / "in.txt").write_text(ARTICLE)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = _run(tmp_path / "in.txt", "--archive", blocker / "archive")  # works as root too, unlike chmod
    assert out.returncode == 4
    assert "archive folder is not writable" in _one_line(out.stderr)


def test_a_locked_archive_stops_the_run_before_it_starts(tmp_path):
    (tmp_path / "in.txt").write_text(ARTICLE)
    lock = ArchiveLock(tmp_path / "archive")
    lock.acquire("another run (test)")
    try:
        out = _run(tmp_path / "in.txt", "--archive", tmp_path / "archive")
    finally:
        lock.release()
    assert out.returncode == 3
    assert "in use by another run" in _one_line(out.stderr) and "another run (test)" in out.stderr


def test_bad_limit_values_are_refused(tmp_path):
    (tmp_path / "in.txt").write_text(ARTICLE)
    out = _run(tmp_path / "in.txt", "--archive", tmp_path / "a", "--time-limit", "-1")
    assert out.returncode == 2 and "--time-limit" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.usefixtures("prefect_harness")
def test_a_run_with_rejects_completes_with_exit_zero(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ARTICLE)
    (src / "empty.txt").write_bytes(b"")
    (src / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    out = CliRunner().invoke(main, ["run", str(src), "--archive", str(tmp_path / "archive"), "--time-limit", "30"])
    assert out.exit_code == 0, out.output[-2000:]
    assert "3 inputs: 1 new, 0 replaced, 0 unchanged, 2 rejected" in out.output
    assert "read: empty file (0 bytes)" in out.output and "decode: not text: looks like a PNG image" in out.output
