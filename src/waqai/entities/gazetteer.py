"""Gazetteer lookup: every known name in one Aho-Corasick automaton.

Countries, nisba adjectives, cities (GeoNames and the curated ``places.yaml``:
provinces, regions, towns GeoNames lacks), organizations, office holders, titles
and government-body heads are compiled once into an automaton over the matching
form (``doc.match.text``). A hit counts only on word boundaries: it must end a
word, and whatever precedes it inside its word must be a proclitic chain
(و، ب، ل، بال، وال، لل) — so "بالقاهرة" yields "القاهرة" and "لروسيا" yields
"روسيا", never the clitic. A clitic reading must also be plausible: a word more
frequent in general text than the name it would hide is no clitic + name
("بنوك", banks, is not ب + نوك, Nuuk).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from waqai.entities.frequency import commoner, word_classes
from waqai.resources import load_tsv, load_yaml
from waqai.text.normalize import normalize
from waqai.text.tokenize import clitic_analyses

PACKAGE = "entities"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a gazetteer name stands for.

    ``kind`` says which list it came from (country, nisba, city, org, leader,
    person, title, counterpart, body, anaphor, cue, cued: a country name that is
    also a common word and counts only after a place cue); ``label`` is the entity type
    to emit (GPE, ORG, PER, NORP; empty for words that only cue); ``rule`` marks
    names safe to emit without the model's agreement.
    """

    kind: str
    key: str
    label: str
    country: str | None = None
    rule: bool = True
    name: str | None = None
    name_en: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A gazetteer match in matching-form offsets (clitics already excluded)."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    def first(self, *kinds: str) -> Entry | None:
        for e in self.entries:
            if e.kind in kinds:
                return e
        return None


def nisba_forms(adjective: str) -> list[str]:
    """Inflections of a masculine nisba: روسي → روسي، روسية، روسيون، روسيين، روسيات."""
    words = adjective.split()
    out = []
    for suffix in ("", "ة", "ون", "ين", "ات", "ان", "تان", "تين"):
        out.append(" ".join(w + suffix for w in words))
    return out


def _split(cell: str) -> list[str]:
    return [x for x in cell.split("|") if x]


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    name: str
    name_en: str
    capital: str


@cache
def countries() -> dict[str, Country]:
    """Countries by ISO alpha-2."""
    return {
        r["iso2"]: Country(r["iso2"], r["iso3"], r["name"], r["name_en"], r["capital"])
        for r in load_tsv(PACKAGE, "countries.tsv")
    }


Patterns = defaultdict[str, list[Entry]]


def _add(pats: Patterns, name: str, entry: Entry, article: bool = False) -> None:
    key = normalize(name)
    forms = [key]
    if article:  # ألماني → الماني → الالماني; كوري جنوبي → الكوري الجنوبي (each word)
        forms.append(" ".join("ال" + w for w in key.split()))
    for f in forms:
        if entry not in pats[f]:
            pats[f].append(entry)


def _extra_patterns() -> Patterns:
    """Curated additions the NER model never sees as features: places (``places.yaml``)
    and country names that are also common words (``cued``: مالي، بنين).

    Blocked CV scored the places as model features lower (72.50 vs 72.71), and keeping
    them apart means the lists can grow without retraining the model.
    """
    pats: Patterns = defaultdict(list)
    for r in load_tsv(PACKAGE, "countries.tsv"):
        cued = Entry("cued", r["iso2"], "GPE", r["iso2"], False, r["name"], r["name_en"])
        for n in _split(r.get("cued") or ""):
            _add(pats, n, cued)
    curated = load_yaml(PACKAGE, "places.yaml")
    not_alone = {normalize(n) for n in curated["not_alone"]}
    for iso2, places in curated["places"].items():
        for name_en, cell in places.items():
            names = _split(cell)
            key = name_en.lower().replace(" ", "_")
            for n in names:
                rule = normalize(n) not in not_alone
                _add(pats, n, Entry("city", key, "GPE", iso2, rule, names[0], name_en))
    return pats


#: a word this frequent in general text (Zipf), as often bare as with ال, is a common noun
COMMON_ZIPF = 5


def _common_word(name: str) -> bool:
    """Whether a one-word name is a common noun of general text ("الجزيرة"، "المدينة"), not
    a name that takes ال (القاهرة، الرياض: their ال form is the usual one)."""
    key = normalize(name)
    if " " in key or not key.startswith("ال"):
        return False
    zipf, al = word_classes().get(key[2:])
    return int(zipf) >= COMMON_ZIPF and al in ("0", "-1", "-2", "-3")


