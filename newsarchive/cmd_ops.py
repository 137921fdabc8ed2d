"""Operations commands: `serve` (scheduled runs), `backfill` (re-process a range), `compact`.

See docs/operations.md. `serve` needs a real Prefect server (PREFECT_API_URL);
`backfill` runs the same flow as `run`, restricted to a range of publication dates;
`compact` never starts Prefect.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click


LOCKED_EXIT = 3
NEED_SERVER = ("`newsarchive serve` needs a Prefect server, schedules never fire on the temporary one.\n"
               "  prefect server start --host 127.0.0.1 --port 4200 --analytics-off   # in another terminal\n"
               "  export PREFECT_API_URL=http://127.0.0.1:4200/api")


def _print_summary(result: dict, as_json: bool) -> None:
    from newsarchive.report import RunSummary

    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(RunSummary.from_dict(result).text())


def _checked_sources(sources) -> list[str]:
    from newsarchive.sources import NoSuchSource, check_sources

    try:
        check_sources(list(sources))  # fail fast on a typo, before Prefect starts
    except NoSuchSource as exc:
        raise click.UsageError(str(exc)) from None
    return [str(Path(s).absolute()) for s in sources]


_archive_opt = click.option("--archive", "archive_dir", default="archive", show_default=True,
                            type=click.Path(file_okay=False), help="Archive folder.")
_workers_opt = click.option("--workers", default=0, show_default=True, type=click.IntRange(0, 256),
                            help="N batches at once, each in a worker process; 0: one per CPU, no pool.")
_batch_opt = click.option("--batch-size", default=None, type=click.IntRange(1, 100_000),
                          help="Documents per Prefect task [default: 256, or 512 when every worker gets 8 such batches].")
_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command()
@click.argument("sources", nargs=-1, required=True)
@_archive_opt
@click.option("--cron", default="*/15 * * * *", show_default=True, help="When to run (cron, server's time zone: UTC).")
@click.option("--name", default="scheduled", show_default=True, help="Deployment name.")
@click.option("--compact-cron", default=None, help="Also serve `compact` on this schedule, e.g. '30 3 * * *'.")
@_workers_opt
@_batch_opt
def serve(sources, archive_dir, cron, name, compact_cron, workers, batch_size):
    """Serve the ingest flow as a Prefect deployment that runs SOURCES on a cron schedule.

    Each scheduled run archives only what is new or changed (by content hash) and
    is a no-op when nothing changed. Blocks until interrupted (Ctrl-C / SIGTERM).
    """
    from newsarchive.cli import _check_writable, _prefect_defaults

    if not os.environ.get("PREFECT_API_URL"):
        raise click.UsageError(NEED_SERVER)
    paths = _checked_sources(sources)
    _check_writable(Path(archive_dir))
    _prefect_defaults()
    from prefect import serve as prefect_serve
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

    from flows.ingest import ingest

    archive = str(Path(archive_dir).absolute())
    params = {"sources": paths, "archive": archive, "batch_size": batch_size, "workers": workers}
    # One run at a time: a tick that fires while the previous run still works is cancelled, not
    # queued (the next tick picks up whatever it would have); the archive lock would refuse it anyway.
    one_at_a_time = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
    deployments = [ingest.to_deployment(name=name, cron=cron, parameters=params, concurrency_limit=one_at_a_time,
                                        description=f"Archive {', '.join(paths)} into {archive}")]
    if compact_cron:
        from flows.maintain import compact_archive

        deployments.append(compact_archive.to_deployment(name=f"{name}-compact", cron=compact_cron,
                                                         parameters={"archive": archive}))
    click.echo(f"serving newsarchive-ingest/{name} ({cron}) for {archive}; trigger one now with:\n"
               f"  prefect deployment run 'newsarchive-ingest/{name}'", err=True)
    prefect_serve(*deployments)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@_archive_opt
@click.option("--since", type=_DATE, default=None, help="First publication day (UTC, inclusive), YYYY-MM-DD.")
@click.option("--until", type=_DATE, default=None, help="Last publication day (UTC, inclusive), YYYY-MM-DD.")
@click.option("--force", is_flag=True, help="Re-clean even inputs archived by this same version.")
@_workers_opt
@click.option("--dask", default=None, metavar="ADDRESS", help="Run on a Dask cluster (tcp://host:8786 or 'local').")
@_batch_opt
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def backfill(sources, archive_dir, since, until, force, workers, dask, batch_size, as_json):
    """Re-process SOURCES whose archived documents were published between --since and --until.

    Records are replaced by document id in every table (no duplicates, no stale
    posts or rejects). Inputs already archived by this pipeline version with the
    same bytes are left alone unless --force. Without dates: every source given.
    """
    from newsarchive.cli import _check_unlocked, _check_writable, _prefect_defaults

    if since and until and until < since:
        raise click.UsageError("--until is before --since")
    paths = _checked_sources(sources)
    _check_writable(Path(archive_dir))
    _check_unlocked(Path(archive_dir))  # exit 3 with the lock's message, before Prefect starts
    _prefect_defaults()
    from flows import temp_server

    early = temp_server.spawn(dask)  # boots while Prefect is imported (flows/temp_server.py)
    from flows.runners import MissingExtra, ingest_flow, needs_server_warning
    from store.archive import ArchiveLocked

    try:
        flow = ingest_flow(dask, workers)  # imports the pipeline while the server boots
        if early is not None and not dask:  # the cleaners boot in that wait too (the flow's default limits)
            from cleaners.pipeline import DEFAULT_LIMITS
            from newsarchive.batch import prestart_cleaners

            prestart_cleaners(workers, DEFAULT_LIMITS)
        with temp_server.serving(early) as shared:
            if warning := needs_server_warning(dask, shared):
                click.echo(warning, err=True)
            result = flow(paths, archive=archive_dir, batch_size=batch_size, force=force,
                          workers=1 if dask else workers, since=since.date().isoformat() if since else None,
                          until=until.date().isoformat() if until else None)
    except MissingExtra as exc:
        raise click.UsageError(str(exc)) from None
    except ArchiveLocked as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(LOCKED_EXIT)
    _print_summary(result, as_json)


@click.command()
@_archive_opt
@click.option("--target-mb", default=128, show_default=True, type=click.IntRange(1),
              help="Healthy file size; files under half of it are merged.")
def compact(archive_dir, target_mb):
    """Merge each partition's small files into files of about --target-mb (atomic, under the lock)."""
    from store.archive import Archive, ArchiveLocked
    from store.compact import compact as compact_store

    if not Path(archive_dir).is_dir():
        raise click.UsageError(f"no archive at {archive_dir}")
    store = Archive(archive_dir)
    try:
        with store.writer(owner="newsarchive compact"):
            stats = compact_store(store, target_bytes=target_mb * 2**20)
    except ArchiveLocked as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(LOCKED_EXIT)
    click.echo(stats.line())


COMMANDS = (serve, backfill, compact)
