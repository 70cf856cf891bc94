"""Event merging rules and their independence of order."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waqai.corpus.merge import Mention, cluster_mentions, dates_compatible, participant_keys


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("2022-01-13", "2022-01-13", True),
        ("2022-01", "2022-01-13", True),
        ("2022-01-13", "2022-01", True),
        ("2022-01-13", "2022-01-14", False),
        ("2022-02", "2022-01-13", False),
        ("2022", "2022-01-13", False),
        ("2022-01", "2022-01", True),
        (None, "2022-01-13", False),
        (None, None, False),
    ],
)
def test_corpus_dates_compatible(a: str | None, b: str | None, ok: bool) -> None:
    assert dates_compatible(a, b) is ok


def test_corpus_participant_keys_ignore_spelling_and_clitics() -> None:
    assert participant_keys("الرئيس الكازاخستاني", None, None) == participant_keys(
        "الرَّئيس الكازاخستانى", None, None
    )
    assert participant_keys("والقاهرة", None, None) & participant_keys("القاهره", None, None)
    assert participant_keys(None, "Q1", "KAZ") == {"id:Q1", "code:KAZ"}
    assert participant_keys(" ", None, None) == frozenset()


def m(doc: str, date: str | None, actor: str = "a", recipient: str | None = "r", **kw) -> Mention:
    return Mention(
        doc_id=doc,
        event_id="e1",
        type=kw.pop("type", "RETREAT"),
        date=date,
        country=kw.pop("country", "KZ"),
        actor=frozenset({"id:" + actor}) if actor else frozenset(),
        recipient=frozenset({"id:" + recipient}) if recipient else frozenset(),
        group_id=kw.pop("group", doc),
        **kw,
    )


def _groups(mentions: list[Mention]) -> set[frozenset[str]]:
    return {frozenset(x.doc_id for x in c.members) for c in cluster_mentions(mentions)}


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # same event, exact and month-precision dates
        ([m("d1", "2022-01-13"), m("d2", "2022-01-13"), m("d3", "2022-01")], [{"d1", "d2", "d3"}]),
        # different days are different events
        ([m("d1", "2022-01-13"), m("d2", "2022-01-19")], [{"d1"}, {"d2"}]),
        # different type, country or actor
        ([m("d1", "2022-01-13"), m("d2", "2022-01-13", type="AGREE")], [{"d1"}, {"d2"}]),
        ([m("d1", "2022-01-13"), m("d2", "2022-01-13", country="RU")], [{"d1"}, {"d2"}]),
        ([m("d1", "2022-01-13"), m("d2", "2022-01-13", actor="b")], [{"d1"}, {"d2"}]),
        # actor missing on one side: the recipient decides
        ([m("d1", "2022-01-13"), m("d2", "2022-01-13", actor="")], [{"d1", "d2"}]),
        # an undated mention joins only on a strong match (actor and recipient)
        ([m("d1", "2022-01-13"), m("d2", None)], [{"d1", "d2"}]),
        ([m("d1", "2022-01-13"), m("d2", None, recipient=None)], [{"d1"}, {"d2"}]),
        # a near-duplicate copy: the same story, participants may be missing
        (
            [
                m("d1", "2022-01-13", group="g"),
                m("d2", "2022-01-13", actor="", recipient=None, group="g"),
            ],
            [{"d1", "d2"}],
        ),
        (
            [m("d1", "2022-01-13", group="g"), m("d2", None, actor="", recipient=None, group="g")],
            [{"d1", "d2"}],
        ),
        (
            [m("d1", "2022-01-13", group="g"), m("d2", "2022-01-14", actor="", group="g")],
            [{"d1"}, {"d2"}],
        ),
        (
            [m("d1", "2022-01-13", group="g"), m("d2", "2022-01-13", actor="b", group="g")],
            [{"d1"}, {"d2"}],
        ),
        # an unknown country is not the same country (except for a copy of the story)
        (
            [m("d1", "2022-01-13", country=None), m("d2", "2022-01-13", country=None)],
            [{"d1"}, {"d2"}],
        ),
        (
            [
                m("d1", "2022-01-13", country=None, group="g"),
                m("d2", "2022-01-13", country=None, group="g"),
            ],
            [{"d1", "d2"}],
        ),
        # a negated mention is not the event itself
        ([m("d1", "2022-01-13"), m("d2", "2022-01-13", negated=True)], [{"d1"}, {"d2"}]),
    ],
)
def test_corpus_cluster_rules(mentions: list[Mention], expected: list[set[str]]) -> None:
    assert _groups(mentions) == {frozenset(e) for e in expected}


def test_corpus_undated_goes_to_nearest_publication() -> None:
    ms = [m("d1", "2022-01-13"), m("d2", "2022-01-19"), m("d3", None, published="2022-01-18")]
    assert _groups(ms) == {frozenset({"d1"}), frozenset({"d2", "d3"})}


def test_corpus_copy_joins_once_per_document() -> None:
    """Two distinct events of one story stay two when a copy of the story arrives."""
    ms = [
        m("d1", "2022-01-13", actor="", recipient=None, group="g"),
        Mention("d1", "e2", "RETREAT", "2022-01-13", "KZ", frozenset(), frozenset(), "g"),
        m("d2", "2022-01-13", actor="", recipient=None, group="g"),
        Mention("d2", "e2", "RETREAT", "2022-01-13", "KZ", frozenset(), frozenset(), "g"),
    ]
    clusters = cluster_mentions(ms)
    assert sorted(sorted((x.doc_id, x.event_id) for x in c.members) for c in clusters) == [
        [("d1", "e1"), ("d2", "e1")],
        [("d1", "e2"), ("d2", "e2")],
    ]


def test_corpus_sources_count_duplicate_groups_once() -> None:
    ms = [m("d1", "2022-01-13", group="g"), m("d2", "2022-01-13", group="g"), m("d3", "2022-01-13")]
    (c,) = cluster_mentions(ms)
    assert (len(c.members), c.n_documents, c.n_sources) == (3, 3, 2)


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_corpus_clusters_order_independent(rnd: random.Random) -> None:
    ms = [
        m("d1", "2022-01-13"),
        m("d2", "2022-01"),
        m("d3", None, published="2022-01-14"),
        m("d4", "2022-01-19"),
        m("d5", "2022-01-19", actor=""),
        m("d6", "2022-01-13", type="PROTEST", actor="p", recipient=None),
        m("d7", None, recipient=None),
    ]
    shuffled = ms[:]
    rnd.shuffle(shuffled)

    def canon(cs: list) -> list:
        return [(c.id, sorted(x.doc_id for x in c.members)) for c in cs]

    assert canon(cluster_mentions(shuffled)) == canon(cluster_mentions(ms))
