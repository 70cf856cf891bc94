"""Find the entity mentions of a document: gazetteer rules + the CRF model.

Mentions come from three sources, merged longest-first: gazetteer names safe
to tag on their own (countries, capitals, organizations, leaders' full names,
nisba adjectives), combinations of a title or government body with a nisba
(الرئيس الروسي، وزارة الدفاع الروسية), and the CRF's PER/LOC/ORG spans. Each
mention keeps what the gazetteer knows about it; ``resolve`` then gives
mentions of one actor one identity.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace

from waqai.document import Document
from waqai.entities import gazetteer, ner
from waqai.entities.conll import bio_spans
from waqai.entities.features import cue_words, gazetteer_tags
from waqai.entities.frequency import FUNCTION_WORD_ZIPF, commoner, zipf
from waqai.entities.gazetteer import Entry, Hit
from waqai.entities.knowledge import Person, head_of_state, holder, office_exists
from waqai.text.tokenize import Token, clitic_analyses

_PRIORITY = {"model": 1, "propagated": 2}
#: entity types the model may emit in the pipeline (MISC is benchmark-only)
MODEL_TYPES = ("PER", "LOC", "ORG")
_RULE_KINDS = ("country", "city", "org", "leader", "nisba", "body")


@dataclass(slots=True)
class Mention:
    """A candidate entity in matching-form offsets."""

    start: int
    end: int
    type: str
    source: str  # "rule" | "combo" | "model" | "propagated" | "anaphor"
    entry: Entry | None = None
    #: a resolved identity: gazetteer id and what is known about it
    entity_id: str | None = None
    name: str | None = None
    name_en: str | None = None
    country: str | None = None
    links: list[int] = field(default_factory=list)

    @property
    def length(self) -> int:
        return self.end - self.start


def _between_is_space(text: str, a: int, b: int) -> bool:
    return a <= b and not text[a:b].strip()


def _nisba_country(text: str, h: Hit) -> str | None:
    e = h.first("nisba", "country")
    if e is None and not _fused(text, h):  # وزير خارجية مالي, not المستشار المالي
        e = h.first("cued")
    return e.country if e else None


def combos(text: str, hits: list[Hit], date: str | None) -> list[Mention]:
    """Title / counterpart / government body + nisba or country name."""
    out = []
    office: str | None = None
    for i, h in enumerate(hits[:-1]):
        nxt = hits[i + 1]
        if "\n" in text[h.start : nxt.start]:
            office = None
        if not _between_is_space(text, h.end, nxt.start):
            continue
        country = _nisba_country(text, nxt)
        if country is None or _disagree(text, h, nxt):
            continue
        title = h.first("title")
        body = h.first("body")
        if h.first("counterpart") is not None:
            # نظيره: the same office as the last title named before it, where the country
            # has it (the Qatari emir's Saudi counterpart is the king)
            m = Mention(h.start, nxt.end, "PER", "combo")
            if office is not None and office_exists(office, country):
                _set_title(m, country, office, holder(country, office, date))
            else:
                _set_title(m, country, "head", head_of_state(country, date))
            out.append(m)
        elif title is not None and title.country is None and title.name is None:
            if not office_exists(title.key, country):
                continue  # الأمير السعودي الوليد بن طلال: a prince, and one of many
            m = Mention(h.start, nxt.end, "PER", "combo")
            _set_title(m, country, title.key, holder(country, title.key, date))
            office = title.key
            out.append(m)
        elif body is not None:
            m = Mention(h.start, nxt.end, "ORG", "combo", body)
            m.entity_id = f"org:{country}:{body.key}"
            c = gazetteer.countries().get(country)
            m.name_en = f"{c.name_en} {body.name_en}" if c else body.name_en
            m.country = country
            out.append(m)
    # titles that name their seat themselves (الأمين العام للأمم المتحدة)
    for h in hits:
        title = h.first("title")
        if title is not None and (title.country or title.name):
            seat = title.country or f"org:{title.name}"
            m = Mention(h.start, h.end, "PER", "combo")
            _set_title(m, seat, title.key, holder(seat, title.key, date))
            out.append(m)
    return out


def _set_title(m: Mention, seat: str, office: str, person: Person | None) -> None:
    if isinstance(person, Person):
        m.entity_id = f"per:{person.key}"
        m.name, m.name_en = person.name, person.name_en
    else:
        m.entity_id = f"per:{seat}:{office}"
    m.country = seat if not seat.startswith("org:") else None


def rule_mentions(hits: list[Hit], context_country: str | None) -> list[Mention]:
    """Mentions the gazetteer alone decides: full names, and a leader's short name ("شي")
    in a document that also names him in full ("شي جين بينغ")."""
    named = {e.key for h in hits for e in h.entries if e.kind == "leader" and e.rule}
    out = []
    for h in hits:
        if h.first("cued"):  # a common word as well (بنين): only ``cued_mentions`` decides
            continue
        for e in h.entries:
            if e.kind not in _RULE_KINDS or not (e.rule or (e.kind == "leader" and e.key in named)):
                continue
            if e.kind == "body":  # a bare body (الحكومة): the document's country
                if context_country is None:
                    continue
                m = Mention(h.start, h.end, "ORG", "rule", e)
                m.entity_id = f"org:{context_country}:{e.key}"
                m.country = context_country
                c = gazetteer.countries().get(context_country)
                m.name_en = f"{c.name_en} {e.name_en}" if c else e.name_en
            else:
                m = Mention(h.start, h.end, e.label, "rule", e)
            out.append(m)
            break
    return out


def _cue_before(text: str, i: int) -> bool:
    """Whether the word ending before offset ``i`` is a country cue (و، ف، ب، ل allowed)."""
    e = i
    while e > 0 and text[e - 1] == " ":
        e -= 1
    s = e
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    word, cues = text[s:e], cue_words("country_cues")  # في، حكومة، شمال …
    for k in range(3):
        if word[k:] in cues:
            return True
        if k >= len(word) or word[k] not in "وفبل":
            return False
    return False


def _definite(text: str, h: Hit) -> bool:
    """Whether a title or nisba hit carries the article: ال on one of its words, or ال fused
    with a preceding ل (للرئيس is matched as لرئيس)."""
    words = text[h.start : h.end].split()
    return any(w.startswith("ال") for w in words) or (
        words[0].startswith("ل") and _fused(text, h).endswith("ل")
    )


def _disagree(text: str, head: Hit, nxt: Hit) -> bool:
    """A definite title followed by an indefinite nisba is no title and adjective: in
    "الأمير تركي الفيصل" تركي is a name (Prince Turki), "the Turkish prince" is الأمير التركي.
    A country name needs no article (ملك إسبانيا), nor does a nisba after an indefinite
    title (وزير خارجية مالي)."""
    if nxt.first("nisba") is None or head.first("title", "counterpart") is None:
        return False
    definite = head.first("counterpart") is not None or _definite(text, head)
    return definite and not _definite(text, nxt)


def _fused(text: str, h: Hit) -> str:
    """What precedes a hit inside its word (a proclitic chain)."""
    ws = h.start
    while ws > 0 and text[ws - 1].isalpha():
        ws -= 1
    return text[ws : h.start]


def cued_mentions(text: str, hits: list[Hit]) -> list[Mention]:
    """Country names that are also common words, where the context makes them places.

    ``مالي`` is "financial" after a noun (دعم مالي) but Mali after a place cue (في مالي،
    حكومة مالي) or with ب/ل fused to it (بمالي، لمالي، وبمالي).
    """
    out = []
    for h in hits:
        e = h.first("cued")
        if e is None:
            continue
        fused = _fused(text, h)
        if fused.lstrip("وف") in ("ب", "ل") or (not fused and _cue_before(text, h.start)):
            out.append(Mention(h.start, h.end, e.label, "rule", replace(e, kind="country")))
    return out


def _strip_proclitic(tok: Token, words: set[str]) -> int:
    """Characters of proclitics to drop from the first token of a model span.

    The article stays; other proclitics go when the rest is a known name, stands
    alone elsewhere in the document (وسيرديوكوف next to سيرديوكوف) or, after و, is a word
    commoner than the token (وجمهورية), so that names beginning with و or ب (وليد، بوتين)
    are not cut.
    """
    best = 0
    for a in clitic_analyses(tok.norm):
        if a.suffix or not a.prefix:
            continue
        keep_article = a.prefix.endswith("ال")
        if "ك" in a.prefix and not keep_article:
            continue  # كريم is a name, not ك + ريم
        drop = len(a.prefix) - (2 if keep_article else 0)
        if a.prefix.endswith("لل"):
            drop = len(a.prefix) - 1
        if drop <= best:
            continue
        known = a.stem in words or bool(gazetteer.lookup(a.stem))
        if a.prefix == "و" and commoner(a.stem, tok.norm):
            known = True  # "وجمهورية": و + a common word (ف، ب، ل are not: فادي، لبنى)
        if keep_article or known:
            best = drop
    return best


def model_mentions(doc: Document, hits: list[Hit]) -> list[Mention]:
    tokens = doc.tokens
    if not tokens:
        return []
    bounds = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.text))]
    starts = [t.start for t in tokens]
    hit_starts = [h.start for h in hits]
    words = {t.norm for t in tokens}
    sents, inputs = [], []
    for s, e in bounds:
        i, j = bisect_left(starts, s), bisect_left(starts, e)
        sent = tokens[i:j]
        if not sent:
            continue
        k = bisect_left(hit_starts, sent[0].mstart)
        while k > 0 and hits[k - 1].end > sent[0].mstart:
            k -= 1
        spans = [(t.mstart, t.mend) for t in sent]
        sents.append(sent)
        inputs.append(
            ([t.norm for t in sent], gazetteer_tags(hits[k:], spans), [t.text for t in sent])
        )
    out = []
    # the document is tagged at once: what one sentence says about a word helps the others
    for sent, tags in zip(sents, ner.tag_document(inputs), strict=True):
        for a, b, typ in bio_spans(tags):
            if typ not in MODEL_TYPES:
                continue
            first = sent[a]
            start = first.mstart + _strip_proclitic(first, words)
            end = sent[b - 1].mend
            if sent[b - 1].kind == "punct" or start >= end:
                continue
            out.append(Mention(start, end, typ, "model"))
    return out


def propagate(text: str, found: list[Mention]) -> list[Mention]:
    """Other occurrences of names the model found, and surnames of its full names.

    A document names its actors several times; the model often tags one
    occurrence (with a title before it) and misses the others. A one-word name as
    common as a preposition is not spread: the matching form writes على (on) as
    علي, the name (blocked CV +0.14 F1).
    """
    forms: dict[str, str] = {}
    for m in found:
        if m.source != "model":
            continue
        surface = text[m.start : m.end]
        forms.setdefault(surface, m.type)
        words = surface.split()
        if m.type == "PER" and len(words) > 1 and len(words[-1]) >= 3:
            forms.setdefault(words[-1], "PER")
    forms = {
        f: t for f, t in forms.items() if len(f) >= 3 and (" " in f or zipf(f) < FUNCTION_WORD_ZIPF)
    }
    if not forms:
        return []
    auto = gazetteer.compile_patterns(
        {f: [Entry("propagated", t, t, None, False)] for f, t in forms.items()}
    )
    return [
        Mention(h.start, h.end, h.entries[0].label, "propagated")
        for h in gazetteer.scan(auto, text)
    ]


class _Cover:
    """Which characters are taken: a bytearray, so overlap tests run in C."""

    def __init__(self, n: int) -> None:
        self.taken = bytearray(n + 1)

    def free(self, m: Mention) -> bool:
        return self.taken.find(1, m.start, m.end) == -1

    def take(self, m: Mention) -> None:
        self.taken[m.start : m.end] = b"\x01" * (m.end - m.start)


def _without_trailing_place(text: str, m: Mention, rules: list[Mention]) -> Mention:
    """A person's span ends before a place the gazetteer knows that closes it: in "وزار وانغ
    يي طهران" the model's "وانغ يي طهران" is Wang Yi, and Tehran is where he went."""
    if m.type != "PER":
        return m
    for r in rules:
        if r.end == m.end and r.start > m.start and r.type == "GPE":
            end = len(text[m.start : r.start].rstrip()) + m.start
            return replace(m, end=end) if end > m.start else m
    return m


def merge(text: str, rules: list[Mention], model: list[Mention]) -> list[Mention]:
    """Longest first; a model span that cuts a rule span (neither contains the other) loses."""
    n = max((m.end for m in [*rules, *model]), default=0)
    # interior[k]: offset k lies strictly inside a rule span; a model span whose start or
    # end lies there cuts that rule (a model span inside a rule loses on length anyway)
    interior = bytearray(n + 2)
    for r in rules:
        interior[r.start + 1 : r.end] = b"\x01" * (r.end - r.start - 1)
    model = [m for m in model if not (interior[m.start] or interior[m.end])]
    model = [_without_trailing_place(text, m, rules) for m in model]
    own = _Cover(n)
    for m in model:
        if m.source != "propagated":
            own.take(m)
    model = [m for m in model if m.source != "propagated" or own.free(m)]
    cands = sorted(
        [*rules, *model],
        key=lambda m: (-m.length, _PRIORITY.get(m.source, 0), m.start),
    )
    cover = _Cover(n)
    chosen: list[Mention] = []
    for m in cands:
        if cover.free(m):
            cover.take(m)
            chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return chosen
