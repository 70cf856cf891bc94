"""The store on every backend: migrations, idempotent batches, errors, progress."""

from __future__ import annotations

import pytest

from waqai.errors import StoreError
from waqai.io.records import BadRecord
from waqai.store import open_store
from waqai.store.migrations import MIGRATIONS, applied


def test_store_migrations_recorded_once(store_url: str) -> None:
    with open_store(store_url) as s:
        assert applied(s.db) == [name for name, _ in MIGRATIONS]
    with open_store(store_url) as s:  # reopening applies nothing new
        assert s.db.scalar("SELECT COUNT(*) FROM migrations") == len(MIGRATIONS)


def test_store_old_database_is_upgraded(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from waqai.store import migrations
    from waqai.store.db import Database

    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:1])
    db = Database(store_url)
    try:
        assert migrations.migrate(db) == ["0001_initial"]
    finally:
        db.close()
    monkeypatch.undo()
    with open_store(store_url) as s:
        assert applied(s.db) == [name for name, _ in MIGRATIONS]
        assert s.search("كازاخستان") == []  # the index of the newer migration exists


def test_store_add_batch_is_idempotent(store, crisis_docs) -> None:
    docs = list(crisis_docs.values())
    assert store.add_documents(docs) == 6
    assert store.add_documents(docs) == 0
    s = store.stats()
    assert (s["documents"], s["event_mentions"]) == (6, 8)


def test_store_document_roundtrip(store, crisis_docs) -> None:
    doc = crisis_docs["a"]
    store.add_documents([doc])
    back = store.document(doc.id)
    assert back is not None
    assert back.to_dict() == doc.to_dict()
    assert store.document("missing") is None
    assert [d.id for d in store.documents(page=1)] == [doc.id]


def test_store_batch_rolls_back_whole(store, crisis_docs) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.db.transaction():
        store.add_documents([crisis_docs["a"]])
        raise Boom
    assert store.stats()["documents"] == 0


def test_store_errors_recorded_and_upserted(store) -> None:
    run = store.start_run(["x"], 1)
    store.add_batch(
        [], [BadRecord("a.jsonl", "invalid JSON", 3), BadRecord("b.txt", "empty file")], run, 2
    )
    store.add_batch([], [BadRecord("b.txt", "binary file (PNG image), not text")], run, 1)
    store.finish_run(run, "done")
    errors = store.errors()
    assert [(e["source"], e["line"], e["reason"]) for e in errors] == [
        ("a.jsonl", 3, "invalid JSON"),
        ("b.txt", 0, "binary file (PNG image), not text"),
    ]
    row = store.db.dicts("SELECT status, batches, n_read, n_errors FROM ingest_progress")[0]
    assert row == {"status": "done", "batches": 2, "n_read": 3, "n_errors": 3}


def test_store_known_ids(store, crisis_docs) -> None:
    store.add_documents([crisis_docs["a"], crisis_docs["b"]])
    ids = [d.id for d in crisis_docs.values()]
    assert store.known_ids(ids) == {crisis_docs["a"].id, crisis_docs["b"].id}


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mysql://x/y", "unsupported database URL"),
        ("sqlite:////no/such/folder/x.db", "does not exist"),
    ],
)
def test_store_bad_url_is_a_clear_error(url: str, reason: str) -> None:
    with pytest.raises(StoreError, match=reason):
        open_store(url)


def test_store_not_a_database(tmp_path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all, just text" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(f"sqlite:///{bad}")


def test_store_sqlite_uses_wal(tmp_path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'w.db'}") as s:
        assert s.db.scalar("PRAGMA journal_mode") == "wal"
        assert s.db.scalar("PRAGMA busy_timeout") == 30000
