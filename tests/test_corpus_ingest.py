"""Ingest end to end through the real pipeline: idempotent, resumable, parallel-safe."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pytest

from waqai.corpus.ingest import ingest
from waqai.engines import LocalEngine, get_engine
from waqai.errors import ConfigError, WaqaiError
from waqai.store import open_store

STORY = (
    "أعلنت منظمة معاهدة الأمن الجماعي يوم الخميس بدء سحب قواتها من كازاخستان بعد أن أنجزت مهمتها"
    " في حماية المنشآت الحكومية، وقال الأمين العام للمنظمة إن الانسحاب سيكتمل خلال عشرة أيام."
)


@pytest.fixture
def folder(tmp_path: Path, corpus_factory) -> Path:
    """20 articles, a near-duplicate pair, an exact copy with tashkeel, and three bad files."""
    root = tmp_path / "in"
    corpus_factory(root / "gen", 20)
    (root / "story.txt").write_text(STORY, encoding="utf-8")
    (root / "repost.txt").write_text(
        "عاجل: بدء الانسحاب\n" + STORY + "\n(رويترز)", encoding="utf-8"
    )
    (root / "copy.txt").write_text(STORY.replace("أعلنت", "أَعْلَنَتْ"), encoding="utf-8")
    (root / "feed.jsonl").write_text(
        json.dumps(
            {
                "id": "k1",
                "text": "خبر من الخلاصة عن الاحتجاجات في ألماتي",
                "published": "2022-01-05",
            }
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    (root / "empty.txt").write_bytes(b"")
    (root / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    return root


def _state(url: str) -> dict:
    with open_store(url) as s:
        return {
            "stats": {k: v for k, v in s.stats().items() if k != "ingest_runs"},
            "ids": sorted(r[0] for r in s.db.rows("SELECT id FROM documents")),
            "groups": sorted(
                s.db.rows("SELECT doc_id, group_id, canonical_id FROM duplicate_groups")
            ),
            "errors": [(Path(e["source"]).name, e["line"], e["reason"]) for e in s.errors()],
        }


def test_corpus_ingest_then_reingest_adds_nothing(store, folder: Path) -> None:
    first = ingest([str(folder)], store, batch_size=8)
    assert (first.files, first.read, first.added, first.skipped, first.failed) == (26, 27, 23, 1, 3)
    assert first.duplicate_groups == 1
    again = ingest([str(folder)], store, batch_size=8)
    assert (again.read, again.added, again.skipped, again.failed) == (27, 0, 24, 3)
    s = store.stats()
    assert (s["documents"], s["unique_documents"], s["ingest_errors"], s["ingest_runs"]) == (
        23,
        22,
        3,
        2,
    )
    reasons = {(Path(e["source"]).name, e["line"]): e["reason"] for e in store.errors()}
    assert reasons[("empty.txt", 0)] == "empty file"
    assert reasons[("logo.txt", 0)].startswith("binary file")
    assert reasons[("feed.jsonl", 2)].startswith("invalid JSON")
    doc = next(d for d in store.documents() if d.meta.get("external_id") == "k1")
    assert doc.published.value == "2022-01-05" and doc.published.source == "given"
    assert doc.sentences  # the pipeline ran


def test_corpus_ingest_same_result_whatever_the_workers(
    store_url: str, tmp_path: Path, folder: Path
) -> None:
    with open_store(store_url) as s:
        ingest([str(folder)], s, LocalEngine(2), batch_size=4)
    serial = f"sqlite:///{tmp_path / 'serial.db'}"
    with open_store(serial) as s:
        ingest([str(folder)], s, LocalEngine(1), batch_size=16)
    assert _state(store_url) == _state(serial)


def _die(batch: list[int]) -> list[int]:
    os._exit(3)  # a worker killed (out of memory, SIGKILL)


def test_corpus_engine_worker_death_is_a_clear_error() -> None:
    with LocalEngine(2) as engine, pytest.raises(WaqaiError, match="worker process died"):
        list(engine.map_partitions(_die, [[1], [2]]))


def test_corpus_engine_contract() -> None:
    with get_engine("local", 1) as engine:
        assert list(engine.map_partitions(len, [[1, 2], [], [3]])) == [2, 0, 1]
    with pytest.raises(ConfigError):
        get_engine("spark")
    with pytest.raises(ConfigError):
        LocalEngine(0)


SLOW_INGEST = """
import sys, time
import waqai.pipeline as p
run = p.Pipeline.run
def slow(self, doc):
    time.sleep(0.01)
    return run(self, doc)
