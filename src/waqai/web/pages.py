"""The HTML pages: server-rendered, autoescaped; charts fetch their data from the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from waqai.web import queries as q
from waqai.web.api import DocId, Filter, Page, Size, Store, Text
from waqai.web.highlight import highlight, marks
from waqai.web.render import link, templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def render(request: Request, name: str, **context: object) -> Response:
    return templates.TemplateResponse(request, name, context)


@router.get("/")
def index(
    request: Request,
    store: Store,
    f: Filter,
    q_: Annotated[str | None, Query(alias="q", max_length=q.MAX_FILTER_CHARS)] = None,
    source: Text = None,
    page: Page = 1,
    size: Size = 25,
) -> Response:
    """Search and browse the articles."""
    result = q.articles(store, q_, source, f.country, f.type, f.since, f.until, page, size)
    return render(
        request,
        "articles.html",
        result=result,
        query=q_ or "",
        source=source or "",
        f=f,
        facets=q.facets(store),
        stats=store.stats(),
    )


@router.get("/articles/{doc_id}")
def article(request: Request, store: Store, doc_id: DocId) -> Response:
    """One article with its entities, dates and event triggers highlighted, and its tables."""
    found = q.article(store, doc_id)
    if found is None or found["document"] is None:
        raise HTTPException(404, "no article with this id")
    doc = found["document"]
    shown = marks(doc)
    return render(
        request,
        "article.html",
        meta=found,
        doc=doc,
        body=highlight(doc, shown),
        counts={k: sum(1 for m in shown if m.kind == k) for k in ("entity", "timex", "trigger")},
    )


@router.get("/events")
def events(request: Request, store: Store, f: Filter, page: Page = 1, size: Size = 50) -> Response:
    """Merged events with filters, pages and downloads of the current filter."""
    return render(
        request,
        "events.html",
        result=q.events_page(store, f, page, size),
        f=f,
        facets=q.facets(store),
        csv_url=link("/api/events/export", **f.params(), format="csv"),
        json_url=link("/api/events/export", **f.params(), format="json"),
    )


@router.get("/timeline")
def timeline(request: Request, store: Store, f: Filter) -> Response:
    """Events per day by PLOVER type for a country or actor, and the merged events under it."""
    rows = q.timeline_events(store, f)
    return render(
        request,
        "timeline.html",
        rows=rows,
        f=f,
        facets=q.facets(store),
        data_url=link("/api/timeline", **f.params()),
    )


@router.get("/actors")
def actors(request: Request, store: Store, f: Filter) -> Response:
    """Who acts on whom: the actor → recipient network of the filtered events."""
    return render(
        request,
        "actors.html",
        net=q.network(store, f),
        f=f,
        facets=q.facets(store),
        data_url=link("/api/network", **f.params()),
    )


@router.get("/docs")
def docs(request: Request) -> Response:
    """Swagger UI for the API, served from the package (no CDN)."""
    return render(request, "docs.html")
