"""Step 1 of 3: find date expressions in the matching form of a text.

Candidate word starts come from an Aho-Corasick automaton over every word
that can open an expression (month, weekday, relative word, unit, number
word ...) plus digit runs; the combined grammar (:mod:`waqai.time.patterns`)
is tried only there, so the cost grows with the number of time words, not
with the length of the text. Spans are mapped back to the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

import ahocorasick

from waqai.text.normalize import MatchText
from waqai.time.canonical import Canon, canonicalize
from waqai.time.lexicon import lexicon
from waqai.time.patterns import fields, grammar, starter_forms
from waqai.time.resolve import with_clock


@dataclass(frozen=True, slots=True)
class Mention:
    """A date expression: original span, the alternative that found it, its canonical form."""

    start: int
    end: int
    text: str
    kind: str
    canon: Canon


_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class _Glue:
    """Small patterns made from lexicon words."""

    clitics: str  # proclitic letters before a date word
    article: str
    clock_gap: re.Pattern[str]  # between a clock time and its day: "الساعة 10 من صباح اليوم"
    day_word: re.Pattern[str]  # "يوم" before a day number, left out of the span


@cache
def _glue() -> _Glue:
    w = lexicon().words
    of, in_, day = (re.escape(w[k]) for k in ("of", "in", "day_word"))
    return _Glue(
        "".join(w["proclitics"]),
        w["article"],
        re.compile(rf"\s*[،,]?\s*(?:(?:{of}|{in_})\s+)?(?:{day}\s+)?"),
        re.compile(rf"{day}\s+(?=\d)"),
    )


#: the word class of a digit run ("13", "ال24")
DIGIT = "DIGIT"


@cache
def _automaton() -> ahocorasick.Automaton:
    """Every word that can open an expression -> (its length, its word classes)."""
    classes: dict[str, set[str]] = {}
    for name, words in starter_forms(lexicon()).items():
        for word in words:
            classes.setdefault(word, set()).add(name)
    auto = ahocorasick.Automaton()
    for word, names in classes.items():
        auto.add_word(word, (len(word), frozenset(names)))
    auto.make_automaton()
    return auto


def _starts(text: str) -> list[tuple[int, frozenset[str]]]:
    """Where an expression may start, with the word classes found there, in text order."""
    out: dict[int, frozenset[str]] = {}
    n = len(text)
    clitics = _glue().clitics
    for end, (length, classes) in _automaton().iter(text):
        start = end - length + 1
        if (end + 1 >= n or not text[end + 1].isalnum()) and _word_start(text, start, clitics):
            out[start] = out.get(start, frozenset()) | classes
    digit = frozenset((DIGIT,))
    art = _glue().article
    for m in _DIGITS.finditer(text):
        s = m.start()
        if _word_start(text, s, clitics):
            out[s] = out.get(s, frozenset()) | digit
        if text[max(0, s - len(art)) : s] == art and _word_start(text, s - len(art), clitics):
            out[s - len(art)] = out.get(s - len(art), frozenset()) | digit  # "خلال الـ24 ساعة"
    return sorted(out.items())


def _word_start(text: str, start: int, clitics: str) -> bool:
    """True if ``start`` begins a word, or follows one or two proclitics that do."""
    k = start
    while k > 0 and start - k < 2 and text[k - 1] in clitics:
        k -= 1
    return k == 0 or not text[k - 1].isalnum()


def _span(mt: MatchText, s: int, e: int, kind: str, canon: Canon) -> Mention:
    a, b = mt.to_original(s, e)
    return Mention(a, b, mt.original[a:b], kind, canon)


def find(mt: MatchText) -> list[Mention]:
    """Every date expression of a text, in order, not overlapping."""
    g = grammar()
    lx = lexicon()
    text = mt.text
    out: list[Mention] = []
    pos = 0
    for start, classes in _starts(text):
        if start < pos:
            continue
        m = g.match(text, start, classes)
        if m is None or m.lastgroup is None:
            continue
        alt = g.alternatives[m.lastgroup]
        f = fields(m, alt)
        canon = canonicalize(alt.kind, f, lx)
        if canon is None:
            continue
        pos = m.end()
        s, e = m.span()
        if alt.kind == "range":  # two dates: the first borrows month and year from the second
            names = {fld: name for name, fld in alt.groups}
            if "d1" in f:
                first, first_canon = "d1", replace(canon, day=int(f["d1"]))
            else:
                first, first_canon = "y1", replace(canon, year=int(f["y1"]))
            out.append(_span(mt, *m.span(names[first]), "range_start", first_canon))
            out.append(_span(mt, *m.span(names["second"]), "date", canon))
            continue
        dw = _glue().day_word.match(text, s)
        if dw and "wd" not in f and "rel" not in f:
            s = dw.end()
        out.append(_span(mt, s, e, alt.kind, canon))
    return _join_clocks(out, mt)


def _join_clocks(mentions: list[Mention], mt: MatchText) -> list[Mention]:
    """Join a clock time with the day right before or after it into one TIME."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and _dateish(m, nxt) and _adjacent(mt, m, nxt):
            date, clock = (nxt, m) if m.kind == "clock" else (m, nxt)
            canon = with_clock(date.canon, clock.canon)
            out.append(Mention(m.start, nxt.end, mt.original[m.start : nxt.end], "date", canon))
            i += 2
            continue
        out.append(m)
        i += 1
    return out


def _dateish(a: Mention, b: Mention) -> bool:
    kinds = {a.kind, b.kind}
    if kinds != {"clock", "date"} and kinds != {"clock", "early"}:
        return False
    date = a if a.kind != "clock" else b
    return date.canon.hour is None and not date.canon.vague


def _adjacent(mt: MatchText, a: Mention, b: Mention) -> bool:
    gap = mt.text[mt.to_match(a.end) : mt.to_match(b.start)]
    return _glue().clock_gap.fullmatch(gap) is not None
