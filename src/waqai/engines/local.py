"""The local engine: a pool of worker processes on this machine.

Workers are started with ``spawn`` (safe whatever threads the parent runs)
and live for the whole run, so each loads the models once. At most
``2 * workers`` batches are in flight, which bounds memory however large the
input is.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from waqai.engines.base import Engine
from waqai.errors import ConfigError, WaqaiError

T = TypeVar("T")
R = TypeVar("R")


class LocalEngine(Engine):
    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ConfigError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool

    def map_partitions(
        self, fn: Callable[[list[T]], list[R]], partitions: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        if self.workers == 1:
            for batch in partitions:
                yield fn(batch)
            return
        pool = self._executor()
        pending: deque[Future[list[R]]] = deque()
        try:
            for batch in partitions:
                pending.append(pool.submit(fn, batch))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as exc:
            raise WaqaiError(
                f"a worker process died ({exc}); what was committed is kept, rerun to resume"
            ) from exc

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
