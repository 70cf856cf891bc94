"""The PLOVER trigger lexicon: data entries expanded to surface forms, found with Aho-Corasick.

``triggers.yaml`` lists each trigger once (a verb as ``past/present``, a masdar, a
phrase); this module generates the inflected and construct forms, builds one
automaton over all of them and finds triggers in the matching form of a text,
checking that a hit is a whole word with only legal clitics around it
(بالانسحاب -> الانسحاب, استقالتها -> استقالت+ها). Constraints that need context
(``after``, ``before``, ``near``) are checked by :meth:`Lexicon.find` on small
windows, never by scanning the lexicon.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from waqai.errors import DataError
from waqai.resources import load_yaml
from waqai.text.normalize import normalize
from waqai.text.tokenize import WORD

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

_SENTENCE_END = re.compile(r"[.!?؟\n]")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_PREV_WORD = re.compile(r"([^\W\d_]+)\s+$")
#: words after a trigger searched for its ``after`` words (a long subject may intervene)
AFTER_WINDOW = 14
#: a verb's object (an entry's tail) comes after its subject, not a clause later:
#: "استدعت وزيرة الخارجية ... السفيرة المغربية ...، لترد الرباط باستدعاء سفيرتها"
LOOSE_TAIL_WINDOW = 8
#: words before a trigger searched for its ``before`` words
BEFORE_WINDOW = 5


def norm(word: str) -> str:
    """Matching form of a lexicon word, with single spaces."""
    return " ".join(normalize(word).split())


def word_pattern(
    words: list[str] | tuple[str, ...], clitics: bool = True
) -> re.Pattern[str] | None:
    """One regex matching any of ``words`` as whole words (optionally with و/ف/ب/ل/ال and a suffix)."""
    forms = sorted({norm(w) for w in words if w.strip()}, key=len, reverse=True)
    if not forms:
        return None
    body = "|".join(r"\s+".join(re.escape(p) for p in f.split()) for f in forms)
    pre = r"(?:[وف]?(?:[بلك]|ال|بال|لل|كال)?)" if clitics else ""
    post = r"(?:ه|ها|هم|هما|ي|نا|كم|ا)?" if clitics else ""
    return re.compile(rf"(?<![^\W\d_]){pre}(?:{body}){post}(?![^\W\d_])")


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger entry of ``triggers.yaml``."""

    index: int
    type: str
    mode: str | None
    cameo: str
    context: tuple[str, ...]
    tails: bool
    after: re.Pattern[str] | None
    before: re.Pattern[str] | None
    near: re.Pattern[str] | None
    genitive: str
    swap: bool
    not_after: re.Pattern[str] | None = None
    #: the word right before it must not be one of these ("ما وصفه بـ": a label, not an act)
    not_before: re.Pattern[str] | None = None
    after_window: int = 14
    #: the sectors its actor must have ("دخلت القوات المدينة": an army, not aid trucks)
    actors: frozenset[str] = frozenset()
    #: another (type, mode) when the actor is of a sector ("اقتحم متظاهرون": PROTEST)
    actor_types: tuple[tuple[str, str, str | None], ...] = ()
    #: false when the words inside quotation marks are courtesy, not an act ("نشكر")
    quoted: bool = True

    @property
    def constrained(self) -> bool:
        return self.after is not None or self.before is not None or self.near is not None


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger found in the matching form: ``mstart``/``mend`` exclude clitics."""

    mstart: int
    mend: int
    entry: Entry
    pos: str  # "past" | "present" | "participle" | "noun"
    prefix: str  # proclitics before the trigger in its word
    suffix: str  # pronoun suffix after it
    word: int  # index of the trigger's first word in Lexicon.words(text)


@dataclass(frozen=True, slots=True)
class _Morph:
    past_suffixes: tuple[str, ...]
    present_prefixes: tuple[str, ...]
    present_suffixes: tuple[str, ...]
    verb_prefixes: frozenset[str]
    noun_prefixes: frozenset[str]
    verb_suffixes: frozenset[str]
    noun_suffixes: frozenset[str]
    construct_suffixes: frozenset[str]
    not_triggers: frozenset[str]
    quantifiers: tuple[str, ...]


@cache
def morphology() -> _Morph:
    m = load_yaml("events", "morphology.yaml")
    return _Morph(
        tuple(m["past_suffixes"]),
        tuple(m["present_prefixes"]),
        tuple(m["present_suffixes"]),
        frozenset(m["verb_prefixes"]),
        frozenset(m["noun_prefixes"]),
        frozenset(m["verb_suffixes"]),
        frozenset(m["noun_suffixes"]),
        frozenset(m["construct_suffixes"]),
        frozenset(norm(w) for w in m["not_triggers"]),
        tuple(norm(w) for w in m["quantifiers"]),
    )


def verb_forms(spec: str) -> list[tuple[str, str]]:
    """Inflected forms of ``"past/present"`` with their tense: اعتقل/يعتقل -> اعتقلت، تعتقل ..."""
    if "/" not in spec:
        raise DataError(f"waqai/events/data/triggers.yaml: verb {spec!r} is not 'past/present'")
    past, present = (norm(p) for p in spec.split("/", 1))
    m = morphology()
    out = [(past + s, "past") for s in m.past_suffixes]
    stem = present[1:] if present[:1] in ("ي", "ت") else present
    out += [(p + stem + s, "present") for p in m.present_prefixes for s in m.present_suffixes]
    return out


def noun_forms(noun: str) -> list[tuple[str, str]]:
    """A masdar and its construct form before a pronoun (استقالة -> استقالت)."""
    n = norm(noun)
    out = [(n, "noun")]
    if n.endswith("ه") and " " not in n:
        out.append((n[:-1] + "ت", "construct"))
    return out


class Lexicon:
    """All trigger forms in one automaton; ``find`` returns valid, non-overlapping hits."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.entries: list[Entry] = []
        self._automaton = ahocorasick.Automaton()
        keys: dict[str, list[tuple[int, str]]] = {}
        for raw in entries:
            i = len(self.entries)
            entry = _entry(i, raw)
            self.entries.append(entry)
            heads: list[tuple[str, str]] = []
            for v in raw.get("verbs") or ():
                heads += verb_forms(v)
            for f in raw.get("forms") or ():
                form = norm(f)
                # "تجمعوا" is past: a present form never ends in وا after ت (تتجمعوا would)
                present = form[:1] in "يتن" and len(form) > 3 and not form.endswith("وا")
                heads.append((form, "present" if present else "past"))
            for f in raw.get("participles") or ():
                heads.append((norm(f), "participle"))
            for n in raw.get("nouns") or ():
                heads += noun_forms(n)
            tails = [norm(t) for t in raw.get("tails") or ()]
            if tails and any(pos in ("past", "present", "participle") for _, pos in heads):
                # a verb's object may come after its subject: "رفعت السلطات حظر التجول";
                # a preposition only a few words later ("صادق البرلمان على")
                loose = dict(
                    raw,
                    tails=None,
                    after=list(raw.get("tails") or ()) + list(raw.get("after") or ()),
                )
                j = len(self.entries)
                short = all(len(t) <= 3 for t in tails)
                self.entries.append(
                    _entry(j, loose, after_window=6 if short else LOOSE_TAIL_WINDOW)
                )
                for head, pos in heads:
                    if pos in ("past", "present", "participle"):
                        keys.setdefault(head, []).append((j, pos))
            for head, pos in heads:
                if tails:
                    if pos in ("construct", "noun") and " " not in head and head[-1:] != "ه":
                        # a pronoun between the masdar and its tail: "اعتزاله العمل السياسي"،
                        # "تعليقها مشاركتها"
                        for suf in ("ه", "ها", "هم", "هما"):
                            for t in tails:
                                keys.setdefault(f"{head}{suf} {t}", []).append((i, "noun"))
                    if pos == "construct":
                        continue
                    variants = [head] + (
                        [head + "ا"] if pos == "noun" and not head.endswith("ه") else []
                    )
                    # a masdar's tail may follow a quantifier ("تعليق جميع رحلاتها"); a verb's
                    # loose reading above already looks a few words on
                    quantified = [""]
                    if pos == "noun":
                        quantified += [f"{q} " for q in morphology().quantifiers]
                    for v in variants:
                        for t in tails:
                            for q in quantified:  # "تعليق جميع رحلاتها"
                                keys.setdefault(f"{v} {q}{t}", []).append((i, pos))
                else:
                    keys.setdefault(head, []).append((i, pos))
        self._verbs = frozenset(
            k
            for k, vs in keys.items()
            if " " not in k and any(p in ("past", "present") for _, p in vs)
        )
        for key, values in keys.items():
            self._automaton.add_word(key, (len(key), tuple(values)))
        self._automaton.make_automaton()

    def find(self, text: str, words: list[tuple[int, int]]) -> list[Hit]:
        """Triggers in ``text`` (matching form); ``words`` are its word spans (see :func:`words`)."""
        m = morphology()
        starts = [w[0] for w in words]
        cands: list[tuple[int, int, int, int, Hit]] = []
        for end_idx, (length, values) in self._automaton.iter(text):
            end = end_idx + 1
            start = end - length
            wstart, wend = word_around(words, starts, start, end)
            prefix, suffix = text[wstart:start], text[end:wend]
            if text[wstart:wend] in m.not_triggers:
                continue
            # the words around, looked up only for an entry that asks
            follow: re.Match[str] | None = None
            lead: re.Match[str] | None = None
            for idx, pos in values:
                entry = self.entries[idx]
                if entry.not_after is not None:
                    follow = follow or _NEXT_WORD.match(text, wend)
                    if follow and entry.not_after.fullmatch(follow.group(1)):
                        continue
                if entry.not_before is not None:
                    lead = lead or _PREV_WORD.search(text, max(0, wstart - 30), wstart)
                    if lead and entry.not_before.fullmatch(lead.group(1)):
                        continue
                if pos in ("past", "present", "participle"):
                    ok = prefix in m.verb_prefixes and suffix in m.verb_suffixes
                elif pos == "construct":
                    ok = prefix in m.noun_prefixes and suffix in m.construct_suffixes
                else:
                    ok = prefix in m.noun_prefixes and suffix in m.noun_suffixes
                    # the article is already part of a key like "القبض"
                    if ok and text.startswith("ال", start) and prefix.endswith(("ال", "لل")):
                        ok = False
                if not ok:
                    continue
                wi = _index(starts, wstart)
                if not self._context_ok(entry, text, words, wi, wend):
                    continue
                hit = Hit(
                    start, end, entry, "noun" if pos == "construct" else pos, prefix, suffix, wi
                )
                rank = 0 if entry.constrained else 1
                cands.append(
                    (-(end - start), rank, 0 if pos in ("noun", "construct") else 1, idx, hit)
                )
        cands.sort(key=lambda c: c[:4])
        taken: list[Hit] = []
        for *_, hit in cands:
            if all(hit.mend <= t.mstart or hit.mstart >= t.mend for t in taken):
                taken.append(hit)
        return sorted(taken, key=lambda h: h.mstart)

    def is_verb(self, word: str) -> bool:
        """Whether ``word`` (matching form) is an inflected trigger verb."""
        return word in self._verbs

    @staticmethod
    def _context_ok(e: Entry, text: str, words: list[tuple[int, int]], wi: int, wend: int) -> bool:
        if e.after is not None:
            last = words[min(len(words) - 1, wi + e.after_window)][1] if words else wend
            stop = _SENTENCE_END.search(text, wend, max(wend, last))
            if not e.after.search(text, wend, stop.start() if stop else max(wend, last)):
                return False
        if e.before is not None:
            first = words[max(0, wi - BEFORE_WINDOW)][0] if words else 0
            if not e.before.search(text, first, words[wi][0] if words else 0):
                return False
        if e.near is not None and words:
            first = words[max(0, wi - 10)][0]
            last = words[min(len(words) - 1, wi + 10)][1]
            if not e.near.search(text, first, last):
                return False
        return True


