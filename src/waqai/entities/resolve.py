"""One identity per actor in a document.

Mentions are grouped with a union-find: a gazetteer identity (leader, country,
organization, title resolved on the document date) joins every mention that
carries it; a title directly followed by a name is that person (الرئيس
الكازاخستاني قاسم جومرت توكاييف); a one-word name is the surname of an earlier
full name (توكاييف); a definite head noun (الوزارة، المنظمة) refers back to the
last organization it heads. Each group gets one ``entity_id`` and the best
``name``/``name_en``/``country`` any of its mentions knows.
"""

from __future__ import annotations

from collections import Counter

from waqai.document import Entity
from waqai.entities import gazetteer
from waqai.entities.gazetteer import Hit
from waqai.entities.knowledge import leaders, title_adjectives
from waqai.entities.recognize import Mention
from waqai.text.normalize import MatchText


def citation(text: str, start: int, end: int) -> str:
    """The span as a name: "لحكومة الليبية" cut from "للحكومة" is "الحكومة الليبية"."""
    surface = text[start:end]
    if surface.startswith("ل") and start > 0 and text[start - 1] == "ل":
        return "ا" + surface
    return surface


def _describe(m: Mention) -> None:
    """Identity of a mention from its own gazetteer entry (no context)."""
    e = m.entry
    if m.entity_id is not None or e is None:
        return
    if e.kind == "country":
        m.type = "GPE"
        m.entity_id = f"gpe:{e.key}"
    elif e.kind == "city":
        m.type = "GPE"
        m.entity_id = f"gpe:{e.country}:{e.key}"
    elif e.kind == "nisba":
        m.type = "NORP"
        m.entity_id = f"norp:{e.key}"
    elif e.kind == "org":
        m.entity_id = f"org:{e.key}"
    elif e.kind == "leader":
        m.entity_id = f"per:{e.key}"
        person = leaders()[e.key]
        m.name, m.name_en = person.name, person.name_en
        m.country = e.country
        return
    elif e.kind == "person":
        m.entity_id = f"per:pd:{(e.name or '').replace(' ', '_')}"
    m.name = m.name or e.name
    m.name_en = m.name_en or e.name_en
    m.country = m.country or e.country


def _model_entry(m: Mention, text: str) -> None:
    """What the gazetteer knows of a model span's exact text (LOC → GPE, PER → leader)."""
    surface = text[m.start : m.end]
    wanted = {"LOC": ("country", "city"), "PER": ("leader", "person"), "ORG": ("org",)}
    for kind in wanted.get(m.type, ()):
        for e in gazetteer.lookup(surface):
            if e.kind == kind:
                m.entry = e
                return


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def context_country(hits: list[Hit]) -> str | None:
    """The country a document is mostly about: the most named one (first on ties)."""
    counts: Counter[str] = Counter()
    for h in hits:
        e = h.first("country", "nisba")
        if e is not None and e.country:
            counts[e.country] += 1
    return counts.most_common(1)[0][0] if counts else None


def anaphors(text: str, hits: list[Hit], mentions: list[Mention]) -> list[Mention]:
    """الوزارة / المنظمة after an organization headed by وزارة / منظمة."""
    out = []
    orgs = [m for m in mentions if m.type == "ORG"]
    for h in hits:
        e = h.first("anaphor")
        if e is None:
            continue
        for m in reversed(orgs):
            if m.end > h.start:
                continue
            head = text[m.start : m.end].split()[0]
            if head.removeprefix("ال") == e.key:
                a = Mention(h.start, h.end, "ORG", "anaphor")
                a.links.append(id(m))
                out.append(a)
                break
    return out


def resolve(mentions: list[Mention], match: MatchText, original: str) -> list[Entity]:
    text = match.text
    for m in mentions:
        if m.source in ("model", "propagated") and m.entry is None:
            _model_entry(m, text)
        _describe(m)
    n = len(mentions)
    sets = _Sets(n)
    pairs: list[tuple[int, int]] = []
    # a title right before a name is that person, also with an adjective between:
    # "الرئيس الانتقالي X" holds the office; "الرئيس البوليفي المستقيل إيفو موراليس" held it
    # (he keeps the country, not the office's identity)
    same, former = title_adjectives()
    for i in range(n - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.source != "combo" or a.type != "PER" or b.type != "PER" or b.source == "combo":
            continue
        between = frozenset(text[a.end : b.start].split())
        if between and between <= former:
            a.entity_id = a.name = a.name_en = None
            pairs.append((i, i + 1))
        elif between <= same:
            if b.entity_id and b.entity_id.startswith("per:") and b.entity_id.count(":") == 1:
                a.entity_id, a.name, a.name_en = b.entity_id, b.name, b.name_en
            elif a.entity_id and a.entity_id.count(":") == 1:
                # the title resolved to someone the text does not name: trust the text
                a.entity_id = a.name = a.name_en = None
            pairs.append((i, i + 1))
    for a_i, b_i in pairs:
        sets.union(a_i, b_i)

    by_obj = {id(m): i for i, m in enumerate(mentions)}
    first_with: dict[str, int] = {}
    for i, m in enumerate(mentions):
        for link in m.links:
            if link in by_obj:
                sets.union(by_obj[link], i)
        key = m.entity_id or f"{m.type}|{citation(text, m.start, m.end).removeprefix('ال')}"
        if key in first_with:
            sets.union(first_with[key], i)
        else:
            first_with[key] = i
    # a one-word name is the surname of a full name in the document
    full: dict[str, int] = {}
    for i, m in enumerate(mentions):
        words = text[m.start : m.end].split()
        if m.type == "PER" and len(words) > 1:
            full.setdefault(words[-1], i)
    for i, m in enumerate(mentions):
        words = text[m.start : m.end].split()
        if m.type == "PER" and len(words) == 1 and words[0] in full:
            sets.union(full[words[0]], i)
    return _entities(mentions, sets, match, original)


def _rank(m: Mention) -> int:
    eid = m.entity_id or ""
    if eid.startswith("per:") and eid.count(":") == 1:
        return 0  # a known person
    if m.entity_id and m.source != "anaphor":
        return 1
    return 2


def _entities(
    mentions: list[Mention], sets: _Sets, match: MatchText, original: str
) -> list[Entity]:
    groups: dict[int, list[Mention]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault(sets.find(i), []).append(m)
    local = 0
    identity: dict[int, tuple[str, str | None, str | None, str | None]] = {}
    for root in sorted(groups):
        members = groups[root]
        best = min(members, key=lambda m: (_rank(m), -(m.end - m.start)))
        eid = best.entity_id if _rank(best) < 2 else None
        if eid is None:
            local += 1
            eid = f"e{local}"
        name = best.name
        if name is None:
            named = [m for m in members if m.source in ("model", "rule")] or members
            longest = max(named, key=lambda m: m.end - m.start)
            name = citation(original, *match.to_original(longest.start, longest.end))
        name_en = next((m.name_en for m in sorted(members, key=_rank) if m.name_en), None)
        country = next((m.country for m in sorted(members, key=_rank) if m.country), None)
        identity[root] = (eid, name, name_en, country)
    out = []
    for i, m in enumerate(mentions):
        eid, name, name_en, country = identity[sets.find(i)]
        s, e = match.to_original(m.start, m.end)
        out.append(Entity(f"t{i + 1}", s, e, original[s:e], m.type, eid, name, name_en, country))
    return out
