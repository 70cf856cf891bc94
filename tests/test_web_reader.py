"""Reading the store while an ingest writes: read-only, short waits, bounded retries."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from waqai.errors import StoreError
from waqai.store import open_store
from waqai.web.app import create_app
from waqai.web.reader import Reader, check_store


@pytest.fixture
def small_store(tmp_path: Path, crisis_docs) -> tuple[str, Path]:
    path = tmp_path / "small.db"
    with open_store(f"sqlite:///{path}") as store:
        store.add_documents(crisis_docs.values())
        store.rebuild()
    return f"sqlite:///{path}", path


def _lock(path: Path) -> sqlite3.Connection:
    """A writer holding an exclusive lock, as a long ingest batch can."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE documents SET title = title")
    return conn


def test_web_reader_lock_gives_a_clean_503(small_store) -> None:
    url, path = small_store
    client = TestClient(create_app(url), raise_server_exceptions=False)
    writer = _lock(path)
    try:
        r = client.get("/api/stats")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert r.status_code == 503
    assert r.json()["title"] == "Store unavailable"
    assert "busy" in r.json()["detail"] and "database is locked" not in r.text


def test_web_reader_retries_until_the_lock_goes(small_store) -> None:
    url, path = small_store
    client = TestClient(create_app(url), raise_server_exceptions=False)
    writer = _lock(path)

    def release() -> None:
        time.sleep(0.3)
        writer.execute("COMMIT")
        writer.close()

    thread = threading.Thread(target=release)
    thread.start()
    try:
        r = client.get("/api/stats")
    finally:
        thread.join()
    assert r.status_code == 200
    assert r.json()["documents"] == 6


def test_web_reader_reads_while_a_batch_is_open(small_store, crisis_docs) -> None:
    url, _ = small_store
    with open_store(url) as writer, Reader(url) as reader:
        with writer.db.transaction():
            writer.db.execute("DELETE FROM event_clusters")
            # WAL: the reader sees the last committed state, without waiting
            assert reader.stats()["merged_events"] == 4
        assert reader.stats()["merged_events"] == 0


def test_web_reader_never_creates_or_migrates(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no store there"):
        check_store(f"sqlite:///{missing}")
    assert not missing.exists()
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (a)").connection.close()
    with pytest.raises(StoreError, match="not a waqai store"):
        check_store(f"sqlite:///{tmp_path / 'other.db'}")
    with pytest.raises(StoreError, match="unsupported"):
        check_store("mysql://x")


def test_web_reader_both_backends(store, store_url: str, crisis_docs) -> None:
    store.add_documents(crisis_docs.values())
    store.rebuild()
    client = TestClient(create_app(store_url), raise_server_exceptions=False)
    assert client.get("/api/events", params={"country": "KZ"}).json()["total"] == 3
    hits = client.get("/api/articles", params={"q": "الماتي"}).json()
    assert {a["path"] for a in hits["items"]} == {"a.txt", "repost.txt", "c.txt"}
    assert client.get("/api/network").json()["edges"]
    assert client.get("/timeline", params={"country": "KZ"}).status_code == 200
    with Reader(store_url) as reader, pytest.raises(StoreError, match="read-only|readonly"):
        reader.db.execute("DELETE FROM documents")


def test_web_reader_serves_during_a_real_ingest(small_store) -> None:
    import subprocess
    import sys

    url, _ = small_store
    samples = Path(__file__).resolve().parents[1] / "samples"
    client = TestClient(create_app(url), raise_server_exceptions=False)
    cmd = [sys.executable, "-c", "from waqai.cli import main; main()", "ingest", str(samples)]
    ingest = subprocess.Popen([*cmd, "--db", url, "--batch-size", "4"], stderr=subprocess.DEVNULL)
    statuses = []
    try:
        while ingest.poll() is None:
            for path in ("/api/stats", "/api/events?country=KZ", "/", "/timeline?country=KZ"):
                statuses.append(client.get(path).status_code)
    finally:
        ingest.wait(timeout=120)
    assert ingest.returncode == 0
    assert statuses and set(statuses) == {200}
    assert client.get("/api/stats").json()["documents"] > 6
