"""The Dask engine: the same batches on a Dask ``distributed`` cluster.

Without a scheduler address it starts a ``LocalCluster`` on this machine
(one single-threaded worker process per core: the stages are pure Python,
so threads would only fight over the GIL); with ``tcp://HOST:8786`` it
joins an existing cluster and leaves it running when done. Each worker
process builds the default pipeline once (``waqai.pipeline.default_pipeline``
is a per-process singleton) and keeps it for every batch it is given.

At most ``2 * workers`` batches are in flight, as in the local engine, so
the driver never holds more than a few batches whatever the input size,
and results are yielded in input order; the worker count is asked again
while batches wait, so a cluster that is still scaling up gets used. ``dask`` is imported here only, so
``import waqai`` and the local engine never pay for it.
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from waqai.engines.base import Engine
from waqai.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

#: how often (seconds) the number of workers is asked again while batches are waiting
RECOUNT_S = 5.0

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


def _installed_version() -> str | None:
    try:
        return importlib.metadata.version("waqai")
    except importlib.metadata.PackageNotFoundError:
        return None


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
        if workers is not None and scheduler:
            raise ConfigError("workers sizes a local cluster; a scheduler brings its own workers")
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
        self._check_workers()
        self._counted = 0.0
        self.workers = self._count_workers()
        log.info(
            "dask engine: %d worker thread(s) at %s", self.workers, self._client.scheduler.address
        )

    def _check_workers(self) -> None:
        """Fail early, with a clear message, when a worker lacks waqai or runs another version.

        ``importlib.metadata.version`` is sent rather than a waqai function, so
        the check works on a worker that cannot import waqai at all.
        """
        want = _installed_version()
        if want is None:  # running from a source tree: nothing to compare with
            return
        found = self._client.run(importlib.metadata.version, "waqai", on_error="return")
        bad = {addr: v for addr, v in found.items() if v != want}
        if bad:
            addr, v = sorted(bad.items(), key=str)[0]
            have = "no waqai installed" if isinstance(v, BaseException) else f"waqai {v}"
            self.close()
            raise ConfigError(
                f"{len(bad)} Dask worker(s) cannot run waqai {want}: {addr} has {have};"
                " install the same waqai on every worker (one image for driver and workers)"
            )

    def _count_workers(self) -> int:
        """Worker threads now in the cluster (asked again every few seconds: clusters scale)."""
        self._counted = time.monotonic()
        return max(sum(self._client.nthreads().values()), 1)

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
                if (
                    len(pending) >= 2 * self.workers
                    and time.monotonic() - self._counted > RECOUNT_S
                ):
                    self.workers = self._count_workers()
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            # an interrupted run must not leave its batches running on a shared cluster
            if pending and self._client is not None:
                self._client.cancel(list(pending))

    def close(self) -> None:
        """Disconnect; a cluster this engine started is shut down, a joined one is left running."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
