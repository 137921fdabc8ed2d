"""The operations commands' own behaviour (no Prefect needed for these)."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from newsarchive.cli import main
from store.archive import Archive
from tests.helpers import read_table, seed_path
from tests.store.driver import ingest_plain


def test_compact_command_merges_files_and_reports(tmp_path):
    archive = tmp_path / "archive"
    for i in range(3):
        folder = tmp_path / f"in{i}"
        folder.mkdir()
        shutil.copy(seed_path("000"), folder / f"{i}.txt")
        ingest_plain(str(archive), [str(folder)])
    assert len(list(archive.glob("documents/*/*.parquet"))) == 3
    out = CliRunner().invoke(main, ["compact", "--archive", str(archive)])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("compact: 1 partitions, 3 files -> 1")
    assert len(list(archive.glob("documents/*/*.parquet"))) == 1 and len(read_table(archive, "documents")) == 3
    again = CliRunner().invoke(main, ["compact", "--archive", str(archive)])
    assert "nothing to do" in again.output


def test_compact_refuses_a_locked_archive(tmp_path):
    archive = tmp_path / "archive"
    ingest_plain(str(archive), [str(seed_path("000"))])
    with Archive(archive).writer("a run in progress"):
        out = CliRunner().invoke(main, ["compact", "--archive", str(archive)])
    assert out.exit_code == 3 and "is in use by another run" in out.output and "a run in progress" in out.output


def test_compact_needs_an_archive(tmp_path):
    out = CliRunner().invoke(main, ["compact", "--archive", str(tmp_path / "nope")])
    assert out.exit_code == 2 and "no archive at" in out.output


def test_backfill_rejects_bad_dates_before_starting_prefect(tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["backfill", str(seed_path("000")), "--archive", str(tmp_path / "a"),
                               "--since", "2022-02-01", "--until", "2022-01-01"])
    assert out.exit_code == 2 and "--until is before --since" in out.output
    out = runner.invoke(main, ["backfill", str(seed_path("000")), "--since", "01/02/2022"])
    assert out.exit_code == 2 and "does not match the format '%Y-%m-%d'" in out.output


def test_serve_explains_how_to_start_a_server(tmp_path, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    out = CliRunner().invoke(main, ["serve", str(seed_path("000")), "--archive", str(tmp_path / "a")])
    assert out.exit_code == 2
    assert "prefect server start --host 127.0.0.1" in out.output and "export PREFECT_API_URL=" in out.output


def test_run_and_backfill_refuse_a_locked_archive_before_starting_prefect(tmp_path):
    archive = tmp_path / "archive"
    ingest_plain(str(archive), [str(seed_path("000"))])
    with Archive(archive).writer("flow run 1234"):
        for cmd in ("run", "backfill"):
            out = CliRunner().invoke(main, [cmd, str(seed_path("001")), "--archive", str(archive)])
            assert out.exit_code == 3, out.output
            assert f"Error: archive {archive} is in use by another run" in out.output and "flow run 1234" in out.output
    assert len(read_table(archive, "documents")) == 1  # untouched
