"""The engine interface: run a function over partitions (batches) of records.

Ingest cuts its input into partitions (descriptors of files and byte
ranges, which the workers read) and asks an engine to map the read-and-extract
function over them; results come back partition by partition in input
order, so what the store sees never depends on which engine or how many
workers ran. ``local`` (a process pool) is built in; a distributed engine
(Dask) implements the same method.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(ABC):
    """Maps a batch function over batches, yielding results in input order."""

    #: how many workers do the work (1 = in this process)
    workers: int = 1

    @abstractmethod
    def map_partitions(
        self, fn: Callable[[list[T]], list[R]], partitions: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        """``fn(batch)`` for each batch, in order; ``fn`` must be picklable (a module-level function)."""

    def close(self) -> None:  # noqa: B027 - engines without resources need not override it
        """Release workers; the engine may not be used afterwards."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
