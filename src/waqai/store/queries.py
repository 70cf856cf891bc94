"""Read-side queries of the store: merged events, timelines, search and statistics.

The CLI and the web dashboard only format what these return (lists of plain
dicts), so both backends and both front ends give the same answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from waqai.document import Document
from waqai.pipeline import parse_date
from waqai.store.search import fts5_query, query_terms, snippet, tsquery
from waqai.text.normalize import normalize

if TYPE_CHECKING:
    from waqai.store.db import Database

CLUSTER_COLUMNS = (
    "c.cluster_id, c.type, c.mode, c.event_date, c.country, c.negated, c.actor_text,"
    " c.recipient_text, c.n_mentions, c.n_documents, c.n_sources, c.first_published,"
    " c.doc_id, c.event_id, c.sentence_text"
)

MENTION_COLUMNS = (
    "m.cluster_id, e.doc_id, e.event_id, e.type, e.mode, e.cameo, e.context, e.event_date,"
    " e.country, e.actor_text, e.actor_entity_id, e.actor_code, e.recipient_text,"
    " e.recipient_entity_id, e.recipient_code, e.trigger_start, e.trigger_end, e.trigger_text,"
    " e.sentence_start, e.sentence_end, e.sentence_text, e.location_text, e.location_country,"
    " e.negated, e.modality, e.confidence, e.quad_class, g.group_id AS duplicate_group,"
    " d.published, d.title, d.url, d.source, d.path"
)

_MENTIONS_FROM = (
    " FROM events e JOIN cluster_members m ON m.doc_id = e.doc_id AND m.event_id = e.event_id"
    " JOIN documents d ON d.id = e.doc_id LEFT JOIN duplicate_groups g ON g.doc_id = e.doc_id"
)


#: LIKE patterns escape their wildcards with a backslash (same syntax in SQLite and PostgreSQL)
ESCAPE = "ESCAPE '\\'"


def contains(word: str) -> str:
    """A LIKE pattern matching ``word`` anywhere, its own % and _ taken literally."""
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Queries:
    db: Database

    # -- merged events ------------------------------------------------------------------
    def cluster_filter(
        self,
        country: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        actor: str | None = None,
        text: str | None = None,
    ) -> tuple[str, list[Any]]:
        where = ["1 = 1"]
        params: list[Any] = []
        if country:
            where.append("c.country = ?")
            params.append(country.upper())
        if type:
            where.append("c.type = ?")
            params.append(type.upper())
        if since:
            where.append(
                "c.event_date IS NOT NULL AND c.event_date >= substr(?, 1, length(c.event_date))"
            )
            params.append(parse_date(since, "--since"))
        if until:
            where.append(
                "c.event_date IS NOT NULL AND c.event_date <= substr(?, 1, length(c.event_date))"
            )
            params.append(parse_date(until, "--until"))
        member = "SELECT 1 FROM cluster_members cm JOIN events e ON e.doc_id = cm.doc_id AND e.event_id = cm.event_id WHERE cm.cluster_id = c.cluster_id"
        if actor and actor.strip():
            words = [contains(w) for w in normalize(actor).split()]
            in_actor = " AND ".join([f"lower(e.actor_norm) LIKE ? {ESCAPE}"] * len(words))
            in_recipient = " AND ".join([f"lower(e.recipient_norm) LIKE ? {ESCAPE}"] * len(words))
            where.append(
                f"EXISTS ({member} AND (({in_actor}) OR ({in_recipient})"
                " OR e.actor_entity_id = ? OR e.recipient_entity_id = ? OR e.actor_code = ? OR e.recipient_code = ?))"
            )
            params += [
                *words,
                *words,
                actor.strip(),
                actor.strip(),
                actor.strip().upper(),
                actor.strip().upper(),
            ]
        if text:
            for word in normalize(text).split():
                where.append(f"EXISTS ({member} AND lower(e.sentence_norm) LIKE ? {ESCAPE})")
                params.append(contains(word))
        return " AND ".join(where), params

    def events(
        self,
        country: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        actor: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        mentions: bool = False,
    ) -> list[dict[str, Any]]:
        """Merged events (clusters) matching every filter, in date order (undated last).

        With ``mentions=True`` each carries ``mentions``: every article that
        reports it, with its evidence sentence.
        """
        where, params = self.cluster_filter(country, type, since, until, actor, text)
        sql = (
            f"SELECT {CLUSTER_COLUMNS} FROM event_clusters c WHERE {where}"
            " ORDER BY CASE WHEN c.event_date IS NULL THEN 1 ELSE 0 END, c.event_date, c.first_published, c.cluster_id"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        out = self.db.dicts(sql, params)
        for row in out:
            row["negated"] = bool(row["negated"])
        if mentions and out:
            by_id = {r["cluster_id"]: r for r in out}
            for r in out:
                r["mentions"] = []
            for m in self._mentions_of(list(by_id)):
                by_id[m["cluster_id"]]["mentions"].append(m)
        return out

    def _mentions_of(self, cluster_ids: list[str]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i in range(0, len(cluster_ids), 500):
            chunk = cluster_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out += self.db.dicts(
                f"SELECT {MENTION_COLUMNS}{_MENTIONS_FROM} WHERE m.cluster_id IN ({marks})"
                " ORDER BY d.published, e.doc_id, e.event_id",
                chunk,
            )
        for m in out:
            _fix_mention(m)
        return out

    def timeline(
        self, country: str, actor: str | None = None, type: str | None = None
    ) -> list[dict[str, Any]]:
        """The merged events of one country in chronological order, with their sources."""
        return self.events(country=country, actor=actor, type=type, mentions=True)

    def mentions(self) -> Iterator[dict[str, Any]]:
        """Every event mention with its cluster, duplicate group and document metadata."""
        rows = self.db.dicts(
            f"SELECT {MENTION_COLUMNS}{_MENTIONS_FROM} ORDER BY m.cluster_id, d.published, e.doc_id, e.event_id"
        )
        for m in rows:
            yield _fix_mention(m)

    # -- documents ---------------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        raw = self.db.scalar("SELECT doc_json FROM documents WHERE id = ?", (doc_id,))
        return Document.from_dict(json.loads(raw)) if raw else None

    def documents(self, page: int = 500) -> Iterator[Document]:
        """Every stored document in id order, read a page at a time."""
        last = ""
        while True:
            rows = self.db.rows(
                f"SELECT id, doc_json FROM documents WHERE id > ? ORDER BY id LIMIT {int(page)}",
                (last,),
            )
            if not rows:
                return
            for doc_id, raw in rows:
                yield Document.from_dict(json.loads(raw))
                last = doc_id

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents matching every word of ``query`` (diacritics, hamza and clitics ignored)."""
        terms = query_terms(query)
        if not terms:
            return []
        if self.db.is_postgres:
            rows = self.db.rows(
                "SELECT s.doc_id, ts_rank(to_tsvector('simple', s.body), q) AS score"
                " FROM documents_search s, to_tsquery('simple', ?) q"
                " WHERE to_tsvector('simple', s.body) @@ q ORDER BY score DESC, s.doc_id"
                f" LIMIT {int(limit)}",
                (tsquery(terms),),
            )
        else:
            rows = self.db.rows(
                "SELECT d.id, -bm25(documents_search) AS score FROM documents_search"
                " JOIN documents d ON d.rowid = documents_search.rowid"
                f" WHERE documents_search MATCH ? ORDER BY score DESC, d.id LIMIT {int(limit)}",
                (fts5_query(terms),),
            )
        out = []
        for doc_id, score in rows:
            d = self.db.dicts(
                "SELECT id, title, published, url, source, path, doc_json FROM documents WHERE id = ?",
                (doc_id,),
            )[0]
            text = json.loads(d.pop("doc_json"))["text"]
            d["score"] = round(float(score), 4)
            d["snippet"] = snippet(text, terms)
            out.append(d)
        return out

    # -- statistics --------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counts of documents, duplicates, events (mentions and merged) and errors."""
        one = self.db.scalar
        s: dict[str, Any] = {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "unique_documents": one("SELECT COUNT(DISTINCT group_id) FROM duplicate_groups"),
            "duplicate_groups": one(
                "SELECT COUNT(DISTINCT group_id) FROM duplicate_groups WHERE size > 1"
            ),
            "entities": one("SELECT COUNT(*) FROM entities"),
            "timexes": one("SELECT COUNT(*) FROM timexes"),
            "quotes": one("SELECT COUNT(*) FROM quotes"),
            "event_mentions": one("SELECT COUNT(*) FROM events"),
            "event_mentions_unique": one(
                "SELECT COUNT(*) FROM events e JOIN duplicate_groups g ON g.doc_id = e.doc_id"
                " WHERE g.canonical_id = e.doc_id"
            ),
            "merged_events": one("SELECT COUNT(*) FROM event_clusters"),
            "ingest_errors": one("SELECT COUNT(*) FROM ingest_errors"),
            "ingest_runs": one("SELECT COUNT(*) FROM ingest_progress"),
        }
        lo, hi = self.db.rows("SELECT MIN(published), MAX(published) FROM documents")[0]
        s["published_range"] = [lo, hi]
        s["merged_events_by_type"] = dict(
            self.db.rows(
                "SELECT type, COUNT(*) FROM event_clusters GROUP BY type ORDER BY COUNT(*) DESC, type"
            )
        )
        s["merged_events_by_country"] = dict(
            self.db.rows(
                "SELECT COALESCE(country, '-'), COUNT(*) FROM event_clusters"
                " GROUP BY COALESCE(country, '-') ORDER BY COUNT(*) DESC, COALESCE(country, '-') LIMIT 20"
            )
        )
        return {k: (int(v) if isinstance(v, int) else v) for k, v in s.items()}

    def errors(self, limit: int = 100, run_id: int | None = None) -> list[dict[str, Any]]:
        """Recorded ingest errors (of one run, if given), by source and line."""
        where, params = ("WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
        return self.db.dicts(
            f"SELECT source, line, reason, run_id, at FROM ingest_errors {where}"
            f" ORDER BY source, line LIMIT {int(limit)}",
            params,
        )


def _fix_mention(m: dict[str, Any]) -> dict[str, Any]:
    m["negated"] = bool(m["negated"])
    m["context"] = json.loads(m["context"]) if m.get("context") else []
    return m
