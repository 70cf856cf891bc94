"""Extraction results as Arrow tables: the wire format of remote batches and the ``--out`` dataset.

A remote worker sends a partition back as one Arrow table (the document
contract JSON in a column, with its MinHash signature or the bad record's
reason): about a third of the size of pickled documents (which carry their
cached token lists) and about 8x cheaper for the driver to decode, and the
driver is what limits a cluster run.

``write_dataset`` leaves a partitioned Parquet dataset instead of filling a
store: ``documents/``, ``events/`` and ``errors/`` hold one file per
partition of ``batch_size`` input records, named ``part-000042.parquet``
after the partition's position in the input. Workers write their own files
(so ``DIR`` must be on storage every worker and the driver can reach), each
through a temporary name and a rename, documents last: a partition whose
documents file exists is complete, and a rerun (after a kill, or with the
same inputs) skips it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from waqai.corpus.extract import (
    Item,
    PartitionResult,
    Result,
    UnitCount,
    extract_batch,
    process_units,
)
from waqai.corpus.ingest import IngestSummary
from waqai.document import Document, Event, Participant
from waqai.engines.base import Engine
from waqai.engines.local import LocalEngine
from waqai.errors import ConfigError
from waqai.io.partitions import Unit
from waqai.io.readers import iter_inputs, read_input
from waqai.io.records import BadRecord, Record

TABLES = ("events", "errors", "documents")  # write order: documents last marks a partition done
MANIFEST = "_waqai.json"  # inputs, batch size and reference date of the dataset
FORMAT = 1

RESULT_SCHEMA = pa.schema(
    [
        ("doc_json", pa.large_string()),
        ("minhash", pa.binary()),
        ("error_path", pa.string()),
        ("error_reason", pa.string()),
        ("error_line", pa.int64()),
    ]
)

DOCUMENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("external_id", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("path", pa.string()),
        ("published", pa.string()),
        ("published_source", pa.string()),
        ("n_chars", pa.int64()),
        ("n_events", pa.int64()),
        ("minhash", pa.binary()),
        ("doc_json", pa.large_string()),
    ]
)

EVENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("event_id", pa.string()),
        ("type", pa.string()),
        ("mode", pa.string()),
        ("cameo", pa.string()),
        ("context", pa.list_(pa.string())),
        ("event_date", pa.string()),
        ("country", pa.string()),
        ("actor_text", pa.string()),
        ("actor_entity_id", pa.string()),
        ("actor_code", pa.string()),
        ("recipient_text", pa.string()),
        ("recipient_entity_id", pa.string()),
        ("recipient_code", pa.string()),
        ("trigger_start", pa.int64()),
        ("trigger_end", pa.int64()),
        ("trigger_text", pa.string()),
        ("sentence_start", pa.int64()),
        ("sentence_end", pa.int64()),
        ("sentence_text", pa.string()),
        ("location_text", pa.string()),
        ("location_country", pa.string()),
        ("negated", pa.bool_()),
        ("modality", pa.string()),
        ("confidence", pa.float64()),
        ("quad_class", pa.int64()),
        ("published", pa.string()),
    ]
)

ERROR_SCHEMA = pa.schema([("source", pa.string()), ("line", pa.int64()), ("reason", pa.string())])


# -- the wire format of a batch ---------------------------------------------------------
def results_table(results: Sequence[Result]) -> pa.Table:
    """One row per result: a document (JSON and signature) or a bad record (path, reason, line)."""
    cols: dict[str, list[Any]] = {name: [] for name in RESULT_SCHEMA.names}
    for r in results:
        if isinstance(r, BadRecord):
            row: tuple[Any, ...] = (None, None, r.path, r.reason, r.line)
        else:
            doc, sig = r
            row = (doc.to_json(), sig, None, None, None)
        for name, value in zip(RESULT_SCHEMA.names, row, strict=True):
            cols[name].append(value)
    return pa.table(cols, schema=RESULT_SCHEMA)


def table_results(table: pa.Table) -> list[Result]:
    """The inverse of :func:`results_table`."""
    out: list[Result] = []
    for row in table.to_pylist():
        if row["doc_json"] is None:
            out.append(BadRecord(row["error_path"], row["error_reason"], row["error_line"]))
        else:
            out.append((Document.from_dict(json.loads(row["doc_json"])), row["minhash"]))
    return out


def extract_tables(
    units: list[Unit], now: str | None = None
) -> list[tuple[pa.Table, list[UnitCount]]]:
    """The worker side of a remote partition: read, extract, then pack the results as one table."""
    return [(results_table(p.results), p.units) for p in process_units(units, now)]


def decode_tables(packed: list[tuple[pa.Table, list[UnitCount]]]) -> list[PartitionResult]:
    """The driver side of a remote partition."""
    return [PartitionResult(table_results(table), units) for table, units in packed]


def arrow_codec(
    now: str | None,
) -> tuple[
    Callable[[list[Unit]], list[tuple[pa.Table, list[UnitCount]]]],
    Callable[[list[tuple[pa.Table, list[UnitCount]]]], list[PartitionResult]],
]:
    """(worker function, driver decoder) for engines that ship results as Arrow tables."""
    return partial(extract_tables, now=now), decode_tables


# -- the dataset tables --------------------------------------------------------------------
def _participant(p: Participant | None) -> tuple[str | None, str | None, str | None]:
    return (p.text, p.entity_id, p.code) if p else (None, None, None)


def _event_row(doc: Document, ev: Event) -> tuple[Any, ...]:
    loc = ev.location
    return (
        doc.id,
        ev.id,
        ev.type,
        ev.mode,
        ev.cameo,
        list(ev.context),
        ev.date,
        ev.country,
        *_participant(ev.actor),
        *_participant(ev.recipient),
        ev.trigger.start,
        ev.trigger.end,
        ev.trigger.text,
        ev.sentence.start,
        ev.sentence.end,
        doc.text[ev.sentence.start : ev.sentence.end],
        loc.text if loc else None,
        loc.country if loc else None,
        bool(ev.negated),
        ev.modality,
        float(ev.confidence),
        ev.quad_class,
        doc.published.value,
    )


def _table(schema: pa.Schema, rows: list[tuple[Any, ...]]) -> pa.Table:
    cols = list(zip(*rows, strict=True)) if rows else [() for _ in schema.names]
    return pa.table({n: list(c) for n, c in zip(schema.names, cols, strict=True)}, schema=schema)


def dataset_tables(results: Sequence[Result]) -> dict[str, pa.Table]:
    """The documents, events and errors tables of one partition's results."""
    docs = [r for r in results if not isinstance(r, BadRecord)]
    errors = [r for r in results if isinstance(r, BadRecord)]
    doc_rows = []
    for doc, sig in docs:
        m = doc.meta
        doc_rows.append(
            (
                doc.id,
                m.get("external_id"),
                m.get("title"),
                m.get("url"),
                m.get("source"),
                m.get("path"),
                doc.published.value,
                doc.published.source,
                len(doc.text),
                len(doc.events),
                sig,
                doc.to_json(),
            )
        )
    return {
        "documents": _table(DOCUMENT_SCHEMA, doc_rows),
        "events": _table(EVENT_SCHEMA, [_event_row(d, e) for d, _ in docs for e in d.events]),
        "errors": _table(ERROR_SCHEMA, [(e.path, e.line, e.reason) for e in errors]),
    }


