"""Step 3 of 3: one resolver that places a :class:`Canon` on the calendar.

Everything relative is anchored on the document date: "الجاري" is the
anchor's month; a day and month without a year take their latest occurrence
no later than ``FUTURE_DAYS`` after the anchor (news is mostly about the past,
but announced events lie ahead); a weekday is its latest occurrence on or
before the anchor unless "المقبل". Without an anchor, relative values stay
``None``. Hijri dates go through the Umm al-Qura table of ``hijridate``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hijridate import Gregorian, Hijri

from waqai.time.canonical import Canon

#: a day-month without a year may lie this many days after the anchor (announced events)
FUTURE_DAYS = 60


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(d: dt.date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """Umm al-Qura conversion (hijridate covers 1343-1500 AH); None outside it."""
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def gregorian_to_hijri(d: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def pick_year(
    month: int,
    day: int | None,
    anchor: dt.date,
    direction: int | None = None,
    weekday: int | None = None,
    future_days: int = FUTURE_DAYS,
) -> int | None:
    """The year of a day-month (or month) written without one, seen from ``anchor``.

    The latest year that puts it no later than ``future_days`` after the anchor
    (with a weekday: the latest such year in which the day falls on it).
    """
    y, m = anchor.year, anchor.month
    limit = anchor + dt.timedelta(days=future_days)
    if direction == 0:
        return y
    if direction is not None and day is not None:
        # "10 آب المقبل": the next such day after the anchor; "5 غشت الماضي": the last before
        this = _date(y, month, day)
        if this is None:
            return y + direction
        if direction == 1:
            return y if this > anchor else y + 1
        return y if this < anchor else y - 1
    if direction == -1:
        return y if month < m else y - 1
    if direction == 1:
        return y if month > m else y + 1
    span = 40 if weekday is not None else 9  # 9: back to a leap year for 29 February
    for year in range(limit.year, limit.year - span, -1):
        d = _date(year, month, day or 1)
        if d is not None and d <= limit and (weekday is None or d.weekday() == weekday):
            return year
    return None


def resolve_day(c: Canon, anchor: dt.date | None, prev: dt.date | None) -> dt.date | None:
    """The calendar day of a day-precise expression (None if it has none or cannot be placed)."""
    if c.vague or c.type in ("DURATION", "SET") or c.anchored_event:
        return None
    if c.chain is not None:
        return prev + dt.timedelta(days=c.chain) if prev else None
    if c.calendar == "hijri":
        return _hijri_day(c, anchor)
    if c.month is not None and c.day is not None:
        year = c.year
        if year is None and anchor is not None:
            if c.year_shift is not None:
                year = anchor.year + c.year_shift
            else:
                year = pick_year(c.month, c.day, anchor, c.direction, c.weekday)
        return _date(year, c.month, c.day) if year else None
    if c.month is not None or c.year is not None:
        return None
    if anchor is None:
        return None
    if c.day is not None and c.unit == "M":  # "13 من الشهر الجاري"
        y, m = add_months(anchor, c.shift)
        return _date(y, m, c.day)
    if c.unit == "D":
        return anchor + dt.timedelta(days=c.shift)
    if c.unit in ("H", "MIN") and c.shift:
        return anchor
    if c.weekday is not None and c.unit is None:
        back = (anchor.weekday() - c.weekday) % 7
        if c.direction == 1:
            return anchor + dt.timedelta(days=(c.weekday - anchor.weekday()) % 7 or 7)
        if c.direction == -1 and back == 0:
            back = 7
        return anchor - dt.timedelta(days=back)
    return None


def _hijri_year(c: Canon, anchor: dt.date | None, day: int) -> int | None:
    """The Hijri year of month ``c.month`` (day ``day``) when the text gives none.

    The anchor's Hijri year, moved by الماضي/المقبل; without either, a date more than
    ``FUTURE_DAYS`` after the anchor is taken from the previous year.
    """
    if c.year is not None:
        return c.year
    h = gregorian_to_hijri(anchor) if anchor else None
    if h is None or c.month is None:
        return None
    year = h[0]
    if c.direction == -1:
        return year if c.month < h[1] else year - 1
    if c.direction == 1:
        return year if c.month > h[1] else year + 1
    if c.direction is None and (c.month, day) > (h[1], h[2]):
        start = hijri_to_gregorian(year, c.month, day)
        if start is None or start > anchor + dt.timedelta(days=FUTURE_DAYS):  # type: ignore[operator]
            year -= 1
    return year


def _hijri_day(c: Canon, anchor: dt.date | None) -> dt.date | None:
    if c.month is None or c.day is None:
        return None
    year = _hijri_year(c, anchor, c.day)
    return hijri_to_gregorian(year, c.month, c.day) if year is not None else None


def _hijri_coarse(c: Canon, anchor: dt.date | None) -> str | None:
    """A Hijri month or year as the Gregorian month or year holding its middle (approximate)."""
    year = c.year if c.month is None else _hijri_year(c, anchor, 1)
    if year is None:
        return None
    if c.month is None:
        mid = hijri_to_gregorian(year, 6, 15)
        return f"{mid.year:04d}" if mid else None
    mid = hijri_to_gregorian(year, c.month, 15)
    return f"{mid.year:04d}-{mid.month:02d}" if mid else None


def _time_suffix(c: Canon) -> str:
    if c.hour is not None:
        return f"T{c.hour:02d}:{c.minute or 0:02d}"
    if c.part:
        return f"T{c.part}"
    return ""


def resolve(c: Canon, anchor: dt.date | None, prev: dt.date | None = None) -> str | None:
    """The TIMEX3 value of ``c`` seen from the document date ``anchor``."""
    if c.vague or c.anchored_event:
        return None
    if c.type == "DURATION":
        return c.duration
    if c.type == "SET":
        return c.set_value
    day = resolve_day(c, anchor, prev)
    if day is not None:
        return day.isoformat() + _time_suffix(c)
    if c.chain is not None or (c.day is not None and c.month is not None):
        return None
    if c.type == "TIME" and c.hour is not None and c.unit is None and c.month is None:
        return anchor.isoformat() + _time_suffix(c) if anchor else None
    if c.calendar == "hijri":
        return _hijri_coarse(c, anchor)
    if c.month is not None:  # a month, maybe with a year
        year = c.year
        if year is None and anchor is not None:
            if c.year_shift is not None:
                year = anchor.year + c.year_shift
            else:
                year = pick_year(c.month, None, anchor, c.direction)
        return f"{year:04d}-{c.month:02d}" if year else None
    if c.year is not None:
        return f"{c.year:04d}"
    if anchor is None or c.unit is None:
        return None
    if c.unit == "W":
        return iso_week(anchor + dt.timedelta(weeks=c.shift))
    if c.unit == "M":
        y, m = add_months(anchor, c.shift)
        return f"{y:04d}-{m:02d}"
    if c.unit in ("Y", "DE"):
        return f"{anchor.year + c.shift * (10 if c.unit == 'DE' else 1):04d}"
    return None


def with_clock(date_canon: Canon, clock: Canon) -> Canon:
    """A date expression joined with the clock time next to it.

    "مساء اليوم الساعة الثامنة" is 20:00: an evening or afternoon part of day
    moves a morning-looking hour to the afternoon.
    """
    hour = clock.hour
    late = date_canon.part in ("AF", "EV") or (
        date_canon.part == "NI" and hour is not None and hour >= 6
    )
    if hour is not None and hour < 12 and late:
        hour += 12
    return replace(date_canon, type="TIME", hour=hour, minute=clock.minute)
