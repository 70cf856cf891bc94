"""Exports of a store: the document contract (JSONL), flat event tables (CSV, Parquet), PLOVER.

Event tables have one row per mention, each carrying its merged event
(``cluster_*`` columns), so a merged event is the group of rows sharing a
``cluster_id``; ``level="clusters"`` gives one row per merged event instead.
PLOVER records (JSONL) use only the field names of the PLOVER manual's JSON
table, one record per merged event.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import IO, Any

from waqai import __version__
from waqai.errors import ConfigError
from waqai.store.store import Store

#: the columns of the mention-level event table, in order (documented in docs/corpus.md)
MENTION_FIELDS = [
    "cluster_id",
    "cluster_date",
    "cluster_n_mentions",
    "cluster_n_sources",
    "doc_id",
    "event_id",
    "type",
    "mode",
    "cameo",
    "context",
    "event_date",
    "country",
    "actor_text",
    "actor_entity_id",
    "actor_code",
    "recipient_text",
    "recipient_entity_id",
    "recipient_code",
    "trigger_start",
    "trigger_end",
    "trigger_text",
    "sentence_start",
    "sentence_end",
    "sentence_text",
    "location_text",
    "location_country",
    "negated",
    "modality",
    "confidence",
    "quad_class",
    "duplicate_group",
    "published",
    "title",
    "url",
    "source",
    "path",
]

CLUSTER_FIELDS = [
    "cluster_id",
    "type",
    "mode",
    "event_date",
    "country",
    "negated",
    "actor_text",
    "recipient_text",
    "n_mentions",
    "n_documents",
    "n_sources",
    "first_published",
    "doc_id",
    "event_id",
    "sentence_text",
]

#: every field of a PLOVER record, from the manual's "PLOVER JSON" table
PLOVER_FIELDS = (
    "id",
    "has_event",
    "date",
    "time",
    "enddate",
    "endtime",
    "actor",
    "recipient",
    "event",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "link",
    "text",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
    "coded_time",
    "comment",
)
PLOVER_REQUIRED = ("id", "date", "actor", "event")
PLOVER_ENTITY_FIELDS = (
    "code",
    "sector",
    "entity_text",
    "identifier_id",
    "identifier_text",
    "religion",
    "ethnicity",
    "office",
    "gender",
    "age",
)
PLOVER_TEXT_INFO_FIELDS = ("sequence", "start", "end", "text_story")
PLOVER_CITE_INFO_FIELDS = (
    "corpus",
    "citation",
    "url",
    "title",
    "language",
    "publication",
    "license",
    "copyright",
    "coder",
    "codebook",
    "version",
)
PLOVER_LOCATION_FIELDS = (
    "extracted_place",
    "resolved_place",
    "geonameid",
    "lat",
    "lon",
    "city",
    "district",
    "province",
    "country",
    "country_code",
    "feature_class",
    "feature_code",
    "resolution",
)


def event_rows(store: Store, level: str = "mentions") -> Iterator[dict[str, Any]]:
    """Flat rows of the event table: one per mention (default) or one per merged event."""
    if level == "clusters":
        for c in store.events():
            yield {k: c[k] for k in CLUSTER_FIELDS}
        return
    if level != "mentions":
        raise ConfigError(f"level must be 'mentions' or 'clusters', got {level!r}")
    clusters = {c["cluster_id"]: c for c in store.events()}
    for m in store.mentions():
        c = clusters[m["cluster_id"]]
        row = dict(m)
        row["context"] = ";".join(m["context"])
        row["cluster_date"] = c["event_date"]
        row["cluster_n_mentions"] = c["n_mentions"]
        row["cluster_n_sources"] = c["n_sources"]
        yield {k: row.get(k) for k in MENTION_FIELDS}


def write_jsonl(store: Store, out: IO[str]) -> int:
    n = 0
    for doc in store.documents():
        out.write(doc.to_json() + "\n")
        n += 1
    return n


def write_csv(store: Store, out: IO[str], level: str = "mentions") -> int:
    fields = MENTION_FIELDS if level == "mentions" else CLUSTER_FIELDS
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in event_rows(store, level):
        writer.writerow(row)
        n += 1
    return n


def write_parquet(store: Store, path: str, level: str = "mentions") -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = MENTION_FIELDS if level == "mentions" else CLUSTER_FIELDS
    ints = {
        "cluster_n_mentions",
        "cluster_n_sources",
        "trigger_start",
        "trigger_end",
        "sentence_start",
        "sentence_end",
        "quad_class",
        "n_mentions",
        "n_documents",
        "n_sources",
    }
    types = {f: pa.int64() if f in ints else pa.string() for f in fields}
    types["negated"] = pa.bool_()
    if "confidence" in types:
        types["confidence"] = pa.float64()
    schema = pa.schema([(f, types[f]) for f in fields])
    rows = list(event_rows(store, level))
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)
    return len(rows)


def _entity(text: str | None, entity_id: str | None, code: str | None) -> list[dict[str, Any]]:
    if not (text or entity_id or code):
        return []
    e: dict[str, Any] = {"code": code, "entity_text": text}
    if entity_id:
        e["identifier_id"] = entity_id
    return [e]


_PRECISION = {4: "the year", 7: "the month"}


def date_range(value: str | None) -> tuple[str, str] | None:
    """A (possibly partial) ISO date as (first day, last day) in YYYY-MM-DD."""
    if not value:
        return None
    try:
        if len(value) == 4:
            year = dt.date.fromisoformat(value + "-01-01").year
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        if len(value) == 7:
            first = dt.date.fromisoformat(value + "-01")
            nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()
        day = dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None
    return day, day


def plover_undated(store: Store) -> int:
    """Merged events that have neither a date nor a publication date (not exportable)."""
    return sum(
        1 for c in store.events() if date_range(c["event_date"] or c["first_published"]) is None
    )


def _sequence(store: Store, doc_id: str, start: int) -> int | None:
    """The number of the sentence starting at ``start`` in its document (0-based)."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    return next((i for i, s in enumerate(doc.sentences) if s.start <= start < s.end), None)


