"""A thin database layer: one API over SQLite (default) and PostgreSQL.

SQL is written once with ``?`` placeholders and ``{blob}``/``{float}``/
``{serial}`` type macros; the dialect rewrites them. Both backends run in
autocommit mode with explicit transactions, so a batch is committed whole or
not at all. ``INSERT ... ON CONFLICT`` is valid in both.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from waqai.errors import StoreError

DEFAULT_URL = "sqlite:///waqai.db"


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str  # "sqlite" | "postgresql"
    types: dict[str, str]

    def sql(self, query: str) -> str:
        """``query`` with this dialect's placeholders and types."""
        if self.name == "postgresql":
            query = query.replace("?", "%s")
        for macro, type_ in self.types.items():
            query = query.replace("{" + macro + "}", type_)
        return query


SQLITE = Dialect(
    "sqlite", {"blob": "BLOB", "float": "REAL", "serial": "INTEGER PRIMARY KEY AUTOINCREMENT"}
)
POSTGRES = Dialect(
    "postgresql", {"blob": "BYTEA", "float": "DOUBLE PRECISION", "serial": "BIGSERIAL PRIMARY KEY"}
)


def sqlite_path(url: str) -> str:
    """The file path of a ``sqlite:///`` URL (or of a plain path)."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :] or ":memory:"
    if url.startswith("sqlite://"):
        return url[len("sqlite://") :] or ":memory:"
    return url


class Database:
    """A connection, its dialect, and a few helpers that hide driver differences."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or os.environ.get("WAQAI_DB") or DEFAULT_URL
        self._in_tx = False
        if self.url.startswith(("postgresql://", "postgres://")):
            self.dialect = POSTGRES
            self.conn = self._connect_postgres()
        elif "://" in self.url and not self.url.startswith("sqlite:"):
            raise StoreError(
                f"unsupported database URL {self.url!r} (use sqlite:///PATH or postgresql://...)"
            )
        else:
            self.dialect = SQLITE
            self.conn = self._connect_sqlite(sqlite_path(self.url))

    def _connect_sqlite(self, path: str) -> Any:
        if path != ":memory:":
            parent = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(parent):
                raise StoreError(f"{path}: folder {parent} does not exist")
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open SQLite database ({exc})") from None
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{path}: not a SQLite database ({exc})") from None
        return conn

    def _connect_postgres(self) -> Any:
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                "PostgreSQL needs the postgres extra: pip install 'waqai[postgres]'"
            ) from None
        try:
            return psycopg.connect(self.url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL ({str(exc).strip()})") from None

    @property
    def is_postgres(self) -> bool:
        return self.dialect is POSTGRES

    def _errors(self) -> tuple[type[Exception], ...]:
        if self.is_postgres:
            import psycopg

            return (psycopg.Error,)
        return (sqlite3.Error,)

    def execute(self, query: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""
        try:
            cur = self.conn.execute(self.dialect.sql(query), tuple(params))
            n = cur.rowcount
            cur.close()
            return int(n)
        except self._errors() as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from exc

    def executemany(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            cur = self.conn.cursor()
            cur.executemany(self.dialect.sql(query), [tuple(r) for r in rows])
            cur.close()
        except self._errors() as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from exc

    def rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            cur = self.conn.execute(self.dialect.sql(query), tuple(params))
            out = [tuple(r) for r in cur.fetchall()]
            cur.close()
            return out
        except self._errors() as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from exc

    def dicts(self, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            cur = self.conn.execute(self.dialect.sql(query), tuple(params))
            names = [d[0] for d in cur.description]
            out = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
            cur.close()
            return out
        except self._errors() as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from exc

    def scalar(self, query: str, params: Sequence[Any] = ()) -> Any:
        rows = self.rows(query, params)
        return rows[0][0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All statements inside commit together, or none does."""
        if self._in_tx:
            yield
            return
        self.execute("BEGIN IMMEDIATE" if not self.is_postgres else "BEGIN")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self._in_tx = False
            self.conn.execute("ROLLBACK")
            raise
        self._in_tx = False
        self.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()
