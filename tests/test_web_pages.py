"""The HTML pages: what a reader sees, on a filled store and on an empty one."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from waqai.web.app import create_app


def test_web_pages_article_highlights_and_tables(web_client, crisis_docs) -> None:
    doc = crisis_docs["a"]
    page = web_client.get(f"/articles/{doc.id}").text
    assert '<div class="article-text" dir="rtl" lang="ar">' in page
    assert 'data-refs="ev-e1" tabindex="0">سحب</mark>' in page
    assert 'title="PROTEST: متظاهرون (CVL) → — · 2022-01-05 · KZ"' in page
    assert '<tr id="event-e1"' in page and '<tr id="event-e2"' in page
    assert "No dates found in this article." in page  # hand-built article: no timexes
    assert "بدء الانسحاب" in page


def test_web_pages_article_shows_entities_and_dates(web_client, hostile_doc) -> None:
    page = web_client.get(f"/articles/{hostile_doc.id}").text
    assert 'class="hl-entity entity-gpe"' in page
    assert 'class="hl-timex timex-date"' in page
    assert "<td>DATE</td>" in page and "<td>GPE</td>" in page


def test_web_pages_unknown_article_is_a_404_page(web_client) -> None:
    r = web_client.get("/articles/nope")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "404 · Not Found" in r.text


def test_web_pages_search_lists_hits_with_snippets(web_client) -> None:
    page = web_client.get("/", params={"q": "طائرة"}).text
    assert page.count('class="article-item"') == 1
    assert 'class="snippet" dir="rtl" lang="ar"' in page
    assert "1 result(s)" in page


def test_web_pages_events_filter_and_downloads(web_client) -> None:
    page = web_client.get("/events", params={"country": "KZ", "type": "RETREAT"}).text
    assert page.count('class="event-row') == 2
    assert 'data-type="RETREAT" data-country="KZ"' in page
    assert 'href="/api/events/export?country=KZ&amp;type=RETREAT&amp;format=csv"' in page
    assert '<option value="RETREAT" selected>' in page


def test_web_pages_pagination_links(web_client) -> None:
    page = web_client.get("/events", params={"size": 2, "country": "KZ"}).text
    assert "page 1 of 2" in page
    assert 'href="/events?size=2&amp;country=KZ&amp;page=2"' in page
    last = web_client.get("/events", params={"size": 2, "country": "KZ", "page": 2}).text
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_web_pages_timeline_chart_and_events(web_client) -> None:
    page = web_client.get("/timeline", params={"country": "kz"}).text
    assert 'data-src="/api/timeline?country=kz"' in page
    assert "/static/vendor/chart.js/chart.umd.min.js" in page
    assert page.count('<span class="date">') == 4
    assert "3 source(s), 4 mention(s)" in page


def test_web_pages_actors_graph_and_table(web_client) -> None:
    page = web_client.get("/actors").text
    assert 'id="network" class="graph-box" data-src="/api/network"' in page
    assert "material cooperation" in page
    assert 'href="/timeline?actor=%D9%85%D9%88%D8%B3%D9%83%D9%88"' in page  # موسكو


@pytest.fixture
def empty_client(tmp_path: Path):
    from waqai.store import open_store

    store_url = f"sqlite:///{tmp_path / 'empty.db'}"
    open_store(store_url).close()
    with TestClient(create_app(store_url), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize(
    "path", ["/", "/?q=القاهرة", "/events", "/timeline?country=KZ", "/actors", "/docs"]
)
def test_web_pages_empty_store(empty_client, path: str) -> None:
    r = empty_client.get(path)
    assert r.status_code == 200
    assert "Traceback" not in r.text


def test_web_pages_empty_store_says_so(empty_client) -> None:
    assert "The store is empty" in empty_client.get("/").text
    assert empty_client.get("/api/network").json() == {"nodes": [], "edges": [], "truncated": False}
