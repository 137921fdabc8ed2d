"""The `newsarchive` command line.

`clean` and `inspect` call the cleaners directly and never start Prefect;
`run` starts the Prefect flow (embedded: no server needed).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from newsarchive import __version__


def _prefect_defaults() -> None:
    """Quiet, offline-friendly Prefect defaults; the user's own settings win."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    if not os.environ.get("PREFECT_API_URL"):
        # Embedded server: nobody reads its log store, and shipping logs slows big runs.
        os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsarchive")
def main() -> None:
    """Clean raw news pages (HTML or text dumps) into Parquet records with provenance."""


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--archive", "archive_dir", default="archive", show_default=True, type=click.Path(file_okay=False),
              help="Archive folder (created if missing).")
@click.option("--batch-size", default=None, type=click.IntRange(1, 100_000),
              help="Documents per Prefect task [default: 256, or 512 when every worker gets 8 such batches].")
@click.option("--force", is_flag=True, help="Re-clean inputs already archived with this version.")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1),
              help="Reject inputs larger than this.")
@click.option("--max-depth", default=250, show_default=True, type=click.IntRange(1),
              help="Reject HTML nested deeper than this (lxml drops content past 255 levels).")
@click.option("--max-line-chars", default=2_000_000, show_default=True, type=click.IntRange(1),
              help="Reject text dumps with a longer line.")
@click.option("--max-lines", default=200_000, show_default=True, type=click.IntRange(1),
              help="Reject text dumps with more lines.")
@click.option("--time-limit", default=60.0, show_default=True, type=click.FloatRange(0),
              help="Seconds per document before it is rejected (cleaned in a child process; 0: no limit).")
@click.option("--max-memory-mb", default=2048, show_default=True, type=click.IntRange(0),
              help="Memory per cleaning process; a document needing more is rejected (0: no limit).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--workers", default=0, show_default=True, type=click.IntRange(0, 256),
              help="N batches at once, each in a worker process; 0: one per CPU, no pool (--dask local: N workers).")
@click.option("--dask", "dask", default=None, metavar="ADDRESS",
              help="Run batches on a Dask cluster: tcp://scheduler:8786, or 'local' (needs the dask extra).")