def _patterns() -> Patterns:
    """The lists the NER model was trained with as gazetteer features."""
    pats: Patterns = defaultdict(list)

    def add(name: str, entry: Entry, article: bool = False) -> None:
        _add(pats, name, entry, article)

    for r in load_tsv(PACKAGE, "countries.tsv"):
        iso2, name = r["iso2"], r["name"]
        gpe = Entry("country", iso2, "GPE", iso2, True, name, r["name_en"])
        for n in _split(r["names"]):
            add(n, gpe)
        norp = Entry("nisba", iso2, "NORP", iso2, True, name, r["name_en"])
        for adj in _split(r["nisba"]):
            for form in nisba_forms(adj):
                add(form, norp, article=True)
        for p in _split(r["plural"]):
            add(p, norp)
    for g in load_yaml(PACKAGE, "norp.yaml"):
        norp = Entry("nisba", g["key"], "NORP", None, True, None, g["name_en"])
        for adj in g["nisba"]:
            for form in nisba_forms(adj):
                add(form, norp, article=True)
        for p in g["plural"]:
            add(p, norp)
    for r in load_tsv(PACKAGE, "cities.tsv"):
        names = _split(r["names"])
        city = Entry(
            "city", r["key"], "GPE", r["country"], r["rule"] == "1", names[0], r["name_en"]
        )
        for n in names:
            # "الجزيرة" (the island) names Algiers too: a common word is never a city alone
            add(n, replace(city, rule=False) if _common_word(n) else city)
    for o in load_yaml(PACKAGE, "orgs.yaml"):
        org = Entry("org", o["key"], "ORG", o.get("country"), True, o["name"], o["name_en"])
        for n in o["names"]:
            add(n, org)
    for p in load_yaml(PACKAGE, "leaders.yaml"):
        country = next((t.get("country") for t in p["terms"] if t.get("country")), None)
        for n in p["names"]:
            multi = " " in n.strip()
            add(n, Entry("leader", p["key"], "PER", country, multi, p["names"][0], p["name_en"]))
    for r in load_tsv(PACKAGE, "persons.tsv"):
        add(r["name"], Entry("person", r["code"], "PER", r["country"], False, r["name"]))
    spec = load_yaml(PACKAGE, "titles.yaml")
    for t in spec["titles"]:
        for w in t["words"]:
            add(w, Entry("title", t["office"], "PER", t.get("country"), False, t.get("org")))
    for w in spec["counterpart"]:
        add(w, Entry("counterpart", "counterpart", "PER", None, False))
    for b in spec["bodies"]:
        for w in b["words"]:
            add(
                w,
                Entry("body", b["key"], "ORG", None, bool(b.get("bare")), b["name"], b["name_en"]),
            )
    for w in spec["anaphora"]:
        add(w, Entry("anaphor", normalize(w)[2:], "ORG", None, False))
    for w in spec["person_cues"]:
        add(w, Entry("cue", "person", "", None, False))
    # "لل" fuses ل with the article: للقاهرة is ل + لقاهرة
    for key in [k for k in pats if k.startswith("ال") and len(k) > 3]:
        pats.setdefault("ل" + key[2:], list(pats[key]))
    return pats


def compile_patterns(pats: dict[str, list[Entry]]) -> Any:
    """An automaton of name -> (length, entries, whether it is the لل form of an ال name)."""
    auto = ahocorasick.Automaton()
    for key, entries in pats.items():
        # the لل form of "الحكومة" is "لحكومة"; at the start of a word it is ل + حكومة
        lam = key.startswith("ل") and "ا" + key in pats
        auto.add_word(key, (len(key), tuple(entries), lam))
    auto.make_automaton()
    return auto


@cache
def automaton() -> Any:
    """The model-visible lists (features and rules)."""
    return compile_patterns(_patterns())


@cache
def extra_automaton() -> Any:
    """The curated additions (rules and look-ups only)."""
    return compile_patterns(_extra_patterns())


@lru_cache(maxsize=1 << 16)
def clitic_prefixes(word: str) -> frozenset[str]:
    """The proclitic chains ``word`` may begin with."""
    return frozenset(a.prefix for a in clitic_analyses(word))


def find(text: str) -> list[Hit]:
    """Longest non-overlapping hits of the model-visible lists in ``text`` (matching form)."""
    return scan(automaton(), text)


def find_both(text: str) -> tuple[list[Hit], list[Hit]]:
    """(``find``, every list's hits) of ``text`` with one pass of each automaton.

    The second list holds the longest non-overlapping hits of every list, the
    curated additions included; a span named by both keeps both entry lists,
    the model-visible ones first.
    """
    main = _candidates(automaton(), text)
    spans: dict[tuple[int, int], tuple[Entry, ...]] = {(s, e): x for s, e, x in main}
    for start, end, entries in _candidates(extra_automaton(), text):
        spans[start, end] = spans.get((start, end), ()) + entries
    merged = [(s, e, x) for (s, e), x in spans.items()]
    return _longest(main, len(text)), _longest(merged, len(text))


def scan(auto: Any, text: str) -> list[Hit]:
    """Longest non-overlapping word-bounded hits of an automaton of (length, entries)."""
    return _longest(_candidates(auto, text), len(text))


Candidate = tuple[int, int, tuple[Entry, ...]]


def _candidates(auto: Any, text: str) -> list[Candidate]:
    """Every word-bounded match: it ends a word, and a proclitic chain may precede it."""
    n = len(text)
    cands: list[Candidate] = []
    for end_idx, (length, entries, lam) in auto.iter(text):
        end = end_idx + 1
        if end < n and text[end].isalpha():
            continue
        start = end - length
        if lam and (start == 0 or text[start - 1] != "ل"):
            start += 1  # "(و)لحكومة العراق": the ل is a preposition, not the article's
        if start > 0 and text[start - 1].isalpha():
            ws = start - 1
            while ws > 0 and text[ws - 1].isalpha():
                ws -= 1
            we = start
            while we < n and text[we].isalpha():
                we += 1
            word, stem = text[ws:we], text[start:we]
            if lam and stem.startswith("ل"):
                stem = "ا" + stem  # "للحكومة" hides "الحكومة"
            if text[ws:start] not in clitic_prefixes(word) or commoner(word, stem):
                continue
        cands.append((start, end, entries))
    return cands


def _longest(cands: list[Candidate], n: int) -> list[Hit]:
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken = bytearray(n + 1)
    hits = []
    for start, end, entries in cands:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        hits.append(Hit(start, end, entries))
    hits.sort(key=lambda h: h.start)
    return hits


def lookup(text: str) -> tuple[Entry, ...]:
    """Entries for an exact name (any spelling; matching form applied), every list."""
    key = normalize(text).strip()
    out: tuple[Entry, ...] = ()
    for auto in (automaton(), extra_automaton()):
        found = auto.get(key, None)
        if found:
            out += found[1]
    return out