def part_name(index: int) -> str:
    """The file name of partition ``index``: the same on every run over the same input."""
    return f"part-{index:06d}.parquet"


def partition_done(out: str | Path, index: int) -> bool:
    return (Path(out) / "documents" / part_name(index)).exists()


def _rows(path: Path) -> int:
    return pq.read_metadata(path).num_rows if path.exists() else 0


def write_partition(out: str | Path, index: int, results: Sequence[Result]) -> dict[str, int]:
    """Write one partition's files (documents last, each renamed into place); their row counts."""
    tables = dataset_tables(results)
    for name in TABLES:
        folder = Path(out) / name
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{part_name(index)}.{os.getpid()}.tmp"
        pq.write_table(tables[name], tmp)
        os.replace(tmp, folder / part_name(index))
    return {name: tables[name].num_rows for name in TABLES}


@dataclass(frozen=True, slots=True)
class Partition:
    """One partition of the input, sent to a worker as a batch of one."""

    index: int
    items: list[Item]


def extract_partition(
    batch: list[Partition], out: str, now: str | None = None
) -> list[dict[str, int]]:
    """The worker side of ``--out``: extract a partition and write its files; the row counts."""
    return [write_partition(out, p.index, extract_batch(p.items, now)) for p in batch]


# -- the driver ---------------------------------------------------------------------------
@dataclass(slots=True)
class _Chunk:
    index: int
    items: list[Item]
    read: int
    skipped: int
    files_done: int


