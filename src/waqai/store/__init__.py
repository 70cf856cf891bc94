"""The corpus store: SQLite by default, PostgreSQL with a ``postgresql://`` URL.

``open_store(url)`` returns a :class:`Store` with ingest writes and the
queries (events, timeline, search, stats) the CLI and the dashboard use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from waqai.store.store import Store

__all__ = ["Store", "open_store"]


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating) the store at ``url``; see :func:`waqai.store.store.open_store`."""
    from waqai.store.store import open_store as _open

    return _open(url)


def __getattr__(name: str) -> Any:
    if name == "Store":
        from waqai.store.store import Store

        return Store
    raise AttributeError(name)
