"""Engines that run extraction over batches of records: ``local`` (a process pool) and ``dask``.

``get_engine(name, workers, scheduler)`` is the one place that picks an
engine; the Dask engine lives behind the ``dask`` extra and is imported only
when asked for.
"""

from __future__ import annotations

from waqai.engines.base import Engine
from waqai.engines.local import LocalEngine
from waqai.errors import ConfigError

__all__ = ["ENGINES", "Engine", "LocalEngine", "get_engine"]

#: engine names accepted by :func:`get_engine` (and ``waqai ingest --engine``)
ENGINES = ("local", "dask")


def get_engine(
    name: str = "local", workers: int | None = None, scheduler: str | None = None
) -> Engine:
    """An engine by name.

    ``local``: ``workers`` processes (default 1). ``dask``: joins the cluster at
    ``scheduler`` (``tcp://HOST:8786``), or starts a local cluster of
    ``workers`` processes (default: one per core).
    """
    if name == "local":
        if scheduler:
            raise ConfigError("a scheduler address needs the dask engine (--engine dask)")
        return LocalEngine(workers or 1)
    if name == "dask":
        from waqai.engines.dask_engine import DaskEngine

        return DaskEngine(workers, scheduler)
    raise ConfigError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})")
