"""Event dates: the timex of the clause, else the day the article's story happened.

Timex values come from ``waqai.time.v1`` (TIMEX3: 2022-01-13, 2022-01-13TMO,
2023-04); only their date part counts, and bare years never date an event.
"""

from __future__ import annotations

import datetime as dt
import re

from waqai.document import Document
from waqai.events.lexicon import Hit

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def timex_dates(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, date) of the document's dated timexes, in matching-form offsets."""
    mt = doc.match
    out = []
    for t in doc.timexes:
        m = _DATE.match(str(t.value or ""))
        # a bare year ("منذ 2016") dates background, not the events of the sentence
        if m and t.type in ("DATE", "TIME") and len(m.group()) > 4:
            out.append((mt.to_match(t.start), mt.to_match(t.end), m.group()))
    return out


def narrative_date(
    timexes: list[tuple[int, int, str]], lo: int, published: str | None
) -> str | None:
    """The last day named before a sentence, if it is the article's news days (a week
    before the article at most): later sentences without a date continue its story."""
    if not published:
        return None
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    for _s, e, v in reversed(timexes):
        if e > lo or len(v) != 10:
            continue
        try:
            day = dt.date.fromisoformat(v)
        except ValueError:
            continue
        if pub - dt.timedelta(days=7) <= day <= pub:
            return v
    return None


def nearest_date(
    hit: Hit, timexes: list[tuple[int, int, str]], lo: int, hi: int, text: str
) -> str | None:
    """The date of the nearest timex in the clause of the trigger.

    A comma between costs distance, and so does a word that opens another clause
    (``date_breaks``: "اعتقلت الشرطة اليوم ... غداة مظاهرة أمس" dates the arrest today
    and the protest yesterday), except a relative pronoun right after a noun trigger
    (its own clause: "الهجوم الذي شنه مسلحون أمس"). A date before a noun trigger that
    follows a verb dates that verb ("أدانت فرنسا يوم الجمعة الهجوم"), so it costs more.
    """
    from waqai.events.cues import cues

    breaks = cues().date_break
    best: tuple[int, str] | None = None
    for s, e, v in timexes:
        if s < lo or e > hi:
            continue
        a, b = (e, hit.mstart) if e <= hit.mstart else (hit.mend, s)
        dist = max(0, b - a) + 40 * len(re.findall(r"[،,؛]", text[a:b]))
        for m in breaks.finditer(text, a, max(a, b)):
            own = hit.pos == "noun" and a == hit.mend and not text[a : m.start()].strip()
            dist += 0 if own else 60
        if hit.pos == "noun" and e <= hit.mstart and _verb_before(text, lo, s):
            dist += 30
        if best is None or dist < best[0]:
            best = (dist, v)
    return best[1] if best else None


def _verb_before(text: str, lo: int, pos: int) -> bool:
    """Whether a trigger or light verb comes between the clause start ``lo`` and ``pos``."""
    from waqai.events.roles import _verb_between

    return _verb_between(text, lo, pos)
