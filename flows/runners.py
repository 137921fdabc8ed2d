"""Which task runner a run uses: Prefect's thread pool (default) or a Dask cluster.

    --workers N               thread-pool runner, N batches at once, each cleaning in its own process
    --dask tcp://host:8786    DaskTaskRunner on an existing cluster (one batch per Dask task)
    --dask local              DaskTaskRunner on a LocalCluster of --workers single-threaded processes

Dask workers import this package and write staged files into ARCHIVE/_staging,
so every worker must have newsarchive installed and see the archive at the
same path (a shared filesystem). Like every process-based runner, Dask needs a
real Prefect server (PREFECT_API_URL); without one, a local cluster's workers share
the run's early temporary server (flows/temp_server.py), and a remote cluster's
workers each start their own.
"""
from __future__ import annotations

import os


class MissingExtra(RuntimeError):
    pass


def dask_runner(address: str, workers: int = 2):
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise MissingExtra("--dask needs the 'dask' extra: pip install 'newsarchive[dask]'") from None
    if address == "local":
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers or os.cpu_count() or 1, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    return DaskTaskRunner(address=address)


def ingest_flow(dask: str | None = None, workers: int = 1):
    """The ingest flow, with a Dask task runner when `dask` names a scheduler (or 'local')."""
    from flows.ingest import ingest

    if not dask:
        return ingest
    return ingest.with_options(task_runner=dask_runner(dask, workers))


def needs_server_warning(dask: str | None, shared_server: str | None = None) -> str | None:
    """A warning when Dask workers would each start a temporary Prefect server.

    `shared_server`: the API URL of the run's early temporary server (flows/temp_server.py),
    which a local cluster's workers share."""
    if dask and not os.environ.get("PREFECT_API_URL") and not shared_server:
        return ("warning: --dask without PREFECT_API_URL: every Dask worker will start its own temporary "
                "Prefect server (slow). Start one with `prefect server start` and export PREFECT_API_URL.")
    return None
