"""Extraction results as Arrow tables: the wire format of remote batches and the ``--out`` dataset.

A remote worker sends a partition back as one Arrow table (the document
contract JSON in a column, with its MinHash signature or the bad record's
reason): about a third of the size of pickled documents (which carry their
cached token lists) and about 8x cheaper for the driver to decode, and the
driver is what limits a cluster run.

``write_dataset`` leaves a partitioned Parquet dataset instead of filling a
store: ``documents/``, ``events/`` and ``errors/`` hold one file per
partition, named ``part-000042.parquet`` after the partition's position in
the plan. The input is planned exactly as for the store (``plan_partitions``:
files and JSONL byte ranges) and workers read, extract and write their own
partitions (so ``DIR`` must be on storage every worker and the driver can
reach), each file through a temporary name and a rename, documents last: a
partition whose documents file exists is written, and a rerun (after a kill,
or with the same inputs) skips it.

A worker cannot know that a text of its partition is also in an earlier one,
so the driver takes the partitions in plan order, reads only the ids, and
rewrites a partition without the documents an earlier partition holds
(events first, documents last). It does that for finished partitions too, so
a run killed between a worker's write and that step is completed by the
rerun, and the dataset is the same whatever the engine and worker count.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from waqai.corpus.extract import PartitionResult, Result, UnitCount, process_units
from waqai.corpus.flat import event_fields
from waqai.corpus.ingest import IngestSummary, list_inputs
from waqai.document import Document, Event
from waqai.engines.base import Engine
from waqai.engines.local import LocalEngine
from waqai.errors import ConfigError
from waqai.io.partitions import Planned, Unit, plan_partitions
from waqai.io.records import BadRecord

TABLES = ("events", "errors", "documents")  # write order: documents last marks a partition done
MANIFEST = "_waqai.json"  # inputs, batch size and reference date of the dataset
FORMAT = (
    2  # 2: partitions as planned for the store (1: every batch_size records, read by the driver)
)
READ_KEY = "waqai.read"  # documents file metadata: input records the partition read

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
def _event_row(doc: Document, ev: Event) -> tuple[Any, ...]:
    row = event_fields(doc, ev) | {"published": doc.published.value}
    return tuple(row[name] for name in EVENT_SCHEMA.names)


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


def _replace(path: Path, table: pa.Table) -> None:
    """Write ``table`` at ``path`` through a temporary name, so a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


@dataclass(frozen=True, slots=True)
class Written:
    """What a written partition holds: what the driver needs to count it and drop repeats."""

    ids: list[str]  # its documents, in input order
    read: int  # input records read for it, bad ones included
    errors: int  # rows of its errors file


def write_partition(out: str | Path, index: int, results: Sequence[Result], read: int) -> Written:
    """Write one partition's files (documents last, each renamed into place).

    The documents file records how many input records the partition read, so
    a rerun counts a finished partition without reading its input.
    """
    tables = dataset_tables(results)
    tables["documents"] = tables["documents"].replace_schema_metadata({READ_KEY: str(read)})
    for name in TABLES:
        folder = Path(out) / name
        folder.mkdir(parents=True, exist_ok=True)
        _replace(folder / part_name(index), tables[name])
    docs = tables["documents"]
    return Written(docs.column("id").to_pylist(), read, tables["errors"].num_rows)


def read_written(out: str | Path, index: int) -> Written:
    """What a finished partition holds, from its files: the id column and the row counts only."""
    docs = pq.ParquetFile(Path(out) / "documents" / part_name(index))
    meta = docs.schema_arrow.metadata or {}
    ids = docs.read(columns=["id"]).column("id").to_pylist()
    errors = pq.read_metadata(Path(out) / "errors" / part_name(index)).num_rows
    return Written(ids, int(meta.get(READ_KEY.encode(), len(ids))), errors)


def drop_documents(out: str | Path, index: int, ids: set[str]) -> None:
    """Rewrite partition ``index`` without the documents ``ids`` and their events.

    Events go first and documents last: a run killed in between still finds
    the ids in the documents file, and a rerun drops them (again) from both.
    """
    for name, column in (("events", "doc_id"), ("documents", "id")):
        path = Path(out) / name / part_name(index)
        table = pq.read_table(path)
        gone = pc.is_in(table.column(column), value_set=pa.array(sorted(ids), pa.string()))
        _replace(path, table.filter(pc.invert(gone)))


