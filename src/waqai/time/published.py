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
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache

from waqai.text.normalize import normalize
from waqai.text.tokenize import WORD
from waqai.time.canonical import Canon
from waqai.time.lexicon import fold, lexicon
from waqai.time.recognize import Mention
from waqai.time.resolve import FUTURE_DAYS, hijri_to_gregorian, pick_year

#: a dateline is a full date this close to the start of the text
DATELINE_CHARS = 160
#: punctuation that sets a dateline off from the report
DATELINE_MARKS = ("-", "–", "—", "،", ",", ":", "(", ")", "|", "/")
#: a dateline may stand on one of the first lines (under a headline and a subtitle)
DATELINE_LINES = 3
# a letter or digit: a line without any besides its date holds only the date
_WORDISH = re.compile(r"[^\W_]")
#: a full date this many years before ``now`` is history, never the news of the day
HISTORY_YEARS = 20
#: a full date this close to the start (the lead) may be the news the report follows up
LEAD_CHARS = 600
#: how many words before a full date are looked at for each list of cues
CUE_WINDOWS = {
    "history_before": 2,
    "anniversary_before": 6,
    "announced_before": 8,
    "background_before": 10,
}
#: a day-month in a text that states no year pins the date only this close before ``now``
FRESH_DAYS = 8
#: "بعد أسبوع على الاشتباكات التي اندلعت في 5 أكتوبر": at most this many words between
EVENT_GAP_WORDS = 6

# a year written alone, not a count ("2000 متفرج"): no word right after it
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)(?!\s*[^\W\d_])")
SENTENCE_ENDS = ".!?؟\n"
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}]")


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


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def stated_years(mentions: list[Mention], text: str, now: dt.date) -> list[int]:
    """The years the text writes, in dates or alone ("مناورات الحزام البحري 2023"), latest first.

    A date written without its year usually belongs to one of them; years after
    ``now`` are left out, and so are the starts of periods ("يحكم البلاد منذ عام 2013"),
    which are history.
    """
    since = cue_pattern("history_before")
    years = {
        m.canon.year
        for m in mentions
        if m.canon.year
        and m.canon.calendar == "gregorian"
        and not _not_current(text, m, ("history_before",))
    }
    folded = normalize(text)
    window = CUE_WINDOWS["history_before"]
    for y in _YEAR.finditer(folded):
        before = " ".join(folded[max(0, y.start() - 30) : y.start()].split()[-window:])
        if since.search(before) is None:
            years.add(int(y.group()))
    return sorted((y for y in years if y is not None and y <= now.year), reverse=True)


def elapsed_years(mentions: list[Mention], text: str, now: dt.date) -> list[int]:
    """Years that a written year and the time elapsed since give: "في أيلول/سبتمبر 2014، أي
    قبل أكثر من ثلاث سنوات" puts the report in 2017 (or 2018)."""
    out: list[int] = []
    for a, b in zip(mentions, mentions[1:], strict=False):
        back = b.canon
        if a.canon.year is None or back.unit != "Y" or back.shift is None or back.shift >= 0:
            continue
        if len(WORD.findall(text, a.end, b.start)) > 1:  # "، أي قبل ..." at most one word
            continue
        year = a.canon.year - back.shift
        out += [y for y in (year, year + 1) if y <= now.year and y not in out]
    return out


def _fallback_years(c: Canon, now: dt.date) -> list[int]:
    """When the text states no year: only the last year in which the day-month is not after
    ``now`` (any earlier year would fit a weekday one time in seven, by chance)."""
    return [now.year if (c.month, c.day) <= (now.month, now.day) else now.year - 1]


def _explicit_day(c: Canon, now: dt.date, years: Iterable[int] = ()) -> dt.date | None:
    """The day an expression names by itself (no document date needed), or None.

    A weekday-with-date without a year takes a year the text states in which
    it falls on that weekday, else the latest such year not after ``now``.
    """
    if c.month is None or c.day is None or c.chain is not None:
        return None
    if c.calendar == "hijri":
        return hijri_to_gregorian(c.year, c.month, c.day) if c.year else None
    year = c.year
    if year is None:
        if c.weekday is None or _upcoming(c.month, c.day, c.weekday, now):
            return None
        fits = (y for y in years if _fits(_day(y, c.month, c.day), c.weekday, now))
        year = next(fits, None) or pick_year(c.month, c.day, now, None, c.weekday, future_days=0)
        if year is None:
            return None
    d = _day(year, c.month, c.day)
    if d is None or (c.weekday is not None and d.weekday() != c.weekday):
        return None  # a weekday that contradicts the date pins nothing
    return d


def _fits(d: dt.date | None, weekday: int, now: dt.date) -> bool:
    return d is not None and d <= now and d.weekday() == weekday


