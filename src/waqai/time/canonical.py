"""Step 2 of 3: surface fields -> one small canonical structure per expression.

The recognizer hands over ``{field: surface}`` (``{"day": "13", "month":
"يناير", "mod": "الجاري"}``); :func:`canonicalize` looks every surface up in
the lexicon and returns a :class:`Canon` that says what the text states
(day=13, month=1, year relative to the anchor ...) and nothing about the
calendar value, which only :mod:`waqai.time.resolve` computes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from waqai.time.lexicon import Lexicon, lookup


@dataclass(frozen=True, slots=True)
class Canon:
    """What a date expression says, before it is placed on the calendar."""

    type: str = "DATE"  # DATE | TIME | DURATION | SET
    calendar: str = "gregorian"  # of day/month/year
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # target (alone) or constraint (with a date)
    direction: int | None = None  # الماضي -1, الجاري 0, المقبل 1; None: nearest past
    year_shift: int | None = None  # "يناير من العام الماضي": year = anchor year - 1
    unit: str | None = None  # relative offset from the anchor, in D W M Y H MIN DE
    shift: int = 0  # ... by this many units
    chain: int | None = None  # days after the previously mentioned date
    part: str | None = None  # part of day: MO MI AF EV NI
    hour: int | None = None
    minute: int | None = None
    duration: str | None = None  # DURATION value, "P3D"
    set_value: str | None = None  # SET value, "P1W"
    vague: bool = False
    anchored_event: bool = False  # "بعد يومين من الانتخابات": relative to an event
    same_year: bool = False  # "غشت من العام نفسه": the year of the previous date
    same_month: bool = False  # "التاسع من الشهر نفسه": the month of the previous date

    @property
    def has_date(self) -> bool:
        """A calendar day or month written out (not relative to the anchor)."""
        return self.month is not None or (self.year is not None and self.unit is None)


def _int(s: str | None) -> int | None:
    return int(s) if s and s.isdigit() else None


def _count(f: dict[str, str], lx: Lexicon) -> int | None:
    if "num" in f:
        return _int(f["num"]) if f["num"].isdigit() else lookup(lx.cardinals, f["num"])
    if "numw" in f:
        return lookup(lx.cardinals, f["numw"])
    return None


def _month(f: dict[str, str], key: str, lx: Lexicon) -> tuple[str, int] | None:
    return lookup(lx.months, f[key]) if key in f else None


def _iso_duration(n: int, unit: str) -> str:
    if unit in ("H", "MIN"):
        return f"PT{n}{'M' if unit == 'MIN' else 'H'}"
    if unit == "DE":
        return f"P{n * 10}Y"
    return f"P{n}{unit}"


def _clock(f: dict[str, str], lx: Lexicon) -> tuple[int, int] | None:
    hour = _int(f.get("hour")) if "hour" in f else lookup(lx.hour_words, f.get("hourw", ""))
    if hour is None:
        return None
    minute = _int(f.get("minute")) or 0
    if "minw" in f:
        minute = lookup(lx.minute_words, f["minw"]) or 0
    if minute < 0:  # "إلا ربعا": a quarter to the hour
        hour, minute = hour - 1, 60 + minute
    period = lookup(lx.clock_periods, f.get("cp", "")) if "cp" in f else None
    afternoon = period in ("pm", "noon") and hour < 12 and not (period == "noon" and hour >= 11)
    if afternoon or (period == "night" and 6 <= hour < 12):
        hour += 12
    elif period == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return hour, minute


def canonicalize(kind: str, f: dict[str, str], lx: Lexicon) -> Canon | None:
    """The canonical structure of one recognized expression (None: not a date after all)."""
    if kind == "vague":
        return Canon(vague=True)
    if kind == "early":
        return Canon(unit="D", shift=0)
    if kind == "set":
        if "wdb" in f:
            wd = lookup(lx.weekdays, f["wdb"])
            if wd is None:
                wd = lookup(lx.weekdays_bare, f["wdb"])
            return None if wd is None else Canon(type="SET", set_value=f"XXXX-WXX-{wd + 1}")
        return Canon(type="SET", set_value=lookup(lx.sets, f["set"]))
    if kind in ("duration", "offset"):
        unit_entry = lookup(lx.units, f.get("unit") or f.get("unit1", ""))
        if unit_entry is None:
            return None
        n = _count(f, lx) if unit_entry.count is None or "num" in f or "numw" in f else None
        n = n if n is not None else unit_entry.count
        if n is None:
            return None
        if kind == "duration":
            return Canon(type="DURATION", duration=_iso_duration(n, unit_entry.unit))
        sign = lookup(lx.offset_words, f["dir"]) or -1
        return Canon(unit=unit_entry.unit, shift=sign * n, anchored_event="of" in f)
    if kind == "clock":
        hm = _clock(f, lx)
        return None if hm is None else Canon(type="TIME", hour=hm[0], minute=hm[1])
    return _date(f, lx)


def _date(f: dict[str, str], lx: Lexicon) -> Canon | None:
    c = Canon()
    if "pod" in f:
        c = replace(c, type="TIME", part=lookup(lx.parts_of_day, f["pod"]))
    if "tonight" in f:
        if "mod" not in f and "this" not in f:
            return None
        shift = lookup(lx.directions, f["mod"]) if "mod" in f else 0
        return replace(c, type="TIME", part="NI", unit="D", shift=min(shift or 0, 0))
    if "holiday" in f:  # "عيد الفطر": a day and month without a year
        cal, month, day = lookup(lx.holidays, f["holiday"])
        return replace(c, calendar=cal, month=month, day=day)
    if "chain" in f:
        return replace(c, chain=lookup(lx.chained_days, f["chain"]))
    if "msame" in f:  # "التاسع من الشهر نفسه": resolved against the previous date
        day = _int(f.get("day")) or lookup(lx.day_ordinals, f.get("dayw", ""))
        return _with_day_prefix(replace(c, day=day, unit="M", same_month=True), f, lx)
    if "per" in f:  # "العام الماضي", "هذا الشهر", "مطلع العام", "13 من الشهر الجاري"
        unit = lookup(lx.periods, f["per"])
        if unit is None:
            return None
        shift = lookup(lx.directions, f["mod"]) if "mod" in f else 0
        if "before" in f and shift:
            shift -= 1
        day = _int(f.get("day")) or lookup(lx.day_ordinals, f.get("dayw", ""))
        if day is not None:
            return _with_day_prefix(replace(c, day=day, unit=unit, shift=shift or 0), f, lx)
        return replace(c, unit=unit, shift=shift or 0)
    if "nd1" in f:  # "الثلاثاء 3/12/2024": the weekday before a numeric date counts too
        numeric = _numeric(f, c)
        return None if numeric is None else _with_day_prefix(numeric, f, lx)
    year = _int(f.get("year"))
    if year is not None and "era" in f and lookup(lx.era, f["era"]) == "hijri":
        return None
    if "hmonth" in f or "hmonth_s" in f or "hyear" in f:
        hm = _month(f, "hmonth", lx) or _month(f, "hmonth_s", lx)
        hday = _int(f.get("hday")) or lookup(lx.day_ordinals, f.get("hdayw", ""))
        hyear = _int(f.get("hyear"))
        hijri = replace(
            c,
            calendar="hijri",
            year=hyear,
            month=hm[1] if hm else None,
            day=hday,
            direction=lookup(lx.directions, f["hmod"]) if "hmod" in f else None,
        )
        if "month" not in f:  # a Hijri date alone: resolved in its own calendar
            return _with_day_prefix(hijri, f, lx)
    if "month" in f:
        m = _month(f, "month", lx)
        if m is None:
            return None
        day = _int(f.get("day")) or lookup(lx.day_ordinals, f.get("dayw", ""))
        c = replace(c, month=m[1], day=day, year=year)
        if "mod" in f:
            c = replace(c, direction=lookup(lx.directions, f["mod"]))
        if "ymod" in f:
            c = replace(c, year_shift=lookup(lx.directions, f["ymod"]))
        elif "ythis" in f:
            c = replace(c, year_shift=0)
        elif "ysame" in f:
            c = replace(c, same_year=True)
        return _with_day_prefix(c, f, lx)
    if year is not None:
        return replace(c, year=year)
    if "rel" in f or "wd" in f:
        return _with_day_prefix(c, f, lx)
    return None


def _with_day_prefix(c: Canon, f: dict[str, str], lx: Lexicon) -> Canon | None:
    """Add what precedes a day: "اليوم" / "أمس" (a shift) and a weekday."""
    if "wd" in f:
        wd = lookup(lx.weekdays, f["wd"])
        bare = not ({"pod", "rel", "yawm", "mod", "punct"} & f.keys()) and c.month is None
        if wd is None or (bare and f["wd"] not in lx.weekday_standalone):
            return None
        c = replace(c, weekday=wd)
        if c.month is None and "mod" in f:
            c = replace(c, direction=lookup(lx.directions, f["mod"]))
        elif c.month is not None and "wmod" in f and lookup(lx.directions, f["wmod"]) == 1:
            c = replace(c, direction=1)  # "يوم الثلاثاء المقبل 28 يوليو الجاري": upcoming
    if "rel" in f and c.unit is None:
        c = replace(c, unit="D", shift=lookup(lx.relative_days, f["rel"]) or 0)
    return c


def _numeric(f: dict[str, str], c: Canon) -> Canon | None:
    """13/1/2022, 2022-01-13: day first unless the year comes first."""
    a, b, y = int(f["nd1"]), int(f["nd2"]), f["nd3"]
    if len(f["nd1"]) == 4:
        year, month, day = a, b, int(y)
    elif len(y) == 4:
        day, month, year = a, b, int(y)
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1800 <= year <= 2100):
        return None
    return replace(c, year=year, month=month, day=day)
