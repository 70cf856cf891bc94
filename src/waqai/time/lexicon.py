"""The date vocabulary, loaded once from ``time/data`` and folded to the matching form.

Month, weekday, number and relative-word forms are written in their usual
spelling in the data files; here every form goes through
:func:`waqai.text.normalize.normalize` so that it matches ``doc.match.text``
(hamza, ta marbuta and alef maqsura variants collapse to one key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from waqai.errors import DataError
from waqai.resources import load_tsv, load_yaml
from waqai.text.normalize import normalize


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str  # D W M Y H MIN DE
    count: int | None  # None: a plural that needs a number


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, tuple[str, int]]  # form -> (calendar, month)
    month_standalone: frozenset[str]
    weekdays: dict[str, int]  # form with the article -> weekday (0=Monday)
    weekdays_bare: dict[str, int]  # the same without the article ("كل جمعة")
    weekday_standalone: frozenset[str]
    cardinals: dict[str, int]
    day_ordinals: dict[str, int]
    hour_words: dict[str, int]
    minute_words: dict[str, int]
    relative_days: dict[str, int]
    chained_days: dict[str, int]
    directions: dict[str, int]
    periods: dict[str, str]
    units: dict[str, Unit]
    offset_words: dict[str, int]
    parts_of_day: dict[str, str]
    clock_periods: dict[str, str]
    boundaries: dict[str, str]
    sets: dict[str, str]
    era: dict[str, str]
    holidays: dict[str, tuple[str, int, int]]  # name -> (calendar, month, day)
    words: dict[str, Any]  # the remaining lists and single words, folded


def fold(form: str) -> str:
    """The matching form of a lexicon entry, with its spaces collapsed."""
    return " ".join(normalize(str(form)).split())


def _folded_map(spec: dict[str, Any], key: str, cast: Any = str) -> dict[str, Any]:
    try:
        return {fold(k): cast(v) for k, v in spec[key].items()}
    except (KeyError, AttributeError, TypeError, ValueError) as exc:
        raise DataError(f"waqai/time/data: bad or missing table {key!r} ({exc})") from exc


@cache
def lexicon() -> Lexicon:
    spec = load_yaml("time", "lexicon.yaml")
    nums = load_yaml("time", "numbers.yaml")
    months: dict[str, tuple[str, int]] = {}
    standalone: set[str] = set()
    for row in load_tsv("time", "months.tsv"):
        form = fold(row["form"])
        months[form] = (row["calendar"], int(row["month"]))
        if row["standalone"] == "1":
            standalone.add(form)
    weekdays: dict[str, int] = {}
    wd_standalone: set[str] = set()
    for row in load_tsv("time", "weekdays.tsv"):
        form = fold(row["form"])
        weekdays[form] = int(row["weekday"])
        if row["standalone"] == "1":
            wd_standalone.add(form)
    units = {
        fold(u["form"]): Unit(u["unit"], None if u["count"] == "n" else int(u["count"]))
        for u in spec["units"]
    }
    scalar = [
        "today_not_before",
        "today_not_after",
        "earlier_today",
        "before_direction",
        "this",
        "offset_of_event",
        "offset_event_fillers",
        "not_event",
        "of",
        "in",
        "month_period",
        "year_periods",
        "both_days",
        "latest",
        "article",
        "proclitics",
        "same_year",
        "same_month",
        "offset_not_after",
        "weekday_not_after",
        "history_before",
        "anniversary_before",
        "announced_before",
        "future_before",
        "not_dateline_head",
        "background_before",
        "complementizers",
        "approximately",
        "duration_triggers",
        "bare_year_after",
        "not_year_before",
        "year_words",
        "month_word",
        "day_word",
        "corresponding",
        "range_from",
        "range_to",
        "tonight",
        "clock_word",
        "time_zones",
        "time_zone_word",
        "every",
        "vague",
        "in_power",
        "term_end",
        "term_start",
    ]
    words: dict[str, Any] = {}
    for key in scalar:
        value = spec.get(key)
        if value is None:
            raise DataError(f"waqai/time/data/lexicon.yaml: missing {key!r}")
        words[key] = [fold(v) for v in value] if isinstance(value, list) else fold(value)
    return Lexicon(
        months=months,
        month_standalone=frozenset(standalone),
        weekdays=weekdays,
        weekdays_bare={
            f.removeprefix(words["article"]): wd
            for f, wd in weekdays.items()
            if f.startswith(words["article"])
        },
        weekday_standalone=frozenset(wd_standalone),
        cardinals=_folded_map(nums, "cardinals", int),
        day_ordinals=_folded_map(nums, "day_ordinals", int),
        hour_words=_folded_map(nums, "hour_words", int),
        minute_words=_folded_map(nums, "minute_words", int),
        relative_days=_folded_map(spec, "relative_days", int),
        chained_days=_folded_map(spec, "chained_days", int),
        directions=_folded_map(spec, "directions", int),
        periods=_folded_map(spec, "periods"),
        units=units,
        offset_words=_folded_map(spec, "offset_words", int),
        parts_of_day=_folded_map(spec, "parts_of_day"),
        clock_periods=_folded_map(spec, "clock_periods"),
        boundaries=_folded_map(spec, "boundaries"),
        sets=_folded_map(spec, "sets"),
        era=_folded_map(spec, "era"),
        holidays={
            fold(h["name"]): (h["calendar"], int(h["month"]), int(h["day"]))
            for h in load_yaml("time", "holidays.yaml")
        },
        words=words,
    )


def alternation(forms: Any) -> str:
    """A regex matching any of the literal ``forms``, the longest it can; spaces as ``\\s+``.

    The forms are laid out as a character trie (``ال(?:احد|اثنين|...)``): the
    regex engine tries alternatives one by one, so shared prefixes are
    compared once instead of once per form.
    """
    trie: dict[str, Any] = {}
    for form in set(forms):
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _emit(sub)
        for ch, sub in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body  # greedy: the longer form first


def lookup(table: dict[str, Any], surface: str) -> Any:
    """``table[surface]`` with the surface's inner spaces collapsed."""
    return table.get(" ".join(surface.split()))
