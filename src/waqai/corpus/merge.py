"""Mentions of the same real event in different articles become one event cluster.

Two mentions are the same event when they have the same PLOVER type,
polarity and country, compatible dates (equal, or one has month precision
and contains the other) and overlapping participants (entity id, actor code
or the clitic-stripped matching form of the text). A mention without a date
joins a cluster only when both actor and recipient match. A mention from a
near-duplicate copy of a document already in a cluster joins it without a
participant match (same story), once per document, unless dates disagree;
otherwise a mention without a country is never merged.

Clustering runs on the store side, after extraction, over mentions sorted by
their content; the result is the same whatever the ingest order, worker
count or engine.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from waqai.document import text_id
from waqai.text.normalize import normalize
from waqai.text.tokenize import default_analysis

_PRECISION = {10: 3, 7: 2, 4: 1}  # YYYY-MM-DD, YYYY-MM, YYYY


def participant_keys(text: str | None, entity_id: str | None, code: str | None) -> frozenset[str]:
    """What identifies a participant: its entity id, its code and its normalized words."""
    keys = set()
    if entity_id:
        keys.add("id:" + entity_id)
    if code:
        keys.add("code:" + code)
    if text and text.strip():
        words = [default_analysis(w).stem for w in normalize(text).split()]
        keys.add("text:" + " ".join(words))
    return frozenset(keys)


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal dates, or a month-precision date that contains the other."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) == 7 and long.startswith(short)


@dataclass(slots=True)
class Mention:
    """One event as extracted from one document, as the merger sees it."""

    doc_id: str
    event_id: str
    type: str
    date: str | None
    country: str | None
    actor: frozenset[str]
    recipient: frozenset[str]
    group_id: str  # the near-duplicate group of the document
    negated: bool = False
    published: str | None = None
    actor_text: str | None = None
    recipient_text: str | None = None

    def sort_key(self) -> tuple[object, ...]:
        d = self.date or ""
        return (
            self.date is None,
            -_PRECISION.get(len(d), 0),
            d,
            self.published or "",
            self.doc_id,
            self.event_id,
        )


@dataclass(slots=True)
class Cluster:
    head: Mention
    members: list[Mention] = field(default_factory=list)
    actor: set[str] = field(default_factory=set)
    recipient: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return "ev-" + text_id(f"{self.head.doc_id}:{self.head.event_id}")

    @property
    def n_sources(self) -> int:
        """Distinct articles, a group of near-duplicates counting once."""
        return len({m.group_id for m in self.members})

    @property
    def n_documents(self) -> int:
        return len({m.doc_id for m in self.members})

    def most_common(self, attr: str) -> str | None:
        values = [getattr(m, attr) for m in self.members if getattr(m, attr)]
        if not values:
            return None
        counts = Counter(values)
        return min(counts, key=lambda v: (-counts[v], v))

    def add(self, m: Mention) -> None:
        self.members.append(m)
        self.actor |= m.actor
        self.recipient |= m.recipient

    def accepts(self, m: Mention) -> bool:
        actor_match = bool(self.actor & m.actor)
        recipient_match = bool(self.recipient & m.recipient)
        if self.actor and m.actor and not actor_match:
            return False
        if self.recipient and m.recipient and not recipient_match:
            return False
        docs = {x.doc_id for x in self.members}
        if m.doc_id not in docs and any(x.group_id == m.group_id for x in self.members):
            # a near-duplicate copy of a document already here: the same story, so the
            # same event unless the dates disagree (extraction may miss a participant)
            return (
                self.head.date is None or m.date is None or dates_compatible(self.head.date, m.date)
            )
        if m.country is None:
            return False  # an unknown country is not "the same country"
        if self.head.date is None or m.date is None:
            return actor_match and recipient_match
        return dates_compatible(self.head.date, m.date) and (actor_match or recipient_match)


def _ordinal(date: str) -> int:
    """Days since year 1 of a (possibly partial) ISO date, for distances."""
    parts = [int(p) for p in date.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2]).toordinal()
    except ValueError:
        return 0


def _choose(accepting: list[Cluster], m: Mention) -> Cluster | None:
    """The cluster for ``m``: the first that accepts it; an undated mention that fits
    several goes to the one dated nearest its article's publication date."""
    if len(accepting) <= 1 or m.date is not None or not m.published:
        return accepting[0] if accepting else None
    pub = _ordinal(m.published)
    return min(accepting, key=lambda c: abs(_ordinal(c.head.date or m.published or "") - pub))


def cluster_mentions(mentions: Iterable[Mention]) -> list[Cluster]:
    """Event clusters of ``mentions``, sorted by date then id; every mention is in one."""
    blocks: dict[tuple[str, str, bool], list[Mention]] = {}
    for m in mentions:
        blocks.setdefault((m.type, m.country or "", m.negated), []).append(m)
    out: list[Cluster] = []
    for key in sorted(blocks):
        clusters: list[Cluster] = []
        by_period: dict[str, list[Cluster]] = {}
        for m in sorted(blocks[key], key=Mention.sort_key):
            if m.date is None:
                candidates = clusters
            else:
                period = m.date[:7] if len(m.date) >= 7 else m.date
                candidates = by_period.get(period, [])
            target = _choose([c for c in candidates if c.accepts(m)], m)
            if target is None:
                target = Cluster(m)
                clusters.append(target)
                if m.date is not None:
                    period = m.date[:7] if len(m.date) >= 7 else m.date
                    by_period.setdefault(period, []).append(target)
            target.add(m)
        out.extend(clusters)
    out.sort(key=lambda c: (c.head.date or "9999", c.id))
    return out
