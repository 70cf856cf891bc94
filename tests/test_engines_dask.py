"""The Dask engine: the same store as the local engine, idempotent, resumable, models loaded once."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from waqai.cli import main
from waqai.corpus.extract import extract_batch
from waqai.corpus.ingest import IngestSummary, ingest
from waqai.corpus.parquet import write_dataset
from waqai.engines import ENGINES, LocalEngine, get_engine
from waqai.errors import ConfigError
from waqai.store import open_store

pytest.importorskip("distributed")

from test_engines_parquet import _dataset  # noqa: E402
from waqai.engines.dask_engine import DaskEngine  # noqa: E402

NOW = "2026-01-01"
#: columns that record when or in which run a row was written, not what it says
VOLATILE = {"ingested_at", "run_id", "at"}
TABLES = (
    "documents",
    "entities",
    "timexes",
    "events",
    "quotes",
    "duplicate_groups",
    "event_clusters",
    "cluster_members",
    "ingest_errors",
    "ingest_parts",
)


def _contents(db: Path) -> dict[str, list[tuple]]:
    """Every row of every content table (volatile columns left out), sorted."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for table in TABLES:
            cols = [
                r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in VOLATILE
            ]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def _ingest(db: Path, folder: Path, engine, **kw) -> IngestSummary:
    with open_store(f"sqlite:///{db}") as store:
        return ingest([str(folder)], store, engine, batch_size=4, now=NOW, **kw)


@pytest.fixture
def local_contents(tmp_path: Path, engine_folder: Path) -> dict[str, list[tuple]]:
    """The store a local one-process ingest of ``engine_folder`` leaves."""
    db = tmp_path / "local.db"
    _ingest(db, engine_folder, LocalEngine(1))
    return _contents(db)


def _len(batch: list) -> list[int]:
    return [len(batch)]


def _boom(batch: list) -> list:
    raise ValueError(f"bad batch {batch}")


def _probe(batch: list) -> list[tuple[int, bool]]:
    """Extract a batch; (worker pid, whether this call had to build the pipeline)."""
    import waqai.pipeline

    fresh = waqai.pipeline._DEFAULT is None
    extract_batch(batch, NOW)
    return [(os.getpid(), fresh)]


def test_engines_dask_map_partitions_in_input_order(dask_scheduler: str) -> None:
    batches = [list(range(n)) for n in (3, 0, 5, 1, 2, 7, 4)]
    with get_engine("dask", scheduler=dask_scheduler) as engine:
        assert engine.workers == 2
        assert list(engine.map_partitions(_len, batches)) == [[n] for n in (3, 0, 5, 1, 2, 7, 4)]
    # the cluster was joined, not owned: it is still there for the next engine
    with DaskEngine(scheduler=dask_scheduler) as again:
        assert list(again.map_partitions(_len, [[1]])) == [[1]]


def test_engines_dask_worker_error_reaches_the_driver(dask_scheduler: str) -> None:
    with (
        DaskEngine(scheduler=dask_scheduler) as engine,
        pytest.raises(ValueError, match="bad batch"),
    ):
        list(engine.map_partitions(_boom, [[1], [2]]))


def test_engines_dask_starts_and_stops_its_own_cluster() -> None:
    engine = DaskEngine(workers=1)
    try:
        assert engine.workers == 1 and engine.scheduler is None
        assert list(engine.map_partitions(_len, [[1, 2], [3]])) == [[2], [1]]
        client = engine.client
    finally:
        engine.close()
    assert client.status == "closed"


def test_engines_get_engine_names_and_arguments() -> None:
    assert ENGINES == ("local", "dask")
    with pytest.raises(ConfigError, match="known: local, dask"):
        get_engine("spark")
    with pytest.raises(ConfigError, match="dask engine"):
        get_engine("local", 1, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ConfigError, match="at least 1"):
        get_engine("dask", 0)
    with pytest.raises(ConfigError, match="cannot reach"):
        DaskEngine(scheduler="tcp://127.0.0.1:9", timeout=0.5)


