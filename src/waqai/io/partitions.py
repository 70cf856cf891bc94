"""Input partitions: what the driver plans without reading a record, and what a worker reads.

The driver lists the input files and cuts them into partitions of about
``batch_size`` records: a ``.txt``, ``.html`` or ``.json`` file is one unit
(one record, or one JSON array), a WARC file is a unit that fills a partition
on its own, and a JSONL file is cut into byte ranges that start on a line,
found by counting newlines (the driver never decodes a line; it has to count
them all because records carry their line number). A worker opens the units
of its partition with the same readers as a local run, so records, keys,
line numbers and errors are the same whichever process reads them.

Each file unit carries the file's size and modification time as they were
when the run was planned: with its absolute path and byte range that is its
identity in the store's record of committed units, so a rerun skips what is
committed without opening it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Union

from waqai.io.readers import STDIN, kind_of, read_input, read_jsonl_range
from waqai.io.records import BadRecord, Record

#: bytes read at a time while counting the lines of a JSONL file
CHUNK = 1 << 20
#: the last line of a whole-file unit, for matching its errors (any line)
ANY_LINE = 2**31 - 1


@dataclass(frozen=True, slots=True)
class FileSlice:
    """A file, or a byte range of a JSONL file, to be read by a worker."""

    path: str  # as named on the command line: records and errors carry it
    abspath: str  # its identity, resolved on the driver
    size: int  # -1: could not be read when planned (the worker's reader says why)
    mtime_ns: int
    start: int = 0
    end: int = -1  # -1: the whole file, by its reader
    line: int = 1  # number of the range's first line
    lines: int = 1  # lines in the range (blank ones included)

    @property
    def key(self) -> tuple[str, int, int]:
        return self.abspath, self.start, self.end

    @property
    def line_span(self) -> tuple[int, int]:
        """The first and last line numbers the unit's errors can have."""
        if self.end < 0:
            return 0, ANY_LINE
        return self.line, self.line + self.lines - 1


#: what a partition is made of: file slices, and records or errors the driver already has
#: (standard input, files that could not be listed)
Unit = Union[FileSlice, Record, BadRecord]  # noqa: UP007 - a runtime alias


@dataclass(slots=True)
class Planned:
    """A partition of the input and how many input files are finished with it."""

    units: list[Unit]
    files_done: int


def read_unit(unit: Unit) -> Iterator[Record | BadRecord]:
    """The records of one unit (what a worker does with it)."""
    if not isinstance(unit, FileSlice):
        yield unit
    elif unit.end < 0:
        yield from read_input(unit.path)
    else:
        yield from read_jsonl_range(
            unit.path, unit.start, unit.end, unit.line, (unit.size, unit.mtime_ns)
        )


def plan_partitions(files: Sequence[str | BadRecord], batch_size: int) -> Iterator[Planned]:
    """``files`` (from ``iter_inputs``) in partitions of about ``batch_size`` records, in order.

    The cuts depend on the files only, never on what is stored, so a rerun
    plans the same units and finds the committed ones.
    """
    held: Planned | None = None  # a full partition waits for the next unit to know files_done
    units: list[Unit] = []
    filled = 0
    for i, item in enumerate(files):
        for unit, weight in _units(item, batch_size - filled, batch_size):
            if held is not None:
                yield held
                held = None
            units.append(unit)
            filled += weight
            if filled >= batch_size:
                held, units, filled = Planned(units, i), [], 0
    if held is not None:
        held.files_done = len(files)
        yield held
    else:  # the rest, or one empty partition when there is no input at all
        yield Planned(units, len(files))


def _units(item: str | BadRecord, room: int, batch_size: int) -> Iterator[tuple[Unit, int]]:
    """The units of one listed input and their weights (records, as far as the driver knows)."""
    if isinstance(item, BadRecord):
        yield item, 1
        return
    if item == STDIN:  # a stream cannot be cut or reread: the driver reads it
        for rec in read_input(STDIN):
            yield rec, 1
        return
    try:
        st = os.stat(item)
    except OSError:
        yield FileSlice(item, os.path.abspath(item), -1, -1), 1
        return
    whole = FileSlice(item, os.path.abspath(item), st.st_size, st.st_mtime_ns)
    kind = kind_of(item)
    if kind == "jsonl" and stat.S_ISREG(st.st_mode):
        yield from _jsonl_slices(whole, room, batch_size)
    else:
        yield whole, batch_size if kind == "warc" else 1


def _jsonl_slices(whole: FileSlice, room: int, batch_size: int) -> Iterator[tuple[FileSlice, int]]:
    """Byte ranges of a JSONL file: ``room`` lines, then ``batch_size`` lines each."""
    try:
        fh = open(whole.path, "rb")  # noqa: SIM115 - closed below, the generator may stop early
    except OSError:
        yield whole, 1  # the worker's reader reports why
        return
    start, line, n, need, offset, last = 0, 1, 0, room, 0, b"\n"
    try:
        while offset < whole.size:
            chunk = fh.read(min(CHUNK, whole.size - offset))
            if not chunk:
                break
            at, left = 0, chunk.count(b"\n")
            while left >= need - n:
                for _ in range(need - n):
                    at = chunk.index(b"\n", at) + 1
                left -= need - n
                end = offset + at
                yield _slice(whole, start, end, line, need), need
                start, line, n, need = end, line + need, 0, batch_size
            n += left
            offset += len(chunk)
            last = chunk[-1:]
    finally:
        fh.close()
    n += last != b"\n"  # a last line without a newline
    if start < offset and n:
        yield _slice(whole, start, offset, line, n), n


def _slice(whole: FileSlice, start: int, end: int, line: int, lines: int) -> FileSlice:
    return FileSlice(whole.path, whole.abspath, whole.size, whole.mtime_ns, start, end, line, lines)
