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
import re
from functools import cache

import ahocorasick

from waqai.entities.knowledge import Person, leaders, title_spec
from waqai.text.normalize import normalize

#: how many words before a name an office title may stand ("الرئيس السوداني عمر البشير")
TITLE_WORDS = 3


@cache
def _names() -> ahocorasick.Automaton:
    """Full names (two words or more) of the office holders -> their person."""
    auto = ahocorasick.Automaton()
    for person in leaders().values():
        for name in person.names:
            if len(name.split()) >= 2:
                form = normalize(name)
                auto.add_word(form, (len(form), person.key))
    auto.make_automaton()
    return auto


@cache
def _title_words() -> tuple[frozenset[str], frozenset[str]]:
    spec = title_spec()
    titles = {normalize(w) for t in spec["titles"] for w in t["words"] for w in w.split()[:1]}
    former = {normalize(w) for w in spec["title_adjectives"]["former"]}
    return frozenset(titles), frozenset(former)


def _in_office(person: Person, day: dt.date) -> bool:
    d = day.isoformat()
    return any(t.start <= d and (t.end is None or d <= t.end) for t in person.terms)


def _last_day_in_office(person: Person, before: dt.date) -> dt.date | None:
    d = before.isoformat()
    ends = [min(t.end or d, d) for t in person.terms if t.start <= d]
    return dt.date.fromisoformat(max(ends)) if ends else None


def holders_named(text: str) -> list[Person]:
    """The people the text (matching form) names with an office title before them."""
    titles, former = _title_words()
    people = leaders()
    out: dict[str, Person] = {}
    for end, (length, key) in _names().iter(text):
        start = end - length + 1
        if (
            start > 0
            and text[start - 1].isalpha()
            or end + 1 < len(text)
            and text[end + 1].isalpha()
        ):
            continue
        before = re.findall(r"[^\W\d_]+", text[max(0, start - 60) : start])[-TITLE_WORDS:]
        if any(w.lstrip("وب") in titles for w in before) and not former.intersection(before):
            out[key] = people[key]
    return list(out.values())


def latest_fit(text: str, day: dt.date) -> dt.date | None:
    """None if ``day`` fits every office holder named; else the last day they all held office."""
    named = holders_named(text)
    if all(_in_office(p, day) for p in named):
        return None
    ends = [_last_day_in_office(p, day) for p in named]
    return min((e for e in ends if e is not None), default=None)