def _index(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def word_around(
    words: list[tuple[int, int]], starts: list[int], start: int, end: int
) -> tuple[int, int]:
    """Where the letters around ``text[start:end]`` begin and end: the word spans of the
    text (``words``, their ``starts``) replace walking out letter by letter."""
    k = bisect_left(starts, start) - 1  # the last word that starts before ``start``
    wstart = words[k][0] if k >= 0 and words[k][1] >= start else start
    k = bisect_right(starts, end) - 1  # the last word that starts at or before ``end``
    wend = words[k][1] if k >= 0 and words[k][1] > end else end
    return wstart, wend


def words(text: str) -> list[tuple[int, int]]:
    """Word spans of a matching-form text (letters only)."""
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def _entry(i: int, raw: dict[str, Any], after_window: int | None = None) -> Entry:
    typ = raw.get("type")
    if typ not in PLOVER_TYPES:
        raise DataError(f"waqai/events/data/triggers.yaml: entry {i} has unknown type {typ!r}")
    return Entry(
        index=i,
        type=typ,
        mode=raw.get("mode"),
        cameo=str(raw["cameo"]),
        context=tuple(raw.get("context") or ()),
        tails=bool(raw.get("tails")),
        after=word_pattern(raw.get("after") or ()),
        before=word_pattern(raw.get("before") or ()),
        near=word_pattern(raw.get("near") or ()),
        genitive=raw.get("genitive", "actor"),
        swap=bool(raw.get("swap", False)),
        not_after=word_pattern(raw.get("not_after") or (), clitics=False),
        not_before=word_pattern(raw.get("not_before") or (), clitics=False),
        after_window=after_window or int(raw.get("after_window") or AFTER_WINDOW),
        actors=frozenset(raw.get("actors") or ()),
        actor_types=tuple(_actor_types(i, raw.get("actor_types") or {})),
        quoted=bool(raw.get("quoted", True)),
    )


def _actor_types(i: int, spec: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """``{CVL: PROTEST/riot}`` -> [("CVL", "PROTEST", "riot")]."""
    out = []
    for sector, target in spec.items():
        typ, _, mode = str(target).partition("/")
        if typ not in PLOVER_TYPES:
            raise DataError(
                f"waqai/events/data/triggers.yaml: entry {i} actor_types has unknown type {typ!r}"
            )
        out.append((str(sector), typ, mode or None))
    return out


@cache
def lexicon() -> Lexicon:
    """The packaged trigger lexicon (built once per process)."""
    return Lexicon(load_yaml("events", "triggers.yaml"))
