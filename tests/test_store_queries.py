"""Store queries on every backend: events filters, timeline, search, stats."""

from __future__ import annotations

import pytest

from waqai.errors import ConfigError


@pytest.fixture
def filled(store, crisis_docs):
    store.add_documents(crisis_docs.values())
    store.rebuild()
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 4),
        ({"country": "kz"}, 3),
        ({"type": "retreat"}, 2),
        ({"country": "KZ", "type": "PROTEST"}, 1),
        ({"since": "2022-01-13"}, 3),
        ({"since": "2022-01-14"}, 1),
        ({"until": "2022-01-12"}, 1),
        ({"since": "2022-01-06", "until": "2022-01-18"}, 2),
        ({"actor": "منظمة معاهدة الأمن الجماعي"}, 2),
        ({"actor": "مُنظّمة الأمن"}, 2),  # tashkeel ignored, any part of the name
        ({"actor": "csto"}, 2),  # entity id
        ({"actor": "rus"}, 1),  # code, any case
        ({"actor": "واشنطن"}, 1),  # recipient too
        ({"text": "المسال"}, 2),  # the evidence sentence of both events of article a
        ({"text": "طائرة ألماتي"}, 1),
        ({"country": "FR"}, 0),
        ({"actor": "%"}, 0),  # LIKE wildcards in a filter are literal characters
        ({"actor": "_"}, 0),
        ({"text": "%_%"}, 0),
        ({"actor": "' OR 1=1 --"}, 0),
    ],
)
def test_store_events_filters(filled, filters: dict, expected: int) -> None:
    assert len(filled.events(**filters)) == expected


def test_store_events_bad_date(filled) -> None:
    with pytest.raises(ConfigError, match="--since"):
        filled.events(since="last week")


def test_store_events_limit_and_order(filled) -> None:
    rows = filled.events()
    assert [r["event_date"] for r in rows] == [
        "2022-01-05",
        "2022-01-13",
        "2022-01-13",
        "2022-01-19",
    ]
    assert len(filled.events(limit=2)) == 2


def test_store_timeline(filled, crisis_docs) -> None:
    rows = filled.timeline("KZ")
    assert [(r["event_date"], r["type"], r["n_sources"]) for r in rows] == [
        ("2022-01-05", "PROTEST", 1),
        ("2022-01-13", "RETREAT", 3),
        ("2022-01-19", "RETREAT", 1),
    ]
    # mentions in publication order, each with evidence and document metadata
    pubs = [m["published"] for m in rows[1]["mentions"]]
    assert pubs == sorted(pubs)
    assert rows[1]["mentions"][0]["title"] == "بدء الانسحاب"
    assert filled.timeline("KZ", actor="متظاهرون")[0]["type"] == "PROTEST"


@pytest.mark.parametrize(
    ("query", "docs"),
    [
        ("كازاخستان", {"a", "repost", "c", "d", "e"}),
        ("بكازاخستان", {"a", "repost", "c", "d", "e"}),  # clitic on the query
        ("الماتي", {"a", "repost", "c"}),  # hamza form: ألماتي
        ("أَلْمَاتِي", {"a", "repost", "c"}),  # tashkeel
        ("المنظمه", {"a", "repost", "b", "c", "d"}),  # ta marbuta, article: منظمة، للمنظمة
        ("الانسحاب الحكومية", {"a", "repost"}),  # every word must match
        ("طائرة", {"c"}),
        ("برشلونة", set()),
        ("!!", set()),
    ],
)
def test_store_search_arabic(filled, crisis_docs, query: str, docs: set[str]) -> None:
    ids = {v.id: k for k, v in crisis_docs.items()}
    hits = filled.search(query)
    assert {ids[h["id"]] for h in hits} == docs
    for h in hits:
        assert h["snippet"]


def test_store_stats(filled) -> None:
    s = filled.stats()
    assert s["merged_events"] == 4
    assert s["merged_events_by_type"] == {"RETREAT": 2, "ACCUSE": 1, "PROTEST": 1}
    assert s["merged_events_by_country"] == {"KZ": 3, "RU": 1}
    assert s["published_range"] == ["2022-01-13", "2022-01-19"]


def test_store_empty_queries(store) -> None:
    assert store.events() == []
    assert store.timeline("KZ") == []
    assert store.search("كازاخستان") == []
    assert store.stats()["documents"] == 0
