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
    """The date of the nearest timex in the sentence (a comma between costs distance)."""
    best: tuple[int, str] | None = None
    for s, e, v in timexes:
        if s < lo or e > hi:
            continue
        a, b = (e, hit.mstart) if e <= hit.mstart else (hit.mend, s)
        dist = max(0, b - a) + 40 * len(re.findall(r"[،,؛]", text[a:b]))
        if best is None or dist < best[0]:
            best = (dist, v)
    return best[1] if best else None
