"""The JSON API over a store with known events: each endpoint, its filters and its limits."""

from __future__ import annotations

import csv
import io

import pytest

from waqai.web.queries import MAX_PAGE_SIZE


def test_web_api_stats_and_facets(web_client) -> None:
    stats = web_client.get("/api/stats").json()
    assert stats["documents"] == 7
    assert stats["merged_events"] == 5
    facets = web_client.get("/api/facets").json()
    assert facets == {
        "types": ["ACCUSE", "ASSAULT", "PROTEST", "RETREAT"],
        "countries": ["KZ", "RU"],
        "sources": ["<b>src</b>", "aggregator", "reuters"],
    }


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({}, 5),
        ({"country": "kz"}, 4),
        ({"country": "KZ", "type": "retreat"}, 2),
        ({"type": "ACCUSE"}, 1),
        ({"since": "2022-01-13"}, 3),
        ({"since": "2022-01-06", "until": "2022-01-12"}, 1),
        ({"actor": "csto"}, 2),
        ({"actor": "واشنطن"}, 1),
        ({"country": "FR"}, 0),
    ],
)
def test_web_api_events_filters(web_client, params: dict, total: int) -> None:
    body = web_client.get("/api/events", params=params).json()
    assert body["total"] == total
    assert len(body["items"]) == total


def test_web_api_events_pages_in_date_order(web_client) -> None:
    first = web_client.get("/api/events", params={"size": 2}).json()
    second = web_client.get("/api/events", params={"size": 2, "page": 2}).json()
    dates = [e["event_date"] for e in first["items"] + second["items"]]
    assert dates == ["2022-01-05", "2022-01-09", "2022-01-13", "2022-01-13"]
    assert (first["total"], first["page"], first["size"]) == (5, 1, 2)


def test_web_api_huge_page_size_is_capped(web_client) -> None:
    body = web_client.get("/api/events", params={"size": 10**30}).json()
    assert body["size"] == MAX_PAGE_SIZE
    body = web_client.get("/api/articles", params={"size": 10**9}).json()
    assert body["size"] == MAX_PAGE_SIZE
    assert (
        len(web_client.get("/api/search", params={"q": "كازاخستان", "limit": 10**9}).json())
        <= MAX_PAGE_SIZE
    )


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/events?size=0", 422),
        ("/api/events?page=-1", 422),
        ("/api/events?page=99999999999", 422),
        ("/api/events?since=yesterday", 400),
        ("/api/events?country=" + "x" * 500, 422),
        ("/api/events/export?format=xml", 422),
        ("/api/articles/unknown-id", 404),
        ("/api/search", 422),
        ("/api/nowhere", 404),
    ],
)
def test_web_api_errors_are_problem_details(web_client, url: str, status: int) -> None:
    r = web_client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert set(body) == {"type", "title", "status", "detail"}
    assert body["status"] == status


def test_web_api_articles_list_and_search(web_client) -> None:
    listed = web_client.get("/api/articles").json()
    assert listed["total"] == 7
    assert [a["published"] for a in listed["items"]] == sorted(
        (a["published"] for a in listed["items"]), reverse=True
    )
    hits = web_client.get("/api/articles", params={"q": "الماتي"}).json()
    assert {a["path"] for a in hits["items"]} == {"a.txt", "repost.txt", "c.txt"}
    assert all("snippet" in a for a in hits["items"])
    filtered = web_client.get("/api/articles", params={"q": "الماتي", "source": "reuters"}).json()
    assert [a["path"] for a in filtered["items"]] == ["a.txt"]
    by_event = web_client.get("/api/articles", params={"type": "accuse"}).json()
    assert [a["path"] for a in by_event["items"]] == ["e.txt"]
    dated = web_client.get("/api/articles", params={"since": "2022-01-15"}).json()
    assert {a["path"] for a in dated["items"]} == {"b.txt", "c.txt"}


def test_web_api_search_matches_the_store(web_client) -> None:
    hits = web_client.get("/api/search", params={"q": "بكازاخستان"}).json()
    assert {h["path"] for h in hits} >= {"a.txt", "repost.txt", "c.txt", "d.txt", "e.txt"}


def test_web_api_article_is_the_document_contract(web_client, crisis_docs) -> None:
    doc = crisis_docs["a"]
    body = web_client.get(f"/api/articles/{doc.id}").json()
    assert body["title"] == "بدء الانسحاب"
    assert body["document"]["text"] == doc.text
    assert [e["trigger"]["text"] for e in body["document"]["events"]] == ["سحب", "للاحتجاج"]


def test_web_api_export_csv_and_json(web_client) -> None:
    r = web_client.get("/api/events/export", params={"country": "KZ", "type": "RETREAT"})
    assert r.headers["content-disposition"] == 'attachment; filename="waqai-events.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(x["event_date"], x["type"]) for x in rows] == [
        ("2022-01-13", "RETREAT"),
        ("2022-01-19", "RETREAT"),
    ]
    data = web_client.get("/api/events/export", params={"country": "KZ", "format": "json"}).json()
    assert len(data) == 4


def test_web_api_export_csv_defuses_formulas() -> None:
    from waqai.web.api import csv_cell

    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("منظمة") == "منظمة"
    assert csv_cell(3) == 3


def test_web_api_timeline_counts_per_day_and_type(web_client) -> None:
    body = web_client.get("/api/timeline", params={"country": "KZ"}).json()
    assert body["unit"] == "day"
    assert body["labels"][0] == "2022-01-05" and body["labels"][-1] == "2022-01-19"
    assert len(body["labels"]) == 15
    series = {s["type"]: s for s in body["series"]}
    assert set(series) == {"ASSAULT", "PROTEST", "RETREAT"}
    assert series["RETREAT"]["data"][8] == 1  # 2022-01-13
    assert series["RETREAT"]["quad_class"] == 2
    assert sum(sum(s["data"]) for s in body["series"]) + body["undated"] == 4


def test_web_api_timeline_empty(web_client) -> None:
    assert web_client.get("/api/timeline", params={"country": "FR"}).json() == {
        "unit": "day",
        "labels": [],
        "series": [],
        "undated": 0,
    }


def test_web_api_network_edges(web_client) -> None:
    body = web_client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    csto = edges[("منظمة معاهدة الأمن الجماعي", "كازاخستان")]
    assert (csto["weight"], csto["quad_class"], csto["types"]) == (2, 2, {"RETREAT": 2})
    accuse = edges[("موسكو", "واشنطن")]
    assert (accuse["weight"], accuse["quad_class"]) == (1, 3)
    assert {n["id"] for n in body["nodes"]} == {x for pair in edges for x in pair}
    assert (
        web_client.get("/api/network", params={"type": "ACCUSE"}).json()["edges"][0]["source"]
        == "موسكو"
    )


def test_web_api_openapi_lists_every_endpoint(web_client) -> None:
    paths = set(web_client.get("/openapi.json").json()["paths"])
    assert paths == {
        "/api/stats",
        "/api/facets",
        "/api/articles",
        "/api/articles/{doc_id}",
        "/api/search",
        "/api/events",
        "/api/events/export",
        "/api/timeline",
        "/api/network",
    }


def test_web_api_every_endpoint_is_documented(web_client) -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text(encoding="utf-8")
    for path in web_client.get("/openapi.json").json()["paths"]:
        assert f"`{path}`" in doc, f"{path} is not in docs/web.md"
