"""The store schema as an ordered list of named, recorded migrations.

Each migration runs once, inside a transaction, and is recorded in the
``migrations`` table; opening a store applies the ones it lacks, so an old
database is upgraded in place. Never edit a released migration: add one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from waqai.errors import StoreError
from waqai.store.db import Database

INITIAL = [
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        external_id TEXT,
        title TEXT,
        url TEXT,
        source TEXT,
        path TEXT,
        published TEXT,
        published_source TEXT,
        n_chars INTEGER NOT NULL,
        n_events INTEGER NOT NULL,
        ingested_at TEXT NOT NULL,
        minhash {blob},
        doc_json TEXT NOT NULL
    )""",
    "CREATE INDEX documents_published ON documents (published)",
    """CREATE TABLE entities (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
        type TEXT NOT NULL, entity_id TEXT, name TEXT, name_en TEXT, country TEXT,
        PRIMARY KEY (doc_id, idx)
    )""",
    "CREATE INDEX entities_entity_id ON entities (entity_id)",
    """CREATE TABLE timexes (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
        type TEXT NOT NULL, value TEXT,
        PRIMARY KEY (doc_id, idx)
    )""",
    """CREATE TABLE events (
        doc_id TEXT NOT NULL, event_id TEXT NOT NULL,
        type TEXT NOT NULL, mode TEXT, cameo TEXT, context TEXT,
        event_date TEXT, country TEXT,
        actor_text TEXT, actor_entity_id TEXT, actor_code TEXT, actor_norm TEXT,
        recipient_text TEXT, recipient_entity_id TEXT, recipient_code TEXT, recipient_norm TEXT,
        trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
        sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        sentence_text TEXT NOT NULL, sentence_norm TEXT NOT NULL,
        location_text TEXT, location_country TEXT,
        negated INTEGER NOT NULL, modality TEXT, confidence {float}, quad_class INTEGER,
        PRIMARY KEY (doc_id, event_id)
    )""",
    "CREATE INDEX events_type_country ON events (type, country)",
    """CREATE TABLE quotes (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
        speaker_text TEXT, speaker_entity_id TEXT, speaker_code TEXT, verb_text TEXT,
        PRIMARY KEY (doc_id, idx)
    )""",
    """CREATE TABLE duplicate_groups (
        doc_id TEXT PRIMARY KEY,
        group_id TEXT NOT NULL,
        canonical_id TEXT NOT NULL,
        size INTEGER NOT NULL
    )""",
    "CREATE INDEX duplicate_groups_group ON duplicate_groups (group_id)",
    """CREATE TABLE event_clusters (
        cluster_id TEXT PRIMARY KEY,
        type TEXT NOT NULL, mode TEXT, event_date TEXT, country TEXT, negated INTEGER NOT NULL,
        actor_text TEXT, recipient_text TEXT,
        n_mentions INTEGER NOT NULL, n_documents INTEGER NOT NULL, n_sources INTEGER NOT NULL,
        first_published TEXT,
        doc_id TEXT NOT NULL, event_id TEXT NOT NULL, sentence_text TEXT NOT NULL
    )""",
    "CREATE INDEX event_clusters_country_date ON event_clusters (country, event_date)",
    """CREATE TABLE cluster_members (
        doc_id TEXT NOT NULL, event_id TEXT NOT NULL, cluster_id TEXT NOT NULL,
        PRIMARY KEY (doc_id, event_id)
    )""",
    "CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id)",
    """CREATE TABLE ingest_errors (
        source TEXT NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL,
        run_id INTEGER, at TEXT NOT NULL,
        PRIMARY KEY (source, line)
    )""",
    """CREATE TABLE ingest_progress (
        run_id {serial},
        started_at TEXT NOT NULL, updated_at TEXT NOT NULL, finished_at TEXT,
        status TEXT NOT NULL, inputs TEXT NOT NULL, workers INTEGER NOT NULL,
        batches INTEGER NOT NULL, n_read INTEGER NOT NULL, n_added INTEGER NOT NULL,
        n_skipped INTEGER NOT NULL, n_errors INTEGER NOT NULL, last_source TEXT
    )""",
]


def _initial(db: Database) -> None:
    for statement in INITIAL:
        db.execute(statement)


def _search(db: Database) -> None:
    """Full-text search over the matching form plus clitic-stripped stems (see store.search)."""
    if db.is_postgres:
        db.execute("CREATE TABLE documents_search (doc_id TEXT PRIMARY KEY, body TEXT NOT NULL)")
        db.execute(
            "CREATE INDEX documents_search_fts ON documents_search USING GIN (to_tsvector('simple', body))"
        )
    else:
        # contentless: the index only, keyed by the rowid of the document
        db.execute(
            "CREATE VIRTUAL TABLE documents_search USING fts5("
            "body, content = '', tokenize = 'unicode61 remove_diacritics 0')"
        )


def _ingest_parts(db: Database) -> None:
    """Input units (a file, or a byte range of a JSONL file) whose records are committed.

    Written in the transaction of their batch, so a rerun skips a unit that
    is unchanged (same size and modification time) without reading it; the
    counts let its summary still say how many records it read and how many
    were bad, and the line span finds its errors in ``ingest_errors``.
    """
    db.execute(
        """CREATE TABLE ingest_parts (
        path TEXT NOT NULL, start_byte BIGINT NOT NULL, end_byte BIGINT NOT NULL,
        size BIGINT NOT NULL, mtime_ns BIGINT NOT NULL,
        source TEXT NOT NULL, first_line INTEGER NOT NULL, last_line INTEGER NOT NULL,
        n_read INTEGER NOT NULL, n_failed INTEGER NOT NULL, run_id INTEGER, at TEXT NOT NULL,
        PRIMARY KEY (path, start_byte, end_byte)
    )"""
    )


#: every migration in order: (name, function)
MIGRATIONS: list[tuple[str, Callable[[Database], None]]] = [
    ("0001_initial", _initial),
    ("0002_search", _search),
    ("0003_ingest_parts", _ingest_parts),
]


def _foreign_tables(db: Database) -> list[str]:
    """Tables of another application in a database that has no waqai migrations table."""
    if db.is_postgres:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    tables = sorted(r[0] for r in db.rows(sql))
    return [] if not tables or "migrations" in tables else tables


def applied(db: Database) -> list[str]:
    foreign = _foreign_tables(db)
    if foreign:
        shown = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise StoreError(
            f"{db.url}: not a waqai store (it holds other tables: {shown}); refusing to change it"
        )
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [r[0] for r in db.rows("SELECT name FROM migrations ORDER BY name")]


def migrate(db: Database) -> list[str]:
    """Apply the migrations ``db`` lacks, each in its own transaction; their names."""
    done = set(applied(db))
    ran = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with db.transaction():
            if name in {
                r[0] for r in db.rows("SELECT name FROM migrations WHERE name = ?", (name,))
            }:
                continue  # another process applied it meanwhile
            fn(db)
            db.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
        ran.append(name)
    return ran
