"""Ingest: files into the store, in batches, safely.

Records are read in the main process (streaming), checked against the store
by key (so a rerun skips what is stored without running any model), and sent
in batches through an engine; each batch of results is committed in one
transaction together with its input errors and the progress row. Killed at
any point, a rerun finishes the job with nothing lost or doubled. At the end
duplicate groups and event clusters are rebuilt from the whole store.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

from waqai.corpus.extract import Item, extract_batch
from waqai.document import Document
from waqai.engines.base import Engine
from waqai.engines.local import LocalEngine
from waqai.io.readers import estimate_records, iter_inputs, read_input
from waqai.io.records import BadRecord, Record
from waqai.store.store import Store

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


@dataclass(slots=True)
class _Part:
    read: int
    skipped: int
    files_done: int


def _partitions(
    paths: Sequence[str],
    store: Store,
    batch_size: int,
    summary: IngestSummary,
    parts: deque[_Part],
    estimate: bool = False,
) -> Iterator[list[Item]]:
    """Batches of new records (and bad ones); their counts go to ``parts`` in the same order."""
    files = list(iter_inputs(paths))
    summary.files = len(files)
    if estimate:
        summary.expected = sum(
            1 if isinstance(f, BadRecord) else estimate_records(f) for f in files
        )
    seen: set[str] = set()
    batch: list[Item] = []
    read = 0

    def flush(files_done: int) -> list[Item]:
        nonlocal batch, read
        keys = [r.key for r in batch if isinstance(r, Record)]
        known = store.known_ids(keys)
        out: list[Item] = []
        skipped = 0
        for r in batch:
            if isinstance(r, Record):
                if r.key in known or r.key in seen:
                    skipped += 1
                    continue
                seen.add(r.key)
            out.append(r)
        parts.append(_Part(read, skipped, files_done))
        batch, read = [], 0
        return out

    for i, item in enumerate(files):
        records = [item] if isinstance(item, BadRecord) else read_input(item)
        for rec in records:
            batch.append(rec)
            read += 1
            if len(batch) >= batch_size:
                yield flush(i)
    if batch or not parts:
        yield flush(len(files))
    elif parts:
        parts[-1].files_done = len(files)


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

    ``on_batch`` is called after each committed batch (for a progress bar; it
    also makes ingest count the records to expect up front).
    """
    engine = engine or LocalEngine(1)
    summary = IngestSummary()
    start = time.perf_counter()
    summary.run_id = store.start_run(paths, engine.workers)
    parts: deque[_Part] = deque()
    status = "failed"
    try:
        fn: Callable[[list[Item]], list[Any]] = partial(extract_batch, now=now)
        decode: Callable[[list[Any]], list[Any]] = list
        if getattr(engine, "arrow_results", False):  # remote workers send Arrow tables
            from waqai.corpus.parquet import arrow_codec

            fn, decode = arrow_codec(now)
        for packed in engine.map_partitions(
            fn, _partitions(paths, store, batch_size, summary, parts, on_batch is not None)
        ):
            results = decode(packed)
            part = parts.popleft()
            docs: list[tuple[Document, bytes | None]] = []
            errors: list[BadRecord] = []
            for r in results:
                if isinstance(r, BadRecord):
                    errors.append(r)
                else:
                    docs.append(r)
            added = store.add_batch(docs, errors, summary.run_id, part.read, part.skipped)
            summary.read += part.read
            summary.added += added
            summary.skipped += part.skipped + len(docs) - added
            summary.failed += len(errors)
            summary.batches += 1
            summary.files_done = part.files_done
            summary.seconds = time.perf_counter() - start
            if on_batch:
                on_batch(summary)
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
