"""Event dates: the timex of the clause, else the day the article's story happened.

Timex values come from ``waqai.time.v1`` (TIMEX3: 2022-01-13, 2022-01-13TMO,
2023-04); only their date part counts, and bare years never date an event.
"""

from __future__ import annotations

import datetime as dt
import re

from waqai.document import Document
from waqai.events.lexicon import Hit
from waqai.text.tokenize import WORD

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def timex_dates(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, date) of the document's dated timexes, in matching-form offsets."""
    mt = doc.match
    out = []
    for t in doc.timexes:
        m = _DATE.match(str(t.value or ""))
        if t.type == "TIME" and _clock_only(t.text):
            continue
        # a bare year ("منذ 2016") dates background, not the events of the sentence
        if m and t.type in ("DATE", "TIME") and len(m.group()) > 4:
            out.append((mt.to_match(t.start), mt.to_match(t.end), m.group()))
    return out


def _clock_only(text: str) -> bool:
    """A clock time that names no day ("الساعة العاشرة ليلًا"): its date is only the article's."""
    from waqai.events.cues import cues
    from waqai.text.normalize import normalize

    c, t = cues(), normalize(text)
    head = c.clock_head.match(t.strip())
    return head is not None and c.clock_day.search(t) is None and not re.search(r"\d+\s*[/-]", t)


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

    breaks, walls = cues().date_break, cues().date_wall
    best: tuple[int, str] | None = None
    for s, e, v in timexes:
        if s < lo or e > hi:
            continue
        if _since(text, lo, s, hit) or _dateline(text, lo, s, e):
            continue
        a, b = (e, hit.mstart) if e <= hit.mstart else (hit.mend, s)
        dist = max(0, b - a) + 40 * len(re.findall(r"[،,؛]", text[a:b]))
        after = a == hit.mend
        if after and (_NEXT_CLAUSE.search(text, a, b) or walls.search(text, a, b)):
            continue  # "رفضت الخطوة، واعتبرتها ... التي تنتهي في 28 أفريل": a later clause's
        if after and hit.pos == "participle" and len(WORD.findall(text, a, b)) > 1:
            # "متهمًا جهات بإصدار بيان يوم الاثنين": a circumstantial participle happens
            # with its main verb; a date past its object dates the act it names
            continue
        if hit.pos == "participle" and not after:
            # a circumstantial participle goes with its main verb: a date in a clause opened
            # before it is that clause's ("أعلن يوم الجمعة ...، بعد أن كانت قد علقتها الشهر
            # الماضي، متهماً")
            dist += 200 * bool(breaks.search(text, lo, s))
        else:
            other = False
            for m in breaks.finditer(text, a, max(a, b)):
                own = hit.pos == "noun" and after and _adjectives(text[a : m.start()])
                dist += 0 if own else 60
                # "اعتقال غلاس، الذي لجأ إليها منذ ديسمبر 2023": a relative clause set off by a
                # comma describes a noun named before it, never the trigger's act
                other = other or (
                    after
                    and not own
                    and m.group() in _relatives()
                    and text[max(a, m.start() - 2) : m.start()].strip() in ("،", ",")
                )
            if other:
                continue
        if hit.pos == "noun" and e <= hit.mstart and _verb_before(text, lo, s):
            dist += 30
        if best is None or dist < best[0]:
            best = (dist, v)
    return best[1] if best else None


#: a comma and وـ: the next coordinated clause, whose dates are its own
_NEXT_CLAUSE = re.compile(r"[،,؛]\s*و")


#: a dateline's date: a few words (place, agency) before it, a dash after it (an agency in
#: brackets may come between): "تبليسي، 15 مايو 2024 (أ ف ب) - تظاهر ..."
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,30}\))?\s*[-–—]")
_DATELINE_WORDS = 4


def is_dateline(text: str, bounds: list[tuple[int, int]], timex: tuple[int, int, str]) -> bool:
    """Whether a timex (matching-form ``start, end, date``) is the dateline of its sentence."""
    lo = next((a for a, b in bounds if a <= timex[0] < b), 0)
    return _dateline(text, lo, timex[0], timex[1])


def _dateline(text: str, lo: int, start: int, end: int) -> bool:
    """Whether the timex at ``start:end`` is the dateline of its sentence: the report's
    date, which dates none of the sentence's events."""
    if len(text[lo:start].split()) > _DATELINE_WORDS:
        return False
    return _DATELINE_AFTER.match(text, end) is not None


#: "منذ انطلاق الاحتجاجات في الأول من أكتوبر": the words between منذ and its date; an
#: anniversary ("الذكرى الثانية لاندلاع الحرب في 4 نوفمبر 2020") looks as far back
_SINCE = re.compile(r"(?<![^\W\d_])[وب]?(?:منذ|ذكري|الذكري|لذكري)(?![^\W\d_])")  # matching form
_SINCE_WORDS = 5


def _since(text: str, lo: int, start: int, hit: Hit) -> bool:
    """Whether the timex at ``start`` is the beginning of a period ("منذ انطلاق الاحتجاجات
    في الأول من أكتوبر") that does not date ``hit``: it dates only a trigger between منذ
    and itself."""
    window = text[max(lo, start - 60) : start]
    found = list(_SINCE.finditer(window))
    if not found:
        return False
    m0 = max(lo, start - 60) + found[-1].start()
    if len(text[m0:start].split()) > _SINCE_WORDS + 1:
        return False
    if not re.search(r"[^\W\d_]", text[m0 + len(found[-1].group()) : start]):
        return False  # "منذ أمس": the state began that day, which dates its event
    return not (m0 < hit.mstart < start)


def _relatives() -> frozenset[str]:
    from waqai.events.roles import relative_pronouns

    return relative_pronouns()


def _adjectives(between: str) -> bool:
    """Whether only definite adjectives (at most two) stand between a noun trigger and a
    relative pronoun: "الاحتجاجات الشعبية التي انطلقت يوم الثلاثاء" (its own clause)."""
    ws = between.split()
    return len(ws) <= 2 and all(w.startswith("ال") for w in ws)


def _verb_before(text: str, lo: int, pos: int) -> bool:
    """Whether a trigger or light verb comes between the clause start ``lo`` and ``pos``."""
    from waqai.events.roles import _verb_between

    return _verb_between(text, lo, pos)


def shift_day(day: str | None, days: int) -> str | None:
    """``day`` (YYYY-MM-DD...) moved by ``days``; None when it is not a full day."""
    if not day or len(day) < 10:
        return None
    try:
        return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


def offset_date(
    hit: Hit,
    timexes: list[tuple[int, int, str]],
    lo: int,
    hi: int,
    text: str,
    cue: int,
    days: int,
) -> tuple[str | None, bool]:
    """The date of a trigger governed by a day-count cue at ``cue`` ("بعد يومين من الهجوم"):
    (date, own). A date in the trigger's own clause after it is its own ("بعد يوم من مقتله
    ... يوم الأحد"); else the last day named before the cue in the sentence, shifted by
    ``days``; else None (the caller shifts the default date)."""
    stop = re.search(r"[.،,؛!?؟\n]", text[hit.mend : hi])
    end = hit.mend + stop.start() if stop else hi
    for s, _e, v in timexes:
        if hit.mend <= s < end:
            return v, True
    for s, e, v in reversed(timexes):
        if lo <= s and e <= cue and len(v) >= 10:
            return shift_day(v, days), False
    return None, False
