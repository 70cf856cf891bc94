"""A bare weekday in a clause about the future lies ahead: "سيصل الوفد يوم السبت".

A weekday without الماضي/المقبل resolves to its latest occurrence, since news
mostly reports what happened. In a clause that speaks of the future (a cue
such as سوف or من المقرر, or a verb with the future prefix سـ before the
weekday) it is the next such day instead. The سـ test asks general text
whether the word without its س is a common word and the whole word never
takes ال (سيصل → يصل), so nouns that open with س (سيارة، سيدة، ستة) stay nouns.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from waqai.entities.frequency import word_classes
from waqai.text.normalize import MatchText
from waqai.time.lexicon import lexicon
from waqai.time.recognize import Mention

#: how many words before the weekday the clause is searched for a future cue
WINDOW = 8
#: the word without its سـ must be at least this common (Zipf bucket)
MIN_ZIPF = 3
# a clause ends at punctuation: "سيصل الوفد، الذي غادر يوم السبت" is past
_CLAUSE_END = re.compile(r"[.!?؟\n،,؛;:«»\"“”()]")
# سـ before the imperfect prefixes (matching form: أ is ا)
_FUTURE_VERB = re.compile(r"[وف]?س([يتنا]\w{2,})")


@cache
def _cues() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c.split()) for c in lexicon().words["future_before"])


def _future_verb(word: str) -> bool:
    m = _FUTURE_VERB.fullmatch(word)
    if m is None:
        return False
    wc = word_classes()
    return int(wc.get(m.group(1))[0]) >= MIN_ZIPF and wc.get(word.lstrip("وف"))[1] == "al0"


def future_clause(text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` (matching form) speaks of the future."""
    head = text[max(0, pos - 200) : pos]
    ends = list(_CLAUSE_END.finditer(head))
    words = head[ends[-1].end() if ends else 0 :].split()[-WINDOW:]
    if any(_future_verb(w) for w in words):
        return True
    # "ويعتزم": a cue may carry و or ف
    bare = [w[1:] if w[:1] in "وف" and len(w) > 3 else w for w in words]
    return any(
        cue in (tuple(words[i : i + len(cue)]), tuple(bare[i : i + len(cue)]))
        for cue in _cues()
        for i in range(len(words))
    )


def _bare_weekday(m: Mention) -> bool:
    c = m.canon
    return (
        c.weekday is not None
        and c.direction is None
        and c.month is None
        and c.unit is None
        and c.chain is None
    )


def weekdays_ahead(mentions: list[Mention], mt: MatchText) -> list[Mention]:
    """``mentions`` with each bare weekday of a future clause turned to the next such day."""
    return [
        replace(m, canon=replace(m.canon, direction=1))
        if _bare_weekday(m) and future_clause(mt.text, mt.to_match(m.start))
        else m
        for m in mentions
    ]
