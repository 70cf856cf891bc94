"""Arrow batches and the ``--out`` Parquet dataset: lossless, deterministic, resumable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from waqai.cli import main
from waqai.corpus.extract import extract_batch
from waqai.corpus.ingest import IngestSummary, ingest
from waqai.corpus.parquet import results_table, table_results, write_dataset
from waqai.engines import LocalEngine
from waqai.errors import ConfigError
from waqai.io.readers import read_inputs
from waqai.io.records import BadRecord
from waqai.store import open_store

NOW = "2026-01-01"


def _dataset(out: Path) -> dict[str, list[dict]]:
    """Every table of a dataset, rows sorted, with the files it is made of."""
    got: dict[str, list] = {}
    for name in ("documents", "events", "errors"):
        rows = pq.read_table(out / name).to_pylist()
        got[name] = sorted(rows, key=repr)
        got[name + "_files"] = sorted(p.name for p in (out / name).glob("part-*.parquet"))
    return got


@pytest.fixture
def local_dataset(tmp_path: Path, engine_folder: Path) -> dict[str, list[dict]]:
    out = tmp_path / "local"
    write_dataset([str(engine_folder)], out, LocalEngine(1), batch_size=4, now=NOW)
    return _dataset(out)


def test_engines_parquet_results_table_round_trip(engine_folder: Path) -> None:
    items = list(read_inputs([str(engine_folder / "story.txt"), str(engine_folder / "feed.jsonl")]))
    results = extract_batch(items, NOW)
    assert [isinstance(r, BadRecord) for r in results] == [False, False, True]
    table = results_table(results)
    assert table.num_rows == 3
    back = table_results(table)
    assert back[2] == results[2]
    for (doc, sig), (doc2, sig2) in zip(results[:2], back[:2], strict=True):
        assert doc2.to_dict() == doc.to_dict() and sig2 == sig and doc.events


def test_engines_parquet_dataset_layout_and_contents(
    tmp_path: Path, engine_folder: Path, local_dataset: dict
) -> None:
    parts = [f"part-{i:06d}.parquet" for i in range(6)]  # 24 records in partitions of 4
    assert local_dataset["documents_files"] == local_dataset["events_files"] == parts
    assert len(local_dataset["documents"]) == 21
    assert {Path(e["source"]).name for e in local_dataset["errors"]} == {"empty.txt", "feed.jsonl"}
    # the same documents and events as a store filled from the same folder
    db = tmp_path / "store.db"
    with open_store(f"sqlite:///{db}") as store:
        ingest([str(engine_folder)], store, batch_size=4, now=NOW)
    con = sqlite3.connect(db)
    try:
        docs = dict(con.execute("SELECT id, doc_json FROM documents").fetchall())
        events = sorted(con.execute("SELECT doc_id, event_id, type, trigger_start FROM events"))
    finally:
        con.close()
    assert {d["id"]: d["doc_json"] for d in local_dataset["documents"]} == docs
    assert events and events == sorted(
        (e["doc_id"], e["event_id"], e["type"], e["trigger_start"]) for e in local_dataset["events"]
    )


def test_engines_parquet_dask_dataset_same_and_resumable(
    dask_scheduler: str, tmp_path: Path, engine_folder: Path, local_dataset: dict
) -> None:
    from waqai.engines.dask_engine import DaskEngine

    out = tmp_path / "dask"

    class Stop(Exception):
        pass

    def stop_after_two(s: IngestSummary) -> None:
        if s.batches == 2:
            raise Stop

    with pytest.raises(Stop):
        write_dataset(
            [str(engine_folder)], out, DaskEngine(scheduler=dask_scheduler), 4, NOW, stop_after_two
        )
    # finished partitions only: a cancelled task still running may hold a hidden .part-*.tmp
    done = sorted(p.name for p in (out / "documents").glob("part-*.parquet"))
    # the two partitions the driver saw, perhaps more: cancelled tasks already running finish
    assert done[:2] == ["part-000000.parquet", "part-000001.parquet"]
    rest = write_dataset([str(engine_folder)], out, DaskEngine(scheduler=dask_scheduler), 4, NOW)
    assert rest.batches <= 4 and rest.failed == 2  # partitions written before are skipped
    assert _dataset(out) == local_dataset
    again = write_dataset([str(engine_folder)], out, DaskEngine(scheduler=dask_scheduler), 4, NOW)
    assert (again.read, again.added, again.skipped, again.batches) == (24, 0, 24, 0)
    assert _dataset(out) == local_dataset


def test_engines_cli_ingest_out_dataset(
    dask_scheduler: str, tmp_path: Path, engine_folder: Path, local_dataset: dict
) -> None:
    out = tmp_path / "cli"
    args = ["ingest", str(engine_folder), "--out", str(out), "--now", NOW, "--batch-size", "4"]
    result = CliRunner().invoke(main, [*args, "--engine", "dask", "--scheduler", dask_scheduler])
    assert result.exit_code == 1, result.output  # two bad inputs
    assert "21 document(s) written" in result.output and "2 failed" in result.output
    assert _dataset(out) == local_dataset
    other = CliRunner().invoke(main, [*args[:-1], "8"])
    assert other.exit_code == 1 and "give a new --out directory" in other.output


def test_engines_parquet_manifest_keeps_inputs_and_reference_date(
    tmp_path: Path, engine_folder: Path
) -> None:
    out = tmp_path / "d"
    story = [str(engine_folder / "story.txt")]
    assert write_dataset(story, out, now=NOW).added == 1
    assert json.loads((out / "_waqai.json").read_text(encoding="utf-8"))["now"] == NOW
    (out / "events" / ".part-000009.parquet.123.tmp").write_bytes(b"half a file")
    again = write_dataset(story, out)  # no date given: the recorded one, nothing redone
    assert (again.read, again.added, again.skipped) == (1, 0, 1)
    assert not list(out.glob("*/.*.tmp"))  # what a killed run left is cleaned up
    with pytest.raises(ConfigError, match="written with --now 2026-01-01"):
        write_dataset(story, out, now="2025-05-05")
    with pytest.raises(ConfigError, match="new --out directory"):
        write_dataset([str(engine_folder)], out)
