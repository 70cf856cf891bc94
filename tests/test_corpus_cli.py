"""The corpus commands: ingest, events, timeline, search, stats, export (thin over the store)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from waqai.cli import main
from waqai.store import open_store


@pytest.fixture
def filled_url(store_url: str, crisis_docs) -> str:
    with open_store(store_url) as s:
        s.add_documents(crisis_docs.values())
        s.rebuild()
    return store_url


def test_corpus_cli_ingest_exit_codes(store_url: str, tmp_path: Path, corpus_factory) -> None:
    good = tmp_path / "good"
    corpus_factory(good, 5)
    runner = CliRunner()
    ok = runner.invoke(main, ["ingest", str(good), "--db", store_url])
    assert ok.exit_code == 0, ok.output
    assert "5 added, 0 already stored, 0 failed" in ok.stderr
    (good / "bad.txt").write_bytes(b"")
    some = runner.invoke(main, ["ingest", str(good), "--db", store_url])
    assert some.exit_code == 1
    assert "0 added, 5 already stored, 1 failed" in some.stderr
    assert "bad.txt: empty file" in some.stderr
    assert runner.invoke(main, ["ingest", "--db", store_url]).exit_code == 2
    assert runner.invoke(main, ["ingest", str(good), "--workers", "0"]).exit_code == 2


def test_corpus_cli_ingest_stdin(store_url: str) -> None:
    lines = "\n".join(
        json.dumps(
            {
                "id": str(i),
                "text": f"خبر رقم {i} عن المفاوضات في جنيف",
                "published": "2022-01-0" + str(i),
            }
        )
        for i in range(1, 4)
    )
    result = CliRunner().invoke(main, ["ingest", "-", "--db", store_url], input=lines + "\n{oops\n")
    assert result.exit_code == 1
    assert "3 added" in result.stderr and "<stdin>:4: invalid JSON" in result.stderr
    with open_store(store_url) as s:
        assert s.stats()["published_range"] == ["2022-01-01", "2022-01-03"]


def test_corpus_cli_bad_db_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--db", "mysql://nowhere/x"])
    assert result.exit_code == 1
    assert result.stderr.startswith("waqai: error: unsupported database URL")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "n"),
    [
        ([], 4),
        (["--country", "KZ"], 3),
        (["--type", "RETREAT", "--since", "2022-01-14"], 1),
        (["--actor", "منظمة", "--until", "2022-01-13"], 1),
        (["--text", "طائرة"], 1),
        (["--text", "ألماتي"], 3),
    ],
)
def test_corpus_cli_events_json(filled_url: str, args: list[str], n: int) -> None:
    result = CliRunner().invoke(main, ["events", "--db", filled_url, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == n


def test_corpus_cli_events_csv_and_table(filled_url: str) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--db", filled_url, "--format", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and rows[0]["cluster_id"].startswith("ev-")
    table = runner.invoke(
        main, ["events", "--db", filled_url, "--country", "RU"], terminal_width=200
    )
    assert table.exit_code == 0 and "ACCUSE" in table.stdout
    assert runner.invoke(main, ["events", "--db", filled_url, "--since", "soon"]).exit_code == 1


def test_corpus_cli_timeline(filled_url: str) -> None:
    result = CliRunner().invoke(main, ["timeline", "--country", "kz", "--db", filled_url])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2022-01-05  PROTEST")
    head = next(line for line in lines if line.startswith("2022-01-13  RETREAT"))
    assert "[3 source(s), 4 mention(s)]" in head
    assert sum(1 for line in lines if line.startswith("    ")) == 7
    empty = CliRunner().invoke(main, ["timeline", "--country", "FR", "--db", filled_url])
    assert empty.exit_code == 0 and "no events for FR" in empty.stderr


def test_corpus_cli_search(filled_url: str) -> None:
    result = CliRunner().invoke(main, ["search", "بألماتي", "--db", filled_url, "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 3
    text = CliRunner().invoke(main, ["search", "طائرة", "--db", filled_url])
    assert "طائرة" in text.stdout


def test_corpus_cli_stats(filled_url: str) -> None:
    result = CliRunner().invoke(main, ["stats", "--db", filled_url, "--format", "json", "--errors"])
    s = json.loads(result.stdout)
    assert (s["documents"], s["unique_documents"], s["merged_events"], s["errors"]) == (6, 5, 4, [])
    text = CliRunner().invoke(main, ["stats", "--db", filled_url])
    assert "merged_events: 4" in text.stdout


@pytest.mark.parametrize(("fmt", "n"), [("jsonl", 6), ("csv", 9), ("plover", 4)])
def test_corpus_cli_export(filled_url: str, tmp_path: Path, fmt: str, n: int) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        main, ["export", "--db", filled_url, "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    if fmt == "csv":  # evidence sentences may hold newlines: count records, not lines
        assert len(list(csv.reader(io.StringIO(written)))) == n
    else:
        assert len(written.splitlines()) == n
    stdout = CliRunner().invoke(main, ["export", "--db", filled_url, "--format", fmt])
    assert stdout.stdout == out.read_text(encoding="utf-8")


def test_corpus_cli_export_parquet(filled_url: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    runner = CliRunner()
    assert runner.invoke(main, ["export", "--db", filled_url, "--format", "parquet"]).exit_code == 2
    out = tmp_path / "events.parquet"
    result = runner.invoke(
        main,
        [
            "export",
            "--db",
            filled_url,
            "--format",
            "parquet",
            "--out",
            str(out),
            "--level",
            "clusters",
        ],
    )
    assert result.exit_code == 0
    assert pq.read_table(out).num_rows == 4


def test_corpus_cli_ingest_progress_bar(store_url: str, tmp_path: Path, corpus_factory) -> None:
    corpus_factory(tmp_path / "p", 3)
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "p"), "--db", store_url, "--progress"]
    )
    assert result.exit_code == 0
    assert "3/3 records" in result.stderr and "docs/s" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "events", "timeline", "search", "stats", "export"])
def test_corpus_cli_command_is_documented(command: str) -> None:
    doc = Path(__file__).resolve().parents[1] / "docs" / "corpus.md"
    assert f"waqai {command}" in doc.read_text(encoding="utf-8")
    assert command in main.commands
