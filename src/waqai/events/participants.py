"""Candidate participants of events: entity mentions and generic agent noun phrases.

An event's actor or recipient is either an entity found by ``waqai.entities.v1``
(with its ``entity_id`` and actor code) or, where no entity covers it, a noun
phrase headed by an agent noun of ``agents.yaml`` ("الحكومة"، "القوات الروسية"،
"قوات حفظ السلام") with a sector code prefixed by its country where the phrase
names one (RUSMIL). Everything here works on the matching form; offsets map back
to the original text at the end.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

import ahocorasick

from waqai.document import Document, Entity
from waqai.events.lexicon import morphology, norm
from waqai.resources import load_tsv, load_yaml
from waqai.text.tokenize import default_analysis, without_conjunction

log = logging.getLogger(__name__)

#: sectors whose country is taken from the article when the phrase names none
_STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "SPY"})


@dataclass(slots=True)
class Mention:
    """A possible participant, in matching-form offsets (``mstart``/``mend``)."""

    mstart: int
    mend: int
    entity_id: str | None
    code: str | None
    kind: str  # "entity" | "agent" | "territory" (a nisba place: "الأراضي الباكستانية")
    etype: str  # entity type (PER, ORG, GPE, LOC) or agent sector (GOV, MIL, ...)
    country: str | None  # ISO alpha-2
    prepositional: bool = False


#: "إلى" as written: its matching form "الي" is also an agent noun's ("والي", governor)
_TO = frozenset({"إلى", "الى"})


@dataclass(frozen=True, slots=True)
class _Agents:
    automaton: ahocorasick.Automaton
    prepositions: frozenset[str]
    prep_prefixes: frozenset[str]


@cache
def _agents() -> _Agents:
    spec = load_yaml("events", "agents.yaml")
    auto = ahocorasick.Automaton()
    for sector, words in spec.items():
        for w in words:
            n = norm(w)
            for key in {n, n[2:] if n.startswith("ال") else "ال" + n}:
                if len(key) >= 2 and key not in auto:
                    auto.add_word(key, (len(key), sector))
    auto.make_automaton()
    m = load_yaml("events", "morphology.yaml")
    return _Agents(
        auto, frozenset(norm(p) for p in m["prepositions"]), frozenset(m["prepositional_prefixes"])
    )


@cache
def iso3_table() -> dict[str, str]:
    return {r["iso2"]: r["iso3"] for r in load_tsv("events", "iso_countries.tsv")}


def iso3(country: str | None) -> str | None:
    return iso3_table().get(country or "")


@cache
def country_of(word: str) -> str | None:
    """ISO alpha-2 of a country name or nisba, via the entities stage if it is installed."""
    try:
        from waqai.entities import country_of as lookup

        return lookup(word)
    except (ImportError, AttributeError, LookupError):  # entities stage not available yet
        return None
    except Exception as exc:  # a broken gazetteer must not stop event coding
        log.debug("country_of(%r) failed: %s", word, exc)
        return None


def entity_code(entity: Entity, date: str | None) -> str | None:
    """Actor code of an entity via ``waqai.entities.actor_code``, else its country's ISO3."""
    try:
        from waqai.entities import actor_code

        code = actor_code(entity, date)
        if code:
            return code
    except (ImportError, AttributeError, LookupError):
        pass
    except Exception as exc:
        log.debug("actor_code(%s) failed: %s", entity.entity_id, exc)
    if entity.type in ("GPE", "LOC") and entity.country:
        return iso3(entity.country)
    return None