def _dateline(text: str, m: Mention) -> bool:
    """A date at the head of the text, set off like a dateline: "القاهرة - 5 مارس 2023
    (رويترز)", "دمشق-سانا 13-1-2022", "الرياض 13 يناير 2022 م واس", or alone on one of the
    first lines (under a headline, or a "نشر في:" line).
    """
    line_start = text.rfind("\n", 0, m.start) + 1
    if m.start - line_start > DATELINE_CHARS or text.count("\n", 0, line_start) >= DATELINE_LINES:
        return False
    line_end = text.find("\n", m.end)
    rest = text[m.end : len(text) if line_end == -1 else line_end]
    head = text[line_start : m.start]
    if not _WORDISH.search(head + rest):
        return True  # the date fills its line
    words = head.split()
    if len(words) > 4:
        return False
    after = rest[:8].lstrip()
    if not words:  # the report opens with the date: "13 يناير 2022 - أعلنت"
        return line_start == 0 and after.startswith(DATELINE_MARKS)
    if not any(ch.isalpha() for ch in head):  # a list bullet, not a place or agency
        return False
    last = fold(words[-1])
    if {last, last[1:] if last[:1] in "وف" else last} & set(lexicon().words["not_dateline_head"]):
        return False  # "(و)في 13 يناير 2022، أعلنت": a sentence opens with its date
    # "الرياض 13 يناير 2022": one word needs no mark
    return (
        len(words) == 1
        or after.startswith(DATELINE_MARKS)
        or any(m in head for m in DATELINE_MARKS)
    )


@cache
def cue_pattern(key: str, clitics: str | None = None) -> re.Pattern[str]:
    """The ``key`` list of the time lexicon as one pattern of whole words, one proclitic
    allowed before (the lexicon's ``proclitics``, or those of ``clitics``)."""
    lx = lexicon()
    cues = "|".join(re.escape(c) for c in sorted(lx.words[key], key=len, reverse=True))
    if clitics is None:
        clitics = "".join(lx.words["proclitics"])
    return re.compile(rf"(?<!\S)[{clitics}]?(?:{cues})(?!\S)")


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in SENTENCE_ENDS) + 1


def _not_current(text: str, m: Mention, keys: tuple[str, ...]) -> bool:
    """History, background or an announcement: "منذ 25 يوليو 2021", "الطائرة التي فقدت في 8
    مارس 2014", "من المقرر ... في 24 ديسمبر 2021" (the cue lists of ``keys``)."""
    words = fold(text[_sentence_start(text, m.start) : m.start]).split()
    return any(
        cue_pattern(key).search(" ".join(words[-CUE_WINDOWS[key] :])) is not None for key in keys
    )


def today_weekday(mentions: list[Mention]) -> int | None:
    """The weekday of the report itself, from "اليوم الخميس", "أمس الأربعاء" (→ Thursday)."""
    votes: Counter[int] = Counter()
    for m in mentions:
        c = m.canon
        if names_weekday(c):
            votes[(c.weekday - c.shift) % 7] += 1  # type: ignore[operator]
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def names_weekday(c: Canon) -> bool:
    """ "اليوم الخميس", "أمس الأربعاء": a day relative to the report, with its weekday."""
    return c.unit == "D" and c.weekday is not None and c.month is None and c.chain is None


def _named_shifts(mentions: list[Mention], weekday: int) -> set[int]:
    """The day shifts the text names with their weekday, agreeing with today's: {0, -1}."""
    shifts = {0}
    for m in mentions:
        c = m.canon
        if names_weekday(c) and (c.weekday - c.shift) % 7 == weekday:  # type: ignore[operator]
            shifts.add(c.shift)
    return shifts


def _report_day(d: dt.date, weekday: int, shifts: set[int]) -> tuple[dt.date, bool]:
    """The report date after a reported day: ``d`` itself if it is a day the text names
    ("أمس الأحد" and "الأحد 24 سبتمبر" → Monday 25), else the first ``weekday`` after it."""
    for s in sorted(shifts, key=abs):
        if (d - dt.timedelta(days=s)).weekday() == weekday:
            return d - dt.timedelta(days=s), True
    return d + dt.timedelta(days=(weekday - d.weekday()) % 7), False


def _near_named(mentions: list[Mention], i: int, text: str) -> bool:
    """A day named with its weekday ("اليوم الأربعاء", "أمس الأحد") in the sentence of mention ``i``."""
    m = mentions[i]
    for n in mentions:
        if n is not m and names_weekday(n.canon):
            a, b = (n.end, m.start) if n.start < m.start else (m.end, n.start)
            if not _SENTENCE_END.search(text, a, b):
                return True
    return False


