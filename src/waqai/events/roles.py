"""Who did what to whom: the actor and recipient of a trigger from Arabic clause order.

No parser: the roles come from the order of the trigger and the candidate mentions
of its sentence (entities and agent phrases, see :mod:`waqai.events.participants`)
and from a few function words kept as data in ``morphology.yaml`` (prepositions,
complementizers, coordinators, light verbs, agent markers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from waqai.errors import DataError
from waqai.events.cues import Context
from waqai.events.lexicon import Hit, norm, word_pattern
from waqai.events.participants import Mention
from waqai.resources import load_yaml
from waqai.text.tokenize import WORD, without_conjunction


@dataclass(frozen=True, slots=True)
class _Syntax:
    agent_marker: re.Pattern[str]
    clause_openers: frozenset[str]
    complementizers: frozenset[str]
    light_verbs: frozenset[str]
    light_nouns: frozenset[str]
    relatives: frozenset[str]
    agent_relative: re.Pattern[str]
    pronominal: frozenset[str]
    adjunct: frozenset[str]
    sequels: frozenset[str]


@cache
def _syntax() -> _Syntax:
    m = load_yaml("events", "morphology.yaml")
    agent = word_pattern(m["agent_markers"], clitics=False)
    if agent is None:
        raise DataError("waqai/events/data/morphology.yaml: agent_markers is empty")
    return _Syntax(
        agent,
        frozenset(norm(w) for w in m["complementizers"] + m["coordinators"]),
        frozenset(norm(w) for w in m["complementizers"]),
        frozenset(norm(w) for w in m["light_verbs"]),
        frozenset(norm(w) for w in m["light_nouns"]),
        frozenset(norm(w) for w in m["relative_pronouns"]),
        # up to two adjectives may stand between: "قمة استثنائية عقدها قادة المجموعة"
        re.compile(
            r"(?:\s+(?:ال[^\W\d_]+|[^\W\d_]+(?:يه|ي|يين|يون|يات))){0,2}?\s+(?:"
            + "|".join(re.escape(norm(w)) for w in m["agent_relatives"])
            + r")\s+"
        ),
        frozenset(norm(w) for w in m["pronominal_complementizers"]),
        frozenset(norm(w) for w in m.get("adjunct_prepositions") or ()),
        frozenset(norm(w) for w in m["sequels"]),
    )


def relative_pronouns() -> frozenset[str]:
    """الذي، التي، الذين … (matching form), from morphology.yaml."""
    return _syntax().relatives


def follows_relative(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` is a relative pronoun ("التي قصفتها")."""
    return _word_before(text, pos) in _syntax().relatives


#: كان before a pluperfect's subject ("وكان الجيش قد اعتقل")
PLUPERFECT_AUX = frozenset({"كان", "كانت", "كانوا"})

#: types whose second party may follow the first with و ("اتفقت السعودية وإيران"): the recipient
_JOINT_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: a coordinating و (and a comma) between two participants
CONJUNCT = re.compile(r"\s*[،,]?\s*و\s*")

#: "بين X و Y" after a trigger, up to four words between ("اتصال هاتفي هو الثاني خلال يومين بين")
_BETWEEN = re.compile(r"\s+(?:[^\W\d_]+\s+){0,4}?بين\s")


def _gap(ctx: Context, a: int, b: int) -> int:
    """Words between matching offsets ``a`` and ``b``."""
    return ctx.word_count(a, b)


