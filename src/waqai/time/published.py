"""Infer the document date from the text when the caller did not give it.

A careful reader dates a report by its explicit anchors: "اليوم الخميس 13
يناير" (today is that day), "أمس الأربعاء 12 يناير" (today is the day
after); else a dateline with a full date at the top ("القاهرة - 5 مارس 2023
(رويترز)"); else arithmetic the text does itself ("اليوم الخميس ... بعد تسعة
أيام على اعتقالها يوم الثلاثاء 13 سبتمبر"); else today's weekday ("اليوم
الخميس", "أمس الأربعاء") placed after the dates the text reports: first one
written with its own weekday, then a day-month that falls on a weekday named
with أمس/اليوم, then the latest full date that is neither history nor an
announcement. Without today's weekday, the latest weekday-with-date written
without a year ("يوم الاثنين 25 أكتوبر": the report is from that day or
later). Among anchors of one kind the latest day wins. A missing year is one
the text states elsewhere in which the date fits, else the latest one not
after ``now``. When nothing pins the date, it stays unknown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from waqai.time.canonical import Canon
from waqai.time.recognize import Mention
from waqai.time.resolve import FUTURE_DAYS, hijri_to_gregorian, pick_year

#: a dateline is a full date this close to the start of the text
DATELINE_CHARS = 160
#: punctuation that sets a dateline off from the report
DATELINE_MARKS = ("-", "–", "—", "،", ",", ":", "(", ")", "|")


def _upcoming(month: int, day: int, weekday: int, now: dt.date) -> bool:
    """True if the day falls on the weekday soon after ``now``: an announced event, not a past one."""
    for year in (now.year, now.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if now < d <= now + dt.timedelta(days=FUTURE_DAYS) and d.weekday() == weekday:
            return True
    return False


def _explicit_day(c: Canon, now: dt.date) -> dt.date | None:
    """The day an expression names by itself (no document date needed), or None."""
    if c.month is None or c.day is None or c.chain is not None:
        return None
    if c.calendar == "hijri":
        return hijri_to_gregorian(c.year, c.month, c.day) if c.year else None
    year = c.year
    if year is None:
        if c.weekday is None or _upcoming(c.month, c.day, c.weekday, now):
            return None
        year = pick_year(c.month, c.day, now, None, c.weekday, future_days=0)
        if year is None:
            return None
    try:
        d = dt.date(year, c.month, c.day)
    except ValueError:
        return None
    if c.weekday is not None and d.weekday() != c.weekday:
        return None  # a weekday that contradicts the date pins nothing
    return d


def _dateline(text: str, m: Mention) -> bool:
    """A date at the head of the text, set off like a dateline: "القاهرة - 5 مارس 2023 (رويترز)"."""
    head = text[: m.start]
    if m.start > DATELINE_CHARS or "\n" in head.strip() or len(head.split()) > 4:
        return False
    if not any(ch.isalpha() for ch in head):  # a place or agency comes first, not a list bullet
        return False
    before = head.rstrip()
    after = text[m.end : m.end + 8].lstrip()
    return not before or before.endswith(DATELINE_MARKS) or after.startswith(DATELINE_MARKS)


def today_weekday(mentions: list[Mention]) -> int | None:
    """The weekday of the report itself, from "اليوم الخميس", "أمس الأربعاء" (→ Thursday)."""
    votes: Counter[int] = Counter()
    for m in mentions:
        c = m.canon
        if c.unit == "D" and c.weekday is not None and c.month is None and c.chain is None:
            votes[(c.weekday - c.shift) % 7] += 1
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def infer_published(
    mentions: list[Mention], text: str, now: dt.date
) -> tuple[dt.date, Mention] | None:
    """The document date and the mention it rests on, or None.

    Ranks: 4 a relative day with its date ("اليوم الخميس 13 يناير"); 3 a
    dateline; 2 today's weekday ("اليوم الخميس") with a date named with its
    own weekday: the first such weekday on or after that date ("الثلاثاء 4 آب
    2020" → Thursday 6 August), preferring a date that falls on today's weekday
    itself, else the latest; 1 a weekday with a day-month and no year.
    """
    weekday = today_weekday(mentions)
    best: tuple[tuple[int, bool, dt.date, int], dt.date, Mention] | None = None
    for i, m in enumerate(mentions):
        c = m.canon
        if c.type == "TIME" and c.hour is None:
            c = replace(c, type="DATE")
        d = _explicit_day(c, now)
        if d is None:
            continue
        same_day = False
        if c.unit == "D":  # "اليوم الخميس 13 يناير", "أمس الأربعاء 12 يناير"
            rank, day = 4, d - dt.timedelta(days=c.shift)
        elif c.year is not None and _dateline(text, m):
            rank, day = 3, d
        elif weekday is not None and c.weekday is not None and c.direction != 1:
            # a date named with its weekday is recent ("الثلاثاء 4 آب 2020"); bare full
            # dates are as often history, and "المقبل" ones lie after the report
            gap = (weekday - d.weekday()) % 7
            rank, day, same_day = 2, d + dt.timedelta(days=gap), gap == 0
        elif c.weekday is not None and c.year is None and not c.direction:
            # a writer drops the year of a recent date ("الثلاثاء 27 أبريل 1909" is
            # history); "يوم الجمعة 26 يونيو الماضي" only says the report is later
            rank, day = 1, d
        else:
            continue
        if day > now + dt.timedelta(days=1):
            continue
        # the strongest kind of evidence; within a kind the latest day, then the first mention
        key = (rank, same_day, day, -i)
        if best is None or key > best[0]:
            best = (key, day, m)
    if best is None:
        return None
    return best[1], best[2]