def _yearless_day(
    c: Canon, years: Iterable[int], now: dt.date, ok: Callable[[dt.date], bool]
) -> dt.date | None:
    """A day-month without a year in the latest of ``years`` where ``ok(day)`` holds."""
    for y in years:
        d = _day(y, c.month, c.day)  # type: ignore[arg-type]
        if d is not None and d <= now + dt.timedelta(days=1) and ok(d):
            return d
    return None


def _today_governs(mentions: list[Mention], i: int, text: str) -> bool:
    """A bare "اليوم" earlier in the sentence of mention ``i``, in the same clause."""
    start = _sentence_start(text, mentions[i].start)
    breaks = set(lexicon().words["complementizers"])
    for n in mentions[:i]:
        c = n.canon
        if n.start >= start and c.unit == "D" and c.shift == 0 and not c.has_date:
            between = fold(text[n.end : mentions[i].start]).split()
            return not breaks.intersection(between)
    return False


def _after_event(
    mentions: list[Mention], i: int, text: str, now: dt.date, years: list[int], weekday: int | None
) -> dt.date | None:
    """ "بعد تسعة أيام على اعتقالها يوم الثلاثاء 13 سبتمبر" said of today: that day + 9.

    The event date must follow the offset closely in the same sentence, and the
    result must fall on today's weekday (or, when the text names none, "اليوم"
    must govern the offset: "عاد الهدوء اليوم ... بعد أسبوع على", not "قال اليوم إن
    الهدنة انهارت بعد يومين على").
    """
    m, c = mentions[i], mentions[i].canon
    if not (c.anchored_event and c.unit in ("D", "W") and c.shift > 0) or i + 1 >= len(mentions):
        return None
    x = mentions[i + 1]
    gap = text[m.end : x.start]
    if _SENTENCE_END.search(gap) or len(gap.split()) > EVENT_GAP_WORDS:
        return None
    days = dt.timedelta(days=c.shift * (7 if c.unit == "W" else 1))
    if weekday is None and not _today_governs(mentions, i, text):
        return None
    xc = replace(x.canon, type="DATE") if x.canon.hour is None else x.canon
    if xc.year is None and xc.weekday is None and xc.month is not None and xc.day is not None:
        if xc.direction not in (None, 0) or xc.calendar != "gregorian":
            return None
        found = _yearless_day(
            xc,
            years or _fallback_years(xc, now),
            now,
            lambda d: weekday is None or (d + days).weekday() == weekday,
        )
        return found + days if found else None
    d = _explicit_day(xc, now, years)
    if d is None or (weekday is not None and (d + days).weekday() != weekday):
        return None
    return d + days


#: kinds of evidence, strongest first (the rank is compared before the day)
RANKS = {
    "relative_with_date": 8,  # "اليوم الخميس 13 يناير", "أمس الأربعاء 12 يناير"
    "dateline": 7,  # "القاهرة - 5 مارس 2023 (رويترز)"; "وارسو، 16 تشرين الثاني" + "اليوم الثلاثاء"
    "after_event": 6,  # "اليوم الخميس ... بعد تسعة أيام على اعتقالها يوم الثلاثاء 13 سبتمبر"
    "weekday_date_named": 5,  # "أمس الأحد" with "الأحد 24 سبتمبر"
    "weekday_date": 4,  # "اليوم الخميس" with "مساء الثلاثاء 4 آب 2020"
    "date_named": 3,  # "أمس الأحد" with "يومي 23 و24 سبتمبر" (2023 stated elsewhere)
    "full_date": 2,  # "اليوم الأربعاء" with "في 15 أوت 2022"
    "date_named_any_year": 1,  # "اليوم الأربعاء" with "15 مارس", no year in the text: this year
    "weekday_date_alone": 0,  # "يوم الاثنين 25 أكتوبر", no "اليوم ..."
}


def infer_published(
    mentions: list[Mention], text: str, now: dt.date, known_years: Iterable[int] = ()
) -> tuple[dt.date, Mention] | None:
    """The document date and the mention it rests on, or None.

    ``known_years`` are years other knowledge gives (a ruler's time in power). Candidates
    are ranked by :data:`RANKS`; within a rank the latest day wins,
    then the first mention. With today's weekday ("اليوم الخميس"), a reported
    date places the report on the first such weekday on or after it ("الثلاثاء
    4 آب 2020" → Thursday 6 August), or exactly when the date falls on a
    weekday the text names ("أمس الأحد" + "الأحد 24 سبتمبر" → Monday 25).
    """
    weekday = today_weekday(mentions)
    shifts = _named_shifts(mentions, weekday) if weekday is not None else {0}
    years = stated_years(mentions, text, now)
    for y in [*elapsed_years(mentions, text, now), *known_years]:
        if y not in years:
            years.append(y)
    best: tuple[tuple[int, dt.date, int], dt.date, Mention] | None = None
    for i, m in enumerate(mentions):
        found = _candidate(mentions, i, text, now, years, weekday, shifts)
        if found is None:
            continue
        kind, day = found
        if day > now + dt.timedelta(days=1):
            continue
        key = (RANKS[kind], day, -i)
        if best is None or key > best[0]:
            best = (key, day, m)
    if best is None:
        return None
    return best[1], best[2]