def assign_roles(
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
    titled: Mention | None = None  # a subject after a long title ("المرشد الأعلى ... علي خامنئي")
    # "بين X و Y": both sides of a meeting or call
    between = _BETWEEN.match(text, tend)
    if between and right:
        after = [m for m in right if m.mstart >= between.end() - 1]
        if after:
            actor = after[0]
            recipient = next((m for m in after[1:] if _gap(ctx, actor.mend, m.mstart) <= 1), None)
            return _ordered(hit, actor, recipient)
    actor = marked_agent(ctx, tend, right)
    relative = syn.agent_relative.match(text, tend) if hit.pos == "noun" else None
    if relative and actor is None:
        # "هجوم شنه عشرات من المناصرين"، "الهجوم الذي شنته حماس"
        actor = next((m for m in right if m.mstart == relative.end()), None)
    lo = after_dateline(text, lo)
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
            # "بدء القوات الروسية الانسحاب": the noun phrase before the masdar is its subject,
            # unless it is the subject of a verb before it ("أدان الرئيس الهجوم")
            imm = next((m for m in reversed(left) if _gap(ctx, m.mend, tstart) <= 1), None)
            if (
                imm is not None
                # "استدعاء سفيرها وإمهال السفير": a coordinated masdar follows the last
                # phrase of the one before, not its subject
                and not hit.prefix.startswith("و")
                and not imm.prepositional
                and not _after_verb(text, imm.mstart)
                # "أصيب عشرة أشخاص في غارة": a masdar after a preposition has no subject before
                and not _prepositions_between(text, imm.mend, tstart)
                # "قال المتحدث إن الهجوم ...": the speaker is not the subject of the masdar
                and not any(w in syn.complementizers for w in WORD.findall(text[imm.mend : tstart]))
            ):
                actor = imm
        if (
            actor is None
            and "ب" not in hit.prefix  # a ب complement is no light verb's object
            and syn.adjunct.isdisjoint(without_conjunction(_word_before(text, tstart)))
        ):
            light = _light_verb(ctx, syn, region, tstart, left)
            if light is not None:
                between_ms = [m for m in left if m.mstart >= light and not m.prepositional]
                if text[light - 2 : light] == "وا":
                    # "ووضعوا الرئيس قيد الإقامة الجبرية": a plural verb's subject came before
                    between_ms = []
                    subject_left = subject_left or next(
                        (m for m in left if m.mstart >= lo and not m.prepositional), None
                    )
                actor = between_ms[0] if between_ms else subject_left
        # a possessive suffix or a ب complement refers back to the clause subject:
        # "أعلنت الحكومة استقالتها"، "ردّ ماكرون بالتحذير"
        if actor is None and ((hit.suffix and hit.suffix != "ا") or "ب" in hit.prefix):
            actor = subject_left
            if "ب" in hit.prefix:
                # "وطردت بريطانيا ...، لترد موسكو بطرد ...", "طالبت المعارضة الحكومة
                # بالإفراج": the nearest noun phrase of its clause does the masdar
                actor = next(
                    (
                        m
                        for m in reversed(left)
                        if m.mstart >= lo
                        and not m.prepositional
                        and not re.search(r"[،,؛:]", text[m.mend : tstart])
                    ),
                    actor,
                )
            if actor is None and opener in ("حيث", "ثم"):
                # "فرّ الرئيس إلى سنغافورة حيث أعلن استقالته": the sentence subject
                actor = next((m for m in left if m.mstart >= lo and not m.prepositional), None)
    elif actor is None and not hit.suffix and follows_relative(text, tstart):
        # "عشرات الآلاف من أنصاره الذين تظاهروا": a relative clause's verb without an object
        # pronoun has its antecedent as subject ("المدينة التي قصفتها القوات" has one)
        pron = text.rfind(" ", 0, tstart - 1) + 1
        actor = next((m for m in reversed(left) if _gap(ctx, m.mend, pron) == 0), None)
        if actor is None:
            actor = first
    elif actor is None and first is None and _word_before(text, tstart) in syn.sequels:
        # "وصف أردوغان السبت الحكومة الهولندية ...، ثم توعد الأحد بأن": the subject of the
        # clause before (a verb after ثم with no subject of its own)
        actor = next(
            (
                m
                for m in reversed(left)
                if m.mstart >= lo and not m.prepositional and _after_verb(text, m.mstart)
            ),
            None,
        ) or next((m for m in left if m.mstart >= lo and not m.prepositional), None)
    elif actor is None:
        conjoined = hit.prefix[:1] in ("و", "ف") and _gap(ctx, region, tstart) >= 3
        if conjoined:
            # "قررت الكويت استدعاء سفيرها، وطلبت من القائم بالأعمال ...": the subject of the
            # nearest verb before, not the first noun of the sentence
            subject_left = next(
                (
                    m
                    for m in reversed(left)
                    if m.mstart >= region
                    and not m.prepositional
                    and _after_verb(text, m.mstart)
                    # after a verb marked plural ("ونشروا دبابات") a noun is its object
                    and not _word_before(text, m.mstart).endswith("وا")
                ),
                subject_left,
            )
        near = next(
            (m for m in right if _gap(ctx, tend, m.mstart) <= 2 and not m.prepositional), None
        )
        after_qad = _word_before(text, tstart) == "قد"  # "كانت المنظمة قد أرسلت"
        # after أن/إن the noun comes first: "قال غوتيريش إن الجيش اتهم الدعم السريع"
        svo = (
            opener in syn.complementizers
            and subject_left is not None
            and not _verb_between(text, subject_left.mend, tstart)
        )
        # "وكان الجيش قد اعتقل رئيس الوزراء": the subject sits between كان and قد
        kana = (
            after_qad
            and subject_left is not None
            and PLUPERFECT_AUX.intersection(
                without_conjunction(_word_before(text, subject_left.mstart))
            )
        )
        # "ووضعوا الرئيس قيد الإقامة": a verb marked plural has its subject already (a VSO
        # verb is singular), so the noun after it is its object
        plural = text[hit.mstart : hit.mend].endswith("وا") or (
            hit.pos == "present" and text[hit.mstart : hit.mend].endswith("ون")
        )
        if plural:
            actor = subject_left or next(
                (m for m in left if m.mstart >= lo and not m.prepositional), None
            )
        elif (
            svo
            or kana
            or opener in syn.pronominal
            and subject_left is not None
            or (conjoined or after_qad)
            and subject_left is not None
            and (first is None or first.etype in ("CVL", "REB", "MIL", "PTS", "GPE", "LOC"))
            # "وأضرم محتجون النار": a plural in -ون right after the verb is its subject
            and not (first is not None and _nominative_plural(text, first))
        ):
            actor = subject_left
        else:
            actor = first or subject_left or near
            if actor is None:
                actor = titled = _titled_subject(ctx, tend, right)
    if recipient is None:
        # counted after a subject that follows the verb: "علّق مجلس السلم والأمن التابع
        # للاتحاد الأفريقي مشاركة السودان"
        vso = actor is not None and actor.mstart >= tend and _gap(ctx, tend, actor.mstart) <= 1
        vso = vso or (actor is not None and actor is titled)
        base = actor.mend if actor is not None and vso else tend
        last = actor if vso else None  # the last subject of "أرسلت قطر والكويت والأردن"
        for m in right:
            if m.mstart < base:
                continue
            if _gap(ctx, base, m.mstart) > 6:
                break
            if (
                last is not None
                and hit.entry.type not in _JOINT_TYPES
                and CONJUNCT.fullmatch(text, last.mend, m.mstart)
            ):
                last = m  # a conjoined subject ("أرسلت قطر والكويت ..."), not the recipient
                continue
            last = None
            if m.etype in ("GPE", "LOC") and re.search(
                r"(?:^|\s)و?في\s+$", text[max(0, m.mstart - 6) : m.mstart]
            ):
                continue  # "استقبل الرئيس في القاهرة رئيس الوزراء": the place, not the guest
            if re.search(r"التابع(?:ه|ين)?\s+\S{0,3}$", text[max(0, m.mstart - 14) : m.mstart]):
                continue  # "مجلس السلم والأمن التابع للاتحاد الأفريقي": part of the actor
            if (
                vso
                and actor is not None
                and actor.kind == "agent"
                and not re.match(r"[وف]?(?:ال|لل)", text[actor.mstart : actor.mstart + 3])
                and _gap(ctx, actor.mend, m.mstart) == 0
                and not m.prepositional
            ):
                continue  # "قصفت طائرات التحالف مواقع": the genitive of an indefinite head
            if m is not actor and not (actor and m.entity_id and m.entity_id == actor.entity_id):
                recipient = m
                break
    if actor is not None and hit.entry.type not in _JOINT_TYPES:
        actor = _first_conjunct(text, left, actor)
    return _ordered(hit, actor, recipient)


def _first_conjunct(text: str, left: list[Mention], m: Mention) -> Mention:
    """The first of the participants coordinated before ``m``: "أعلنت السعودية والإمارات
    والبحرين ومصر قطع العلاقات" is done by all four, headed by the first."""
    for prev in reversed(left):
        if prev.mend > m.mstart:
            continue
        if not CONJUNCT.fullmatch(text, prev.mend, m.mstart):
            break
        m = prev
    return m


def marked_agent(ctx: Context, tend: int, right: list[Mention]) -> Mention | None:
    """The participant an agent marker introduces after a trigger ending at ``tend``:
    "اعتقال ناشطين من قبل الشرطة"، "قُتل ثلاثة برصاص الجيش"."""
    marker = _syntax().agent_marker.search(ctx.text, tend, min(len(ctx.text), tend + 60))
    if not marker:
        return None
    return next(
        (m for m in right if m.mstart >= marker.end() and _gap(ctx, marker.end(), m.mstart) == 0),
        None,
    )


def passive_roles(
    hit: Hit, ms: list[Mention], ctx: Context, actor: Mention | None, recipient: Mention | None
) -> tuple[Mention | None, Mention | None]:
    """Roles of a passive verb ("قُتل"، "أُفرج عن"): the subject found is what the act was
    done to; the doer is only one an agent marker names ("برصاص الجيش"), if any."""
    tend = hit.mend + len(hit.suffix)
    agent = marked_agent(ctx, tend, [m for m in ms if m.mstart >= tend])
    if actor is not None and actor is not agent:
        recipient = actor
    return agent, recipient


def _titled_subject(ctx: Context, tend: int, right: list[Mention]) -> Mention | None:
    """A person named after a long title right after the verb: "توعد المرشد الأعلى للجمهورية
    الإسلامية علي خامنئي السعودية" (title words only between: no punctuation, no preposition
    standing alone)."""
    for m in right:
        if _gap(ctx, tend, m.mstart) > 5:
            return None
        if re.search(r"[.،,؛:!?؟\"«»()]", ctx.text[tend : m.mstart]) or _prepositions_between(
            ctx.text, tend, m.mstart
        ):
            return None
        if m.etype == "PER" and not m.prepositional:
            return m
    return None


def _nominative_plural(text: str, m: Mention) -> bool:
    """Whether a participant starts with an indefinite sound plural in the nominative
    ("محتجون"، "مسلحون"): the subject of the verb before it, never its object."""
    w = WORD.match(text[m.mstart : m.mend])
    return w is not None and w.group().endswith("ون") and not w.group().startswith(("ال", "وال"))


def _after_verb(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` is a verb of the trigger lexicon or a light verb."""
    from waqai.events.lexicon import lexicon

    w = _word_before(text, pos)
    return w in _syntax().light_verbs or lexicon().is_verb(w) or lexicon().is_verb(w[1:])


def _prepositions_between(text: str, a: int, b: int) -> bool:
    """Whether a preposition word (في، على ...) stands between offsets ``a`` and ``b``."""
    from waqai.events.participants import _agents

    preps = _agents().prepositions
    return any(w in preps for w in WORD.findall(text[a:b]))


def _verb_between(text: str, a: int, b: int) -> bool:
    """Whether a trigger or light verb lies between offsets ``a`` and ``b``."""
    from waqai.events.lexicon import lexicon

    lex, light = lexicon(), _syntax().light_verbs
    for m in WORD.finditer(text[a:b]):
        w = m.group()
        if w in light or lex.is_verb(w) or (w[:1] in ("و", "ف") and lex.is_verb(w[1:])):
            return True
    return False


#: read backwards: the non-word characters before a position, then the word before them
_WORD_BEFORE_REVERSED = re.compile(r"[^\w]*([^\W\d_]+)")


def _word_before(text: str, pos: int) -> str:
    """The word before ``pos`` (within 30 characters) when only spaces and punctuation
    follow it; matched forwards on the reversed window, not searched for at every offset."""
    m = _WORD_BEFORE_REVERSED.match(text[max(0, pos - 30) : pos][::-1])
    return m.group(1)[::-1] if m else ""


def after_dateline(text: str, lo: int) -> int:
    """Skip a dateline ("الخرطوم - ") at the start of a sentence."""
    m = re.match(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*[-–—]\s+", text[lo : lo + 40])
    return lo + m.end() if m else lo


def _light_verb(
    ctx: Context, syn: _Syntax, region: int, pos: int, ms: list[Mention] | None = None
) -> int | None:
    """End offset of the nearest light verb (أعلن، شن) before ``pos`` in its clause; the words
    of the participants ``ms`` between do not count toward its distance ("أعلنت كل من
    المملكة العربية السعودية والإمارات العربية المتحدة ... قطع علاقاتها")."""
    found = None
    for m in WORD.finditer(ctx.text[region:pos]):
        w = m.group()
        head = w[1:] if w[:1] in ("و", "ف") else w
        if w in syn.light_verbs or head in syn.light_verbs or head in syn.light_nouns:
            found = region + m.end()
    if found is not None:
        named = sum(_gap(ctx, m.mstart, m.mend) for m in ms or () if found <= m.mstart < pos)
        if _gap(ctx, found, pos) - named > 16:
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
    for m in WORD.finditer(ctx.text[lo:pos]):
        if m.group() in complementizers:
            start = lo + m.end()
    return start
