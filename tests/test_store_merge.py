"""Cross-article work in the store: near-duplicate groups and merged events."""

from __future__ import annotations


def _clusters(store) -> dict[tuple, dict]:
    return {(c["type"], c["country"], c["event_date"]): c for c in store.events(mentions=True)}


def test_store_rebuild_groups_reposts(store, crisis_docs) -> None:
    store.add_documents(crisis_docs.values())
    groups, clusters = store.rebuild()
    assert groups == 1
    rows = store.db.dicts(
        "SELECT doc_id, group_id, canonical_id, size FROM duplicate_groups WHERE size > 1"
    )
    assert {r["doc_id"] for r in rows} == {crisis_docs["a"].id, crisis_docs["repost"].id}
    # the canonical copy is the one published first
    assert {r["canonical_id"] for r in rows} == {crisis_docs["a"].id}
    s = store.stats()
    assert (s["documents"], s["unique_documents"], s["duplicate_groups"]) == (6, 5, 1)
    assert s["event_mentions_unique"] == 6  # the repost's two events are not counted again


def test_store_rebuild_merges_mentions(store, crisis_docs) -> None:
    store.add_documents(crisis_docs.values())
    store.rebuild()
    c = _clusters(store)
    assert sorted(c) == [
        ("ACCUSE", "RU", "2022-01-13"),
        ("PROTEST", "KZ", "2022-01-05"),
        ("RETREAT", "KZ", "2022-01-13"),
        ("RETREAT", "KZ", "2022-01-19"),
    ]
    main = c[("RETREAT", "KZ", "2022-01-13")]
    docs = {m["doc_id"] for m in main["mentions"]}
    want = {crisis_docs[k].id for k in ("a", "repost", "b", "d")}
    assert docs == want
    # a and its repost are one source: a, b, d
    assert (main["n_mentions"], main["n_documents"], main["n_sources"]) == (4, 4, 3)
    assert main["actor_text"] == "منظمة معاهدة الأمن الجماعي"
    assert all(m["sentence_text"] for m in main["mentions"])
    assert c[("PROTEST", "KZ", "2022-01-05")]["n_sources"] == 1
    assert c[("RETREAT", "KZ", "2022-01-19")]["n_mentions"] == 1


def test_store_rebuild_is_repeatable(store, crisis_docs) -> None:
    docs = list(crisis_docs.values())
    store.add_documents(docs[:3])
    store.rebuild()
    store.add_documents(docs[3:])
    store.rebuild()
    first = store.events(mentions=True)
    store.rebuild()
    assert store.events(mentions=True) == first
    assert store.db.scalar("SELECT COUNT(*) FROM cluster_members") == 8