def _candidate(
    mentions: list[Mention],
    i: int,
    text: str,
    now: dt.date,
    years: list[int],
    weekday: int | None,
    shifts: set[int],
) -> tuple[str, dt.date] | None:
    """The kind of evidence one mention gives and the document date it points to."""
    m = mentions[i]
    c = m.canon
    if c.type == "TIME" and c.hour is None:
        c = replace(c, type="DATE")
    after = _after_event(mentions, i, text, now, years, weekday)
    if after is not None:
        return "after_event", after
    if (
        weekday is not None
        and c.year is None
        and c.weekday is None
        and c.unit is None
        and not c.direction
        and _dateline(text, m)
    ):
        # "وارسو، 16 تشرين الثاني (وكالات) - ... اليوم الثلاثاء": the dateline's day is
        # today, on today's weekday (the year as for "اليوم الثلاثاء 16 تشرين الثاني")
        d = _explicit_day(replace(c, weekday=weekday), now, years)
        if d is not None:
            return "dateline", d
    d = _explicit_day(c, now, years)
    if d is not None:
        if c.unit == "D":  # "اليوم الخميس 13 يناير", "أمس الأربعاء 12 يناير"
            return "relative_with_date", d - dt.timedelta(days=c.shift)
        if c.year is not None and _dateline(text, m):
            return "dateline", d
        if weekday is not None and c.weekday is not None and c.direction != 1:
            # a date named with its weekday is recent ("الثلاثاء 4 آب 2020"); bare full
            # dates are as often history, and "المقبل" ones lie after the report
            day, named = _report_day(d, weekday, shifts)
            return ("weekday_date_named" if named else "weekday_date"), day
        if weekday is None and c.weekday is not None and c.year is None and not c.direction:
            # a writer drops the year of a recent date ("الثلاثاء 27 أبريل 1909" is
            # history); "يوم الجمعة 26 يونيو الماضي" only says the report is later
            return "weekday_date_alone", d
    if weekday is None:
        return None
    return _reported_date(mentions, i, c, text, now, years, weekday, shifts)


def _reported_date(
    mentions: list[Mention],
    i: int,
    c: Canon,
    text: str,
    now: dt.date,
    years: list[int],
    weekday: int,
    shifts: set[int],
) -> tuple[str, dt.date] | None:
    """A date without its weekday, placed before today's weekday (``RANKS`` 1-3)."""
    m = mentions[i]
    if c.weekday is not None or c.month is None or c.day is None:
        return None
    if c.unit is not None or c.chain is not None or c.direction not in (None, 0):
        return None
    if c.calendar != "gregorian" or c.year_shift is not None or c.same_year or c.same_month:
        return None
    if _not_current(text, m, ("history_before", "anniversary_before", "announced_before")):
        return None
    if c.year is not None:  # "غادر آخر جندي فرنسي مالي في 15 أوت 2022"
        d = _day(c.year, c.month, c.day)
        if d is None or d > now or not years or c.year != years[0]:
            return None  # a date of an earlier year than the text mentions is background
        if d.year <= now.year - HISTORY_YEARS:
            return None
        near = _near_named(mentions, i, text)
        if m.start >= LEAD_CHARS and not near:
            return None  # the lead reports the news; deeper in the body dates are background
        day, named = _report_day(d, weekday, shifts)
        if named and near:
            return "date_named", day
        if _not_current(text, m, ("background_before",)):
            return None  # "قمة كامب ديفيد التي عقدت في 14 مايو 2015": a description
        return "full_date", day
    # "انطلقت اليوم الأربعاء ... من 15 إلى 19 مارس الجاري" (2023 stated elsewhere): in the
    # sentence that names the day, the latest year the text states puts it on that day
    if not _near_named(mentions, i, text):
        return None

    def on_named(x: dt.date) -> bool:
        return _report_day(x, weekday, shifts)[1]

    d = _yearless_day(c, years[:1], now, on_named)
    kind = "date_named"
    if d is None and not years:
        d, kind = _yearless_day(c, _fallback_years(c, now), now, on_named), "date_named_any_year"
        if d is not None and d < now - dt.timedelta(days=FRESH_DAYS):
            return None  # a text without any year is read as fresh news, or not at all
    if d is None:
        return None
    return kind, _report_day(d, weekday, shifts)[0]