def plover_records(store: Store, corpus: str | None = None) -> Iterator[dict[str, Any]]:
    """One PLOVER record per merged event, with the manual's field names only."""
    today = dt.date.today().isoformat()
    for c in store.events(mentions=True):
        ms = c["mentions"]
        head = next(m for m in ms if m["doc_id"] == c["doc_id"] and m["event_id"] == c["event_id"])
        span = date_range(c["event_date"] or c["first_published"])
        if span is None:
            continue  # PLOVER requires a date; `plover_undated` counts these
        date = c["event_date"] or c["first_published"]
        rec: dict[str, Any] = {
            "id": c["cluster_id"],
            "has_event": True,
            "date": span[0],
            "enddate": span[1] if span[1] != span[0] else None,
            "actor": _entity(head["actor_text"], head["actor_entity_id"], head["actor_code"]),
            "recipient": _entity(
                head["recipient_text"], head["recipient_entity_id"], head["recipient_code"]
            ),
            "event": [c["type"]],
            "event_loc": (
                {"extracted_place": head["location_text"], "country_code": head["location_country"]}
                if head["location_text"]
                else None
            ),
            "event_text": [m["sentence_text"] for m in ms],
            "quad_code": head["quad_class"],
            "mode": [c["mode"]] if c["mode"] else [],
            "context": sorted({x for m in ms for x in m["context"]}),
            "link": c["cluster_id"],
            "text_info": {
                "sequence": _sequence(store, head["doc_id"], head["sentence_start"]),
                "start": head["sentence_start"],
                "end": head["sentence_end"],
            },
            "cite_info": {
                "corpus": corpus,
                "citation": head["doc_id"],
                "url": head["url"],
                "title": head["title"],
                "language": "ar",
                "publication": head["source"],
                "coder": f"waqai {__version__}",
                "codebook": "plover",
            },
            "coder": f"waqai {__version__}",
            "coded_date": today,
            "comment": (
                f"{c['n_mentions']} mention(s) in {c['n_sources']} source(s)"
                + ("" if c["event_date"] else "; date is the first publication date")
                + (f"; date known to {_PRECISION[len(date)]} only" if len(date) < 10 else "")
                + ("; negated" if c["negated"] else "")
            ),
        }
        yield rec


def write_plover(store: Store, out: IO[str], corpus: str | None = None) -> int:
    n = 0
    for rec in plover_records(store, corpus):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
