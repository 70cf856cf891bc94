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

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from waqai.document import Document, Event, Location, Participant, Sentence, Span
from waqai.events.cues import Context
from waqai.events.dating import (
    is_dateline,
    narrative_date,
    nearest_date,
    offset_date,
    shift_day,
    timex_dates,
)
from waqai.events.lexicon import Hit, lexicon, word_pattern, words
from waqai.events.participants import (
    Mention,
    country_of,
    finalize_codes,
    find_mentions,
    has_headline,
    main_country,
)
from waqai.events.roles import (
    CONJUNCT,
    after_dateline,
    assign_roles,
    follows_relative,
    passive_roles,
)
from waqai.resources import load_yaml
from waqai.text.tokenize import WORD

#: words before a place that make it the event's location: "في بغداد"، "من مدينة خيرسون"
#: (matching form; not إلى: where someone goes is not where the act happens)
_PLACE_CUE = re.compile(
    r"(?:^|\s)(?:في|من|داخل|قرب|شمال|جنوب|شرق|غرب|وسط|شمالي|جنوبي|شرقي|غربي)"
    r"(?:\s+(?:مدينه|بلده|قريه|منطقه|محافظه|ولايه|اقليم|العاصمه|مخيم|مدن)"
    r"(?:\s+ال[^\W\d_]+يه)?)?\s*$"  # "في العاصمة النيجيرية أبوجا"
)
#: a place that says where someone or something is, not where the event happens
_RESIDENT = re.compile(
    r"(?:^|\s)(?:ال)?(?:مقيم|مقيمه|مقيمين|مقيمون|موجود|موجوده|متواجد|متواجده|واقع|واقعه)\s+في\s*$"
)
#: for a statement only "في/بـ" name where it was made: "صادقت الحكومة على إرسال وفد إلى
#: القاهرة" happens at home, not in Cairo
_STATEMENT_PLACE_CUE = re.compile(
    r"(?:^|\s)(?:في|داخل)(?:\s+(?:مدينه|العاصمه|منطقه|محافظه|ولايه)(?:\s+ال[^\W\d_]+يه)?)?\s*$"
)
#: verbal types (a statement, a decision) other than meetings
_STATEMENT_TYPES = frozenset(
    {"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)
#: a place before the trigger: "وفي نيامي، تظاهر ..."
_IN_PLACE = re.compile(r"(?:^|\s)و?في(?:\s+(?:مدينه|العاصمه|منطقه|محافظه|ولايه))?\s*$")
#: a comma and وـ: the next coordinated clause, with its own place
_NEXT_CLAUSE = re.compile(r"[،,؛]\s*و")
_QUOTED = re.compile(r"«[^»\n]*»|“[^”\n]*”|\"[^\"\n]*\"")
#: a place an attack came from: "أطلقه الحوثيون من اليمن"
_FROM = re.compile(r"(?:^|\s)من\s+$")
#: the preposition before a territory that is the event's place: "داخل الأراضي الباكستانية"
_IN_TERRITORY = re.compile(r"(?:^|\s)و?(?:في|داخل|فوق)\s+$")
#: "بأنه/بأنها" (matching form) open a description: "وصفها بأنها «خطوة أولى جيدة»"
_DESCRIPTION_MARKERS = frozenset({"بانه", "بانها", "بانهم", "بانهما"})


@dataclass(frozen=True, slots=True)
class Options:
    """What to emit. ``include_nonasserted`` keeps negated, hypothetical and planned events."""

    include_nonasserted: bool = False
    #: drop triggers inside quotation marks (by default they are kept as "reported")
    skip_quoted: bool = False
    #: with default_date "narrative": events of the first sentence take the article's date
    lead_date: bool = True
    #: date of an event whose sentence names none: "newsday" (the last day named earlier
    #: in its paragraph, else the first day the article names, within a week before its
    #: date: the day its story happened), "narrative"
    #: (the last such day named before the event), "published" (the article's date) or "none"
    default_date: str = "newsday"


@dataclass
class _Draft:
    """An event being built: its first trigger, its decisions, and the mentions merged in."""

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
    paragraph: str | None = None  # the last date named earlier in its paragraph
    shift: int | None = None  # days from the default date ("غداة ..." in an undated sentence)
    guessed: bool = False  # the country is only the article's main country


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


def quad_class(event_type: str) -> int | None:
    """PLOVER quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict."""
    t = _plover()["types"].get(event_type)
    return int(t["quad"]) if t else None


def code_events(doc: Document, options: Options | None = None) -> list[Event]:
    """The PLOVER events of ``doc`` (which has sentences; timexes/entities may be empty)."""
    opts = options or Options()
    mt = doc.match
    text = mt.text
    ws = _words(doc)
    # a date between a verb and its subject or complement does not count as words apart
    # ("وافق مجلس النواب اليوم الأربعاء على"، "وتوصل الطرفان يوم الأربعاء 21 يناير إلى اتفاق")
    spans = sorted((mt.to_match(t.start), mt.to_match(t.end)) for t in doc.timexes)
    if spans:
        ws = [w for w in ws if not _inside(w, spans)]
    hits = [h for h in lexicon().find(text, ws) if not _inside((h.mstart, h.mend), spans)]
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
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    timexes = timex_dates(doc)
    drafts: list[_Draft] = []
    recent: list[tuple[Hit, int]] = []  # every trigger seen, for embedding
    embedded: dict[Hit, Hit] = {}  # content triggers and the trigger they are the content of
    dropped: tuple[Hit, int] | None = None  # the last trigger found to be no event
    for k, hit in enumerate(hits):
        si = max(0, bisect_left(sent_starts, hit.mstart + 1) - 1)
        lo, hi = bounds[si]
        if _outcome_of_attack(hit, hits[k + 1 : k + 4], ctx, hi):
            continue
        embedded_in = _embedding(hit, recent, si, ctx, lo)
        if embedded_in is None and recent:
            # "اتفقا على إعادة فتح السفارتين ...، واستئناف الرحلات": a conjoined content
            prev, psi = recent[-1]
            governor = embedded.get(prev) or (
                prev if prev.entry.type in ctx.c.embedding_types else None
            )
            if (
                governor is not None
                and psi == si
                and hit.pos == "noun"
                and hit.prefix.startswith("و")
                and hit.word - prev.word <= 16
            ):
                embedded_in = governor
        if embedded_in is not None:
            embedded[hit] = embedded_in
        reaction = _reaction_to(hit, recent, si, ctx)
        recent.append((hit, si))
        in_quote = any(a <= hit.mstart < b for a, b in quoted)
        # a quoted attack noun is a description, unless it names what something is: then it
        # is an accusation ("يعتبر الضربة «عدوانا على دولة ذات سيادة»")
        named = hit.entry.type == "ASSAULT" and ctx.label(hit, lo) is not None
        if in_quote and (opts.skip_quoted or not (hit.entry.quoted or named)):
            continue
        # "اتفق الوزراء على توسيع نظام العقوبات": agreeing on a sanction is the sanction
        decided = (
            embedded_in if embedded_in is not None and _decided(embedded_in, hit, ctx) else None
        )
        if embedded_in is not None and decided is None:
            _content_mode(drafts, embedded_in, hit.entry.type)
            continue
        if ctx.not_event(hit, lo) or _conjunct_of(hit, dropped, si):
            dropped = (hit, si)
            continue
        hit = _verb_reading(hit, ctx, lo)
        d = _draft(doc, hit, si, lo, hi, ctx, mentions, timexes, country0, published, opts)
        if d is not None and decided is not None:
            agreement = next((x for x in drafts if x.hit is decided), None)
            if agreement is not None:
                drafts.remove(agreement)
                if agreement.actor is not None and not _same(agreement.actor, d.actor):
                    # who agreed does it; a participant found for the act is its recipient
                    # ("وافق الصندوق على منح مصر قرضا")
                    d.recipient = d.recipient or d.actor
                    d.actor = agreement.actor
        if d is not None:
            if in_quote and d.modality == "asserted":
                d.modality = "reported"  # a speaker's words, not the writer's
            if reaction:
                d.definite = True  # "أدان الهجوم": the attack reported before
                if d.actor is not None and d.actor.mend <= hit.mstart:
                    # "رحبت ماي بالاستقالة": who reacts did not resign
                    d.actor = None
                    d.country, d.guessed = country0, True
            last = drafts[-1] if drafts else None
            if (
                d.guessed
                and last is not None
                and last.sent == si
                and not last.guessed
                and hit.prefix[:1] in ("و", "ف")
                and _same(last.actor, d.actor)
            ):
                # "وزار وانغ يي طهران، واجتمع بالرئيس الإيراني": a conjoined clause of the
                # same actor happens where the one before did
                d.country, d.guessed = last.country, False
            drafts.append(d)
            drafts.extend(_co_actor_drafts(d, mentions, text))
    _speak_at_home(drafts)
    merged = _merge(drafts, has_headline(text, bounds))
    # the report's own date in its dateline is no day of its story
    story = [t for t in timexes if not is_dateline(text, bounds, t)]
    newsday = next(
        (v for v in (narrative_date([t], len(text), published) for t in story) if v), None
    )
    _same_day(merged, ctx, sent_starts)
    _inherit_dates(merged, published, newsday, opts, _named_dates(mentions, timexes, bounds))
    return [_event(doc, i, d, sents) for i, d in enumerate(merged, 1)]


def _inside(word: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    k = bisect_left(spans, (word[0] + 1,)) - 1
    return k >= 0 and spans[k][0] <= word[0] and word[1] <= spans[k][1]


def _words(doc: Document) -> list[tuple[int, int]]:
    """Word spans of the matching form: the word tokens' when a stage has made them
    (a word token is a maximal run of letters, as :func:`words` finds), else found anew."""
    if "tokens" in vars(doc):
        return [(t.mstart, t.mend) for t in doc.tokens if t.kind == "word"]
    return words(doc.match.text)


def _praise(hit: Hit, ctx: Context, hi: int) -> bool:
    """Whether a description praises: "وصفها بأنها «خطوة أولى جيدة»" (not "غير كافية")."""
    c = ctx.c
    if ctx.text[hit.mstart : hit.mend] not in c.praise_triggers:
        return False
    ws = WORD.findall(ctx.text, hit.mend + len(hit.suffix), hi)[: 2 * c.praise_window]
    # the description follows بأنه/بأنها: "وصف ترامب أمس الرواية السعودية بأنها «...»"
    marker = next((i for i, w in enumerate(ws) if w in _DESCRIPTION_MARKERS), None)
    ws = ws[marker + 1 :] if marker is not None else ws
    ws = ws[: c.praise_window]
    return any(
        w.lstrip("وب") in c.praise_words and (i == 0 or ws[i - 1] not in c.praise_negators)
        for i, w in enumerate(ws)
    )


def _outcome_of_attack(hit: Hit, later: list[Hit], ctx: Context, hi: int) -> bool:
    """Whether ``hit`` is a casualty noun before the attack that caused it ("مقتل 16 شخصا
    في غارات جوية"، "إصابة العشرات جراء القصف"): the attack is the event."""
    c = ctx.c
    if hit.pos != "noun" or ctx.text[hit.mstart : hit.mend] not in c.casualty_nouns:
        return False
    for nxt in later:
        start = nxt.mstart - len(nxt.prefix)
        if start >= hi or nxt.word - hit.word > c.casualty_window:
            return False
        if nxt.entry.type != "ASSAULT" or _NEXT_CLAUSE.search(ctx.text, hit.mend, start):
            continue
        if c.casualty_causes.search(ctx.text, hit.mend, start + len(nxt.prefix)):
            return True
    return False


#: at most this many words from a trigger that is no event to a conjunct that shares its fate
_CONJUNCT_WORDS = 8


def _conjunct_of(hit: Hit, dropped: tuple[Hit, int] | None, si: int) -> bool:
    """Whether ``hit`` is conjoined (وـ) to a trigger just found to be no event, and so is
    none either: "شعارات ترفض التمديد، وتطالب برحيل النظام" (both the slogans' words)."""
    if dropped is None or not hit.prefix.startswith("و"):
        return False
    prev, psi = dropped
    same_pos = (hit.pos == "noun") == (prev.pos == "noun")
    return psi == si and same_pos and 0 < hit.word - prev.word <= _CONJUNCT_WORDS


def _verb_reading(hit: Hit, ctx: Context, lo: int) -> Hit:
    """A bare masdar that opens its sentence and is spelt like a trigger verb is that verb:
    "خطف مسلحون عشرة ركاب" (the verb reading takes its subject after it)."""
    if hit.pos != "noun" or hit.prefix not in ("", "و", "ف") or hit.suffix:
        return hit
    if not lexicon().is_verb(ctx.text[hit.mstart : hit.mend]):
        return hit
    start = after_dateline(ctx.text, lo)
    if re.search(r"[^\W\d_]", ctx.text[start : hit.mstart - len(hit.prefix)]):
        return hit
    return replace(hit, pos="past")


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
        if hit.pos in ("past", "present") and follows_relative(
            ctx.text, hit.mstart - len(hit.prefix)
        ):
            return None  # "زار الرئيس المدينة التي قصفتها القوات": describes, not content
        return prev
    return None


def _reaction_to(hit: Hit, recent: list[tuple[Hit, int]], si: int, ctx: Context) -> bool:
    """Whether a noun trigger is what a reaction is about ("أدانت مصر الهجوم"، "رحب بالاتفاق"):
    such a mention refers back to an event reported elsewhere."""
    if hit.pos != "noun":
        return False
    for prev, psi in reversed(recent):
        if psi != si:
            return False
        if prev.entry.type in ctx.c.reaction_types:
            between = ctx.text[prev.mend : hit.mstart]
            return hit.word - prev.word <= 6 and not re.search(r"[.،,؛:!?؟\n]", between)
    return False


#: acts that agreeing on decides: the act is the event, not an agreement to cooperate
_DECIDED_TYPES = frozenset({"SANCTION", "COERCE", "MOBILIZE"})


def _decided(governor: Hit, content: Hit, ctx: Context) -> bool:
    if governor.entry.type != "AGREE":
        return False
    if content.entry.type == "AID":  # an approved loan is given; a promised one is AGREE
        return ctx.text[governor.mstart : governor.mend] in ctx.c.approvals
    return content.entry.type in _DECIDED_TYPES


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
    date = nearest_date(hit, timexes, lo, hi, ctx.text)
    if date and published and hit.pos == "past" and date[:10] > published[:10]:
        # a perfect verb reports the past: "أطلقت صواريخ، على أن تستمر المناورات حتى الأحد
        # المقبل" is not dated by the later day
        past = [t for t in timexes if t[2][:10] <= published[:10]]
        date = nearest_date(hit, past, lo, hi, ctx.text)
    if ctx.prior(hit, lo):
        date = None  # "قبل البرلمان استقالة الرئيس": sent before the day it was accepted
    shift = None
    offset = ctx.date_offset(hit, lo)
    if offset is not None:
        date, own = offset_date(hit, timexes, lo, hi, ctx.text, *offset)
        shift = offset[1] if date is None else None
    if date and published and hit.pos != "past" and date[:10] > published[:10] and len(date) == 10:
        planned = True
    typ, mode, cameo = e.type, e.mode, e.cameo
    if typ == "ACCUSE" and _praise(hit, ctx, hi):
        typ, mode, cameo = "SUPPORT", None, "051"
    label = ctx.label(hit, lo) if typ == "ASSAULT" else None
    if label is not None:
        typ, mode, cameo = "ACCUSE", "disapprove", "111"  # an attack named, by its namer
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
        if future == "THREATEN" and hit.pos == "noun" and not opts.include_nonasserted:
            return None  # a threat is said with a verb ("ستفرض عقوبات"), not implied by a noun
        if future and future != typ:
            typ, mode, cameo = future, None, _plover()["future_cameo"][future]
            if shift is None:
                # the announcement is the event; a date after the trigger is the planned act's
                # ("سيجتمع البرلمان يوم السبت")
                before = [t for t in timexes if t[1] <= hit.mstart]
                date = nearest_date(hit, before, lo, hi, ctx.text)
        elif future is None and not opts.include_nonasserted:
            return None
    if (negated or hypothetical) and not opts.include_nonasserted:
        return None
    sent_mentions = [m for m in mentions if m.mstart >= lo and m.mend <= hi]
    actor, recipient = assign_roles(hit, sent_mentions, ctx, lo)
    if _passive(doc, hit) and not e.swap and e.type != "MOBILIZE":
        # "ونُشر جنود": the forces deployed are a mobilization's actor, passive or not
        actor, recipient = passive_roles(hit, sent_mentions, ctx, actor, recipient)
    if label is not None:
        # the namer speaks: the first participant before the naming word ("قال بيسكوف إن")
        speaker = next((m for m in sent_mentions if m.mend <= label and not m.prepositional), None)
        actor, recipient = speaker, actor if actor is not speaker else recipient
    if typ in _PHYSICAL and _city(actor):
        actor = None  # "شهدت العاصمة مينسك أكبر تظاهرة": a city hosts a protest, it does not march
    sector = _sector(actor)
    if e.actors and sector not in e.actors:
        return None  # "دخلت القوات المدينة" is an assault; entering a city is not, by itself
    for who, other, other_mode in e.actor_types:
        if who == sector and typ == e.type:
            typ, mode, cameo = other, other_mode, _plover()["types"][other]["cameo"]
            break
    if typ == "ASSAULT" and mode is None:
        mode = _assault_mode(ctx.text, lo, hi)
    location = _location(hit, sent_mentions, ctx.text, lo, hi, typ in _STATEMENT_TYPES)
    territory = None if location or typ in _STATEMENT_TYPES else _territory(ctx, hit.mend, hi)
    own_country = _country(typ, mode, location, actor, recipient, territory, e.context)
    if territory is not None and own_country == territory.country:
        location = territory
    country = own_country or country0
    definite = hit.pos == "noun" and (hit.prefix.endswith(("ال", "لل")) or bool(hit.suffix))
    if definite and _dated_here(hit, timexes, ctx.text):
        definite = False  # "واندلعت الاحتجاجات في 2 جانفي": its own day, not the protests before
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
        narrative_date(timexes, lo, published),
        narrative_date(
            [t for t in timexes if t[0] >= _paragraph_start(ctx.text, lo)], lo, published
        ),
        shift,
        own_country is None,
    )


#: what may stand between a noun and the day it names: "الاحتجاجات في 2 جانفي"، "... يوم الجمعة"
_DAY_JOINER = re.compile(r"\s*(?:في|منذ|يوم)?\s*")


def _dated_here(hit: Hit, timexes: list[tuple[int, int, str]], text: str) -> bool:
    """Whether a full day follows the trigger at once: the noun tells its own day."""
    for start, _, value in timexes:
        if start >= hit.mend and len(value) >= 10:
            joiner = _DAY_JOINER.match(text, hit.mend, start)
            if joiner is not None and joiner.end() == start:
                return True
    return False


#: the vowel of a passive perfect's first letter: قُتل، أُفرج، عُيّن
_DAMMA = "\u064f"


def _passive(doc: Document, hit: Hit) -> bool:
    """Whether a perfect verb is written as a passive (a damma on its first letter: "قُتل")."""
    if hit.pos != "past":
        return False
    start, _ = doc.match.to_original(hit.mstart, hit.mend)
    return doc.text[start + 1 : start + 2] == _DAMMA


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _assault_mode(text: str, lo: int, hi: int) -> str | None:
    for mode, pat in _assault_modes():
        if pat.search(text, lo, hi):
            return mode
    return None


#: state bodies act at home: their country is the event's when no place is named
_STATE_ACTORS = frozenset({"GOV", "COP", "JUD", "LEG", "SPY"})
#: what a state named as actor does from home: its statements and sanctions ("أعلنت أوكرانيا
#: طرد 13 دبلوماسياً روسياً" happens in Ukraine, whatever the article is about)
_STATE_AT_HOME = frozenset({"SANCTION", "ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})
#: types whose place is their recipient's when it is a place ("حصار على غزة"، "انسحاب من كازاخستان")
_PLACE_RECIPIENT = frozenset({"ASSAULT", "COERCE", "AID", "MOBILIZE", "RETREAT", "PROTEST"})


#: acts done by people or forces on the ground, never by a city
_PHYSICAL = frozenset({"PROTEST", "ASSAULT", "MOBILIZE"})


def _city(m: Mention | None) -> bool:
    """Whether a participant is a city (a gazetteer place below its country: gpe:UA:...)."""
    eid = (m.entity_id or "") if m is not None and m.kind == "entity" else ""
    return eid.startswith("gpe:") and eid.count(":") == 2


def _sector(m: Mention | None) -> str | None:
    """The sector of a participant: an agent's own, an entity's from its actor code (SDNMIL)."""
    if m is None:
        return None
    if m.kind == "agent":
        return m.etype
    code = m.code or ""
    return code[-3:] if len(code) > 3 and code[-3:].isalpha() else m.etype


#: modes whose country is the office's, not the place it happens ("فرّ إلى سنغافورة حيث استقال")
_OFFICE_MODES = frozenset({"resign"})


def _country(
    typ: str,
    mode: str | None,
    location: Mention | None,
    actor: Mention | None,
    recipient: Mention | None,
    territory: Mention | None = None,
    context: tuple[str, ...] = (),
) -> str | None:
    """The event's country: its location's, a place recipient's, a territory's ("داخل
    الأراضي الباكستانية"), else a state actor's; a resignation's is the office's (its
    actor's country), and a sanction's or a grant of asylum's its state actor's
    (``at_home_types`` and ``at_home_contexts`` of plover.yaml)."""
    if mode in _OFFICE_MODES:
        # where a letter of resignation was written does not matter
        return actor.country if actor is not None else None
    home_types, home_contexts = _at_home()
    home = typ in home_types or not home_contexts.isdisjoint(context)
    if home and actor is not None and actor.country and _state(actor):
        return actor.country
    if location is not None and location.country:
        return location.country
    if territory is not None:
        return territory.country
    if recipient is not None and recipient.etype in ("GPE", "LOC") and typ in _PLACE_RECIPIENT:
        return recipient.country
    if recipient is not None and recipient.etype in ("GPE", "LOC") and mode == "visit":
        return recipient.country  # "زار الوزير القاهرة": the visit is in Egypt
    if typ == "MOBILIZE" and actor is not None and actor.country:
        return actor.country  # "أمر بوتين بوضع قوات الردع في حالة تأهب": its own forces
    if (
        actor is not None
        and actor.country
        and actor.etype != "PER"  # a president travels; a government body acts at home
        and typ != "AID"  # aid goes where it is needed: "أرسلت الوكالة الأميركية فريقاً"
        and (_sector(actor) in _STATE_ACTORS or (actor.etype == "GPE" and typ in _STATE_AT_HOME))
    ):
        # a state body acts at home: "صادقت الحكومة الإسرائيلية"، "أطلقت السلطات الإسرائيلية"
        return actor.country
    return None


def _co_actor_drafts(d: _Draft, ms: list[Mention], text: str) -> list[_Draft]:
    """One more event per state coordinated with the actor of an event that happens at its
    actor's home: "أعلنت مملكة البحرين وجمهورية السودان قطع علاقاتهما" is a sanction in
    Bahrain and one in Sudan (``at_home_types``, ``at_home_contexts``)."""
    a = d.actor
    if a is None or not a.country or d.country != a.country or not _state(a):
        return []
    home_types, home_contexts = _at_home()
    if d.type not in home_types and home_contexts.isdisjoint(d.context):
        return []
    out: list[_Draft] = []
    end, seen = a.mend, {a.country}
    for m in ms:
        if m.mstart < end:
            continue
        if not CONJUNCT.fullmatch(text, end, m.mstart) or not m.country or not _state(m):
            break
        if m.country not in seen:
            seen.add(m.country)
            out.append(replace(d, actor=m, country=m.country, mentions=[d.hit]))
        end = m.mend
    return out


#: statements made by one side, not agreed by two
_ONE_SIDED = _STATEMENT_TYPES - {"AGREE"}


def _speak_at_home(drafts: list[_Draft]) -> None:
    """A state's statement with no place of its own is made at home, not in the article's
    country ("ندد وزير الخارجية الأمريكي جون كيري" in a report from Bangkok), unless the
    text has the speaker meet or visit someone ("والتقى ماكرون في قصر بعبدا ... ودعا")."""
    visitors = {d.actor.entity_id for d in drafts if d.type == "CONSULT" and d.actor}
    for d in drafts:
        a = d.actor
        if (
            d.guessed
            and d.type in _ONE_SIDED
            and a is not None
            and a.country
            and (_state(a) or (a.kind == "entity" and a.etype == "ORG"))  # وزارة الدفاع الروسية
            and (a.entity_id is None or a.entity_id not in visitors)
        ):
            d.country, d.guessed = a.country, False


@cache
def _at_home() -> tuple[frozenset[str], frozenset[str]]:
    """The types and contexts of events that happen in their state actor's country."""
    spec = _plover()
    return frozenset(spec["at_home_types"]), frozenset(spec["at_home_contexts"])


def _state(m: Mention) -> bool:
    """Whether a participant speaks for a state: the country itself, a state body, or a
    person with a country (a minister, a president)."""
    return m.etype in ("GPE", "PER") or _sector(m) in _STATE_ACTORS


def _location(
    hit: Hit, ms: list[Mention], text: str, lo: int, hi: int, statement: bool = False
) -> Mention | None:
    """The place of the event: the first place after the trigger governed by a locative word
    ("في بغداد"، "بالخرطوم"; for a ``statement`` only في; for an attack not من, where it
    came from), else one opening its clause ("وفي نيامي، تظاهر ..."). A statement's
    fronted place comes first: in "وفي موسكو، ندد الكرملين باغتصاب السلطة في فنزويلا"
    the place after the trigger is what the statement is about."""
    fronted = _fronted_place(ms, text, lo, hit.mstart)
    if statement and fronted is not None:
        return fronted
    end = min(hi, hit.mend + 120)
    nxt = _NEXT_CLAUSE.search(text, hit.mend, end)  # "، واستقبلتهم حشود في بلدة ...": not its place
    origin = hit.entry.type == "ASSAULT"  # "صاروخاً أطلقه الحوثيون من اليمن باتجاه الرياض"
    after = _place_in(text, ms, hit.mend, nxt.start() if nxt else end, statement, origin)
    return after if after is not None else fronted


def _fronted_place(ms: list[Mention], text: str, lo: int, end: int) -> Mention | None:
    """A place before the trigger, governed by في: "وفي نيامي، تظاهر ..."، "قال إن في بغداد ..."."""
    for m in ms:
        before = lo <= m.mstart and m.mend <= end
        if (
            before
            and m.etype in ("GPE", "LOC")
            and m.country
            and _IN_PLACE.search(text, max(0, m.mstart - 20), m.mstart)
            and not _RESIDENT.search(text, max(0, m.mstart - 32), m.mstart)
        ):
            return m
    return None


def _territory(ctx: Context, start: int, end: int) -> Mention | None:
    """A country's territory named by its nisba after the trigger, in its clause: "داخل
    الأراضي الباكستانية" (a place of country PK that is no entity)."""
    nxt = _NEXT_CLAUSE.search(ctx.text, start, end)
    stop = nxt.start() if nxt else end
    for m in ctx.c.territory.finditer(ctx.text, start, stop):
        if not _IN_TERRITORY.search(ctx.text, max(0, m.start() - 8), m.start()):
            continue  # "إلى الأراضي المصرية" is where someone went, not where it happened
        nisba = WORD.match(ctx.text, m.end() + 1)
        if nisba is None or nisba.end() > stop or not nisba.group().startswith("ال"):
            continue
        country = country_of(nisba.group())
        if country:
            return Mention(m.start(), nisba.end(), None, None, "territory", "LOC", country)
    return None


def _place_in(
    text: str,
    ms: list[Mention],
    start: int,
    end: int,
    statement: bool = False,
    origin: bool = False,
) -> Mention | None:
    cue = _STATEMENT_PLACE_CUE if statement else _PLACE_CUE
    for m in ms:
        if m.mstart < start or m.mend > end or m.etype not in ("GPE", "LOC") or not m.country:
            continue
        if _RESIDENT.search(text, max(0, m.mstart - 32), m.mstart):
            continue  # "غولن المقيم في الولايات المتحدة": where someone lives, not the event
        if origin and _FROM.search(text, max(0, m.mstart - 8), m.mstart):
            continue  # where an attack came from, not where it struck
        if text[m.mstart - 1 : m.mstart] == "ب" or cue.search(
            text, max(0, m.mstart - 32), m.mstart
        ):
            return m
    return None


def _compatible(a: _Draft, b: _Draft, anaphoric: bool = False) -> bool:
    """Whether two drafts can be one event; an ``anaphoric`` definite mention ("الهجوم")
    refers back whatever its own sentence's date and subject."""
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    if not anaphoric and a.date and b.date and a.date != b.date:
        return False
    # in one sentence, a country guessed from the article does not tell two mentions
    # apart ("بوضع قوات الردع ... في حالة تأهب")
    guessed = (a.guessed or b.guessed) and (anaphoric or a.last_sent == b.sent)
    if a.country and b.country and a.country != b.country and not guessed:
        return False
    if a.actor is None or b.actor is None:
        return True
    if anaphoric:
        # "ردّ ماكرون بالتحذير": a definite masdar with a named actor of its own is not the
        # earlier event of another named actor
        ia, ib = a.actor.entity_id, b.actor.entity_id
        return not (ia and ib and ia != ib)
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


def _same(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None:
        return False
    if a.entity_id or b.entity_id:
        return a.entity_id == b.entity_id
    return a.code is not None and a.code == b.code


def _same_act(a: _Draft, b: _Draft) -> bool:
    """Two verb clauses telling one act: the same type, actor, recipient (or none) and day,
    told again a sentence or two later ("أعلنت الحكومة استقالتها ... وقدمت الحكومة استقالتها")."""
    return (
        b.sent - a.last_sent <= 2
        and b.sent != a.last_sent
        and a.date is not None
        and a.date == b.date
        and _same(a.actor, b.actor)
        and (a.recipient is None or b.recipient is None or _same(a.recipient, b.recipient))
    )


def _merge(drafts: list[_Draft], headline: bool = False) -> list[_Draft]:
    """One record per event: a later mention joins an earlier one of the same type when it
    is in the same or a nearby sentence, or is a definite noun referring back to it
    ("على خلفية الاحتجاجات": the protests already reported, whatever the sentence's date).
    A ``headline`` sums up the report: its events join the report's first of their type."""
    heads = [d for d in drafts if headline and d.sent == 0]
    out: list[_Draft] = []
    for d in drafts:
        if headline and d.sent == 0:
            continue
        target = None
        for p in reversed(out):
            if (
                d.hit.pos != "noun"
                and all(h.pos != "noun" for h in p.mentions)
                and not _same_act(p, d)
            ):
                continue  # two clauses with verbs are two acts ("اتهم الجيش ..." / "اتهم حميدتي ...")
            if _compatible(p, d) and (d.sent - p.last_sent <= 2 or d.definite):
                target = p
                break
        if target is None and d.definite:
            target = next((p for p in reversed(out) if _compatible(p, d, anaphoric=True)), None)
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
        if target.guessed and not d.guessed and d.sent == target.last_sent:
            target.country, target.guessed = d.country, False
        if d.date and (not target.date or len(d.date) > len(target.date)):
            target.date = d.date
        if d.modality == "asserted":
            target.modality = "asserted"
        target.background = target.background and d.background
        target.confidence = max(target.confidence, d.confidence)
        target.last_sent = d.sent
    for h in heads:
        target = next(
            (p for p in out if p.type == h.type and (not p.mode or not h.mode or p.mode == h.mode)),
            None,
        )
        if target is None:
            out.append(h)
            continue
        # the report tells the date, place and participants; the headline only repeats it
        target.mentions.append(h.hit)
        target.actor = target.actor or h.actor
        target.recipient = target.recipient or h.recipient
    return sorted(out, key=lambda d: d.hit.mstart)


def _same_day(drafts: list[_Draft], ctx: Context, starts: list[int]) -> None:
    """An undated event takes the day of an event its sentence ties it to ("وعقب الاعتقال،
    اقتحم أنصار خان": a ``same_day`` cue opening a clause before a noun trigger)."""
    anchors = [
        (bisect_left(starts, h.mstart + 1) - 1, p.date)
        for p in drafts
        if p.date and len(p.date) == 10
        for h in p.mentions
        if h.pos == "noun"
        and ctx.c.same_day.search(
            ctx.text, max(0, h.mstart - len(h.prefix) - 16), h.mstart - len(h.prefix)
        )
    ]
    for d in drafts:
        if not d.date and not d.background:
            d.date = next((day for si, day in anchors if si == d.sent), None)


def _named_dates(
    mentions: list[Mention], timexes: list[tuple[int, int, str]], bounds: list[tuple[int, int]]
) -> dict[tuple[int, str], str]:
    """(sentence, entity id) -> the full day named nearest the entity's mention in that
    sentence: where the story last left a participant ("عقدوا أمس الاثنين قمة أكد خلالها
    بوتين ..." / "وقال بوتين ..., متهمًا")."""
    out: dict[tuple[int, str], str] = {}
    starts = [b[0] for b in bounds]
    for m in mentions:
        if not m.entity_id:
            continue
        si = max(0, bisect_left(starts, m.mstart + 1) - 1)
        lo, hi = bounds[si]
        days = [
            (abs(s - m.mstart), v) for s, e, v in timexes if lo <= s and e <= hi and len(v) == 10
        ]
        if days:
            out[(si, m.entity_id)] = min(days)[1]
    return out


def _inherit_dates(
    drafts: list[_Draft],
    published: str | None,
    newsday: str | None,
    opts: Options,
    named: dict[tuple[int, str], str] | None = None,
) -> None:
    """Undated events take the date of a dated event with the same participants in the same
    or previous sentence; with ``lead_date``, a lead-sentence event takes the article date."""
    for d in drafts:
        if not d.date and d.shift is not None:
            base = newsday or (published[:10] if published else None)
            d.date = shift_day(base, d.shift)
        if d.date or d.background:
            continue  # a background event is not dated by the story it explains
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
        # the previous sentence named the actor on a day of the story: it goes on that day
        prev = (named or {}).get((d.sent - 1, d.actor.entity_id or "")) if d.actor else None
        if prev and narrative_date([(0, 0, prev)], 1, published):
            d.date = prev
            continue
        if opts.default_date == "newsday":
            d.date = d.paragraph or newsday or (published[:10] if published else None)
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
