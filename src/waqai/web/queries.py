"""Dashboard queries the store does not offer (yet): pages, facets, daily counts, actor edges.

They run on a :class:`~waqai.web.reader.Reader` with parameterized SQL only
and reuse the store's event filter, so the dashboard and the CLI agree on
what "events of KZ since 2022-01-10" means. Every function caps its output.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from waqai.errors import ConfigError
from waqai.pipeline import parse_date
from waqai.resources import load_yaml
from waqai.store.queries import CLUSTER_COLUMNS
from waqai.web.reader import Reader

MAX_PAGE_SIZE = 200
MAX_FILTER_CHARS = 200
#: how many search hits are ranked before filters and pages apply
SEARCH_DEPTH = 500
MAX_EXPORT_ROWS = 100_000
MAX_EDGES = 300
#: longest span the daily chart draws day by day; longer ones are counted per month
MAX_DAYS = 731


def page_size(size: int) -> int:
    """``size`` within 1..MAX_PAGE_SIZE."""
    return max(1, min(int(size), MAX_PAGE_SIZE))


def _clean(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > MAX_FILTER_CHARS:
        raise ConfigError(f"{what} is longer than {MAX_FILTER_CHARS} characters")
    return value or None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The filters the events, timeline and actors views share (all optional)."""

    country: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    actor: str | None = None

    @classmethod
    def of(
        cls,
        country: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        actor: str | None = None,
    ) -> EventFilter:
        """Validated filters: trimmed, bounded, dates as YYYY-MM-DD (``ConfigError`` otherwise)."""
        since, until = _clean(since, "since"), _clean(until, "until")
        return cls(
            country=_clean(country, "country"),
            type=_clean(type, "type"),
            since=parse_date(since, "since") if since else None,
            until=parse_date(until, "until") if until else None,
            actor=_clean(actor, "actor"),
        )

    def params(self) -> dict[str, str]:
        """The non-empty filters, for links and downloads."""
        return {k: v for k, v in asdict(self).items() if v}

    def where(self, reader: Reader) -> tuple[str, list[Any]]:
        # the store's own filter, so the CLI and the dashboard select the same events
        return reader.cluster_filter(self.country, self.type, self.since, self.until, self.actor)


# -- facets -----------------------------------------------------------------------------
def facets(reader: Reader) -> dict[str, list[str]]:
    """Values for the filter menus: event types, countries and sources present in the store."""
    rows = reader.db.rows
    return {
        "types": [
            r[0] for r in rows("SELECT DISTINCT type FROM event_clusters ORDER BY type LIMIT 100")
        ],
        "countries": [
            r[0]
            for r in rows(
                "SELECT DISTINCT country FROM event_clusters WHERE country IS NOT NULL ORDER BY country LIMIT 300"
            )
        ],
        "sources": [
            r[0]
            for r in rows(
                "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY source LIMIT 300"
            )
        ],
    }


# -- articles ---------------------------------------------------------------------------
ARTICLE_COLUMNS = "d.id, d.title, d.published, d.url, d.source, d.path, d.n_events, d.n_chars"


