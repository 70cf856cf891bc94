"""The Dask engine: the same batches on a Dask ``distributed`` cluster.

Without a scheduler address it starts a ``LocalCluster`` on this machine
(one single-threaded worker process per core: the stages are pure Python,
so threads would only fight over the GIL); with ``tcp://HOST:8786`` it
joins an existing cluster and leaves it running when done. Each worker
process builds the default pipeline once (``waqai.pipeline.default_pipeline``
is a per-process singleton) and keeps it for every batch it is given.

At most ``2 * workers`` batches are in flight, as in the local engine, so
the driver never holds more than a few batches whatever the input size,
and results are yielded in input order. ``dask`` is imported here only, so
``import waqai`` and the local engine never pay for it.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from waqai.engines.base import Engine
from waqai.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

INSTALL_HINT = "the dask engine needs the dask extra: pip install 'waqai[dask]'"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(f"{INSTALL_HINT} ({exc})") from None
    return distributed


def local_cluster(workers: int) -> Any:
    """A ``LocalCluster`` of ``workers`` single-threaded processes, quiet and without a dashboard.

    The scheduler's health/metrics HTTP server still starts; it gets a free
    port on localhost rather than 8787, so several clusters (other users,
    tests) can run on one machine.
    """
    return _distributed().LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.WARNING,
    )


class DaskEngine(Engine):
    """Batches run as Dask tasks on a local or remote cluster."""

    #: results travel as Arrow tables of document JSON (see ``waqai.corpus.parquet``):
    #: smaller and far cheaper to decode on the driver than pickled documents
    arrow_results = True

    def __init__(
        self, workers: int | None = None, scheduler: str | None = None, timeout: float = 30.0
    ) -> None:
        if workers is not None and workers < 1:
            raise ConfigError(f"workers must be at least 1, got {workers}")
        distributed = _distributed()
        self.scheduler = scheduler
        self._cluster: Any = None
        if scheduler:
            try:
                self._client = distributed.Client(scheduler, timeout=timeout)
            except OSError as exc:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}"
                ) from None
        else:
            self._cluster = local_cluster(workers or os.cpu_count() or 1)
            self._client = distributed.Client(self._cluster)
        threads = sum(w["nthreads"] for w in self._client.scheduler_info()["workers"].values())
        self.workers = max(threads, 1)
        log.info(
            "dask engine: %d worker thread(s) at %s", self.workers, self._client.scheduler.address
        )

    @property
    def client(self) -> Any:
        """The ``distributed.Client`` (for diagnostics such as ``client.dashboard_link``)."""
        return self._client

    def map_partitions(
        self, fn: Callable[[list[T]], list[R]], partitions: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        pending: deque[Any] = deque()
        try:
            for batch in partitions:
                pending.append(self._client.submit(fn, batch, pure=False))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            # an interrupted run must not leave its batches running on a shared cluster
            if pending:
                self._client.cancel(list(pending))

    def close(self) -> None:
        """Disconnect; a cluster this engine started is shut down, a joined one is left running."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
