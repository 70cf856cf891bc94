"""A document date guessed without a year must fit the office holders the text names.

"اليوم الخميس 11 أبريل" fits 2019 and 2024 alike; the latest such year is the guess.
When the text names someone in office ("الرئيس عمر البشير", a title a few words
before a full name from ``entities/data/leaders.yaml``), a date outside all of
that person's terms is impossible: the guess moves back to the last day the
named holders were all in office. A former holder ("الرئيس السابق ...") says
nothing.
"""

from __future__ import annotations

import datetime as dt

from waqai.entities import gazetteer
from waqai.entities.knowledge import Person, leaders, title_adjectives
from waqai.text.tokenize import WORD

#: how many words before a name an office title may stand ("الرئيس السوداني عمر البشير")
TITLE_WORDS = 3


def _in_office(person: Person, day: dt.date) -> bool:
    d = day.isoformat()
    return any(t.start <= d and (t.end is None or d <= t.end) for t in person.terms)


def _last_day_in_office(person: Person, before: dt.date) -> dt.date | None:
    d = before.isoformat()
    ends = [min(t.end or d, d) for t in person.terms if t.start <= d]
    return dt.date.fromisoformat(max(ends)) if ends else None


def holders_named(text: str) -> list[Person]:
    """The people the text (matching form) names by full name with an office title a few
    words before (the gazetteer's leader and title lists)."""
    former = title_adjectives()[1]
    hits = gazetteer.find(text)
    people = leaders()
    out: dict[str, Person] = {}
    for i, h in enumerate(hits):
        e = h.first("leader")
        if e is None or not e.rule:  # a surname alone (rule: a full name) is too weak
            continue
        title = next((t for t in reversed(hits[:i]) if t.first("title")), None)
        if title is None:
            continue
        between = WORD.findall(text, title.end, h.start)
        if len(between) < TITLE_WORDS and not former.intersection(between):
            out[e.key] = people[e.key]
    return list(out.values())


def latest_fit(text: str, day: dt.date) -> dt.date | None:
    """None if ``day`` fits every office holder named; else the last day they all held office."""
    named = holders_named(text)
    if all(_in_office(p, day) for p in named):
        return None
    ends = [_last_day_in_office(p, day) for p in named]
    return min((e for e in ends if e is not None), default=None)