def articles(
    reader: Reader,
    q: str | None = None,
    source: str | None = None,
    country: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    page: int = 1,
    size: int = 50,
) -> dict[str, Any]:
    """One page of articles: search hits by rank when ``q`` is given, else newest first."""
    size, page = page_size(size), max(1, int(page))
    q, source = _clean(q, "q"), _clean(source, "source")
    f = EventFilter.of(country=country, type=type, since=since, until=until)
    where, params = ["1 = 1"], []
    if source:
        where.append("d.source = ?")
        params.append(source)
    if f.since:
        where.append("d.published >= ?")
        params.append(f.since)
    if f.until:
        where.append("d.published <= ?")
        params.append(f.until)
    for column, value in (("country", f.country), ("type", f.type)):
        if value:
            where.append(
                f"EXISTS (SELECT 1 FROM events e WHERE e.doc_id = d.id AND e.{column} = ?)"
            )
            params.append(value.upper())
    sql_where = " AND ".join(where)
    offset = (page - 1) * size
    if not q:
        total = int(
            reader.db.scalar(f"SELECT COUNT(*) FROM documents d WHERE {sql_where}", params) or 0
        )
        items = reader.db.dicts(
            f"SELECT {ARTICLE_COLUMNS} FROM documents d WHERE {sql_where}"
            f" ORDER BY d.published DESC, d.id LIMIT {size} OFFSET {int(offset)}",
            params,
        )
        return {"total": total, "page": page, "size": size, "items": items}
    hits = reader.search(q, limit=SEARCH_DEPTH)
    keep: dict[str, dict[str, Any]] = {}
    ids = [h["id"] for h in hits]
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for row in reader.db.dicts(
            f"SELECT {ARTICLE_COLUMNS} FROM documents d WHERE d.id IN ({marks}) AND {sql_where}",
            [*chunk, *params],
        ):
            keep[row["id"]] = row
    ranked = []
    for h in hits:
        if h["id"] in keep:
            ranked.append({**keep[h["id"]], "score": h["score"], "snippet": h["snippet"]})
    return {
        "total": len(ranked),
        "page": page,
        "size": size,
        "items": ranked[offset : offset + size],
    }


def article(reader: Reader, doc_id: str) -> dict[str, Any] | None:
    """An article's metadata and its full document contract, or None."""
    rows = reader.db.dicts(
        "SELECT id, title, url, source, path, published, published_source, ingested_at, n_events, n_chars"
        " FROM documents WHERE id = ?",
        (doc_id,),
    )
    if not rows:
        return None
    doc = reader.document(doc_id)
    return {**rows[0], "document": doc}


# -- events -----------------------------------------------------------------------------
_ORDER = " ORDER BY CASE WHEN c.event_date IS NULL THEN 1 ELSE 0 END, c.event_date, c.first_published, c.cluster_id"


def events_page(reader: Reader, f: EventFilter, page: int = 1, size: int = 50) -> dict[str, Any]:
    """One page of merged events in date order, with the total for the filter."""
    size, page = page_size(size), max(1, int(page))
    where, params = f.where(reader)
    total = int(
        reader.db.scalar(f"SELECT COUNT(*) FROM event_clusters c WHERE {where}", params) or 0
    )
    items = reader.db.dicts(
        f"SELECT {CLUSTER_COLUMNS}, e.quad_class, e.trigger_text FROM event_clusters c"
        " LEFT JOIN events e ON e.doc_id = c.doc_id AND e.event_id = c.event_id"
        f" WHERE {where}{_ORDER} LIMIT {size} OFFSET {int((page - 1) * size)}",
        params,
    )
    for row in items:
        row["negated"] = bool(row["negated"])
    return {"total": total, "page": page, "size": size, "items": items}


def export_rows(reader: Reader, f: EventFilter) -> list[dict[str, Any]]:
    """Every merged event of the filter (capped), flat, for CSV/JSON downloads."""
    return reader.events(f.country, f.type, f.since, f.until, f.actor, limit=MAX_EXPORT_ROWS)


# -- timeline ---------------------------------------------------------------------------
def _days(lo: dt.date, hi: dt.date) -> list[str]:
    return [(lo + dt.timedelta(days=i)).isoformat() for i in range((hi - lo).days + 1)]


