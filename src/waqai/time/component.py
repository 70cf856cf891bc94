"""The dates component: timexes and, when it was not given, the document date."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from waqai.document import Document, Published, Span, Timex
from waqai.registry import Stage, register
from waqai.time.published import infer_published
from waqai.time.recognize import Mention, find
from waqai.time.resolve import resolve, resolve_day
from waqai.time.tense import weekdays_ahead
from waqai.time.tenure import latest_fit, tenure_years, term_change_day


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def timexes(mentions: list[Mention], anchor: dt.date | None) -> list[Timex]:
    """Resolve every mention against the document date, in text order."""
    out: list[Timex] = []
    prev: dt.date | None = None
    prev_year: int | None = None
    for i, m in enumerate(mentions):
        c = m.canon
        if c.same_year and prev_year is not None:  # "غشت من العام نفسه"
            c = replace(c, year=prev_year)
        if c.same_month and prev is not None:  # "التاسع من الشهر نفسه"
            c = replace(c, year=prev.year, month=prev.month, unit=None)
        if m.kind == "range_start" and i + 1 < len(mentions) and c.year is None:
            # "من 6 إلى 13 فبراير": the first date takes the year of the second
            end = resolve_day(mentions[i + 1].canon, anchor, prev)
            if end is not None:
                c = replace(c, year=end.year)
        value = resolve(c, anchor, prev)
        out.append(Timex(m.start, m.end, m.text, c.type, value))
        day = resolve_day(c, anchor, prev)
        if day is not None:  # "اليوم التالي" counts from the last day mentioned
            prev = day
        if c.type == "DATE" and value and value[:4].isdigit() and (c.year or c.month):
            prev_year = int(value[:4])
    return out


def annotate(doc: Document) -> None:
    """Fill ``doc.timexes``; infer ``doc.published`` when it is unknown."""
    mentions = weekdays_ahead(find(doc.match), doc.match)
    anchor = _date(doc.published.value)
    if anchor is None:
        now = _date(doc.now) or dt.date.today()
        known = tenure_years(doc.match, mentions, now)
        found = infer_published(mentions, doc.text, now, known)
        if found is not None and found[1].canon.year is None:
            # a guessed year must fit the office holders the text names
            limit = latest_fit(doc.match.text, found[0])
            if limit is not None:
                found = infer_published(mentions, doc.text, limit, known) or found
        if found is None:
            found = term_change_day(doc.match, mentions, now)
        if found is not None:
            anchor, m = found
            doc.published = Published(anchor.isoformat(), "inferred", Span(m.start, m.end, m.text))
    doc.timexes = timexes(mentions, anchor)


@register("waqai.time.v1", requires=("text", "sentences"), assigns=("timexes", "published"))
def time_component() -> Stage:
    return annotate
