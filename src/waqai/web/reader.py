"""Read-only access to the corpus store for the dashboard.

The dashboard must never change the store and must keep answering while an
ingest is writing to it. SQLite is opened with a ``mode=ro`` URI (no
migrations, no journal-mode change) and a short busy timeout; a read that
still meets a lock is retried a few times before the user sees a clean 503.
PostgreSQL sessions are switched to read-only transactions.
"""

from __future__ import annotations

import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Sequence
from typing import Any

from waqai.errors import StoreError
from waqai.store.db import Database
from waqai.store.queries import Queries

#: how long one SQLite statement waits for a lock, and how often a read is retried
BUSY_TIMEOUT_MS = 250
RETRIES = 4
RETRY_PAUSE_S = 0.05

#: tables a store must have for the dashboard to read it
REQUIRED_TABLES = ("documents", "events", "event_clusters", "entities", "timexes", "quotes")


def _is_lock(exc: BaseException) -> bool:
    cause = exc.__cause__ or exc
    text = str(cause).lower()
    return isinstance(cause, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _retry(
    run: Callable[[str, Sequence[Any]], Any], query: str, params: Sequence[Any], where: str
) -> Any:
    """``run(query, params)``, retried a few times while the database is locked."""
    for attempt in range(RETRIES + 1):
        try:
            return run(query, params)
        except (StoreError, sqlite3.Error) as exc:
            if not _is_lock(exc):
                if isinstance(exc, StoreError):
                    raise
                raise StoreError(f"{where}: cannot read the SQLite database ({exc})") from None
            if attempt == RETRIES:
                raise StoreError(
                    f"{where}: the store is busy (an ingest is writing); try again"
                ) from None
            time.sleep(RETRY_PAUSE_S * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


class ReadOnlyDatabase(Database):
    """A :class:`Database` that cannot write and retries reads that meet a lock."""

    def _connect_postgres(self) -> Any:
        conn = super()._connect_postgres()
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return conn

    def _connect_sqlite(self, path: str) -> Any:
        if path == ":memory:" or not os.path.isfile(path):
            raise StoreError(f"{path}: no store there (create it with `waqai ingest --db ...`)")
        uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"

        def connect(_query: str, _params: Sequence[Any]) -> Any:
            conn = sqlite3.connect(
                uri,
                uri=True,
                isolation_level=None,
                check_same_thread=False,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
            try:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA query_only = ON")
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            except BaseException:
                conn.close()
                raise
            return conn

        return _retry(connect, "", (), path)

    def rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return _retry(super().rows, query, params, self.url)

    def dicts(self, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return _retry(super().dicts, query, params, self.url)


class Reader(Queries):
    """The store's read-side queries over a read-only connection (see :class:`Queries`)."""

    def __init__(self, url: str | None = None) -> None:
        self.db = ReadOnlyDatabase(url)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def check_store(url: str | None) -> str:
    """Open the store once to fail early with a clear message; its resolved URL."""
    with Reader(url) as reader:
        if reader.db.is_postgres:
            names = {
                r[0]
                for r in reader.db.rows(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                )
            }
        else:
            names = {
                r[0]
                for r in reader.db.rows(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                )
            }
        missing = [t for t in REQUIRED_TABLES if t not in names]
        if missing:
            raise StoreError(
                f"{reader.db.url}: not a waqai store (missing tables: {', '.join(missing)})"
            )
        return reader.db.url