#: what may follow an agent noun in its word: a possessive, or the accusative tanween
#: alef ("غير أن أحزابًا من المعارضة رفضت")
_AGENT_SUFFIXES = ("", "ه", "ها", "هم", "ا")
_HEAD = re.compile(r"[^\W\d_]*")
_NEXT_WORD = re.compile(r"\s+[^\W\d_]+")
_NEXT_WORD_GROUP = re.compile(r"\s+([^\W\d_]+)")


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the word(s) around ``text[start:end]`` (its clitics included).

    The start is where the letters before ``start`` begin (at most 40 back), found by
    matching the reversed window forwards. As the regex "letters, then end of text" this
    replaces did, a line break right before ``start`` is skipped: ``$`` also matches
    before a final newline, so the letters before that newline count.
    """
    lo = max(0, start - 40)
    stop = start - 1 if start > lo and text[start - 1] == "\n" else start
    run = _HEAD.match(text[lo:stop][::-1])
    right = _HEAD.match(text, end)
    return stop - (run.end() if run else 0), (right.end() if right else end)


#: read backwards from a position: the non-letters before it, none a clause stop, and the
#: word before them
_PREV_REVERSED = re.compile(r"(?:(?![.،,؛:!?؟\n])[\W\d_])*([^\W\d_]*)")


def _prev_word(text: str, pos: int) -> str:
    """The word before ``pos``, or "" when a clause stop (.،:؟ or a line break) comes first."""
    if pos <= 0:
        return ""
    size = 64
    while True:  # a window of the text read reversed, widened when it cut the gap or word
        lo = max(0, pos - size)
        window = text[lo:pos][::-1]
        m = _PREV_REVERSED.match(window)
        if m is None:  # never: the pattern matches the empty string
            return ""
        if m.end() < len(window) or lo == 0:
            return m.group(1)[::-1]
        size *= 4


def _is_prepositional(text: str, start: int) -> bool:
    a = _agents()
    ws, _ = _word_bounds(text, start, start)
    if text[ws:start] in a.prep_prefixes:
        return True
    prev = _prev_word(text, ws)
    if prev == "من" and _prev_word(text, ws - len(prev) - 1) in ("كل", "وكل"):
        return False  # "أعلنت كل من السعودية والإمارات": a list of subjects
    return any(w in a.prepositions for w in without_conjunction(prev))


@cache
def _adjectives() -> frozenset[str]:
    return frozenset(norm(w) for w in load_yaml("events", "morphology.yaml")["agent_adjectives"])


@cache
def _adjective_heads() -> frozenset[str]:
    return frozenset(norm(w) for w in load_yaml("events", "morphology.yaml")["adjective_heads"])


def _is_adjective(word: str) -> bool:
    """A definite adjective after an agent noun: a nisba (الحكومية) or a listed one (السابقة)."""
    if word in _adjectives():
        return True
    base = word[2:] if word.startswith("ال") else ""
    return len(base) > 3 and base.endswith(("ي", "يه", "يين", "يون", "يان"))


def _nisba_country(word: str) -> str | None:
    """The country of a nisba adjective word (الروسية، روسي), if it is one."""
    base = word[2:] if word.startswith("ال") else word
    if not base.endswith(("ي", "يه", "يين", "يون", "يان")):
        return None
    return country_of(word) or country_of(base)


def find_mentions(doc: Document, date: str | None = None) -> list[Mention]:
    """Entity mentions and agent phrases of ``doc``, left to right, without overlaps.

    Computed once per document and entity list (events and quotes share them); the
    cache lives on the document object, like its matching form, and is never serialized.
    """
    key = (id(doc.entities), len(doc.entities), date)
    cached = vars(doc).get("_waqai_mentions")
    if cached is not None and cached[0] == key:
        return list(cached[1])
    found = _find_mentions(doc, date)
    vars(doc)["_waqai_mentions"] = (key, found)
    return list(found)


def _find_mentions(doc: Document, date: str | None) -> list[Mention]:
    mt = doc.match
    text = mt.text
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    ents: list[Entity] = sorted(doc.entities, key=lambda e: e.start)
    modifiers: list[tuple[int, int, str | None]] = []
    for e in ents:
        ms, me = mt.to_match(e.start), mt.to_match(e.end)
        if e.type == "NORP":
            modifiers.append((ms, me, e.country))
            continue
        country = place_country(e) if e.type in ("GPE", "LOC") else e.country
        out.append(Mention(ms, me, e.entity_id, entity_code(e, date), "entity", e.type, country))
        taken.append((ms, me))
    out = _join_appositions(text, out)
    # a character map of what entities already cover: an agent never overlaps one
    covered = bytearray(len(text) + 1)
    for m in out:
        covered[m.mstart : m.mend] = b"\x01" * (m.mend - m.mstart)
    morph = morphology()
    cands: list[tuple[int, int, str]] = []
    for end_idx, (length, sector) in _agents().automaton.iter(text):
        end = end_idx + 1
        start = end - length
        ws, we = _word_bounds(text, start, end)
        if text[ws:start] not in morph.noun_prefixes or text[end:we] not in _AGENT_SUFFIXES:
            continue
        if covered.find(1, start, we) >= 0:
            continue
        if ws == start and _prev_word(text, ws) in _adjective_heads():
            continue  # "في مؤتمر صحفي": an adjective of the noun before
        if _TO.intersection(without_conjunction(doc.text[slice(*mt.to_original(ws, we))])):
            continue  # "من وإلى": the preposition, whose matching form is "والي" (governor)
        cands.append((start, we, sector))
    cands.sort(key=lambda c: (c[0], -c[1]))
    for start, we, sector in cands:
        if covered.find(1, start, we) >= 0:
            continue
        body: Mention | None = None
        if text[start:we].endswith("باسم"):
            # "المتحدث باسم" names whom he speaks for: "المتحدث باسم الحكومة"
            nxt = _NEXT_WORD.match(text, we)
            we = nxt.end() if nxt else we
            body = next((m for m in out if m.mstart < we <= m.mend and m.mstart >= start), None)
            if body is not None and body.etype in ("ORG", "GPE"):
                # "المتحدث باسم الجيش الإسرائيلي": the body spoken for is part of the title
                # (which joins the name after it: one participant, the spokesman)
                out.remove(body)
                we = body.mend
        mend, country = _extend(text, we, modifiers)
        if body is not None and body not in out:
            country = country or body.country
        while mend > we and covered.find(1, we, mend) >= 0:  # stop before an entity
            mend = text.rfind(" ", we, mend)
            mend = max(mend, we)
        out.append(Mention(start, mend, None, None, "agent", sector, country))
        covered[start:mend] = b"\x01" * (mend - start)
    out.sort(key=lambda m: m.mstart)
    out = _join_titles(text, out)
    out = _with_latter(text, out)
    for m in out:
        m.prepositional = _is_prepositional(text, m.mstart)
    return out


@cache
def _latter_words() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A pattern for "the latter" and the participant types each form may refer back to."""
    m = load_yaml("events", "morphology.yaml")
    types: dict[str, tuple[str, ...]] = {norm(w): ("PER",) for w in m["latter_person"]}
    types.update({norm(w): ("PER", "ORG", "GPE") for w in m["latter_any"]})
    alts = "|".join(sorted(map(re.escape, types), key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alts})(?![^\W\d_])"), types


