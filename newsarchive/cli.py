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
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1, 100_000),
              help="Documents per Prefect task.")
@click.option("--force", is_flag=True, help="Re-clean inputs already archived with this version.")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1),
              help="Reject inputs larger than this.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Clean in N local processes (with --dask local: N Dask workers).")
@click.option("--dask", "dask", default=None, metavar="ADDRESS",
              help="Run batches on a Dask cluster: tcp://scheduler:8786, or 'local' (needs the dask extra).")
def run(sources, archive_dir, batch_size, force, max_bytes, as_json, workers, dask):
    """Archive SOURCES (files, folders searched recursively, or globs) with the Prefect flow."""
    from newsarchive.sources import NoSuchSource, discover

    try:
        discover(list(sources))  # fail fast on a typo, before Prefect starts
    except NoSuchSource as exc:
        raise click.UsageError(str(exc)) from None
    _check_writable(Path(archive_dir))
    _prefect_defaults()
    from store.archive import ArchiveLocked
    from flows.runners import MissingExtra, ingest_flow, needs_server_warning
    from newsarchive.report import RunSummary

    if warning := needs_server_warning(dask):
        click.echo(warning, err=True)
    try:
        ingest = ingest_flow(dask, workers)
        result = ingest(list(sources), archive=archive_dir, batch_size=batch_size, force=force, max_bytes=max_bytes,
                        workers=1 if dask else workers)
    except MissingExtra as exc:
        raise click.UsageError(str(exc)) from None
    except ArchiveLocked as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(3)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    summary = RunSummary(**{k: result[k] for k in ("archive", "inputs", "new", "replaced", "unchanged", "posts",
                                                   "bytes_read", "seconds", "batches", "flow_run_id")})
    summary.rejected.update(result["rejected_by_reason"])
    summary.rules.update(result["rules"])
    summary.warnings.update(result.get("warnings", {}))
    click.echo(summary.text())


def _check_writable(path: Path) -> None:
    probe = path if path.exists() else next((p for p in path.absolute().parents if p.exists()), Path("/"))
    if not os.access(probe, os.W_OK):
        raise click.UsageError(f"archive folder is not writable: {path}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the Parquet record's fields.")
def clean(file, as_json):
    """Clean one FILE and print the result, without touching any archive (no Prefect)."""
    from cleaners.model import Reject, Source
    from cleaners.pipeline import clean_source
    from newsarchive.render import document_json, document_text
    from newsarchive.sources import _ref

    ref = _ref(Path(file))
    source = Source(ref.uri, Path(file).read_bytes(), ref.path)
    try:
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