def _chunks(paths: Sequence[str], batch_size: int, summary: IngestSummary) -> Iterator[_Chunk]:
    """Input records in partitions of ``batch_size``; a text repeated in the run is kept once."""
    files = list(iter_inputs(paths))
    summary.files = len(files)
    seen: set[str] = set()
    batch: list[Item] = []
    index = 0

    def chunk(files_done: int) -> _Chunk:
        nonlocal batch, index
        items: list[Item] = []
        for r in batch:
            if isinstance(r, Record):
                if r.key in seen:
                    continue
                seen.add(r.key)
            items.append(r)
        c = _Chunk(index, items, len(batch), len(batch) - len(items), files_done)
        batch, index = [], index + 1
        return c

    for i, item in enumerate(files):
        for rec in [item] if isinstance(item, BadRecord) else read_input(item):
            batch.append(rec)
            if len(batch) >= batch_size:
                yield chunk(i)
    if batch:
        yield chunk(len(files))


def _check_manifest(out: Path, paths: Sequence[str], batch_size: int, now: str | None) -> str:
    """Refuse to mix partitions of different inputs or sizes in one dataset; the reference date.

    The first run records its reference date ("today" unless given), and a
    resumed run reuses it, so dates inferred on another day cannot differ.
    """
    want = {
        "format": FORMAT,
        "inputs": [os.path.abspath(p) for p in paths],
        "batch_size": batch_size,
    }
    path = out / MANIFEST
    if path.exists():
        have = json.loads(path.read_text(encoding="utf-8"))
        if {k: have.get(k) for k in want} != want:
            raise ConfigError(
                f"{out} holds a dataset of other inputs or batch size ({have.get('inputs')},"
                f" batch size {have.get('batch_size')}); give a new --out directory"
            )
        if now is not None and now != have.get("now"):
            raise ConfigError(f"{out} was written with --now {have.get('now')}, not {now}")
        return str(have["now"])
    want["now"] = now or dt.date.today().isoformat()
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(want, ensure_ascii=False, indent=1), encoding="utf-8")
    return str(want["now"])


def write_dataset(
    paths: Sequence[str],
    out: str | Path,
    engine: Engine | None = None,
    batch_size: int = 32,
    now: str | None = None,
    on_batch: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Extract every record of ``paths`` into a Parquet dataset at ``out``; partitions already
    written are skipped. ``added`` counts documents written by this run."""
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, got {batch_size}")
    engine = engine or LocalEngine(1)
    out = Path(out)
    summary = IngestSummary()
    start = time.perf_counter()
    try:
        now = _check_manifest(out, paths, batch_size, now)
        for stale in out.glob("*/.part-*.tmp"):  # left by workers of a killed run
            stale.unlink(missing_ok=True)
        pending: deque[_Chunk] = deque()

        def todo() -> Iterator[list[Partition]]:
            for c in _chunks(paths, batch_size, summary):
                if partition_done(out, c.index):
                    summary.read += c.read
                    summary.skipped += c.read
                    summary.failed += _rows(out / "errors" / part_name(c.index))
                    summary.files_done = c.files_done
                    continue
                pending.append(c)
                yield [Partition(c.index, c.items)]

        fn = partial(extract_partition, out=str(out.resolve()), now=now)
        for counts in engine.map_partitions(fn, todo()):
            c = pending.popleft()
            summary.read += c.read
            summary.added += counts[0]["documents"]
            summary.skipped += c.skipped
            summary.failed += counts[0]["errors"]
            summary.batches += 1
            summary.files_done = c.files_done
            summary.seconds = time.perf_counter() - start
            if on_batch:
                on_batch(summary)
    finally:
        engine.close()
        summary.seconds = time.perf_counter() - start
    return summary
