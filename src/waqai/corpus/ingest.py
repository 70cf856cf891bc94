"""Ingest: files into the store, in partitions read and extracted by workers, safely.

The driver only lists the input and cuts it into partitions of about
``batch_size`` records (``waqai.io.partitions``: small files, byte ranges of
big JSONL files); it never reads a record (standard input excepted). Units
committed by an earlier run, unchanged since, are left out before any worker
sees them, so a rerun reads and extracts nothing it has stored. Workers read
their partition, extract it and send the results back in input order; each
partition is committed in one transaction together with its input errors,
the units it finishes and the progress row. Killed at any point, a rerun
finishes the job with nothing lost or doubled. At the end duplicate groups
and event clusters are rebuilt from the whole store.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

from waqai.corpus.extract import PartitionResult, process_units
from waqai.document import Document
from waqai.engines.base import Engine
from waqai.engines.local import LocalEngine
from waqai.io.partitions import FileSlice, Unit, plan_partitions
from waqai.io.readers import estimate_records, iter_inputs
from waqai.io.records import BadRecord, Record
from waqai.store.store import DonePart, Store

BATCH_SIZE = 32


@dataclass(slots=True)
class IngestSummary:
    files: int = 0
    files_done: int = 0
    expected: int = 0  # records expected (estimated up front when ``estimate`` is on)
    read: int = 0  # records read, bad ones included
    added: int = 0  # new documents stored
    skipped: int = 0  # already stored, or repeated within the run
    failed: int = 0  # bad inputs and extraction failures
    batches: int = 0
    seconds: float = 0.0
    duplicate_groups: int = 0
    merged_events: int = 0
    run_id: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.added / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["docs_per_s"] = round(self.docs_per_s, 2)
        return d


def list_inputs(
    paths: Sequence[str], summary: IngestSummary, estimate: bool
) -> list[str | BadRecord]:
    """The input files of a run (counted in ``summary``), and the records to expect if asked
    (for a progress bar: it costs a look at every file)."""
    files = list(iter_inputs(paths))
    summary.files = len(files)
    if estimate:
        summary.expected = sum(
            1 if isinstance(f, BadRecord) else estimate_records(f) for f in files
        )
    return files


#: units skipped as done are counted in the store in groups of this many
SKIP_FLUSH = 1000


@dataclass(slots=True)
class _Sent:
    """A partition on its way to a worker, and what the driver counted of it."""

    units: list[Unit]
    dropped: int  # records the driver read and left out (standard input: stored or repeated)
    files_done: int


class _Planner:
    """The partitions to extract, in input order, without units an earlier run committed."""

    def __init__(
        self,
        store: Store,
        summary: IngestSummary,
        on_batch: Callable[[IngestSummary], None] | None,
    ) -> None:
        self.store, self.summary, self.on_batch = store, summary, on_batch
        self.sent: deque[_Sent] = deque()
        self.skipped: list[DonePart] = []
        self.seen: set[str] = set()  # keys of the records the driver read itself

    def partitions(self, paths: Sequence[str], batch_size: int) -> Iterator[list[Unit]]:
        files = list_inputs(paths, self.summary, estimate=self.on_batch is not None)
        for planned in plan_partitions(files, batch_size):
            slices = [u for u in planned.units if isinstance(u, FileSlice)]
            done = self.store.done_parts(slices)
            self.skipped += [done[u.key] for u in slices if u.key in done]
            units, dropped = self._new_records(
                [u for u in planned.units if not (isinstance(u, FileSlice) and u.key in done)]
            )
            # (an empty partition still counts what the driver dropped, or that there is no input)
            if units or dropped or not planned.units:
                self.flush()
                self.sent.append(_Sent(units, dropped, planned.files_done))
                yield units
                continue
            if not self.sent:
                self.summary.files_done = planned.files_done
            if len(self.skipped) >= SKIP_FLUSH:
                self.flush()
        self.flush()

    def _new_records(self, units: list[Unit]) -> tuple[list[Unit], int]:
        """``units`` less the records read here (stdin) that are stored or repeated in the run."""
        keys = [u.key for u in units if isinstance(u, Record)]
        if not keys:
            return units, 0
        known = self.store.known_ids(keys)
        out: list[Unit] = []
        for u in units:
            if isinstance(u, Record):
                if u.key in known or u.key in self.seen:
                    continue
                self.seen.add(u.key)
            out.append(u)
        return out, len(units) - len(out)

    def flush(self) -> None:
        """Count the units skipped as done (in the summary and in the run's progress row)."""
        if not self.skipped:
            return
        s = self.summary
        self.store.skip_parts(self.skipped, s.run_id)
        for d in self.skipped:
            s.read += d.n_read
            s.skipped += d.n_read - d.n_failed
            s.failed += d.n_failed
        self.skipped = []
        if self.on_batch:
            self.on_batch(s)


def _sort_results(
    units: list[Unit], part: PartitionResult
) -> tuple[list[tuple[Document, bytes | None]], list[BadRecord], list[tuple[FileSlice, int, int]]]:
    """A partition's documents, its errors, and the file units it finishes (with their counts).

    A unit whose extraction failed is not finished: a rerun tries it again.
    """
    docs: list[tuple[Document, bytes | None]] = []
    errors: list[BadRecord] = []
    done: list[tuple[FileSlice, int, int]] = []
    at = 0
    for unit, count in zip(units, part.units, strict=True):
        bad = 0
        for r in part.results[at : at + count.results]:
            if isinstance(r, BadRecord):
                errors.append(r)
                bad += 1
            else:
                docs.append(r)
        at += count.results
        if isinstance(unit, FileSlice) and unit.size >= 0 and not count.retry:
            done.append((unit, count.read, bad))
    return docs, errors, done


def ingest(
    paths: Sequence[str],
    store: Store,
    engine: Engine | None = None,
    batch_size: int = BATCH_SIZE,
    now: str | None = None,
    on_batch: Callable[[IngestSummary], None] | None = None,
    rebuild: bool = True,
) -> IngestSummary:
    """Read, extract and store every record of ``paths``; a summary of what happened.

    ``on_batch`` is called after each committed partition and after units
    skipped as already committed (for a progress bar; it also makes ingest
    count the records to expect up front).
    """
    engine = engine or LocalEngine(1)
    summary = IngestSummary()
    start = time.perf_counter()
    summary.run_id = store.start_run(paths, engine.workers)
    planner = _Planner(store, summary, on_batch)
    status = "failed"
    try:
        fn: Callable[[list[Unit]], list[Any]] = partial(process_units, now=now)
        decode: Callable[[list[Any]], list[PartitionResult]] = list
        if getattr(engine, "arrow_results", False):  # remote workers send Arrow tables
            from waqai.corpus.parquet import arrow_codec

            fn, decode = arrow_codec(now)
        for packed in engine.map_partitions(fn, planner.partitions(paths, batch_size)):
            (result,) = decode(packed)
            sent = planner.sent.popleft()
            docs, errors, done = _sort_results(sent.units, result)
            read = sent.dropped + sum(c.read for c in result.units)
            skipped = read - len(result.results)
            added = store.add_batch(docs, errors, summary.run_id, read, skipped, done)
            summary.read += read
            summary.added += added
            summary.skipped += skipped + len(docs) - added
            summary.failed += len(errors)
            summary.batches += 1
            summary.files_done = max(summary.files_done, sent.files_done)
            summary.seconds = time.perf_counter() - start
            if on_batch:
                on_batch(summary)
        summary.files_done = summary.files
        if rebuild:
            summary.duplicate_groups, summary.merged_events = store.rebuild()
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        engine.close()
        summary.seconds = time.perf_counter() - start
        store.finish_run(summary.run_id, status)
    return summary
