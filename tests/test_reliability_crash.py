"""Crash safety: SIGKILL during ingest at random moments, then rerun.

After every kill the SQLite file passes ``PRAGMA integrity_check`` (the kill
often lands inside a batch transaction: a power cut as far as the database
can tell), and the rerun ends with exactly the store of an uninterrupted run:
same counts and the same content hash over documents, events, duplicate
groups and event clusters. ``make stress`` runs more seeds.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WAQAI = [sys.executable, "-m", "waqai.cli"]
TABLES = {
    "documents": "SELECT id, published FROM documents",
    "events": "SELECT * FROM events",
    "duplicate_groups": "SELECT doc_id, group_id, canonical_id, size FROM duplicate_groups",
    "event_clusters": "SELECT * FROM event_clusters",
    "cluster_members": "SELECT * FROM cluster_members",
}


def _ingest(src: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            *WAQAI,
            "ingest",
            str(src),
            "--db",
            f"sqlite:///{db}",
            "--batch-size",
            "4",
            "--now",
            "2026-11-29",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def snapshot(db: Path) -> tuple[dict[str, int], str]:
    """Row counts per table and one hash over their sorted contents."""
    digest = hashlib.sha256()
    counts = {}
    with closing(sqlite3.connect(db)) as con:
        for table, sql in TABLES.items():
            rows = sorted(repr(r) for r in con.execute(sql))
            counts[table] = len(rows)
            digest.update(table.encode())
            for r in rows:
                digest.update(r.encode())
    return counts, digest.hexdigest()


def integrity(db: Path) -> str:
    with closing(sqlite3.connect(db)) as con:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("corpus")
    for p in sorted((ROOT / "samples" / "articles").glob("*.txt")):
        shutil.copy(p, src / p.name)
    return src


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], str]:
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    assert _ingest(corpus, db).wait(timeout=300) == 0
    counts, digest = snapshot(db)
    assert counts["documents"] >= 40 and counts["events"] > 0 and counts["event_clusters"] > 0
    return counts, digest


def kill_and_resume(corpus: Path, db: Path, seed: int) -> None:
    rng = random.Random(seed)
    proc = _ingest(corpus, db)
    # wait until the store exists and some batches may be in flight, then kill at a random moment
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, 2.5))
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert integrity(db) == "ok"
    assert _ingest(corpus, db).wait(timeout=300) == 0
    assert integrity(db) == "ok"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reliability_sigkill_then_rerun_gives_same_store(
    seed: int, corpus: Path, reference: tuple[dict[str, int], str], tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    kill_and_resume(corpus, db, seed)
    assert snapshot(db) == reference


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4, 24))
def test_reliability_stress_many_kills(
    seed: int, corpus: Path, reference: tuple[dict[str, int], str], tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    kill_and_resume(corpus, db, seed)
    kill_and_resume(corpus, db, seed * 7)  # a second kill during the resumed run
    assert snapshot(db) == reference


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"this is not a database at all, just some text " * 100, "not a SQLite database"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "not a SQLite database"),
    ],
)
def test_reliability_corrupted_database_is_a_clear_error(
    content: bytes, reason: str, tmp_path: Path
) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(content)
    proc = subprocess.run(
        [*WAQAI, "stats", "--db", f"sqlite:///{db}"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0] and reason in lines[0], proc.stderr


def test_reliability_foreign_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other-app.db"
    with closing(sqlite3.connect(db)) as con:
        con.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO users (name) VALUES ('x')")
        con.commit()
    proc = subprocess.run(
        [*WAQAI, "stats", "--db", f"sqlite:///{db}"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "not a waqai store" in proc.stderr
    with closing(sqlite3.connect(db)) as con:  # nothing was added to the other application's file
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"users"}
