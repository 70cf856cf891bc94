"""Direct quotes and their speakers.

A quote is text between quotation marks («»، “”، "") or, without marks, the rest of
a sentence after "قال X:". Its speaker is found through the nearest reporting verb
before it in the sentence (or right after it: «...»، قال الوزير): the subject after
the verb (VSO: "وأضاف سيرديوكوف أنّ"), else before it (SVO: "الوزير قال")
and, when the verb has no expressed subject ("وأضاف أن"), the previous speaker or the
subject of the previous sentence's reporting verb, whichever came last. A verb right after
a relative pronoun describes when its clause closes before the quote ("خيرسون، التي أعلنت
موسكو ضمها، «...»") and reports for the pronoun's antecedent when it opens it ("تساي إنغ
وين، التي قالت: «...»").
A title phrase followed by a person's name resolves to the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from waqai.document import Document, Participant, Quote, Sentence, Span
from waqai.events.lexicon import morphology, norm, verb_forms, words
from waqai.events.participants import Mention, finalize_codes, find_mentions, main_country
from waqai.events.roles import PLUPERFECT_AUX, after_dateline, relative_pronouns
from waqai.resources import load_yaml
from waqai.text.tokenize import WORD, without_conjunction

_MARKS = re.compile(r"«([^»\n]+)»|“([^”\n]+)”|\"([^\"\n]+)\"")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class _Verb:
    mstart: int
    mend: int
    noun: bool = False  # a statement noun (بيان، تصريح), not a verb


@cache
def _reporting() -> ahocorasick.Automaton:
    spec = load_yaml("quotes", "reporting.yaml")
    auto = ahocorasick.Automaton()
    keys: set[str] = set()
    for v in spec["verbs"]:
        keys.update(f for f, _ in verb_forms(v))
    keys.update(norm(f) for f in spec["forms"])
    keys -= {norm(f) for f in spec.get("not_forms") or ()}
    nouns = {norm(n) for n in spec["nouns"]}
    for k in keys - nouns:
        auto.add_word(k, (len(k), False))
    for k in nouns:
        auto.add_word(k, (len(k), True))
    auto.make_automaton()
    return auto


def _verbs(text: str, lo: int, hi: int) -> list[_Verb]:
    """Reporting verbs in ``text[lo:hi]`` (whole words, with و/ف/ل prefixes allowed)."""
    m = morphology()
    out: list[_Verb] = []
    for end_idx, (length, noun) in _reporting().iter(text, lo, hi):
        end = end_idx + 1
        start = end - length
        ws = start
        while ws > 0 and _LETTER.match(text[ws - 1]):
            ws -= 1
        we = end
        while we < len(text) and _LETTER.match(text[we]):
            we += 1
        prefix, suffix = text[ws:start], text[end:we]
        if (prefix in m.verb_prefixes or prefix in m.noun_prefixes) and suffix in (
            "",
            "ه",
            "ها",
            "هم",
        ):
            out.append(_Verb(start, end, noun))
    out.sort(key=lambda v: (v.mstart, -v.mend))
    dedup: list[_Verb] = []
    for v in out:
        if not dedup or v.mstart >= dedup[-1].mend:
            dedup.append(v)
    return dedup


def _gap(text: str, a: int, b: int) -> int:
    return len(WORD.findall(text[a:b])) if b > a else 0


def _speaker(text: str, verb: _Verb, ms: list[Mention], qstart: int) -> Mention | None:
    """The subject right after a reporting verb (VSO), preferring a person over a title;
    for "نقلت وكالة X عن الوزير قوله", the one quoted after عن."""
    right = [m for m in ms if m.mstart >= verb.mend and m.mend <= qstart]
    if text[verb.mstart : verb.mend].startswith("نقل"):
        source = re.search(r"(?<![^\W\d_])عن\s+", text[verb.mend : qstart])
        if source:
            at = verb.mend + source.end()
            quoted = next((m for m in right if m.mstart == at), None)
            if quoted is not None:
                return quoted
    preverbal = _subject_before(text, verb, ms)
    if preverbal is not None:
        return preverbal
    subj = next(
        (
            m
            for m in right
            if not m.prepositional
            # a title may stand between the verb and a person: "أعربت الممثلة الخاصة ... بلاسخارت"
            and _gap(text, verb.mend, m.mstart) <= (6 if m.etype == "PER" else 2)
            and not _has_preposition(text[verb.mend : m.mstart])
            and not re.search(
                r"[،,:«\"“]|(?<![^\W\d_])(?:ان|انه|انها|بان)(?![^\W\d_])",
                text[verb.mend : m.mstart],
            )
        ),
        None,
    )
    if subj is not None and subj.etype not in ("PER", "PTS"):
        person = next(
            (
                m
                for m in right
                if m.etype == "PER"
                and m.mstart >= subj.mend
                and _gap(text, subj.mend, m.mstart) <= 6
            ),
            None,
        )
        return person or subj
    return subj


_STATEMENT = re.compile(r"(?:ال)?(?:بيان|تقرير|تصريح|رساله|تغريده)(?:\s+ال[^\W\d_]+){0,3}")


def _statement(text: str, verb: _Verb, qstart: int) -> tuple[int, int] | None:
    """A statement as the source: "وقال البيان السعودي الأمريكي: ..." or "وجاء في البيان الختامي: ..."."""
    m = _STATEMENT.match(text, verb.mstart, qstart)
    if m is None:
        gap = re.match(r"\s+", text[verb.mend : qstart])
        m = _STATEMENT.match(text, verb.mend + gap.end(), qstart) if gap else None
    if m is None:
        return None
    end = m.end()
    while end > m.start() and not text[end - 1].isalpha():
        end -= 1
    return m.start(), end


def extract_quotes(doc: Document) -> list[Quote]:
    """Direct quotes of ``doc`` with their speakers.

    The speaker is the subject of a reporting verb before the quote ("وقال X")
    or, failing that, the subject of the sentence (the first noun phrase not
    governed by a preposition: "وتوعد نتنياهو بـ«انتقام قوي»"), a reporting verb
    after the quote («...»، قال الوزير), and for a verb without a subject the
    previous speaker. Quotes nobody can be found for are left out.
    """
    mt = doc.match
    text = mt.text
    sents = doc.sentences or [Sentence(0, len(doc.text))]
    bounds = [(mt.to_match(s.start), mt.to_match(s.end)) for s in sents]
    mentions = find_mentions(doc, doc.published.value)
    finalize_codes(mentions, main_country(doc))
    actors = _event_actors(doc, mentions)
    spans: list[tuple[int, int]] = []
    for m in _MARKS.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        if _is_name(text, m.start(), m.end(), m.start(g), m.end(g)):
            # a quoted name ("تجمع المهنيين السودانيين") is one speaker: it replaces the
            # mentions inside it ("الوفاق", "تشاد" in "جبهة التناوب والوفاق في تشاد"), unless a
            # mention crosses its quotation marks
            qs, qe = m.start(g), m.end(g)
            inside = [x for x in mentions if qs <= x.mstart and x.mend <= qe]
            if not any(x.mstart < qe and qs < x.mend for x in mentions if x not in inside):
                mentions = [x for x in mentions if x not in inside]
                mentions.append(Mention(qs, qe, None, None, "agent", "ORG", None))
            continue
        spans.append((m.start(g), m.end(g)))
    mentions.sort(key=lambda x: x.mstart)
    # "قال X: إن ..." without quotation marks: the rest of the sentence
    for lo, hi in bounds:
        colon = text.find(":", lo, hi)
        if colon < 0 or any(lo <= s < hi for s, _ in spans) or not _verbs(text, lo, colon):
            continue
        s = colon + 1
        while s < hi and text[s].isspace():
            s += 1
        if hi > s:
            spans.append((s, hi))
    spans.sort()
    out: list[Quote] = []
    last: Mention | None = None
    for qs, qe in spans:
        if not _LETTER.search(text, qs, qe):  # no word inside
            continue
        si = next((i for i, (lo, hi) in enumerate(bounds) if lo <= qs < hi), None)
        if si is None:
            continue
        lo, hi = bounds[si]
        quoted = [(a, b) for a, b in spans if lo <= a < hi]
        ms = [m for m in mentions if lo <= m.mstart and m.mend <= hi and not _inside(m, quoted)]
        verbs = _verbs(text, lo, qs)
        speaker: Mention | None = None
        statement: tuple[int, int] | None = None
        verb: _Verb | None = None
        # a relative clause closed before the quote describes; one that opens it reports
        # ("تساي إنغ وين، التي قالت: «...»": its antecedent speaks)
        verbs = [
            v
            for v in verbs
            if not _inside_span(v.mstart, quoted)
            and not _relays(text, v)
            and not (_relative(text, v) and re.search(r"[،,]", text[v.mend : qs]))
        ]
        subjectless = None
        for v in reversed(verbs):
            if not v.noun and not _relative(text, v) and _subjectless(text, v, qs):
                # "وقال مخاطباً الحشد:": the subject of the sentence, or of a verb before it
                # ("نفى غولن ...، وقال في بيان:"), or of the sentence before
                subjectless = v
                break
            speaker = None if v.noun else _speaker(text, v, ms, qs)
            if speaker is None and not v.noun and _relative(text, v):
                speaker = _antecedent(text, v, ms)
            if speaker:
                verb = v
                break
        if speaker is None:
            # the subject of the sentence: "وتوعد نتنياهو بـ«انتقام قوي»"
            start = after_dateline(text, lo)
            end = subjectless.mstart if subjectless is not None else qs
            before = [m for m in ms if start <= m.mstart and m.mend <= end and not m.prepositional]
            speaker = before[0] if before else None
            verb = next((v for v in reversed(verbs) if not v.noun), verbs[-1] if verbs else None)
        if speaker is None and subjectless is not None:
            earlier = [v for v in verbs if v.mend <= subjectless.mstart and not v.noun]
            bare = next((b for v in earlier if (b := _bare_subject(text, v, qs))), None)
            if bare is not None:
                speaker, verb = bare[0], subjectless
        if speaker is None and subjectless is not None and si > 0:
            # "جمع لوكاشينكو أنصاره. وقال مخاطباً الحشد:": the sentence before speaks on
            verb = subjectless
            speaker = _previous_speaker(text, bounds[si - 1], mentions, last, subject=True)
        if speaker is None:
            # else the actor of the event the quote belongs to
            speaker = next((a for t, a in reversed(actors) if lo <= t < qs), None)
        if speaker is None:
            for v in reversed(verbs):
                statement = _statement(text, v, qs)
                if statement and not _prepositional_at(text, statement[0]):
                    verb = v
                    break
                statement = None
        if speaker is None and statement is None:
            post = _verbs(text, qe + 1, min(hi, qe + 40))
            if post:
                verb = post[0]
                speaker = _speaker(text, verb, ms, hi)
        if speaker is None and statement is None and subjectless is None:
            # "وقال مصدر عسكري لوكالة فرانس برس: «...»": an unnamed or unknown subject
            bare = next((b for v in verbs if (b := _bare_subject(text, v, qs))), None)
            if bare is not None:
                speaker, verb = bare
        if speaker is None and statement is None and verb is not None:
            # "وأضاف: «...»": who spoke last, a quote's speaker or a reporting verb's subject
            # in the sentence before ("أعلن توسك أن ... . وأضاف:")
            speaker = _previous_speaker(text, bounds[si - 1], mentions, last) if si > 0 else last
        if speaker is None and statement is None:
            continue
        if speaker is not None:
            last = speaker
        out.append(_quote(doc, qs, qe, speaker, statement, verb))
    return out


_LAST_WORD = re.compile(r"([^\W\d_]+)\s*$")


def _subject_before(text: str, verb: _Verb, ms: list[Mention]) -> Mention | None:
    """A subject that stands before its reporting verb: between كان and قد ("وكان الرئيس
    أردوغان قد وصف"), or before a verb marked plural, which has its subject already ("إن
    المسؤولين الروس أبلغوا أنقرة")."""
    if verb.noun:
        return None
    prev = _word_before(text, verb)
    form = text[verb.mstart : verb.mend]
    pluperfect = False
    if prev is not None and prev.group(1) == "قد":
        pluperfect = True
        kanas = [
            w
            for w in WORD.finditer(text, max(0, verb.mstart - 80), prev.start(1))
            if PLUPERFECT_AUX.intersection(without_conjunction(w.group()))
            and not text[w.start() - 1 : w.start()].isalpha()  # a whole word
        ]
        if not kanas:
            return None
        lo = kanas[-1].end()
    elif form.endswith("وا") and len(form) > 3:
        lo = max(0, verb.mstart - 60)
    else:
        return None
    found = [m for m in ms if lo <= m.mstart and m.mend <= verb.mstart and not m.prepositional]
    if not found or re.search(r"[.،,:«\"“]", text[found[-1].mend : verb.mstart]):
        return None
    return found[0] if pluperfect else found[-1]


def _word_before(text: str, verb: _Verb) -> re.Match[str] | None:
    """The word right before a verb, with only spaces between."""
    return _LAST_WORD.search(text, max(0, verb.mstart - 16), verb.mstart)


def _relative(text: str, verb: _Verb) -> bool:
    """A verb right after a relative pronoun ("التي قالت"): in a description, not the quote's
    report ("منطقة خيرسون، التي أعلنت موسكو ضمها، "لا تزال جزءاً من روسيا"")."""
    prev = _word_before(text, verb)
    return prev is not None and prev.group(1) in relative_pronouns()


def _relays(text: str, verb: _Verb) -> bool:
    """A verb with its object pronoun right after an indefinite statement: "في بيان نقلته
    وكالة الأنباء" describes the statement; the agency only relays it."""
    prev = _word_before(text, verb)
    return (
        prev is not None
        and prev.group(1) in _statement_nouns()
        and _OBJECT_PRONOUN.match(text, verb.mend) is not None
    )


_OBJECT_PRONOUN = re.compile(r"(?:ه|ها)(?![^\W\d_])")


@cache
def _statement_nouns() -> frozenset[str]:
    return frozenset(norm(n) for n in load_yaml("quotes", "reporting.yaml")["nouns"])


def _antecedent(text: str, verb: _Verb, ms: list[Mention]) -> Mention | None:
    """The participant a relative pronoun before ``verb`` stands for: the one right before it."""
    prev = _word_before(text, verb)
    if prev is None:
        return None
    pos = prev.start(1)
    return next((m for m in reversed(ms) if m.mend <= pos and pos - m.mend <= 3), None)


def _previous_speaker(
    text: str,
    bound: tuple[int, int],
    mentions: list[Mention],
    last: Mention | None,
    subject: bool = False,
) -> Mention | None:
    """Who speaks on from the sentence ``bound`` before: the last quote's speaker if it was
    there or later, else the subject of its last reporting verb, else (with ``subject``) its
    first noun phrase, else the last quote's speaker."""
    if last is not None and last.mstart >= bound[0]:
        return last
    found = _reporter(text, bound, mentions)
    if found is None and subject:
        start = after_dateline(text, bound[0])
        found = next(
            (m for m in mentions if start <= m.mstart < bound[1] and not m.prepositional), None
        )
    return found or last


def _reporter(text: str, bound: tuple[int, int], mentions: list[Mention]) -> Mention | None:
    """The subject of the last reporting verb of a sentence ("أعلن رئيس المجلس الأوروبي دونالد
    توسك أن ...")."""
    lo, hi = bound
    ms = [m for m in mentions if lo <= m.mstart and m.mend <= hi]
    for v in reversed(_verbs(text, lo, hi)):
        if not v.noun and not _relative(text, v):
            found = _speaker(text, v, ms, hi)
            if found is not None:
                return found
    return None


#: words after which a short quoted phrase is a name, not words said: وقالت "جبهة ..." المتمردة
_NAME_BEFORE = re.compile(r"(?:^|\s)(?:حركه|جبهه|جماعه|منظمه|حزب|تحالف|ائتلاف)\s*$")


#: a quoted phrase that starts with a name head is a name: إن "جبهة تحرير شعب تيغراي" هاجمت
_NAME_INSIDE = re.compile(
    r"\s*(?:حركه|جبهه|جماعه|منظمه|حزب|تحالف|ائتلاف|تجمع|تنظيم|هيئه|مجموعه|كتائب|سرايا)\s"
)


def _is_name(text: str, ms: int, me: int, qs: int, qe: int) -> bool:
    """A short quoted phrase that names the subject of a reporting verb or follows a
    name head ("قالت "جبهة التناوب والوفاق" المتمردة في بيان"، "حركة "حسم""): a name."""
    if len(words(text[qs:qe])) > 6 or re.match(r"\s*[:،,.]", text[me : me + 3]):
        return False
    before = text[max(0, ms - 20) : ms]
    if _NAME_BEFORE.search(before) or _NAME_INSIDE.match(text, qs, qe):
        return True
    w = _LAST_WORD.search(before)
    if w is None:
        return False
    ws = ms - len(before) + w.start(1)
    return any(not v.noun and v.mend >= ws + len(w.group(1)) - 3 for v in _verbs(text, ws, ms))


def _subjectless(text: str, verb: _Verb, qstart: int) -> bool:
    """A reporting verb whose subject is not expressed after it: a colon, a preposition or a
    participle comes first ("وقال مخاطباً الحشد:"، "وقال في خطابه:")."""
    m = re.match(r"\s*(:|[^\W\d_]+)", text[verb.mend : qstart])
    if m is None:
        return False
    w = m.group(1)
    participle = len(w) >= 5 and w[0] == "م" and w.endswith("ا")  # مخاطبا، مضيفا، مشيرا
    return w == ":" or w in _prepositions() or participle


def _bare_subject(text: str, verb: _Verb, qstart: int) -> tuple[Mention, _Verb] | None:
    """The one or two words right after a reporting verb, when no participant was found
    there ("قال مصدر عسكري"، "قال حازم قاسم" unknown to the gazetteer)."""
    if verb.noun:
        return None
    m = re.match(r"\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?", text[verb.mend : qstart])
    if m is None:
        return None
    first, second = m.group(1), m.group(2)
    stop = _prepositions() | _COMPLEMENTIZERS
    if first in stop or first.startswith(("لل", "بال")):
        return None
    end = verb.mend + m.end(1)
    if second and second not in stop and not second.startswith(("ل", "ب", "و")):
        end = verb.mend + m.end(2)
    start = verb.mend + m.start(1)
    return Mention(start, end, None, None, "agent", "ORG", None), verb


_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "ايضا", "ذلك", "اليوم", "امس"})