p.Pipeline.run = slow
from waqai.cli import main
main(sys.argv[1:])
"""


def test_corpus_ingest_resumes_after_sigkill(
    store_url: str, tmp_path: Path, corpus_factory, sigkill_after_first_batch
) -> None:
    folder = tmp_path / "big"
    corpus_factory(folder, 200)
    with open_store(store_url) as s:
        cmd = [
            sys.executable,
            "-c",
            SLOW_INGEST,
            "ingest",
            str(folder),
            "--db",
            store_url,
            "--batch-size",
            "10",
            "--no-progress",
        ]
        assert sigkill_after_first_batch(cmd, s) == -signal.SIGKILL
        stored = s.stats()["documents"]
        assert 0 < stored < 200
        assert stored % 10 == 0  # whole batches only
        summary = ingest([str(folder)], s, batch_size=10)
        assert (summary.added, summary.skipped) == (200 - stored, stored)
        status = [r[0] for r in s.db.rows("SELECT status FROM ingest_progress ORDER BY run_id")]
        assert status == ["running", "done"]  # the killed run never finished
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    with open_store(whole) as s:
        ingest([str(folder)], s, batch_size=10)
    assert _state(store_url) == _state(whole)


def test_corpus_ingest_real_pipeline_merges_a_repost(store, tmp_path: Path, seed_text: str) -> None:
    root = tmp_path / "seed"
    root.mkdir()
    (root / "seed.txt").write_text(seed_text, encoding="utf-8")
    (root / "repost.txt").write_text(
        "عاجل | روسيا تسحب قواتها\n" + seed_text + "\nالمصدر: وكالات", encoding="utf-8"
    )
    summary = ingest([str(root)], store, now="2022-02-01")
    assert (summary.added, summary.duplicate_groups) == (2, 1)
    if not store.stats()["event_mentions"]:
        pytest.skip("the default pipeline extracts no events yet")
    clusters = store.events(mentions=True)
    assert all(c["n_sources"] == 1 for c in clusters)  # one story, however many copies
    assert any(c["n_mentions"] == 2 and c["n_documents"] == 2 for c in clusters)
    for c in clusters:
        for m in c["mentions"]:
            doc = store.document(m["doc_id"])
            assert doc.text[m["sentence_start"] : m["sentence_end"]] == m["sentence_text"]
            assert doc.text[m["trigger_start"] : m["trigger_end"]] == m["trigger_text"]


def test_corpus_ingest_fixed_file_clears_its_error(store, tmp_path: Path) -> None:
    root = tmp_path / "fix"
    root.mkdir()
    (root / "a.txt").write_bytes(b"")
    assert ingest([str(root)], store).failed == 1
    assert [e["reason"] for e in store.errors()] == ["empty file"]
    (root / "a.txt").write_text(STORY, encoding="utf-8")
    assert ingest([str(root)], store).added == 1
    assert store.errors() == []


def test_corpus_ingest_reports_progress_per_batch(store, folder: Path) -> None:
    seen: list[tuple[int, int, int]] = []
    ingest(
        [str(folder)],
        store,
        batch_size=5,
        on_batch=lambda s: seen.append((s.expected, s.read, s.batches)),
    )
    assert [b for _, _, b in seen] == list(range(1, len(seen) + 1))
    reads = [r for _, r, _ in seen]
    assert reads == sorted(reads) and reads[-1] == 27
    assert {e for e, _, _ in seen} == {27}  # JSONL lines counted up front
