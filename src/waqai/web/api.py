"""The JSON API: what the pages show, for scripts (and for the charts)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from waqai.web import queries as q
from waqai.web.reader import Reader

router = APIRouter(prefix="/api", tags=["api"])

#: sizes beyond MAX_PAGE_SIZE are accepted and capped, so a scripted client never fails on them
Size = Annotated[int, Query(ge=1, description=f"Rows per page (capped at {q.MAX_PAGE_SIZE}).")]
Page = Annotated[int, Query(ge=1, le=1_000_000)]
Text = Annotated[str | None, Query(max_length=q.MAX_FILTER_CHARS)]
DocId = Annotated[str, Path(max_length=q.MAX_FILTER_CHARS)]


def reader(request: Request) -> Iterator[Reader]:
    """A read-only connection for one request."""
    with Reader(request.app.state.db_url) as r:
        yield r


Store = Annotated[Reader, Depends(reader)]


def event_filter(
    country: Text = None,
    type_: Annotated[str | None, Query(alias="type", max_length=q.MAX_FILTER_CHARS)] = None,
    since: Annotated[
        str | None, Query(description="YYYY-MM-DD", max_length=q.MAX_FILTER_CHARS)
    ] = None,
    until: Annotated[
        str | None, Query(description="YYYY-MM-DD", max_length=q.MAX_FILTER_CHARS)
    ] = None,
    actor: Text = None,
) -> q.EventFilter:
    """The shared event filters, validated (a bad date is a 400 problem)."""
    return q.EventFilter.of(country=country, type=type_, since=since, until=until, actor=actor)


Filter = Annotated[q.EventFilter, Depends(event_filter)]


@router.get("/stats")
def stats(store: Store) -> dict[str, Any]:
    """Counts of documents, entities, events and errors in the store."""
    return store.stats()


@router.get("/facets")
def facets(store: Store) -> dict[str, list[str]]:
    """Event types, countries and sources present, for filter menus."""
    return q.facets(store)


@router.get("/articles")
def articles(
    store: Store,
    f: Filter,
    q_: Annotated[
        str | None, Query(alias="q", max_length=q.MAX_FILTER_CHARS, description="Full-text query")
    ] = None,
    source: Text = None,
    page: Page = 1,
    size: Size = 50,
) -> dict[str, Any]:
    """A page of articles: search hits by rank with ``q``, else newest first."""
    return q.articles(store, q_, source, f.country, f.type, f.since, f.until, page, size)


@router.get("/articles/{doc_id}")
def article(store: Store, doc_id: DocId) -> dict[str, Any]:
    """One article: metadata and its full document contract (text, spans, events, quotes)."""
    found = q.article(store, doc_id)
    if found is None:
        raise HTTPException(404, "no article with this id")
    doc = found.pop("document")
    return {**found, "document": doc.to_dict() if doc else None}


@router.get("/search")
def search(
    store: Store,
    q_: Annotated[str, Query(alias="q", min_length=1, max_length=q.MAX_FILTER_CHARS)],
    limit: Size = 20,
) -> list[dict[str, Any]]:
    """Full-text search as ``waqai search``: blind to diacritics, hamza forms and clitics."""
    return store.search(q_, limit=q.page_size(limit))


@router.get("/events")
def events(store: Store, f: Filter, page: Page = 1, size: Size = 50) -> dict[str, Any]:
    """A page of merged events matching the filters, in date order."""
    return q.events_page(store, f, page, size)


EXPORT_COLUMNS = (
    "cluster_id", "event_date", "type", "mode", "country", "negated", "actor_text", "recipient_text",
    "n_mentions", "n_documents", "n_sources", "first_published", "doc_id", "event_id", "sentence_text",
)  # fmt: skip


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@router.get("/events/export")
def export(
    store: Store, f: Filter, format: Annotated[str, Query(pattern="^(csv|json)$")] = "csv"
) -> Response:
    """Every merged event of the filters as a CSV or JSON download."""
    rows = q.export_rows(store, f)
    if format == "json":
        body = json.dumps(rows, ensure_ascii=False, indent=1)
        media = "application/json"
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(EXPORT_COLUMNS)
        for r in rows:
            writer.writerow([csv_cell(r.get(c)) for c in EXPORT_COLUMNS])
        body, media = out.getvalue(), "text/csv; charset=utf-8"
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="waqai-events.{format}"'},
    )


@router.get("/timeline")
def timeline(store: Store, f: Filter) -> dict[str, Any]:
    """Merged events per day (per month over long spans) and PLOVER type."""
    return q.daily_counts(store, f)


@router.get("/network")
def network(store: Store, f: Filter) -> dict[str, Any]:
    """Actor → recipient edges: weight = merged events, ``quad_class`` = the commonest quad class."""
    return q.network(store, f)
