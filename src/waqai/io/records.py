"""Input records: what a reader yields, before any extraction.

A reader never raises on bad input; it yields a :class:`BadRecord` naming the
file (and line or record number) and the reason, so one broken file never
stops a corpus. A good :class:`Record` already carries its store key: the
hash of the matching form of its text, so a batch can be checked against the
store before any model runs (that is what makes a rerun cheap).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from waqai.document import text_id
from waqai.text.normalize import normalize


def doc_key(text: str) -> str:
    """The store key of a text: ``text_id`` of its matching form.

    Two copies that differ only in tashkeel, tatweel, hamza forms or digits
    get the same key, so ingesting them twice adds nothing.
    """
    return text_id(normalize(text))


def clean_date(value: Any) -> str | None:
    """A YYYY-MM-DD date from metadata, or None when it is missing or unreadable."""
    if value is None:
        return None
    s = str(value).strip()[:10]
    try:
        return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        return None


@dataclass(slots=True)
class Record:
    """One article to extract: its text and the metadata its source gave."""

    text: str
    source: str  # file path, with ":line" or "#record" where it applies
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            self.key = doc_key(self.text)


@dataclass(frozen=True, slots=True)
class BadRecord:
    """An input that could not be read: where it is and why."""

    path: str
    reason: str
    line: int = 0  # line (JSONL) or record number (JSON list, WARC); 0 for a whole file

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def from_mapping(obj: Any, path: str, line: int = 0) -> Record | BadRecord:
    """A record from a JSON object with fields id, title, text, published, url, source."""
    if not isinstance(obj, dict):
        return BadRecord(path, f"expected a JSON object, got {type(obj).__name__}", line)
    text = obj.get("text")
    if not isinstance(text, str):
        return BadRecord(path, "missing or non-string field 'text'", line)
    if not text.strip():
        return BadRecord(path, "empty text", line)
    meta: dict[str, Any] = {"path": path}
    if line:
        meta["line"] = line
    for name in ("title", "url", "source"):
        if obj.get(name) is not None:
            meta[name] = str(obj[name])
    if obj.get("id") is not None:
        meta["external_id"] = str(obj["id"])
    published = clean_date(obj.get("published"))
    if obj.get("published") and not published:
        meta["published_raw"] = str(obj["published"])
    source = f"{path}:{line}" if line else path
    return Record(text, source, published, meta)
