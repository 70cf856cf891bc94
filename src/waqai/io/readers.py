"""Files and folders into a stream of records, one bad input never stopping the rest.

``iter_inputs(paths)`` lists the files to read (folders recursively, in
sorted order, symlink loops detected); ``read_input(path)`` streams the
records of one file by its extension: ``.txt`` (the whole file is the text),
``.json`` (one object or a list), ``.jsonl`` (one object a line, read line by
line), ``.html``/``.htm`` and ``.warc``/``.warc.gz``. ``-`` reads JSONL from
standard input. ``read_jsonl_range`` reads the lines of a byte range of a
JSONL file, as a worker does with its part of a big file.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from waqai.errors import InputError
from waqai.io.files import MAX_BYTES, read_text_file
from waqai.io.records import BadRecord, Record, from_mapping
from waqai.text.decode import decode

#: extensions read from folders (a file named explicitly is read whatever its name, as text)
SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm", ".warc", ".warc.gz")

STDIN = "-"


def kind_of(path: str) -> str:
    name = path.lower()
    for suffix, kind in (
        (".warc.gz", "warc"),
        (".warc", "warc"),
        (".jsonl", "jsonl"),
        (".json", "json"),
        (".html", "html"),
        (".htm", "html"),
    ):
        if name.endswith(suffix):
            return kind
    return "txt"


def iter_inputs(paths: Iterable[str]) -> Iterator[str | BadRecord]:
    """The files named by ``paths`` (folders walked recursively), or why one cannot be read."""
    for path in paths:
        if path == STDIN:
            yield STDIN
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            yield BadRecord(path, _os_reason(exc))
            continue
        if not os.path.isdir(path):
            yield path
            continue
        yield from _walk(path, {(st.st_dev, st.st_ino)})


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[str | BadRecord]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield BadRecord(folder, _os_reason(exc))
        return
    for entry in entries:
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir()  # follows symlinks
            st = entry.stat()
        except OSError as exc:
            if entry.name.lower().endswith(SUFFIXES) or entry.is_symlink():
                yield BadRecord(path, _os_reason(exc))
            continue
        if is_dir:
            key = (st.st_dev, st.st_ino)
            if key in seen:
                yield BadRecord(path, "symlink loop (folder already visited)")
                continue
            yield from _walk(path, seen | {key})
        elif entry.name.lower().endswith(SUFFIXES) and not entry.name.startswith("."):
            yield path


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.EACCES:
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def read_input(path: str) -> Iterator[Record | BadRecord]:
    """The records of one input file (``-`` for JSONL on stdin)."""
    if path == STDIN:
        yield from iter_jsonl(sys.stdin.buffer, "<stdin>")
        return
    kind = kind_of(path)
    if kind == "jsonl":
        try:
            fh = open(path, "rb")  # noqa: SIM115 - closed below, the generator may stop early
        except OSError as exc:
            yield BadRecord(path, _os_reason(exc))
            return
        try:
            yield from iter_jsonl(fh, path)
        finally:
            fh.close()
    elif kind == "warc":
        from waqai.io.html import iter_warc

        yield from iter_warc(path)
    elif kind == "txt":
        try:
            text, meta = read_text_file(path)
        except InputError as exc:
            yield BadRecord(
                path, exc.reason if exc.offset is None else f"{exc.reason} at byte {exc.offset}"
            )
            return
        yield Record(text, path, None, meta)
    else:
        data = _read_bytes(path)
        if isinstance(data, BadRecord):
            yield data
        elif kind == "html":
            from waqai.io.html import read_html

            yield read_html(path, data)
        else:
            yield from _json_records(path, data)


def read_jsonl_range(
    path: str, start: int, end: int, first_line: int, identity: tuple[int, int] | None = None
) -> Iterator[Record | BadRecord]:
    """The records of bytes ``start:end`` of a JSONL file, whose first line is ``first_line``.

    ``identity`` (size, mtime in ns) is the file as it was when the range was
    cut: a file changed since is reported rather than read from the middle of
    a line.
    """
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, the generator may stop early
    except OSError as exc:
        yield BadRecord(path, _os_reason(exc), first_line)
        return
    try:
        st = os.fstat(fh.fileno())
        if identity is not None and (st.st_size, st.st_mtime_ns) != identity:
            yield BadRecord(path, "file changed during the run (rerun to read it)", first_line)
            return
        fh.seek(start)
        yield from iter_jsonl(_Range(fh, end - start), path, first_line=first_line)
    finally:
        fh.close()


class _Lines(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


class _Range:
    """``readline`` over the next ``size`` bytes of a file only."""

    def __init__(self, fh: _Lines, size: int) -> None:
        self.fh, self.left = fh, size

    def readline(self, size: int = -1, /) -> bytes:
        if self.left <= 0:
            return b""
        line = self.fh.readline(self.left if size < 0 else min(size, self.left))
        self.left -= len(line)
        return line


def estimate_records(path: str) -> int:
    """About how many records ``path`` holds (JSONL lines are counted; others count 1)."""
    if path == STDIN or kind_of(path) != "jsonl":
        return 1
    n = 0
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                n += chunk.count(b"\n")
    except OSError:
        return 1
    return max(n, 1)


def read_inputs(paths: Iterable[str]) -> Iterator[Record | BadRecord]:
    """Every record of every input, in order."""
    for item in iter_inputs(paths):
        if isinstance(item, BadRecord):
            yield item
        else:
            yield from read_input(item)


def _read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes | BadRecord:
    try:
        if Path(path).is_dir():
            return BadRecord(path, "is a directory")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return BadRecord(path, _os_reason(exc))
    if len(data) > max_bytes:
        return BadRecord(
            path, f"file too large (more than {max_bytes:,} bytes; use JSONL for big corpora)"
        )
    if not data:
        return BadRecord(path, "empty file")
    return data


def _json_records(path: str, data: bytes) -> Iterator[Record | BadRecord]:
    try:
        text = decode(data, path).text
        obj = json.loads(text)
    except InputError as exc:
        yield BadRecord(path, exc.reason)
        return
    except json.JSONDecodeError as exc:
        yield BadRecord(path, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    if isinstance(obj, list):
        for i, item in enumerate(obj, 1):
            yield from_mapping(item, path, i)
    else:
        yield from_mapping(obj, path)


def iter_jsonl(
    stream: _Lines, path: str, max_line: int = MAX_BYTES, first_line: int = 1
) -> Iterator[Record | BadRecord]:
    """Records of a JSON Lines stream, one line at a time (blank lines skipped).

    ``first_line`` numbers the first line read (a range of a file starts inside it).
    """
    for n, raw in enumerate(iter(lambda: stream.readline(max_line + 1), b""), first_line):
        if len(raw) > max_line:
            yield BadRecord(path, f"line longer than {max_line:,} bytes", n)
            # skip the rest of the long line
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(max_line + 1)
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            obj = json.loads(line)
        except UnicodeDecodeError as exc:
            yield BadRecord(path, f"invalid UTF-8 at byte {exc.start} of the line", n)
            continue
        except json.JSONDecodeError as exc:
            yield BadRecord(path, f"invalid JSON ({exc.msg} at column {exc.colno})", n)
            continue
        yield from_mapping(obj, path, n)