def run(sources, archive_dir, batch_size, force, max_bytes, max_depth, max_line_chars, max_lines, time_limit,
        max_memory_mb, as_json, workers, dask):
    """Archive SOURCES (files, folders searched recursively, or globs) with the Prefect flow.

    Exit status: 0 when the run completed (rejected inputs included: see the summary and the
    rejects table), 1 when it failed, 2 bad arguments, 3 archive locked, 4 archive not writable.
    """
    from newsarchive.sources import NoSuchSource, check_sources

    try:
        check_sources(list(sources))  # fail fast on a typo, before Prefect starts
    except NoSuchSource as exc:
        raise CannotRun(str(exc), 2) from None
    _check_writable(Path(archive_dir))
    _check_unlocked(Path(archive_dir))
    _prefect_defaults()
    from flows import temp_server

    early = temp_server.spawn(dask)  # boots while Prefect is imported (flows/temp_server.py)

    def prestart() -> None:  # the first batches' cleaner processes boot, then clean ahead (newsarchive/ahead.py)
        from cleaners.pipeline import Limits
        from newsarchive.batch import prestart_cleaners

        limits = Limits(max_bytes=max_bytes, max_line_chars=max_line_chars, max_depth=max_depth,
                        max_seconds=time_limit, max_memory_mb=max_memory_mb, max_lines=max_lines)
        # the run's own limits (flows/ingest.py): documents cleaned ahead are looked up by them
        prestart_cleaners(workers, limits, list(sources), batch_size)

    when = prestart_when(early is not None, dask, os.environ.get("PREFECT_API_URL"))
    if when == "now":
        prestart()  # a running server: the CLI's own imports of Prefect (~1 s) are the wait to fill
    from store.archive import ArchiveLocked
    from flows.runners import MissingExtra, ingest_flow, needs_server_warning
    from newsarchive.report import RunSummary

    try:
        ingest = ingest_flow(dask, workers)  # imports the pipeline while the server boots
        if when == "after imports":
            prestart()  # the cleaners boot in the server's boot too, after the CLI's imports that it overlaps
        with temp_server.serving(early) as shared:
            if warning := needs_server_warning(dask, shared):
                click.echo(warning, err=True)
            result = ingest(list(sources), archive=archive_dir, batch_size=batch_size, force=force,
                            max_bytes=max_bytes, workers=1 if dask else workers, max_depth=max_depth,
                            max_line_chars=max_line_chars, time_limit=time_limit, max_memory_mb=max_memory_mb,
                            max_lines=max_lines)
    except MissingExtra as exc:
        raise click.UsageError(str(exc)) from None
    except ArchiveLocked as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(3)
    except (click.ClickException, click.exceptions.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # the run itself could not complete: one line, no traceback
        raise CannotRun(f"the run failed: {type(exc).__name__}: {exc}"[:400]) from None
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(RunSummary.from_dict(result).text())


def prestart_when(early_server: bool, dask: str | None, api_url: str | None) -> str | None:
    """When `run` starts the cleaner processes of its first batches, which then clean ahead:
    "after imports" while its early temporary server boots (the CLI's imports run beside the
    server's boot first), "now" with a running server named by PREFECT_API_URL (only the CLI's
    own Prefect imports are left to overlap), None on Dask (its workers clean) or when Prefect
    starts its own server (NEWSARCHIVE_EARLY_SERVER=0: left as Prefect does it)."""
    if dask:
        return None
    if early_server:
        return "after imports"
    return "now" if api_url else None


class CannotRun(click.ClickException):
    """The run cannot start or complete: one line on stderr (`Error: ...`), no traceback."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def _check_writable(path: Path) -> None:
    """Create the archive folder if needed and prove a file can be written in it (root ignores modes)."""
    import tempfile

    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise CannotRun(f"archive folder is not writable: {path} ({exc.strerror or exc})", 4) from None


def _check_unlocked(path: Path) -> None:
    """Refuse to start (before Prefect) when another run holds the archive's lock."""
    from store.lock import ArchiveLock, ArchiveLocked

    lock = ArchiveLock(path)
    try:
        lock.acquire("newsarchive run (start-up check)")
    except ArchiveLocked as exc:
        raise CannotRun(str(exc), 3) from None
    lock.release()


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the Parquet record's fields.")
def clean(file, as_json):
    """Clean one FILE and print the result, without touching any archive (no Prefect)."""
    from cleaners.model import Reject, Source
    from cleaners.pipeline import clean_source
    from newsarchive.render import document_json, document_text
    from cleaners.pipeline import Limits
    from newsarchive.sources import _ref, read_bytes

    ref = _ref(Path(file))
    try:  # the same guarded read as `run`: regular files only, size checked before reading
        source = Source(ref.uri, read_bytes(ref.path, Limits().max_bytes), ref.path)
        doc = clean_source(source)
    except Reject as rej:
        if as_json:
            click.echo(json.dumps({"rejected": True, "stage": rej.stage, "reason": rej.reason, "source_uri": ref.uri}))
        else:
            click.echo(f"rejected at {rej.stage}: {rej.reason}", err=True)
        sys.exit(1)
    click.echo(document_json(doc, ref.uri) if as_json else document_text(doc))


from newsarchive.cmd_inspect import inspect_cmd  # noqa: E402  (the command lives in its own module)
main.add_command(inspect_cmd)
from newsarchive.cmd_ops import COMMANDS as OPS_COMMANDS  # noqa: E402  (serve, backfill, compact)
for _cmd in OPS_COMMANDS: main.add_command(_cmd)  # noqa: E701

if __name__ == "__main__":
    main()
