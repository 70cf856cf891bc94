"""`waqai ingest` on the bad-input suite: the batch finishes, each bad input is recorded once."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

from badinput import CASES, write_cases, write_corpus_cases

WAQAI = [sys.executable, "-m", "waqai.cli"]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("ingest")
    folder = root / "in"
    expect = write_cases(folder)
    n_corpus = write_corpus_cases(folder)
    db = root / "bad.db"
    url = f"sqlite:///{db}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    first = subprocess.run(
        [*WAQAI, "ingest", str(folder), "--db", url], capture_output=True, text=True, timeout=600
    )
    rss_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    second = subprocess.run(
        [*WAQAI, "ingest", str(folder), "--db", url], capture_output=True, text=True, timeout=600
    )
    stats = subprocess.run(
        [*WAQAI, "stats", "--db", url, "--format", "json", "--errors"],
        capture_output=True,
        text=True,
    )
    return {
        "folder": folder,
        "expect": expect,
        "n_corpus": n_corpus,
        "first": first,
        "second": second,
        "stats": stats,
        "rss_mb": rss_mb,
    }


def test_reliability_ingest_exit_code_says_some_failed(ingested: dict) -> None:  # type: ignore[type-arg]
    first = ingested["first"]
    assert first.returncode == 1, first.stderr
    assert "Traceback" not in first.stderr


def test_reliability_ingest_records_every_bad_input_with_its_reason(ingested: dict) -> None:  # type: ignore[type-arg]
    stats = json.loads(ingested["stats"].stdout)
    reasons = {
        os.path.basename(e["source"]) + (f":{e['line']}" if e.get("line") else ""): e["reason"]
        for e in stats["errors"]
    }
    for path, expect in ingested["expect"].items():
        if expect == "ok":
            assert path.name not in reasons, reasons.get(path.name)
        else:
            assert path.name in reasons, f"{path.name} not reported"
            assert reasons[path.name].startswith(expect) or expect in reasons[path.name], reasons[
                path.name
            ]
    assert reasons.get("feed.jsonl:2", "").startswith("invalid JSON"), reasons


def test_reliability_ingest_stores_the_good_documents(ingested: dict) -> None:  # type: ignore[type-arg]
    stats = json.loads(ingested["stats"].stdout)
    ok_cases = sum(1 for e in ingested["expect"].values() if e == "ok")
    assert stats["documents"] == ok_cases + ingested["n_corpus"]


def test_reliability_ingest_rerun_adds_nothing(ingested: dict) -> None:  # type: ignore[type-arg]
    second = ingested["second"]
    assert "Traceback" not in second.stderr
    stats = json.loads(ingested["stats"].stdout)
    assert stats["ingest_runs"] == 2
    assert len(stats["errors"]) == stats["ingest_errors"]


def test_reliability_ingest_memory_stays_bounded(ingested: dict) -> None:  # type: ignore[type-arg]
    # a 50 MB file and a 1 MB line went through: the worker never held more than a few hundred MB
    assert ingested["rss_mb"] < 600, ingested["rss_mb"]


def test_reliability_cases_cover_the_issue_list() -> None:
    assert len(CASES) >= 12
