"""Dask-side pieces of ``convert(..., client=...)``, imported only on that path (the
optional ``dask`` extra): this module imports ``distributed`` at its top."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

#: The name the warm-up is registered under: registering it again replaces it.
WARM_UP_PLUGIN = "policyparse-warm-up"


class WarmUp(WorkerPlugin):
    """Runs :func:`policyparse.batch._warm_up` on every worker, those that join the cluster
    later included, before it takes a file: a worker's first imports and set-up are no part
    of a file's time limit, and are never interrupted by it."""

    def setup(self, worker: Any) -> None:
        from .batch import _warm_up

        _warm_up()