_LATTER_BACK = 300  # characters: the antecedent is in the same or the previous sentence


def _with_latter(text: str, ms: list[Mention]) -> list[Mention]:
    """``ms`` plus each "الأخير" standing for the last participant named before it."""
    pattern, words = _latter_words()
    added = []
    for w in pattern.finditer(text):
        types = words[w.group()]
        if default_analysis(_prev_word(text, w.start())).definite:
            continue  # "الأسبوع الأخير"، "والآونة الأخيرة": an adjective
        before = [m for m in ms if m.mend <= w.start() and w.start() - m.mend <= _LATTER_BACK]
        ante = next((m for m in reversed(before) if m.etype in types and m.kind == "entity"), None)
        if ante is not None:
            added.append(replace(ante, mstart=w.start(), mend=w.end(), prepositional=False))
    return sorted(ms + added, key=lambda m: m.mstart) if added else ms


def _join_titles(text: str, ms: list[Mention]) -> list[Mention]:
    """A title phrase and the person named right after it are one participant, the person:
    "وزيرة الإعلام منال عبد الصمد"، "المتحدث باسم الجيش الإسرائيلي دانيال هاغاري"."""
    out: list[Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "agent"
            and prev.etype in ("GOV", "MIL", "COP", "JUD", "LEG", "IGO")
            and m.etype == "PER"
            and len(text[prev.mend : m.mstart].split()) <= 3
            and not re.search(r"[.،,:؛\"«»()\n]", text[prev.mend : m.mstart])
        ):
            # "المتحدث باسم وزارة الخارجية الصينية تشاو لي جيان": the title's country if the
            # name has none
            country = m.country or prev.country
            out[-1] = Mention(prev.mstart, m.mend, m.entity_id, m.code, "entity", "PER", country)
            continue
        out.append(m)
    return out


