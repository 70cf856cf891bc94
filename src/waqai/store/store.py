"""The corpus store: documents and what was found in them, merged across articles.

Writes come in batches, each one transaction (documents, their entities,
timexes, events and quotes, the batch's input errors and the progress row),
so a run killed at any moment leaves whole batches and a rerun skips what is
stored. Cross-article work (near-duplicate groups, event clusters) is
recomputed from the stored documents by :meth:`Store.rebuild`, never during
extraction, so it is the same whatever engine or worker count produced them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from waqai.corpus.dedup import group_duplicates
from waqai.corpus.flat import event_fields
from waqai.corpus.merge import Mention, cluster_mentions, participant_keys
from waqai.document import Document, Event
from waqai.io.records import BadRecord
from waqai.store.db import Database
from waqai.store.migrations import migrate
from waqai.store.queries import Queries
from waqai.store.search import index_body
from waqai.text.normalize import normalize

if TYPE_CHECKING:
    from waqai.io.partitions import FileSlice


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


#: the columns of the events table, in table order (migration 0001)
EVENT_COLUMNS = (
    *("doc_id", "event_id", "type", "mode", "cameo", "context", "event_date", "country"),
    *("actor_text", "actor_entity_id", "actor_code", "actor_norm"),
    *("recipient_text", "recipient_entity_id", "recipient_code", "recipient_norm"),
    *("trigger_start", "trigger_end", "trigger_text"),
    *("sentence_start", "sentence_end", "sentence_text", "sentence_norm"),
    *("location_text", "location_country", "negated", "modality", "confidence", "quad_class"),
)


@dataclass(frozen=True, slots=True)
class DonePart:
    """An input unit committed by an earlier run: what its summary and errors need."""

    source: str
    first_line: int
    last_line: int
    n_read: int
    n_failed: int


class Store(Queries):
    """A corpus database (SQLite or PostgreSQL), migrated to the current schema on open."""

    def __init__(self, url: str | None = None) -> None:
        self.db = Database(url)
        try:
            migrate(self.db)
        except BaseException:
            self.db.close()
            raise

    @property
    def url(self) -> str:
        return self.db.url

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- ingest ---------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored."""
        ids = sorted(set(ids))
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.db.rows(f"SELECT id FROM documents WHERE id IN ({marks})", chunk)
            )
        return found

    def done_parts(self, parts: Sequence[FileSlice]) -> dict[tuple[str, int, int], DonePart]:
        """Which of ``parts`` were committed before and are unchanged since, by ``key``."""
        want = {p.key: p for p in parts}
        paths = sorted({p.abspath for p in parts})
        found: dict[tuple[str, int, int], DonePart] = {}
        for i in range(0, len(paths), 500):
            chunk = paths[i : i + 500]
            for r in self.db.rows(
                "SELECT path, start_byte, end_byte, size, mtime_ns, source, first_line, last_line,"
                f" n_read, n_failed FROM ingest_parts WHERE path IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                p = want.get((r[0], r[1], r[2]))
                if p is not None and (p.size, p.mtime_ns) == (r[3], r[4]):
                    found[p.key] = DonePart(*r[5:])
        return found

    def skip_parts(self, done: Sequence[DonePart], run_id: int) -> None:
        """Count units skipped as done in run ``run_id``; their errors are reported again by it."""
        if not done:
            return
        n_read = sum(d.n_read for d in done)
        n_failed = sum(d.n_failed for d in done)
        now = _now()
        with self.db.transaction():
            self.db.executemany(
                "UPDATE ingest_errors SET run_id = ? WHERE source = ? AND line BETWEEN ? AND ?",
                [(run_id, d.source, d.first_line, d.last_line) for d in done if d.n_failed],
            )
            self.db.execute(
                "UPDATE ingest_progress SET updated_at = ?, n_read = n_read + ?,"
                " n_skipped = n_skipped + ?, n_errors = n_errors + ? WHERE run_id = ?",
                (now, n_read, n_read - n_failed, n_failed, run_id),
            )

    def start_run(self, inputs: Sequence[str], workers: int) -> int:
        now = _now()
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO ingest_progress (started_at, updated_at, status, inputs, workers, batches,"
                " n_read, n_added, n_skipped, n_errors) VALUES (?, ?, 'running', ?, ?, 0, 0, 0, 0, 0)",
                (now, now, json.dumps(list(inputs), ensure_ascii=False), workers),
            )
            run_id = self.db.scalar("SELECT MAX(run_id) FROM ingest_progress")
        return int(run_id)

    def finish_run(self, run_id: int, status: str) -> None:
        now = _now()
        self.db.execute(
            "UPDATE ingest_progress SET status = ?, finished_at = ?, updated_at = ? WHERE run_id = ?",
            (status, now, now, run_id),
        )

    def add_batch(
        self,
        docs: Sequence[tuple[Document, bytes | None]],
        errors: Sequence[BadRecord] = (),
        run_id: int | None = None,
        n_read: int = 0,
        n_skipped: int = 0,
        parts: Sequence[tuple[FileSlice, int, int]] = (),
    ) -> int:
        """Store a batch in one transaction; the number of documents actually added.

        ``parts`` are the input units the batch finishes, with the records each
        read and how many were bad: recorded as done, so a rerun skips them.
        """
        added = 0
        now = _now()
        with self.db.transaction():
            for doc, sig in docs:
                if self._insert_document(doc, sig, now):
                    added += 1
            # an input that was bad before and reads now is no longer an error
            self.db.executemany(
                "DELETE FROM ingest_errors WHERE source = ? AND line = ?",
                [
                    (str(d.meta.get("path")), int(d.meta.get("line") or 0))
                    for d, _ in docs
                    if d.meta.get("path")
                ],
            )
            self.db.executemany(
                "INSERT INTO ingest_errors (source, line, reason, run_id, at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (source, line) DO UPDATE SET reason = excluded.reason,"
                " run_id = excluded.run_id, at = excluded.at",
                [(e.path, e.line, e.reason, run_id, now) for e in errors],
            )
            self._record_parts(parts, run_id, now)
            if run_id is not None:
                self.db.execute(
                    "UPDATE ingest_progress SET updated_at = ?, batches = batches + 1,"
                    " n_read = n_read + ?, n_added = n_added + ?, n_skipped = n_skipped + ?,"
                    " n_errors = n_errors + ?, last_source = ? WHERE run_id = ?",
                    (
                        now,
                        n_read,
                        added,
                        n_skipped + len(docs) - added,
                        len(errors),
                        (docs[-1][0].meta.get("path") if docs else None),
                        run_id,
                    ),
                )
        return added

    def _record_parts(
        self, parts: Sequence[tuple[FileSlice, int, int]], run_id: int | None, now: str
    ) -> None:
        # what was recorded of an older version of a file can never match again
        self.db.executemany(
            "DELETE FROM ingest_parts WHERE path = ? AND (size <> ? OR mtime_ns <> ?)",
            sorted({(p.abspath, p.size, p.mtime_ns) for p, _, _ in parts}),
        )
        self.db.executemany(
            "INSERT INTO ingest_parts (path, start_byte, end_byte, size, mtime_ns, source,"
            " first_line, last_line, n_read, n_failed, run_id, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path, start_byte, end_byte)"
            " DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
            " source = excluded.source, first_line = excluded.first_line,"
            " last_line = excluded.last_line, n_read = excluded.n_read,"
            " n_failed = excluded.n_failed, run_id = excluded.run_id, at = excluded.at",
            [
                (
                    p.abspath,
                    p.start,
                    p.end,
                    p.size,
                    p.mtime_ns,
                    p.path,
                    *p.line_span,
                    n,
                    bad,
                    run_id,
                    now,
                )
                for p, n, bad in parts
            ],
        )

    def add_documents(self, docs: Iterable[Document]) -> int:
        """Store documents (signatures computed here); the number added."""
        from waqai.corpus.dedup import signature

        return self.add_batch([(d, signature(d.text)) for d in docs])

    def _insert_document(self, doc: Document, sig: bytes | None, now: str) -> bool:
        meta = doc.meta
        n = self.db.execute(
            "INSERT INTO documents (id, external_id, title, url, source, path, published,"
            " published_source, n_chars, n_events, ingested_at, minhash, doc_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (
                doc.id,
                meta.get("external_id"),
                meta.get("title"),
                meta.get("url"),
                meta.get("source"),
                meta.get("path"),
                doc.published.value,
                doc.published.source,
                len(doc.text),
                len(doc.events),
                now,
                sig,
                doc.to_json(),
            ),
        )
        if n != 1:
            return False
        d = doc.id
        self.db.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (d, i, e.start, e.end, e.text, e.type, e.entity_id, e.name, e.name_en, e.country)
                for i, e in enumerate(doc.entities)
            ],
        )
        self.db.executemany(
            "INSERT INTO timexes VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(d, i, t.start, t.end, t.text, t.type, t.value) for i, t in enumerate(doc.timexes)],
        )
        self.db.executemany(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
            " ON CONFLICT (doc_id, event_id) DO NOTHING",
            [self._event_row(doc, ev) for ev in doc.events],
        )
        self.db.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    d,
                    i,
                    q.start,
                    q.end,
                    q.text,
                    q.speaker.text if q.speaker else None,
                    q.speaker.entity_id if q.speaker else None,
                    q.speaker.code if q.speaker else None,
                    q.verb.text if q.verb else None,
                )
                for i, q in enumerate(doc.quotes)
            ],
        )
        if self.db.is_postgres:
            self.db.execute(
                "INSERT INTO documents_search (doc_id, body) VALUES (?, ?)",
                (d, index_body(doc.text)),
            )
        else:
            self.db.execute(
                "INSERT INTO documents_search (rowid, body)"
                " SELECT rowid, ? FROM documents WHERE id = ?",
                (index_body(doc.text), d),
            )
        return True

    @staticmethod
    def _event_row(doc: Document, ev: Event) -> tuple[Any, ...]:
        row = event_fields(doc, ev)
        row["context"] = json.dumps(row["context"], ensure_ascii=False)
        row["negated"] = int(row["negated"])
        for role in ("actor", "recipient"):  # matching forms, for search
            text = row[f"{role}_text"]
            row[f"{role}_norm"] = normalize(text) if text is not None else None
        row["sentence_norm"] = normalize(row["sentence_text"])
        return tuple(row[name] for name in EVENT_COLUMNS)

    # -- cross-article work ---------------------------------------------------------
    def rebuild(self) -> tuple[int, int]:
        """Recompute duplicate groups and event clusters from every stored document.

        Returns (number of duplicate groups with more than one member, number of clusters).
        """
        docs = self.db.rows("SELECT id, minhash, published FROM documents")
        groups = group_duplicates(
            (r[0], bytes(r[1]) if r[1] is not None else None, r[2]) for r in docs
        )
        group_of = {m: g.group_id for g in groups for m in g.members}
        published = {r[0]: r[2] for r in docs}
        mentions = []
        for r in self.db.rows(
            "SELECT doc_id, event_id, type, event_date, country, actor_text, actor_entity_id,"
            " actor_code, recipient_text, recipient_entity_id, recipient_code, negated FROM events"
        ):
            mentions.append(
                Mention(
                    doc_id=r[0],
                    event_id=r[1],
                    type=r[2],
                    date=r[3],
                    country=r[4],
                    actor=participant_keys(r[5], r[6], r[7]),
                    recipient=participant_keys(r[8], r[9], r[10]),
                    group_id=group_of.get(r[0], r[0]),
                    negated=bool(r[11]),
                    published=published.get(r[0]),
                    actor_text=r[5],
                    recipient_text=r[8],
                )
            )
        clusters = cluster_mentions(mentions)
        sentences = {
            (r[0], r[1]): (r[2], r[3])
            for r in self.db.rows("SELECT doc_id, event_id, sentence_text, mode FROM events")
        }
        with self.db.transaction():
            self.db.execute("DELETE FROM duplicate_groups")
            self.db.executemany(
                "INSERT INTO duplicate_groups VALUES (?, ?, ?, ?)",
                [
                    (m, g.group_id, g.canonical_id, len(g.members))
                    for g in groups
                    for m in g.members
                ],
            )
            self.db.execute("DELETE FROM cluster_members")
            self.db.execute("DELETE FROM event_clusters")
            rows = []
            for c in clusters:
                h = c.head
                pubs = [m.published for m in c.members if m.published]
                sentence, mode = sentences[(h.doc_id, h.event_id)]
                rows.append(
                    (
                        c.id,
                        h.type,
                        mode,
                        h.date,
                        h.country,
                        int(h.negated),
                        c.most_common("actor_text"),
                        c.most_common("recipient_text"),
                        len(c.members),
                        c.n_documents,
                        c.n_sources,
                        min(pubs) if pubs else None,
                        h.doc_id,
                        h.event_id,
                        sentence,
                    )
                )
            self.db.executemany(
                "INSERT INTO event_clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.db.executemany(
                "INSERT INTO cluster_members VALUES (?, ?, ?)",
                [(m.doc_id, m.event_id, c.id) for c in clusters for m in c.members],
            )
        return sum(1 for g in groups if len(g.members) > 1), len(clusters)


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating) the store at ``url``: ``sqlite:///PATH`` or ``postgresql://...``.

    Without a URL: ``$WAQAI_DB``, else ``waqai.db`` in the working directory.
    """
    return Store(url)
