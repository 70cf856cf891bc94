"""A document date guessed without a year must fit the office holders the text names.

"اليوم الخميس 11 أبريل" fits 2019 and 2024 alike; the latest such year is the guess.
A ruler's time in power also tells the year: "لوكاشينكو، الذي يحكم البلاد منذ 26
عاماً" is 26 years after his first term began. And a lead that tells a leader leaving or
taking office, with only today's weekday written, is dated by that term's end or start.
When the text names someone in office ("الرئيس عمر البشير", a title a few words
before a full name from ``entities/data/leaders.yaml``), a date outside all of
that person's terms is impossible: the guess moves back to the last day the
named holders were all in office. A former holder ("الرئيس السابق ...") says
nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from waqai.entities import gazetteer
from waqai.entities.knowledge import Person, leaders, title_adjectives
from waqai.text.normalize import MatchText, normalize
from waqai.text.tokenize import WORD
from waqai.time.published import cue_pattern, names_weekday, today_weekday
from waqai.time.recognize import Mention

#: how many words before a name an office title may stand ("الرئيس السوداني عمر البشير")
TITLE_WORDS = 3
#: at most this many characters between a ruler's name and "منذ 26 عاماً"
RULE_CHARS = 60
#: the lead, where a report tells its news (a change of office there is the story)
LEAD_CHARS = 400
#: how far a word of leaving or taking office may stand from the leader's name
CUE_CHARS = 60


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


def _cues(key: str) -> re.Pattern[str]:
    """A tenure cue list: no ك before its words (كانقلاب is "like a coup", not one)."""
    return cue_pattern(key, "وفبل")


def tenure_years(match: MatchText, mentions: list[Mention], now: dt.date) -> list[int]:
    """Years that a ruler's time in power gives: "ألكسندر لوكاشينكو، الذي يحكم البلاد منذ 26
    عاماً", with his first term begun in 1994, puts the report in 2020 (or 2021)."""
    spans = [
        m
        for m in mentions
        if m.canon.unit == "Y" and m.canon.shift is not None and m.canon.shift < 0
    ]
    if not spans:
        return []
    people = leaders()
    rulers = [
        (match.to_original(h.start, h.end)[1], people[e.key])
        for h in gazetteer.find(match.text)
        if (e := h.first("leader")) is not None and e.key in people
    ]
    out: list[int] = []
    for m in spans:
        before = [(end, p) for end, p in rulers if end <= m.start and m.start - end <= RULE_CHARS]
        if not before or not _cues("in_power").search(
            normalize(match.original[before[-1][0] : m.start])
        ):
            continue
        first = min((t.start for t in before[-1][1].terms), default=None)
        if first is None:
            continue
        year = int(first[:4]) - m.canon.shift
        out += [y for y in (year, year + 1) if y <= now.year and y not in out]
    return out


def term_change_day(
    match: MatchText, mentions: list[Mention], now: dt.date
) -> tuple[dt.date, Mention] | None:
    """The report's date when its lead tells a leader leaving or taking office and the text
    names only today's weekday: "أطاحوا بالرئيس المالي إبراهيم أبو بكر كيتا اليوم الأربعاء"
    is the first Wednesday from the end of Keïta's term (18 August 2020), so 19 August."""
    weekday = today_weekday(mentions)
    said = next((m for m in mentions if names_weekday(m.canon)), None)
    if weekday is None or said is None:
        return None
    people = leaders()
    text = match.text
    for h in gazetteer.find(text[:LEAD_CHARS]):
        e = h.first("leader")
        if e is None or e.key not in people:
            continue
        near = text[max(0, h.start - CUE_CHARS) : h.end + CUE_CHARS]
        terms = people[e.key].terms
        days = []
        if _cues("term_end").search(near):
            days += [t.end for t in terms if t.end is not None]
        if _cues("term_start").search(near):
            days += [t.start for t in terms]
        past = [dt.date.fromisoformat(d) for d in days if d <= now.isoformat()]
        if past:
            change = max(past)
            day = change + dt.timedelta(days=(weekday - change.weekday()) % 7)
            if day <= now:
                return day, said
    return None