@dataclass(frozen=True, slots=True)
class Partition:
    """One partition of the input (its units, as planned), sent to a worker as a batch of one."""

    index: int
    units: list[Unit]


def write_units(batch: list[Partition], out: str, now: str | None = None) -> list[Written]:
    """The worker side of ``--out``: read and extract a partition (as for the store), write it."""
    written = []
    for p in batch:
        for part in process_units(p.units, now):
            written.append(write_partition(out, p.index, part.results, _read(part)))
    return written


def _read(part: PartitionResult) -> int:
    return sum(c.read for c in part.units)


# -- the driver ---------------------------------------------------------------------------
@dataclass(slots=True)
class _Queued:
    """A partition waiting for its turn: in flight on a worker, or finished by an earlier run."""

    index: int
    files_done: int
    done: bool


class _Settler:
    """Takes written partitions in input order: drops the documents an earlier partition
    already holds (the first in input order is kept, as in the store), and counts."""

    def __init__(
        self,
        out: Path,
        summary: IngestSummary,
        on_batch: Callable[[IngestSummary], None] | None,
        start: float,
    ) -> None:
        self.out, self.summary, self.on_batch, self.start = out, summary, on_batch, start
        self.seen: set[str] = set()
        self.queue: deque[_Queued] = deque()  # in input order, not settled yet

    def plan(self, planned: Iterator[Planned]) -> Iterator[list[Partition]]:
        """The partitions a worker has to write; finished ones are settled in their turn."""
        for index, p in enumerate(planned):
            if not p.units:  # no input at all: no partition
                self.summary.files_done = p.files_done
                continue
            q = _Queued(index, p.files_done, partition_done(self.out, index))
            if q.done and not self.queue:  # nothing ahead of it: its turn now
                self.settle(q, read_written(self.out, index))
                continue
            self.queue.append(q)
            if not q.done:
                yield [Partition(index, p.units)]

    def take(self, written: Written) -> None:
        """A worker's partition: the first not settled yet that is not finished already."""
        while self.queue[0].done:
            self.settle_done()
        self.settle(self.queue.popleft(), written)

    def settle_done(self) -> None:
        q = self.queue.popleft()
        self.settle(q, read_written(self.out, q.index))

    def settle(self, q: _Queued, w: Written) -> None:
        s = self.summary
        repeated = self.seen.intersection(w.ids)
        if repeated:  # also finishes what a run killed before this step left
            drop_documents(self.out, q.index, repeated)
        self.seen.update(w.ids)
        s.read += w.read
        s.failed += w.errors
        if q.done:
            s.skipped += w.read
        else:
            s.added += len(w.ids) - len(repeated)
            s.skipped += w.read - w.errors - len(w.ids) + len(repeated)
            s.batches += 1
        s.files_done = max(s.files_done, q.files_done)
        s.seconds = time.perf_counter() - self.start
        if self.on_batch:
            self.on_batch(s)


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
                f"{out} holds a dataset of other inputs, batch size or format"
                f" ({have.get('inputs')}, batch size {have.get('batch_size')}, format"
                f" {have.get('format')}); give a new --out directory"
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
    written are skipped. ``added`` counts documents written by this run.

    The input is planned as for the store (``plan_partitions``) and read by the
    workers (``process_units``), which write their partitions; the driver reads
    no record, only the id column of what was written, to keep a text repeated
    across partitions in the first one only.
    """
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
        files = list_inputs(paths, summary, estimate=on_batch is not None)
        settler = _Settler(out, summary, on_batch, start)
        fn = partial(write_units, out=str(out.resolve()), now=now)
        for (written,) in engine.map_partitions(
            fn, settler.plan(plan_partitions(files, batch_size))
        ):
            settler.take(written)
        while settler.queue:  # finished partitions after the last one written
            settler.settle_done()
        summary.files_done = summary.files
    finally:
        engine.close()
        summary.seconds = time.perf_counter() - start
    return summary