def _join_appositions(text: str, ms: list[Mention]) -> list[Mention]:
    """One mention for a title and the name after it ("الرئيس الروسي فلاديمير بوتين")."""
    out: list[Mention] = []
    for m in sorted(ms, key=lambda m: m.mstart):
        prev = out[-1] if out else None
        if (
            prev is not None
            and m.entity_id
            and prev.entity_id == m.entity_id
            and text[prev.mend : m.mstart].strip() in ("", "،", ",")
        ):
            prev.mend = max(prev.mend, m.mend)
            continue
        out.append(m)
    return out


def _extend(
    text: str, pos: int, modifiers: list[tuple[int, int, str | None]]
) -> tuple[int, str | None]:
    """Extend an agent head over nisba adjectives and a country name: "القوات الروسية";
    also over one definite genitive noun when a nisba follows it ("لجنة الحدود البيلاروسية")."""
    end, country = pos, None
    for i in range(2):
        m = _NEXT_WORD_GROUP.match(text, end)
        if not m:
            break
        ws, we = m.start(1), m.end(1)
        # the first NORP entity (a nisba the entities stage found) that covers the word
        mod = next(((e, c) for s, e, c in modifiers if s <= ws < e), None)
        word = m.group(1)
        word_country = (mod[1] if mod else None) or _nisba_country(word)
        if word_country is None and mod is None and not _is_adjective(word):
            if i == 0 and word.startswith("ال"):
                after, nisba = _extend(text, we, modifiers)
                if nisba is not None:
                    return after, nisba
            break
        country = country or word_country
        end = max(we, mod[0] if mod else we)
    return end, country


def finalize_codes(mentions: list[Mention], main_country: str | None) -> None:
    """Give agent phrases their code: country ISO3 + sector (RUSMIL), or the sector alone."""
    for m in mentions:
        if m.kind != "agent":
            continue
        country = m.country or (main_country if m.etype in _STATE_SECTORS else None)
        prefix = iso3(country) or ""
        if m.etype == "PTS":
            m.code = None  # "الجانبان": the parties already named
        else:
            m.code = m.etype if m.etype == "IGO" else prefix + m.etype


def place_country(e: Entity) -> str | None:
    """The country of a place entity: its own, or the gazetteer's for its name (الخرطوم -> SD)."""
    return e.country or country_of(e.text)


def has_headline(text: str, bounds: list[tuple[int, int]]) -> bool:
    """Whether the first sentence is a headline: a line of its own without a full stop,
    before the report ("مالي تطرد السفير الفرنسي\nباماكو - طردت ...")."""
    if len(bounds) < 2:
        return False
    lo, hi = bounds[0]
    line = text[lo:hi].strip()
    return bool(line) and "\n" in text[hi : bounds[1][0] + 1] and line[-1] not in ".!?؟:"


def main_country(doc: Document) -> str | None:
    """The country an article is about: the places it names, the first of the report (the
    dateline, "الخرطوم - ...") counting triple and those of the headline and the lead
    sentence double, and the countries of the people and bodies it names, once each (a
    visiting president named ten times does not move the story to his country)."""
    counts: Counter[str] = Counter()
    counted: set[str] = set()
    bounds = [(s.start, s.end) for s in doc.sentences]
    # under a headline the report's first place is the dateline ("هونغ كونغ، الأربعاء ...")
    report = bounds[1][0] if has_headline(doc.text, bounds) else 0
    lead_end = bounds[1 if report else 0][1] if bounds else len(doc.text)
    first = True
    for e in sorted(doc.entities, key=lambda e: e.start):
        if e.type not in ("GPE", "LOC"):
            # people and bodies count too, less: "الرئيس الجزائري" in an Algerian story
            if e.country and e.type in ("PER", "ORG") and e.entity_id not in counted:
                counts[e.country] += 1
                counted.add(e.entity_id)
            continue
        c = place_country(e)
        if not c:
            continue
        if first and e.start >= report:
            counts[c] += 3
            first = False
        else:
            counts[c] += 2 if e.start < lead_end else 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]
