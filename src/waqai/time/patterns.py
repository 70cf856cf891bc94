"""The recognizer's grammar: precompiled regexes over the matching form.

Each alternative is a template whose ``<<NAME>>`` slots are filled with
alternations of lexicon forms (laid out as character tries) and whose named
groups use one shared vocabulary of fields (``day``, ``month``, ``year``,
``wd``, ``rel`` ...). The builder suffixes every group with the alternative's
index, and :func:`fields` gives back a flat ``{field: surface}`` dict, so the
canonicalizer reads a match without knowing which alternative made it. Each
alternative also names the word classes it can begin with, so the recognizer
tries only the few that fit the word at hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from waqai.time.lexicon import Lexicon, Unit, alternation, lexicon

# the end of a word (starts are found by the recognizer, after optional proclitics)
_E = r"(?![^\W_])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_YEAR = r"(?:1[89]|20)\d\d(?!\d)"
_HYEAR = r"1[34]\d\d(?!\d)"

# (kind, starters, template): ``starters`` are the word classes an alternative can begin
# with (see :func:`starter_forms`); order matters only between alternatives that start
# at the same place
_TEMPLATES: tuple[tuple[str, str, str], ...] = (
    ("early", "EARLY", r"(?P<early><<EARLY>>)<<E>>"),
    (
        "dual",
        "POD REL DAYWORD WD DIGIT ORD",
        r"<<PREFIX>><<HDATE>>\s*(?:(?P<par>\()\s*(?:(?:<<CORR>>)\s*)?|[/\-]\s*(?:(?:<<CORR>>)\s*)?|[،,]?\s*(?:<<CORR>>)\s*)<<GDATE>>(?(par)\s*\))",
    ),
    (
        "dual",
        "POD REL DAYWORD WD DIGIT ORD",
        r"<<PREFIX>><<GDATE>>\s*(?:(?P<par>\()\s*(?:(?:<<CORR>>)\s*)?|[/\-]\s*(?:(?:<<CORR>>)\s*)?|[،,]?\s*(?:<<CORR>>)\s*)<<HDATE>>(?(par)\s*\))",
    ),
    (
        "range",
        "RFROM",
        r"(?:<<RFROM>>)\s+(?:<<BOTHDAYS>>\s+)?(?P<d1><<DAY>>)\s*(?:<<RTO>>)\s*(?P<second><<GDATE>>)",
    ),
    (
        "range",
        "BOTHDAYS",
        r"(?:<<BOTHDAYS>>)\s+(?P<d1><<DAY>>)\s*(?:<<RTO>>)\s*(?P<second><<GDATE>>)",
    ),
    (
        "range",
        "RFROM YW",
        r"(?:(?:<<RFROM>>)\s+(?:(?:<<YW>>)\s+)?|(?:<<YW>>)\s+)(?P<y1><<YEAR>>)\s*(?:<<RTO>>)\s*(?P<second>(?P<year><<YEAR>>)(?:\s*(?P<era><<ERA>>)<<E>>)?)",
    ),
    ("date", "POD REL DAYWORD WD DIGIT ORD", r"<<PREFIX>><<GDATE>>"),
    (
        "date",
        "POD REL DAYWORD WD DIGIT ORD",
        r"<<PREFIX>>(?:(?:<<ART>>)?(?P<day><<DAY>>)|(?P<dayw><<ORD>>))\s+<<OF>>\s+(?:(?P<per><<MPER>>)\s+(?P<mod><<DIR>>)|(?P<this><<THIS>>)\s+(?P<per><<MPER>>)|(?P<msame><<SAMEM>>))<<E>>",
    ),
    (
        "date",
        "POD REL DAYWORD WD DIGIT",
        r"<<PREFIX>>(?P<nd1>\d{1,4})(?P<nsep>[/.\-])(?P<nd2>\d{1,2})(?P=nsep)(?P<nd3>\d{2,4})(?!\d)(?:\s*(?P<era><<ERAG>>)<<E>>)?",
    ),
    ("date", "POD REL DAYWORD WD DIGIT ORD", r"<<PREFIX>><<HDATE>>"),
    (
        "date",
        "BND MONTHWORD HM",
        r"(?:(?P<bound><<BND>>)\s+)?(?:<<MONTHW>>\s+)?(?P<hmonth><<HM>>)(?:\s*[،,]?\s*(?:(?:<<YW>>)\s+)?(?P<hyear><<HYEAR>>)(?:\s*(?P<hera><<ERA>>)<<E>>)?|\s+(?P<hmod><<DIR>>)<<E>>)",
    ),
    (
        "date",
        "BND MONTHWORD HM",
        r"(?:(?P<bound><<BND>>)\s+)?(?:<<MONTHW>>\s+(?P<hmonth><<HM>>)|(?P<hmonth_s><<HMS>>))<<E>>",
    ),
    (
        "date",
        "BND MONTHWORD GM",
        r"(?:(?P<bound><<BND>>)\s+)?<<MONTH>>(?:<<YEARTAIL>>|\s+(?P<mod><<DIR>>)<<E>>|<<YRELTAIL>>)",
    ),
    ("date", "BND MONTHWORD", r"(?:(?P<bound><<BND>>)\s+)?<<MONTHW>>\s+<<MONTH>><<E>>"),
    (
        "date",
        "BND GM",
        r"(?:(?P<bound><<BND>>)\s+)?(?P<month><<GMS>>)(?:\s*[/\-–]\s*(?P<month2><<GM>>)|\s*\(\s*(?P<month3><<GM>>)\s*\))?<<E>>",
    ),
    (
        "date",
        "BND YW",
        r"(?:(?P<bound><<BND>>)\s+)?(?:<<YW>>)\s+(?P<year><<YEAR>>)(?:\s*(?P<era><<ERA>>)<<E>>)?",
    ),
    (
        "date",
        "BND YW DIGIT",
        r"(?:(?P<bound><<BND>>)\s+)?(?:(?:<<YW>>)\s+)?(?P<hyear><<HYEAR>>)\s*(?P<hera><<ERAH>>)<<E>>",
    ),
    ("date", "DIGIT", r"(?P<year><<YEAR>>)\s*(?P<era><<ERA>>)<<E>>"),
    ("date", "BND", r"(?P<bound><<BND>>)\s+(?P<year><<YEAR>>)"),
    (
        "date",
        "BND PER THIS",
        r"(?:(?P<bound><<BND>>)\s+)?(?:(?P<per><<PER>>)(?:\s+(?P<before><<BEFORE>>))?\s+(?P<mod><<DIR>>)|(?P<this><<THIS>>)\s+(?P<per><<PER>>))<<E>>",
    ),
    ("date", "BND", r"(?P<bound><<BND>>)\s+(?P<per><<PER>>)<<E>>"),
    ("date", "HOLIDAY", r"(?P<holiday><<HOLIDAY>>)<<E>>"),
    ("date", "POD CHAIN", r"(?:(?P<pod><<POD>>)\s+)?(?P<chain><<CHAIN>>)<<E>>"),
    (
        "date",
        "POD REL DAYWORD WD",
        r"(?:(?P<pod><<POD>>)\s+)?(?:<<NOTTODAY>>(?P<rel><<REL>>)\s*[،,]?\s+)?(?:(?P<yawm><<DAYW>>)\s+)?(?P<wpar>\(\s*)?<<NOTWD>>(?P<wd><<WD>>)(?(wpar)\s*\))(?:\s+(?P<mod><<DIR>>))?<<E>>(?:(?=\s*[،,.:؛)\-\n]|\s*$)(?P<punct>))?",
    ),
    (
        "date",
        "POD DAYWORD REL",
        r"(?:(?P<pod><<POD>>)\s+)?(?:(?P<yawm><<DAYW>>)\s+)?<<NOTTODAY>>(?P<rel><<REL>>)<<E>>(?!\s+(?:<<TNB>>)<<E>>)",
    ),
    (
        "date",
        "TONIGHT THIS",
        r"(?:(?P<this><<THIS>>)\s+)?(?P<tonight><<TONIGHT>>)(?:\s+(?P<mod><<DIR>>))?<<E>>",
    ),
    (
        "offset",
        "OFF",
        r"<<NOTOFF>>(?P<dir><<OFF>>)\s+(?:(?:<<APPROX>>)\s+)?(?:(?P<num>\d+|<<NUMW>>)\s+(?P<unit><<UNIT>>)|(?P<unit>(?:<<UNIT12>>))(?!\s+<<ART>>[^\W\d_]))<<E>>(?!\s*\d)(?!\s+(?:<<GM>>|<<HM>>)<<E>>)(?:(?=(?:\s+(?:<<OFILL>>))?\s+(?:<<OFE>>)<<E>>)(?!(?:\s+(?:<<OFILL>>))?\s+(?:<<NOTEV>>)<<E>>)(?P<of>))?",
    ),
    ("vague", "VAGUE", r"(?P<vague><<VAGUE>>)<<E>>"),
    (
        "duration",
        "DIGIT NUMW UNIT",
        r"<<DTRIG>>(?:(?:(?:<<ART>>)?(?P<num>\d+)|(?P<numw><<NUMW>>))\s+(?P<unit><<UNIT>>)|(?P<unit1><<DUNIT12>>))<<E>>(?:\s+(?P<mod><<DIR>>|<<LATEST>>)<<E>>)?",
    ),
    (
        "duration",
        "UNITAL",
        r"<<DTRIG>><<ART>>(?P<unit><<UNITN>>)\s+<<ART>>(?P<numw><<NUMW>>)(?:\s+(?P<mod><<DIR>>|<<LATEST>>))?<<E>>",
    ),
    (
        "clock",
        "CLOCKW",
        r"(?:<<CLOCKW>>)\s+(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?(?!\d)|(?P<hourw><<HW>>)(?:\s+(?P<minw><<MW>>))?)(?:\s+(?P<cp><<CP>>))?<<E>>(?:\s+(?:<<TZ>>)<<E>>)?",
    ),
    (
        "clock",
        "DIGIT",
        r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?!\d)(?:\s+(?P<cp><<CP>>)<<E>>)?(?:\s+(?:<<TZ>>)<<E>>)?",
    ),
    ("set", "EVERY", r"(?:<<EVERY>>)\s+(?:<<DAYW>>\s+)?(?P<wdb><<WDB>>)<<E>>"),
    ("set", "SETS", r"(?P<set><<SETS>>)<<E>>"),
    (
        "date",
        "DIGIT",
        r"<<BAREYEAR>>(?P<year><<YEAR>>)(?![.,]\d)(?!\s*(?:<<NYB>>|<<UNIT>>|<<CARD>>)<<E>>)",
    ),
)


@dataclass(frozen=True, slots=True)
class Alternative:
    kind: str
    starters: frozenset[str]  # word classes it can begin with
    wrapper: str  # name of the group around the whole alternative
    groups: tuple[tuple[str, str], ...]  # (regex group name, field)


class Grammar:
    """The compiled alternatives, tried in order, filtered by the word that opens them.

    Each alternative is its own precompiled regex; at a candidate word only the
    alternatives that can begin with that word's classes are tried, first match wins
    (the same result as one big alternation, without trying the other thirty).
    """

    def __init__(self, bodies: list[str], alternatives: list[Alternative]) -> None:
        self.alternatives = {a.wrapper: a for a in alternatives}
        self._compiled = [(re.compile(b), a) for b, a in zip(bodies, alternatives, strict=True)]
        self._by_classes: dict[frozenset[str], tuple[tuple[re.Pattern[str], Alternative], ...]] = {}

    def for_classes(
        self, classes: frozenset[str]
    ) -> tuple[tuple[re.Pattern[str], Alternative], ...]:
        """The alternatives that can start with a word of ``classes``, in grammar order."""
        found = self._by_classes.get(classes)
        if found is None:
            found = tuple((rx, a) for rx, a in self._compiled if a.starters & classes)
            self._by_classes[classes] = found
        return found

    def match(self, text: str, pos: int, classes: frozenset[str]) -> re.Match[str] | None:
        """The first alternative that matches at ``pos``."""
        for rx, _ in self.for_classes(classes):
            m = rx.match(text, pos)
            if m is not None:
                return m
        return None


def _slots(lx: Lexicon) -> dict[str, str]:
    w = lx.words
    of, in_, art = re.escape(w["of"]), re.escape(w["in"]), re.escape(w["article"])
    month_word, day_word = re.escape(w["month_word"]), re.escape(w["day_word"])
    yper = alternation(w["year_periods"])
    greg = [f for f, (cal, _) in lx.months.items() if cal == "gregorian"]
    hijri = [f for f, (cal, _) in lx.months.items() if cal == "hijri"]
    units12 = [f for f, u in lx.units.items() if u.count is not None]
    unitsn = [f for f, u in lx.units.items() if u.count is None]
    day_units = [f for f in lx.units]
    gm = alternation(greg)
    month = (
        rf"(?:{month_word}\s+)?(?P<month>{gm})"
        rf"(?:\s*[/\-–]\s*(?P<month2>{gm})|\s*\(\s*(?P<month3>{gm})\s*\))?"
    )
    dirs = alternation(lx.directions)
    yw = alternation(w["year_words"])
    era = alternation(lx.era)
    eras_h = alternation([f for f, cal in lx.era.items() if cal == "hijri"])
    yeartail = (
        rf"\s*[،,]?\s*(?:{of}\s+)?(?:(?:{yw})\s+)?(?P<year>{_YEAR})"
        rf"(?:\s*(?P<era>{era})(?![^\W_]))?"
    )
    this = alternation(w["this"])
    same_year = alternation(w["same_year"])
    yreltail = (
        rf"\s+(?:{of}|{in_})\s+(?:(?P<yper>{yper})\s+(?P<ymod>{dirs})|"
        rf"(?P<ythis>(?:{this})\s+(?:{yper}))|(?P<ysame>{same_year}))(?![^\W_])"
    )
    ords = alternation(lx.day_ordinals)
    gdate = (
        rf"(?:(?:{art})?(?P<day>{_DAY})|(?P<dayw>{ords})\s+{of})\s*(?:{of}\s+)?{month}"
        rf"(?:{yeartail}|\s+(?P<mod>{dirs})(?![^\W_])|{yreltail})?"
    )
    hdate = (
        rf"(?:(?P<hday>{_DAY})|(?P<hdayw>{ords})\s+{of})\s*(?:{of}\s+)?(?:{month_word}\s+)?"
        rf"(?P<hmonth>{alternation(hijri)})(?:\s*[،,]?\s*(?:(?:{yw})\s+)?(?P<hyear>{_HYEAR})"
        rf"(?:\s*(?P<hera>{era})(?![^\W_]))?|\s+(?P<hmod>{dirs})(?![^\W_]))?"
    )
    rel = alternation(lx.relative_days)
    wd = alternation(lx.weekdays)
    corr = alternation(w["corresponding"])
    prefix = (
        rf"(?:(?P<pod>{alternation(lx.parts_of_day)})\s+)?(?:(?P<rel>{rel})\s*[،,]?\s+)?"
        rf"(?:(?P<yawm>{day_word})\s+)?(?:(?P<wpar>\(\s*)?(?P<wd>{wd})(?(wpar)\s*\))(?:\s+(?P<wmod>{dirs}))?\s*[،,]?\s*(?:(?:{corr})\s+)?)?"
    )
    # "اليوم" after a paper or channel name is part of the name ("روسيا اليوم")
    today = re.escape(next(f for f, v in lx.relative_days.items() if v == 0 and " " not in f))
    guards = "".join(rf"(?<!{re.escape(x)}\s)" for x in w["today_not_after"])
    nottoday = rf"(?:{guards}(?={today})|(?!{today}))"
    bare = "|".join(rf"(?<={re.escape(x)}\s)" for x in w["bare_year_after"])
    dtrig = "|".join(rf"(?<={re.escape(x)}\s)" for x in w["duration_triggers"])
    wdb = [*lx.weekdays_bare, *lx.weekdays]
    return {
        "EARLY": alternation(w["earlier_today"]),
        "PREFIX": prefix,
        "GDATE": gdate,
        "HDATE": hdate,
        "MONTH": month,
        "YEARTAIL": yeartail,
        "YRELTAIL": yreltail,
        "GM": gm,
        "GMS": alternation(f for f in greg if f in lx.month_standalone),
        "HM": alternation(hijri),
        "HMS": alternation(f for f in hijri if f in lx.month_standalone),
        "CORR": corr,
        "RFROM": alternation(w["range_from"]),
        "RTO": alternation(w["range_to"]),
        "DAY": _DAY,
        "YEAR": _YEAR,
        "HYEAR": _HYEAR,
        "YW": yw,
        "ERA": era,
        "ERAH": eras_h,
        "DIR": dirs,
        "BND": alternation(lx.boundaries),
        "HOLIDAY": alternation(lx.holidays),
        "OF": of,
        "ART": art,
        "MONTHW": month_word,
        "DAYW": day_word,
        "MPER": re.escape(w["month_period"]),
        "SAMEM": alternation(w["same_month"]),
        "BOTHDAYS": re.escape(w["both_days"]),
        "LATEST": re.escape(w["latest"]),
        "ERAG": alternation(f for f, cal in lx.era.items() if cal == "gregorian"),
        "ORD": ords,
        "PER": alternation(lx.periods),
        "BEFORE": re.escape(w["before_direction"]),
        "THIS": this,
        "POD": alternation(lx.parts_of_day),
        "CHAIN": alternation(lx.chained_days),
        "REL": rel,
        "WD": wd,
        "WDB": alternation(wdb),
        "TNB": alternation(w["today_not_before"]),
        "NOTTODAY": nottoday,
        "TONIGHT": re.escape(w["tonight"]),
        "OFF": alternation(lx.offset_words),
        "APPROX": alternation(w["approximately"]),
        "NUMW": alternation(lx.cardinals),
        "CARD": alternation(lx.cardinals),
        "UNIT": alternation(day_units),
        "UNIT12": alternation(units12),
        # a duration never counts a bare "عقد" (a contract far more often than a decade)
        "DUNIT12": alternation(f for f in units12 if lx.units[f] != Unit("DE", 1)),
        "UNITN": alternation(unitsn),
        "OFE": alternation(w["offset_of_event"]),
        "OFILL": alternation(w["offset_event_fillers"]),
        "NOTWD": "".join(rf"(?<!{re.escape(x)}\s)" for x in w["weekday_not_after"]),
        "NOTEV": alternation(w["not_event"]),
        "NOTOFF": "".join(rf"(?<!{re.escape(x)}\s)" for x in w["offset_not_after"]),
        "VAGUE": alternation(w["vague"]),
        "DTRIG": f"(?:{dtrig})",
        "CLOCKW": re.escape(w["clock_word"]),
        "HW": alternation(lx.hour_words),
        "MW": alternation(lx.minute_words),
        "CP": alternation(lx.clock_periods),
        "TZ": alternation(w["time_zones"]) + rf"|{re.escape(w['time_zone_word'])}\s+[^\W\d_]+",
        "EVERY": re.escape(w["every"]),
        "SETS": alternation(lx.sets),
        "BAREYEAR": f"(?:{bare})",
        "NYB": alternation(w["not_year_before"]),
        "E": _E,
    }


_SLOT = re.compile(r"<<(\w+)>>")
_GROUP = re.compile(r"\(\?P<(\w+)>|\(\?P=(\w+)\)|\(\?\((\w+)\)")


def _expand(template: str, slots: dict[str, str]) -> str:
    for _ in range(4):  # slots may contain slots (PREFIX -> ...)
        template = _SLOT.sub(lambda m: slots[m.group(1)], template)
    return template


def _suffix(pattern: str, index: int) -> tuple[str, list[tuple[str, str]]]:
    """Give every group of one alternative a unique name: ``day`` -> ``day__3``.

    A field may appear twice in one alternative (two branches): the second gets
    ``day__3_1`` and still maps to the field ``day``.
    """
    seen: dict[str, int] = {}
    groups: list[tuple[str, str]] = []

    def rename(m: re.Match[str]) -> str:
        if m.group(1):
            field = m.group(1)
            n = seen.get(field, 0)
            seen[field] = n + 1
            name = f"{field}__{index}" + (f"_{n}" if n else "")
            groups.append((name, field))
            return f"(?P<{name}>"
        field = m.group(2) or m.group(3)
        name = f"{field}__{index}"
        return f"(?P={name})" if m.group(2) else f"(?({name})"

    return _GROUP.sub(rename, pattern), groups


@cache
def grammar() -> Grammar:
    slots = _slots(lexicon())
    bodies: list[str] = []
    alternatives: list[Alternative] = []
    for i, (kind, starters, template) in enumerate(_TEMPLATES):
        body, groups = _suffix(_expand(template, slots), i)
        wrapper = f"A__{i}"
        # word starts are checked by the recognizer's candidate positions, so
        # the alternatives need no leading boundary of their own
        bodies.append(f"(?P<{wrapper}>{body})")
        alternatives.append(Alternative(kind, frozenset(starters.split()), wrapper, tuple(groups)))
    return Grammar(bodies, alternatives)


def starter_forms(lx: Lexicon) -> dict[str, list[str]]:
    """Word class -> the words that open an expression of that class (first words only)."""
    w = lx.words

    def first(forms: object) -> list[str]:
        return sorted({f.split(" ")[0] for f in forms})  # type: ignore[attr-defined]

    gm = [f for f, (cal, _) in lx.months.items() if cal == "gregorian"]
    hm = [f for f, (cal, _) in lx.months.items() if cal == "hijri"]
    return {
        "EARLY": first(w["earlier_today"]),
        "POD": first(lx.parts_of_day),
        "REL": first(lx.relative_days),
        "DAYWORD": [w["day_word"]],
        "WD": first(lx.weekdays),
        "ORD": first(lx.day_ordinals),
        "RFROM": first(w["range_from"]),
        "BOTHDAYS": [w["both_days"]],
        "YW": first(w["year_words"]),
        "BND": first(lx.boundaries),
        "MONTHWORD": [w["month_word"]],
        "GM": first(gm),
        "HM": first(hm),
        "PER": first(lx.periods),
        "THIS": first(w["this"]),
        "CHAIN": first(lx.chained_days),
        "TONIGHT": [w["tonight"]],
        "OFF": first(lx.offset_words),
        "VAGUE": first(w["vague"]),
        "NUMW": first(lx.cardinals),
        "UNIT": first(lx.units),
        "UNITAL": [w["article"] + f for f, u in lx.units.items() if u.count is None],
        "CLOCKW": [w["clock_word"]],
        "EVERY": [w["every"]],
        "SETS": first(lx.sets),
        "HOLIDAY": first(lx.holidays),
    }


def fields(m: re.Match[str], alt: Alternative) -> dict[str, str]:
    """The matched fields of one alternative: ``{"day": "13", "month": "يناير"}``."""
    out: dict[str, str] = {}
    for name, field in alt.groups:
        value = m.group(name)
        if value is not None and field not in out:
            out[field] = value
    return out
