"""From trigger hits to PLOVER event records.

For each trigger the coder decides whether it reports an event (not a purpose, a
plan, a name, a quoted claim or the content of a request), its modality and
negation, its participants, date and place; then it merges mentions of one event
("بدء الانسحاب" ... "بدأت بالانسحاب ... 13 يناير") into one record. By default only
asserted and reported events are emitted, plus planned ones the PLOVER manual
codes as their own type (an announced withdrawal is CONCEDE, a future meeting
AGREE); :class:`Options` can keep the others, marked.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from waqai.document import Document, Event, Location, Participant, Sentence, Span
from waqai.errors import DataError
from waqai.events.cues import Context
from waqai.events.lexicon import Hit, lexicon, norm, word_pattern, words
from waqai.events.participants import Mention, finalize_codes, find_mentions, main_country
from waqai.resources import load_yaml

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
#: words before a place that make it the event's location: "في بغداد"، "من مدينة خيرسون"
_PLACE_CUE = re.compile(
    r"(?:^|\s)(?:في|من|إلى|الى|داخل|قرب|شمال|جنوب|شرق|غرب|وسط|شمالي|جنوبي|شرقي|غربي)"
    r"(?:\s+(?:مدينه|بلده|قريه|منطقه|محافظه|ولايه|اقليم|العاصمه|مخيم|مدن))?\s*$"
)
_QUOTED = re.compile(r"«[^»\n]*»|“[^”\n]*”|\"[^\"\n]*\"")


@dataclass(frozen=True, slots=True)
class Options:
    """What to emit. ``include_nonasserted`` keeps negated, hypothetical and planned events."""

    include_nonasserted: bool = False
    skip_quoted: bool = False
    lead_date: bool = True
    #: date of an event whose sentence names none: "newsday" (the first day the article
    #: names, within a week before its date: the day its story happened), "narrative"
    #: (the last such day named before the event), "published" (the article's date) or "none"
    default_date: str = "newsday"


@dataclass
class _Draft:
    hit: Hit
    type: str
    mode: str | None
    cameo: str
    context: list[str]
    actor: Mention | None
    recipient: Mention | None
    date: str | None
    location: Mention | None
    country: str | None
    negated: bool
    modality: str
    sent: int
    last_sent: int
    background: bool
    definite: bool
    confidence: float
    mentions: list[Hit] = field(default_factory=list)
    narrative: str | None = None  # the last date named in an earlier sentence


@cache
def _plover() -> dict[str, Any]:
    spec: dict[str, Any] = load_yaml("events", "plover.yaml")
    return spec


@cache
def _assault_modes() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for mode, ws in _plover()["assault_mode_cues"].items():
        pat = word_pattern(ws)
        if pat is not None:
            out.append((mode, pat))
    return out


@dataclass(frozen=True, slots=True)
class _Syntax:
    agent_marker: re.Pattern[str]
    clause_openers: frozenset[str]
    light_verbs: frozenset[str]
    agent_relative: re.Pattern[str]
    pronominal: frozenset[str]


@cache
def _syntax() -> _Syntax:
    m = load_yaml("events", "morphology.yaml")
    agent = word_pattern(m["agent_markers"], clitics=False)
    if agent is None:
        raise DataError("waqai/events/data/morphology.yaml: agent_markers is empty")
    return _Syntax(
        agent,
        frozenset(norm(w) for w in m["complementizers"] + m["coordinators"]),
        frozenset(norm(w) for w in m["light_verbs"]),
        re.compile(r"\s+(?:" + "|".join(re.escape(norm(w)) for w in m["agent_relatives"]) + r")\s+"),
        frozenset(norm(w) for w in m["pronominal_complementizers"]),
    )


def quad_class(event_type: str) -> int | None:
    """PLOVER quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict."""
    t = _plover()["types"].get(event_type)
    return int(t["quad"]) if t else None


def code_events(doc: Document, options: Options | None = None) -> list[Event]:
    """The PLOVER events of ``doc`` (which has sentences; timexes/entities may be empty)."""
    opts = options or Options()
    mt = doc.match
    text = mt.text
    ws = words(text)
    hits = lexicon().find(text, ws)
    if not hits:
        return []
    ctx = Context(text, ws)
    sents = doc.sentences or [Sentence(0, len(doc.text))]
    bounds = [(mt.to_match(s.start), mt.to_match(s.end)) for s in sents]
    sent_starts = [b[0] for b in bounds]
    published = doc.published.value
    mentions = find_mentions(doc, published)
    country0 = main_country(doc)
    finalize_codes(mentions, country0)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)] if opts.skip_quoted else []
    timexes = []
    for t in doc.timexes:
        m = _DATE.match(str(t.value or ""))
        # a bare year ("منذ 2016") dates background, not the events of the sentence
        if m and t.type in ("DATE", "TIME") and len(m.group()) > 4:
            timexes.append((mt.to_match(t.start), mt.to_match(t.end), m.group()))
    drafts: list[_Draft] = []
    recent: list[tuple[Hit, int]] = []  # every trigger seen, for embedding
    for hit in hits:
        si = max(0, bisect_left(sent_starts, hit.mstart + 1) - 1)
        lo, hi = bounds[si]
        embedded_in = _embedding(hit, recent, si, ctx, lo)
        recent.append((hit, si))
        if any(a <= hit.mstart < b for a, b in quoted):
            continue
        if embedded_in is not None:
            _content_mode(drafts, embedded_in, hit.entry.type)
            continue
        if ctx.not_event(hit, lo):
            continue
        d = _draft(doc, hit, si, lo, hi, ctx, mentions, timexes, country0, published, opts)
        if d is not None:
            drafts.append(d)
    merged = _merge(drafts)
    newsday = next((v for v in (_narrative([t], len(text), published) for t in timexes) if v), None)
    _inherit_dates(merged, published, newsday, opts)
    return [_event(doc, i, d, sents) for i, d in enumerate(merged, 1)]


def _embedding(
    hit: Hit, recent: list[tuple[Hit, int]], si: int, ctx: Context, floor: int
) -> Hit | None:
    """The trigger whose content ``hit`` is ("دعا إلى وقف إطلاق النار"), if any."""
    c = ctx.c
    for prev, psi in reversed(recent):
        if psi != si or prev.entry.type not in c.embedding_types:
            continue
        if hit.word - prev.word > c.embedding_window:
            return None
        between = ctx.text[prev.mend : hit.mstart]
        if re.search(r"[.،,؛:!?؟\n]", between):
            return None
        return prev
    return None


def _content_mode(drafts: list[_Draft], governor: Hit, content_type: str) -> None:
    modes = _plover()["content_modes"]
    for d in reversed(drafts):
        if d.hit is governor:
            if d.type in ("REQUEST", "REJECT") and d.mode is None:
                d.mode = modes.get(content_type)
            return


def _draft(
    doc: Document,
    hit: Hit,
    si: int,
    lo: int,
    hi: int,
    ctx: Context,
    mentions: list[Mention],
    timexes: list[tuple[int, int, str]],
    country0: str | None,
    published: str | None,
    opts: Options,
) -> _Draft | None:
    e = hit.entry
    negated = ctx.negated(hit, lo)
    hypothetical = ctx.hypothetical(hit, lo)
    planned = ctx.planned(hit, lo, hi)
    date = _date(hit, timexes, lo, hi, ctx.text)
    if date and published and hit.pos != "past" and date[:10] > published[:10] and len(date) == 10:
        planned = True
    typ, mode, cameo = e.type, e.mode, e.cameo
    if hypothetical:
        modality = "hypothetical"
    elif planned:
        modality = "planned"
    elif ctx.reported(lo, hi):
        modality = "reported"
    else:
        modality = "asserted"
    if planned and not hypothetical:
        future = _plover()["types"][typ]["future_as"]
        if future and future != typ:
            typ, mode, cameo = future, None, _plover()["future_cameo"][future]
        elif future is None and not opts.include_nonasserted:
            return None
    if (negated or hypothetical) and not opts.include_nonasserted:
        return None
    sent_mentions = [m for m in mentions if m.mstart >= lo and m.mend <= hi]
    actor, recipient = _participants(hit, sent_mentions, ctx, lo)
    if typ == "ASSAULT" and mode is None:
        mode = _assault_mode(ctx.text, lo, hi)
    location = _location(hit, sent_mentions, ctx.text)
    country = _country(typ, location, actor, recipient) or country0
    definite = hit.pos == "noun" and (hit.prefix.endswith(("ال", "لل")) or bool(hit.suffix))
    conf = 0.55 + (0.15 if actor else 0) + (0.1 if e.constrained or e.tails else 0)
    conf += 0.1 if hit.pos != "noun" else 0
    if modality != "asserted":
        conf -= 0.15
    return _Draft(
        hit,
        typ,
        mode,
        cameo,
        list(e.context),
        actor,
        recipient,
        date,
        location,
        country,
        negated,
        modality,
        si,
        si,
        ctx.background(hit, lo),
        definite,
        round(max(0.05, min(conf, 0.95)), 2),
        [hit],
        _narrative(timexes, lo, published),
    )


def _narrative(timexes: list[tuple[int, int, str]], lo: int, published: str | None) -> str | None:
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


def _date(hit: Hit, timexes: list[tuple[int, int, str]], lo: int, hi: int, text: str) -> str | None:
    """The date of the nearest timex in the sentence (a comma between costs distance)."""
    best: tuple[int, str] | None = None
    for s, e, v in timexes:
        if s < lo or e > hi:
            continue
        a, b = (e, hit.mstart) if e <= hit.mstart else (hit.mend, s)
        dist = max(0, b - a) + 40 * len(re.findall(r"[،,؛]", text[a:b]))
        if best is None or dist < best[0]:
            best = (dist, v)
    return best[1] if best else None


def _gap(ctx: Context, a: int, b: int) -> int:
    """Words between matching offsets ``a`` and ``b``."""
    return len(re.findall(r"[^\W\d_]+", ctx.text[a:b])) if b > a else 0


def _participants(
    hit: Hit, ms: list[Mention], ctx: Context, lo: int
) -> tuple[Mention | None, Mention | None]:
    """Actor and recipient of a trigger among the mentions of its sentence.

    Arabic clause order decides: a noun phrase right after a verb is its subject
    (VSO) unless the verb is conjoined ("وطالب") to an earlier clause whose subject
    it shares or has a preverbal subject (SVO after أن، "كانت المنظمة قد أرسلت");
    a masdar's genitive is its actor or patient (انسحاب القوات / اعتقال الناشطين);
    a masdar object of a light verb (أعلن، شن، قرر) takes that verb's subject; a
    participle (متهمًا) takes the subject of its sentence.
    """
    text = ctx.text
    syn = _syntax()
    tstart = hit.mstart - len(hit.prefix)
    tend = hit.mend + len(hit.suffix)
    right = [m for m in ms if m.mstart >= tend]
    left = [m for m in ms if m.mend <= tstart]
    actor: Mention | None = None
    recipient: Mention | None = None
    # "بين X و Y": both sides of a meeting or call
    between = re.match(r"\s+(?:[^\W\d_]+\s+){0,2}?بين\s", text[tend:])
    if between and right:
        after = [m for m in right if m.mstart >= tend + between.end() - 1]
        if after:
            actor = after[0]
            recipient = next((m for m in after[1:] if _gap(ctx, actor.mend, m.mstart) <= 1), None)
            return _ordered(hit, actor, recipient)
    marker = syn.agent_marker.search(text, tend, min(len(text), tend + 60))
    if marker:
        actor = next(
            (
                m
                for m in right
                if m.mstart >= marker.end() and _gap(ctx, marker.end(), m.mstart) == 0
            ),
            None,
        )
    relative = syn.agent_relative.match(text, tend) if hit.pos == "noun" else None
    if relative and actor is None:
        # "هجوم شنه عشرات من المناصرين"، "الهجوم الذي شنته حماس"
        actor = next((m for m in right if m.mstart == relative.end()), None)
    lo = _after_dateline(text, lo)
    region = _clause_start(ctx, lo, tstart, syn.clause_openers)
    subject_left = next((m for m in left if m.mstart >= region and not m.prepositional), None)
    opener = _word_before(text, region)
    if subject_left is None and opener in syn.pronominal:
        # "أعلنت الشرطة أنها قتلت ...": the pronoun stands for the subject before it
        subject_left = next((m for m in left if m.mstart >= lo and not m.prepositional), None)
    first = next((m for m in right if _gap(ctx, tend, m.mstart) == 0 and not m.prepositional), None)
    if hit.pos == "participle":
        actor = actor or next((m for m in left if m.mstart >= lo and not m.prepositional), None)
        recipient = first
        return _ordered(hit, actor, recipient)
    if hit.pos == "noun":
        if first is not None and hit.entry.genitive == "recipient":
            recipient = first
        elif first is not None and actor is None:
            actor = first
        if actor is None:
            imm = next((m for m in reversed(left) if _gap(ctx, m.mend, tstart) <= 1), None)
            if imm is not None and not imm.prepositional:
                actor = imm
        if actor is None:
            light = _light_verb(ctx, syn, region, tstart)
            if light is not None:
                between_ms = [m for m in left if m.mstart >= light and not m.prepositional]
                actor = between_ms[0] if between_ms else subject_left
        # a possessive suffix or a ب complement refers back to the clause subject:
        # "أعلنت الحكومة استقالتها"، "ردّ ماكرون بالتحذير"
        if actor is None and ((hit.suffix and hit.suffix != "ا") or "ب" in hit.prefix):
            actor = subject_left
    elif actor is None:
        conjoined = hit.prefix[:1] in ("و", "ف") and _gap(ctx, region, tstart) >= 3
        near = next(
            (m for m in right if _gap(ctx, tend, m.mstart) <= 2 and not m.prepositional), None
        )
        after_qad = _word_before(text, tstart) == "قد"  # "كانت المنظمة قد أرسلت"
        if opener in syn.pronominal and subject_left is not None:
            actor = subject_left
        elif (conjoined or after_qad) and subject_left is not None and (
            first is None or first.etype in ("CVL", "REB", "MIL", "PTS", "GPE", "LOC")
        ):
            actor = subject_left
        else:
            actor = first or subject_left or near
    if recipient is None:
        for m in right:
            if _gap(ctx, tend, m.mstart) > 6:
                break
            if m is not actor and not (actor and m.entity_id and m.entity_id == actor.entity_id):
                recipient = m
                break
    return _ordered(hit, actor, recipient)


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([^\W\d_]+)[^\w]*$", text[max(0, pos - 30) : pos])
    return m.group(1) if m else ""


def _after_dateline(text: str, lo: int) -> int:
    """Skip a dateline ("الخرطوم - ") at the start of a sentence."""
    m = re.match(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*[-–—]\s+", text[lo : lo + 40])
    return lo + m.end() if m else lo


def _light_verb(ctx: Context, syn: _Syntax, region: int, pos: int) -> int | None:
    """End offset of the nearest light verb (أعلن، شن) before ``pos`` in its clause."""
    found = None
    for m in re.finditer(r"[^\W\d_]+", ctx.text[region:pos]):
        w = m.group()
        if w in syn.light_verbs or (w[:1] in ("و", "ف") and w[1:] in syn.light_verbs):
            found = region + m.end()
    if found is not None and _gap(ctx, found, pos) > 16:
        return None
    return found


def _ordered(
    hit: Hit, actor: Mention | None, recipient: Mention | None
) -> tuple[Mention | None, Mention | None]:
    if (
        actor is not None
        and recipient is not None
        and actor.entity_id
        and actor.entity_id == recipient.entity_id
    ):
        recipient = None
    return (recipient, actor) if hit.entry.swap else (actor, recipient)


def _clause_start(ctx: Context, lo: int, pos: int, complementizers: frozenset[str]) -> int:
    """Start of the clause of ``pos``: after the last complementizer (أن، إن) or the sentence start."""
    start = lo
    for m in re.finditer(r"[^\W\d_]+", ctx.text[lo:pos]):
        if m.group() in complementizers:
            start = lo + m.end()
    return start


def _assault_mode(text: str, lo: int, hi: int) -> str | None:
    for mode, pat in _assault_modes():
        if pat.search(text, lo, hi):
            return mode
    return None


#: types whose place is their recipient's when it is a place ("حصار على غزة"، "انسحاب من كازاخستان")
_PLACE_RECIPIENT = frozenset({"ASSAULT", "COERCE", "AID", "MOBILIZE", "RETREAT", "PROTEST"})


def _country(
    typ: str, location: Mention | None, actor: Mention | None, recipient: Mention | None
) -> str | None:
    """The event's country: its location's, a place recipient's, else its actor's."""
    if location is not None and location.country:
        return location.country
    if recipient is not None and recipient.etype in ("GPE", "LOC") and typ in _PLACE_RECIPIENT:
        return recipient.country
    return None


def _location(hit: Hit, ms: list[Mention], text: str) -> Mention | None:
    """The first place after the trigger governed by a locative word ("في بغداد"، "بالخرطوم")."""
    for m in ms:
        if m.mstart < hit.mend or m.etype not in ("GPE", "LOC") or not m.country:
            continue
        if text[m.mstart - 1 : m.mstart] == "ب" or _PLACE_CUE.search(text, max(0, m.mstart - 20), m.mstart):
            return m
    return None


def _compatible(a: _Draft, b: _Draft, ignore_date: bool = False) -> bool:
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    if not ignore_date and a.date and b.date and a.date != b.date:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.actor is None or b.actor is None:
        return True
    if a.actor.entity_id or b.actor.entity_id:
        return (
            a.actor.entity_id == b.actor.entity_id
            or a.actor.etype == "PTS"
            or b.actor.etype == "PTS"
        )
    if "PTS" in (a.actor.etype, b.actor.etype) or a.actor.code == b.actor.code:
        return True
    # "القوات" (MIL) and "القوات الأمريكية" (USAMIL): the same sector, one without a country
    ca, cb = a.actor.code or "", b.actor.code or ""
    return a.actor.etype == b.actor.etype and (ca == a.actor.etype or cb == b.actor.etype)


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """One record per event: a later mention joins an earlier one of the same type when it
    is in the same or a nearby sentence, or is a definite noun referring back to it
    ("على خلفية الاحتجاجات": the protests already reported, whatever the sentence's date)."""
    out: list[_Draft] = []
    for d in drafts:
        target = None
        for p in reversed(out):
            if d.hit.pos != "noun" and all(h.pos != "noun" for h in p.mentions):
                continue  # two clauses with verbs are two acts ("اتهم الجيش ..." / "اتهم حميدتي ...")
            if _compatible(p, d) and (d.sent - p.last_sent <= 2 or d.definite):
                target = p
                break
        if target is None and d.definite:
            target = next((p for p in reversed(out) if _compatible(p, d, ignore_date=True)), None)
            if target is not None and target.date:
                d.date = None
        if target is None:
            out.append(d)
            continue
        target.mentions.append(d.hit)
        better = d.actor is not None and d.actor.entity_id is not None and target.hit.pos == "noun"
        if d.actor and d.actor.etype != "PTS" and (target.actor is None or better):
            target.actor = d.actor
            target.recipient = d.recipient or target.recipient
        target.recipient = target.recipient or d.recipient
        target.location = target.location or d.location
        if d.date and (not target.date or len(d.date) > len(target.date)):
            target.date = d.date
        if d.modality == "asserted":
            target.modality = "asserted"
        target.background = target.background and d.background
        target.confidence = max(target.confidence, d.confidence)
        target.last_sent = d.sent
    return out


def _inherit_dates(drafts: list[_Draft], published: str | None, newsday: str | None, opts: Options) -> None:
    """Undated events take the date of a dated event with the same participants in the same
    or previous sentence; with ``lead_date``, a lead-sentence event takes the article date."""
    for d in drafts:
        if d.date:
            continue
        ids = {m.entity_id for m in (d.actor, d.recipient) if m and m.entity_id}
        for p in drafts:
            if (
                p.date
                and 0 <= d.sent - p.last_sent <= 2
                and ids & {m.entity_id for m in (p.actor, p.recipient) if m and m.entity_id}
            ):
                d.date = p.date
                break
        if d.date or d.background:
            continue
        if opts.default_date == "newsday":
            d.date = newsday or (published[:10] if published else None)
        elif opts.default_date == "published" or (opts.lead_date and d.sent == 0):
            d.date = published[:10] if published else None
        elif opts.default_date == "narrative":
            d.date = d.narrative or (published[:10] if published else None)


def _participant(doc: Document, m: Mention | None) -> Participant | None:
    if m is None:
        return None
    s, e = doc.match.to_original(m.mstart, m.mend)
    return Participant(s, e, doc.text[s:e], m.entity_id, m.code)


def _event(doc: Document, n: int, d: _Draft, sents: list[Sentence]) -> Event:
    mt = doc.match
    spans = []
    for h in sorted(d.mentions, key=lambda h: h.mstart):
        s, e = mt.to_original(h.mstart, h.mend)
        spans.append(Span(s, e, doc.text[s:e]))
    ts, te = mt.to_original(d.hit.mstart, d.hit.mend)
    loc = None
    if d.location is not None:
        s, e = mt.to_original(d.location.mstart, d.location.mend)
        loc = Location(s, e, doc.text[s:e], d.location.country)
    sent = sents[d.sent]
    return Event(
        id=f"e{n}",
        type=d.type,
        mode=d.mode,
        cameo=d.cameo,
        trigger=Span(ts, te, doc.text[ts:te]),
        actor=_participant(doc, d.actor),
        recipient=_participant(doc, d.recipient),
        date=d.date,
        country=d.country,
        location=loc,
        negated=d.negated,
        modality=d.modality,
        sentence=Sentence(sent.start, sent.end),
        confidence=d.confidence,
        context=d.context,
        quad_class=quad_class(d.type),
        mentions=spans,
    )
