"""The per-partition work an engine runs in its workers: input units into documents.

Module-level and picklable, so any engine can ship it to a process or a
cluster; the pipeline is built once per worker process (``default_pipeline``
caches it) and reused for every partition. A worker reads the files of its
partition itself (:func:`process_units`), so the driver never reads records.
"""

from __future__ import annotations

import logging
import multiprocessing
from dataclasses import dataclass
from typing import Union

from waqai.corpus.dedup import signature
from waqai.document import Document
from waqai.errors import WaqaiError
from waqai.io.partitions import Unit, read_unit
from waqai.io.records import BadRecord, Record
from waqai.pipeline import default_pipeline, tune_gc

log = logging.getLogger(__name__)

Item = Union[Record, BadRecord]  # noqa: UP007 - a runtime alias
Result = Union[tuple[Document, bytes], BadRecord]  # noqa: UP007


def extract_one(record: Record, now: str | None = None) -> Result:
    """Run the pipeline on one record; a failure becomes a :class:`BadRecord`."""
    path = str(record.meta.get("path") or record.source)
    line = int(record.meta.get("line") or 0)
    pipeline = default_pipeline()
    try:
        doc = pipeline.make_doc(record.text, record.published, record.meta, now=now, id=record.key)
        pipeline.run(doc)
    except WaqaiError as exc:
        return BadRecord(path, f"extraction failed: {exc}", line)
    except Exception as exc:  # a bug in one stage must not kill a corpus run; it is recorded
        log.warning("extraction failed on %s", record.source, exc_info=True)
        return BadRecord(path, f"extraction failed ({type(exc).__name__}: {exc})", line)
    return doc, signature(record.text)


def extract_batch(items: list[Item], now: str | None = None) -> list[Result]:
    """Documents (with their MinHash signatures) for a batch; bad records pass through."""
    return [item if isinstance(item, BadRecord) else extract_one(item, now) for item in items]


@dataclass(frozen=True, slots=True)
class UnitCount:
    """What one unit of a partition gave."""

    read: int  # records read, bad ones included
    results: int  # results it added (a text repeated within the partition adds none)
    retry: bool = False  # an extraction failed: not recorded as done, so a rerun tries again


@dataclass(slots=True)
class PartitionResult:
    """A partition's results in input order, and how many came from each of its units."""

    results: list[Result]
    units: list[UnitCount]


_tuned = False


def _tune_worker() -> None:
    """Fit the GC of a worker process (pool or Dask) once: ``pipeline.tune_gc``.

    Not in the main process: there ingest may be a library call, and freezing
    the caller's objects is not ours to decide.
    """
    global _tuned
    if not _tuned and multiprocessing.current_process().name != "MainProcess":
        tune_gc()
    _tuned = True


def process_units(units: list[Unit], now: str | None = None) -> list[PartitionResult]:
    """Read a partition's units and extract their records (a text repeated in it, once)."""
    _tune_worker()
    seen: set[str] = set()
    results: list[Result] = []
    counts: list[UnitCount] = []
    for unit in units:
        first, read, retry = len(results), 0, False
        for item in read_unit(unit):
            read += 1
            if isinstance(item, Record):
                if item.key in seen:
                    continue
                seen.add(item.key)
                result = extract_one(item, now)
                retry = retry or isinstance(result, BadRecord)
                results.append(result)
            else:
                results.append(item)
        counts.append(UnitCount(read, len(results) - first, retry))
    return [PartitionResult(results, counts)]