def _has_preposition(between: str) -> bool:
    """Whether words between a verb and a noun include a preposition ("قال في مؤتمر صحفي")."""
    preps = _prepositions()
    return any(w in preps for w in between.split())


@cache
def _prepositions() -> frozenset[str]:
    return frozenset(norm(p) for p in load_yaml("events", "morphology.yaml")["prepositions"])


def _event_actors(doc: Document, mentions: list[Mention]) -> list[tuple[int, Mention]]:
    """(trigger offset, actor mention) of the document's events, when events were coded."""
    by_span = {(m.mstart, m.mend): m for m in mentions}
    out = []
    for e in doc.events:
        if e.actor is None:
            continue
        span = (doc.match.to_match(e.actor.start), doc.match.to_match(e.actor.end))
        actor = by_span.get(span)
        if actor is not None:
            out.append((doc.match.to_match(e.trigger.start), actor))
    return sorted(out, key=lambda x: x[0])


def _prepositional_at(text: str, pos: int) -> bool:
    """A statement named after a preposition ("في بيان") is the means, not the source,
    except after "جاء في" / "ورد في" ("وجاء في البيان الختامي: ...")."""
    before = text[max(0, pos - 16) : pos].split()
    if not before or before[-1] not in ("في", "عبر", "خلال", "ب", "وفي", "حسب", "بحسب"):
        return False
    return not (len(before) > 1 and before[-2] in ("جاء", "وجاء", "ورد", "وورد"))


def _inside_span(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _inside(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return _inside_span(m.mstart, spans)


def _quote(
    doc: Document,
    qs: int,
    qe: int,
    speaker: Mention | None,
    statement: tuple[int, int] | None,
    verb: _Verb | None,
) -> Quote:
    mt = doc.match
    s, e = mt.to_original(qs, qe)
    while e > s and doc.text[e - 1].isspace():
        e -= 1
    part = None
    if speaker is not None:
        ps, pe = mt.to_original(speaker.mstart, speaker.mend)
        part = Participant(ps, pe, doc.text[ps:pe], speaker.entity_id, speaker.code)
    elif statement is not None:
        ps, pe = mt.to_original(*statement)
        part = Participant(ps, pe, doc.text[ps:pe], None, None)
    vspan = None
    if verb is not None:
        vs, ve = mt.to_original(verb.mstart, verb.mend)
        vspan = Span(vs, ve, doc.text[vs:ve])
    return Quote(s, e, doc.text[s:e], part, vspan)