def test_engines_dask_refuses_workers_without_the_same_waqai(
    dask_scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import waqai.engines.dask_engine as dask_engine

    installed = dask_engine._installed_version()
    assert installed  # the test venv installs waqai (editable)
    monkeypatch.setattr(dask_engine, "_installed_version", lambda: "9.9")
    with pytest.raises(ConfigError, match=f"2 Dask worker.*has waqai {installed}"):
        DaskEngine(scheduler=dask_scheduler)
    with pytest.raises(ConfigError, match="brings its own workers"):
        DaskEngine(workers=2, scheduler=dask_scheduler)


def test_engines_dask_loads_models_once_per_worker(
    dask_scheduler: str, engine_folder: Path
) -> None:
    from waqai.io.readers import read_inputs

    records = [r for r in read_inputs([str(engine_folder)]) if hasattr(r, "key")]
    batches = [records[i : i + 2] for i in range(0, len(records), 2)]
    with DaskEngine(scheduler=dask_scheduler) as engine:
        calls = [c for out in engine.map_partitions(_probe, batches) for c in out]
    assert len(calls) == len(batches) >= 10
    loads: dict[int, int] = {}
    for pid, fresh in calls:
        loads[pid] = loads.get(pid, 0) + fresh
    assert os.getpid() not in loads  # the work ran in the workers
    assert all(n <= 1 for n in loads.values()), loads  # at most one load per worker process


def test_engines_dask_store_same_as_local(
    dask_scheduler: str, tmp_path: Path, engine_folder: Path, local_contents: dict
) -> None:
    db = tmp_path / "dask.db"
    s = _ingest(db, engine_folder, DaskEngine(scheduler=dask_scheduler))
    assert (s.files, s.read, s.added, s.skipped, s.failed) == (23, 24, 21, 1, 2)
    assert s.duplicate_groups == 1 and s.merged_events > 0
    got = _contents(db)
    assert len(got["documents"]) == 21 and got["events"] and got["event_clusters"]
    assert got == local_contents
    with open_store(f"sqlite:///{db}") as store:
        run = store.db.rows("SELECT status, workers, batches FROM ingest_progress")
    assert run == [("done", 2, 6)]


def test_engines_dask_rerun_adds_nothing(
    dask_scheduler: str, tmp_path: Path, engine_folder: Path, local_contents: dict
) -> None:
    db = tmp_path / "dask.db"
    _ingest(db, engine_folder, DaskEngine(scheduler=dask_scheduler))
    again = _ingest(db, engine_folder, DaskEngine(scheduler=dask_scheduler))
    assert (again.read, again.added, again.skipped, again.failed) == (24, 0, 22, 2)
    assert _contents(db) == local_contents


class _Stop(Exception):
    """Raised by the test hook to cut a run short after some batches."""


def _stop_after(batches: int) -> Callable[[IngestSummary], None]:
    """An ``on_batch`` hook that stops a run once ``batches`` batches are committed."""

    def hook(s: IngestSummary) -> None:
        if s.batches == batches:
            raise _Stop

    return hook


def test_engines_dask_resumes_after_interruption(
    dask_scheduler: str, tmp_path: Path, engine_folder: Path, local_contents: dict
) -> None:
    db = tmp_path / "dask.db"

    with pytest.raises(_Stop):
        _ingest(db, engine_folder, DaskEngine(scheduler=dask_scheduler), on_batch=_stop_after(2))
    with open_store(f"sqlite:///{db}") as store:
        # two whole batches of 4 records: copy.txt, empty.txt (bad), feed.jsonl (one good, one
        # bad), then four generated articles; nothing of the batches in flight
        assert store.stats()["documents"] == 6
    rest = _ingest(db, engine_folder, DaskEngine(scheduler=dask_scheduler))
    assert (rest.added, rest.skipped) == (15, 7)  # story.txt repeats copy.txt
    assert _contents(db) == local_contents


def test_engines_cli_ingest_with_dask_scheduler(
    dask_scheduler: str, tmp_path: Path, engine_folder: Path, local_contents: dict
) -> None:
    db = tmp_path / "cli.db"
    args = ["ingest", str(engine_folder), "--db", f"sqlite:///{db}", "--now", NOW]
    args += ["--batch-size", "4", "--engine", "dask", "--scheduler", dask_scheduler]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output  # two bad inputs
    assert "21 added, 1 already stored, 2 failed" in result.output
    assert "empty.txt" in result.output
    assert _contents(db) == local_contents


LOCAL_ONLY = """
import sys
from waqai.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(sorted(m for m in ("dask", "distributed") if m in sys.modules))
"""


def test_engines_local_ingest_never_imports_dask(tmp_path: Path, engine_folder: Path) -> None:
    cmd = [sys.executable, "-c", LOCAL_ONLY, "ingest", str(engine_folder / "story.txt")]
    cmd += ["--db", f"sqlite:///{tmp_path / 'l.db'}", "--now", NOW, "--no-progress"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=120)
    assert "ingested 1 record(s) from 1 file(s)" in out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_engines_dask_resumes_after_sigkill(
    dask_scheduler: str, tmp_path: Path, corpus_factory, sigkill_after_first_batch
) -> None:
    folder = tmp_path / "big"
    corpus_factory(folder, 400)
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    cmd = [sys.executable, "-m", "waqai.cli", "ingest", str(folder), "--db", url, "--now", NOW]
    cmd += ["--batch-size", "5", "--engine", "dask", "--scheduler", dask_scheduler, "--no-progress"]
    with open_store(url) as s:
        sigkill_after_first_batch(cmd, s, timeout=120)
        stored = s.stats()["documents"]
        assert 0 < stored < 400 and stored % 5 == 0  # whole batches only
    killed = tmp_path / "killed.db"
    rest = _ingest(killed, folder, DaskEngine(scheduler=dask_scheduler))
    assert (rest.added, rest.skipped) == (400 - stored, stored)
    whole = tmp_path / "whole.db"
    _ingest(whole, folder, LocalEngine(1))
    assert _contents(killed) == _contents(whole)


# --- workers read their partitions ---------------------------------------------------------
BIG_LINES = 30  # big.jsonl: cut into ranges of 4 lines, so 8 partitions of it


@pytest.fixture
def big_folder(engine_folder: Path, corpus_factory) -> Path:
    """``engine_folder`` plus big.jsonl: generated articles, a blank and a bad line, a text
    repeated within the file and one that repeats story.txt; and an unreadable binary .txt."""
    texts = [
        p.read_text(encoding="utf-8") for p in corpus_factory(engine_folder / "tmp", 26, seed=11)
    ]
    for p in (engine_folder / "tmp").iterdir():
        p.unlink()
    (engine_folder / "tmp").rmdir()
    lines = [
        json.dumps({"id": f"n{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)
    ]
    lines[5:5] = ["", "{not json"]
    lines.append(json.dumps({"id": "again", "text": texts[0]}, ensure_ascii=False))
    lines.append(json.dumps({"text": (engine_folder / "story.txt").read_text(encoding="utf-8")}))
    assert len(lines) == BIG_LINES
    (engine_folder / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (engine_folder / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    return engine_folder


@pytest.fixture
def big_local(tmp_path: Path, big_folder: Path) -> dict[str, list[tuple]]:
    db = tmp_path / "big-local.db"
    s = _ingest(db, big_folder, LocalEngine(1))
    # 29 records in big.jsonl (the blank line is none), 25 in the rest of the folder
    assert (s.files, s.read, s.added, s.skipped, s.failed) == (25, 54, 47, 3, 4)
    return _contents(db)


class _DriverRead(AssertionError):
    """Raised when the driver process reads a record."""


@pytest.fixture
def no_driver_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way of reading a record fails in this process (Dask workers are other processes)."""
    import waqai.io.partitions as partitions
    import waqai.io.readers as readers
    from waqai.io.records import Record

    def read(*args: object, **kw: object) -> None:
        raise _DriverRead(f"the driver read {args}")

    for module, name in [
        (readers, "read_input"),
        (readers, "iter_jsonl"),
        (readers, "read_text_file"),
        (readers, "read_jsonl_range"),
        (partitions, "read_input"),
        (partitions, "read_jsonl_range"),
        (partitions, "read_unit"),
    ]:
        monkeypatch.setattr(module, name, read)
    monkeypatch.setattr(Record, "__post_init__", read)


def test_engines_dask_workers_read_inputs_not_the_driver(
    dask_scheduler: str, tmp_path: Path, big_folder: Path, big_local: dict, no_driver_reads: None
) -> None:
    db = tmp_path / "cli.db"
    args = ["ingest", str(big_folder), "--db", f"sqlite:///{db}", "--now", NOW]
    args += ["--batch-size", "4", "--engine", "dask", "--scheduler", dask_scheduler]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1, first.output
    assert "54 record(s) from 25 file(s): 47 added, 3 already stored, 4 failed" in first.output
    assert _contents(db) == big_local
    with open_store(f"sqlite:///{db}") as store:
        parts = store.db.rows("SELECT path, first_line, last_line FROM ingest_parts")
        assert sorted(p[1:] for p in parts if p[0].endswith("big.jsonl")) == [
            (i, min(i + 3, BIG_LINES)) for i in range(1, BIG_LINES + 1, 4)
        ]  # big.jsonl went to the workers as byte ranges of 4 lines
    # the bad inputs are named, with the line and the reason, on the first run and on a rerun
    again = CliRunner().invoke(main, args)
    assert "54 record(s) from 25 file(s): 0 added, 50 already stored, 4 failed" in again.output
    for out in (first.output, again.output):
        assert f"{big_folder / 'big.jsonl'}:7: invalid JSON" in out
        assert f"{big_folder / 'feed.jsonl'}:2: invalid JSON" in out
        assert f"{big_folder / 'empty.txt'}: empty file" in out
        assert f"{big_folder / 'logo.txt'}: binary file" in out
    assert _contents(db) == big_local
    with open_store(f"sqlite:///{db}") as store:
        runs = store.db.rows("SELECT batches, n_read, n_added, n_errors FROM ingest_progress")
    assert runs == [(14, 54, 47, 4), (0, 54, 0, 4)]  # the rerun sent no partition to a worker
    # the spy works: a local engine reads in this process
    with pytest.raises(_DriverRead):
        _ingest(tmp_path / "spied.db", big_folder, LocalEngine(1))


def test_engines_dask_resumes_by_partition_and_reruns_no_model(
    dask_scheduler: str,
    tmp_path: Path,
    big_folder: Path,
    big_local: dict,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "dask.db"

    with pytest.raises(_Stop):
        _ingest(db, big_folder, DaskEngine(scheduler=dask_scheduler), on_batch=_stop_after(3))
    with open_store(f"sqlite:///{db}") as store:
        # the first 12 lines of big.jsonl (one blank, one bad), nothing of the partitions in flight
        assert store.stats()["documents"] == 10
        assert store.db.scalar("SELECT MAX(last_line) FROM ingest_parts") == 12
    rest = _ingest(db, big_folder, DaskEngine(scheduler=dask_scheduler))
    assert (rest.read, rest.added, rest.skipped, rest.failed) == (54, 37, 13, 4)
    assert rest.batches == 11
    assert _contents(db) == big_local

    import waqai.corpus.extract as extract

    def no_model(*args: object, **kw: object) -> None:
        raise AssertionError("a model ran")

    monkeypatch.setattr(extract, "extract_one", no_model)
    again = _ingest(db, big_folder, LocalEngine(1))  # the extraction would run in this process
    assert (again.read, again.added, again.skipped, again.failed, again.batches) == (
        54,
        0,
        50,
        4,
        0,
    )
    monkeypatch.undo()
    # another batch size cuts big.jsonl elsewhere: its ranges are read again, nothing is added
    with open_store(f"sqlite:///{db}") as store:
        other = ingest([str(big_folder)], store, LocalEngine(1), batch_size=5, now=NOW)
    assert (other.read, other.added, other.skipped, other.failed) == (54, 0, 50, 4)
    assert _contents(db) == {**big_local, "ingest_parts": _contents(db)["ingest_parts"]}


# --- --out: the same partitions, read and written by the workers ----------------------------
@pytest.fixture
def big_dataset(tmp_path: Path, big_folder: Path) -> dict[str, list[dict]]:
    """The dataset a local one-process ``--out`` run leaves for ``big_folder``."""
    out = tmp_path / "big-local"
    s = write_dataset([str(big_folder)], out, LocalEngine(1), batch_size=4, now=NOW)
    assert (s.files, s.read, s.added, s.skipped, s.failed, s.batches) == (25, 54, 47, 3, 4, 14)
    got = _dataset(out)
    ids = [d["id"] for d in got["documents"]]
    assert len(ids) == len(set(ids)) == 47  # texts repeated across partitions are kept once
    # n0 opens big.jsonl (partition 0); "again" repeats it in partition 7 and is dropped
    assert {"n0"} <= {d["external_id"] for d in got["documents"]} and "again" not in {
        d["external_id"] for d in got["documents"]
    }
    return got


def test_engines_dask_out_workers_read_and_write_not_the_driver(
    dask_scheduler: str, tmp_path: Path, big_folder: Path, big_dataset: dict, no_driver_reads: None
) -> None:
    out = tmp_path / "dask-out"
    args = ["ingest", str(big_folder), "--out", str(out), "--now", NOW, "--batch-size", "4"]
    args += ["--engine", "dask", "--scheduler", dask_scheduler]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1, first.output  # four bad inputs
    assert (
        "read 54 record(s) from 25 file(s): 47 document(s) written to"
        f" {out}, 3 already there or repeated, 4 failed" in first.output
    )
    assert _dataset(out) == big_dataset
    # the bad inputs are in the errors table with the worker's file name, line and reason
    errors = {(Path(e["source"]).name, e["line"], e["reason"]) for e in big_dataset["errors"]}
    assert ("big.jsonl", 7) in {e[:2] for e in errors} and ("logo.txt", 0, "binary file") in {
        (n, line, r[:11]) for n, line, r in errors
    }
    again = CliRunner().invoke(main, args)  # a rerun adds nothing
    assert "54 record(s) from 25 file(s): 0 document(s) written" in again.output
    assert "54 already there or repeated, 4 failed" in again.output
    assert _dataset(out) == big_dataset
    # the spy works: a local engine reads in this process
    with pytest.raises(_DriverRead):
        write_dataset([str(big_folder)], tmp_path / "spied", LocalEngine(1), 4, NOW)


def test_engines_dask_out_resumes_to_the_same_dataset(
    dask_scheduler: str, tmp_path: Path, big_folder: Path, big_dataset: dict
) -> None:
    out = tmp_path / "dask-out"

    with pytest.raises(_Stop):
        write_dataset(
            [str(big_folder)], out, DaskEngine(scheduler=dask_scheduler), 4, NOW, _stop_after(3)
        )
    # partitions 0-2 at least (cancelled tasks already running may finish theirs)
    assert len(list((out / "documents").glob("part-*.parquet"))) >= 3
    rest = write_dataset([str(big_folder)], out, DaskEngine(scheduler=dask_scheduler), 4, NOW)
    assert (rest.read, rest.failed) == (54, 4) and rest.batches <= 11
    assert _dataset(out) == big_dataset
    again = write_dataset([str(big_folder)], out, DaskEngine(scheduler=dask_scheduler), 4, NOW)
    assert (again.read, again.added, again.skipped, again.failed, again.batches) == (
        54,
        0,
        54,
        4,
        0,
    )
    assert _dataset(out) == big_dataset


def test_engines_out_killed_before_dropping_a_repeat(
    tmp_path: Path, big_folder: Path, big_dataset: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run killed after a worker wrote a repeat and before the driver dropped it: the
    partition is finished on disk, and the rerun drops the repeat from it."""
    import waqai.corpus.parquet as parquet

    def killed(*args: object) -> None:
        raise _Stop

    out = tmp_path / "killed"
    monkeypatch.setattr(parquet, "drop_documents", killed)
    with pytest.raises(_Stop):
        write_dataset([str(big_folder)], out, LocalEngine(1), 4, NOW)
    ids = [d["id"] for d in _dataset(out)["documents"]]
    assert len(ids) > len(set(ids))  # the repeat is on disk
    monkeypatch.undo()
    rest = write_dataset([str(big_folder)], out, LocalEngine(1), 4, NOW)
    assert (rest.read, rest.failed) == (54, 4) and rest.added < 47
    assert _dataset(out) == big_dataset


@pytest.mark.slow
def test_engines_dask_out_resumes_after_sigkill(
    dask_scheduler: str, tmp_path: Path, big_folder: Path, big_dataset: dict, sigkill_when
) -> None:
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "waqai.cli", "ingest", str(big_folder), "--out", str(out)]
    cmd += ["--now", NOW, "--batch-size", "4", "--engine", "dask", "--scheduler", dask_scheduler]
    first = out / "documents" / "part-000000.parquet"
    sigkill_when([*cmd, "--no-progress"], first.exists, timeout=120)
    rest = write_dataset([str(big_folder)], out, DaskEngine(scheduler=dask_scheduler), 4, NOW)
    assert (rest.read, rest.failed) == (54, 4)
    assert _dataset(out) == big_dataset