def _months(lo: str, hi: str) -> list[str]:
    y, m = int(lo[:4]), int(lo[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= hi[:7]:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def daily_counts(reader: Reader, f: EventFilter) -> dict[str, Any]:
    """Merged events per day (per month over long spans) and PLOVER type, for the chart.

    Events dated only to a month or year, or not dated, are counted in ``undated``.
    """
    where, params = f.where(reader)
    rows = reader.db.rows(
        f"SELECT c.event_date, c.type, COUNT(*) FROM event_clusters c WHERE {where} GROUP BY c.event_date, c.type",
        params,
    )
    by_day: dict[str, Counter[str]] = defaultdict(Counter)
    undated = 0
    for date, type_, n in rows:
        try:
            dt.date.fromisoformat(date or "")
        except ValueError:
            undated += int(n)
            continue
        by_day[date][type_] += int(n)
    if not by_day:
        return {"unit": "day", "labels": [], "series": [], "undated": undated}
    lo, hi = min(by_day), max(by_day)
    unit = "day"
    labels = _days(dt.date.fromisoformat(lo), dt.date.fromisoformat(hi))
    if len(labels) > MAX_DAYS:
        unit, labels = "month", _months(lo, hi)
        merged: dict[str, Counter[str]] = defaultdict(Counter)
        for day, counts in by_day.items():
            merged[day[:7]].update(counts)
        by_day = merged
    types = sorted({t for counts in by_day.values() for t in counts})
    series = [
        {
            "type": t,
            "quad_class": quad_of(t),
            "data": [by_day[d][t] if d in by_day else 0 for d in labels],
        }
        for t in types
    ]
    return {"unit": unit, "labels": labels, "series": series, "undated": undated}


def timeline_events(
    reader: Reader, f: EventFilter, limit: int = MAX_PAGE_SIZE
) -> list[dict[str, Any]]:
    """The merged events under the chart, each with the articles that report it."""
    return reader.events(f.country, f.type, f.since, f.until, f.actor, limit=limit, mentions=True)


# -- actor network ----------------------------------------------------------------------
def quad_of(type_: str | None) -> int | None:
    """The PLOVER quad class of an event type (1 verbal coop … 4 material conflict)."""
    types = (load_yaml("events", "plover.yaml") or {}).get("types", {})
    spec = types.get((type_ or "").upper())
    return int(spec["quad"]) if spec and spec.get("quad") else None


def network(reader: Reader, f: EventFilter, limit: int = MAX_EDGES) -> dict[str, Any]:
    """Actor → recipient edges of the merged events: weight = events, quad class = the commonest."""
    where, params = f.where(reader)
    rows = reader.db.rows(
        "SELECT c.actor_text, c.recipient_text, c.type, e.quad_class, COUNT(*) FROM event_clusters c"
        " LEFT JOIN events e ON e.doc_id = c.doc_id AND e.event_id = c.event_id"
        f" WHERE {where} AND c.actor_text IS NOT NULL AND c.recipient_text IS NOT NULL"
        " GROUP BY c.actor_text, c.recipient_text, c.type, e.quad_class",
        params,
    )
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for actor, recipient, type_, quad, n in rows:
        edge = edges.setdefault(
            (actor, recipient),
            {
                "source": actor,
                "target": recipient,
                "weight": 0,
                "quads": Counter(),
                "types": Counter(),
            },
        )
        edge["weight"] += int(n)
        edge["types"][type_] += int(n)
        q = quad if quad is not None else quad_of(type_)
        if q is not None:
            edge["quads"][int(q)] += int(n)
    top = sorted(edges.values(), key=lambda e: (-e["weight"], e["source"], e["target"]))[:limit]
    nodes: Counter[str] = Counter()
    out = []
    for i, e in enumerate(top):
        nodes[e["source"]] += e["weight"]
        nodes[e["target"]] += e["weight"]
        quad = min(e["quads"], key=lambda q: (-e["quads"][q], q)) if e["quads"] else None
        out.append(
            {
                "id": f"e{i}",
                "source": e["source"],
                "target": e["target"],
                "weight": e["weight"],
                "quad_class": quad,
                "types": dict(e["types"].most_common()),
            }
        )
    return {
        "nodes": [{"id": name, "label": name, "weight": w} for name, w in sorted(nodes.items())],
        "edges": out,
        "truncated": len(edges) > limit,
    }
