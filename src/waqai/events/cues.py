"""Context cues around a trigger: negation, modality, non-events, background, names.

The cue words live in ``cues.yaml``; this module compiles them once into regexes
and answers questions about the words before and after one trigger. Windows are
counted in words and never cross the sentence; "before" windows also stop at a
clause break, so "قال إن الجيش لم ..." negates what follows لم, not the speech verb.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from waqai.events.lexicon import Hit, norm, word_pattern
from waqai.resources import load_yaml

_PUNCT = re.compile(r"[.،,؛;:!?؟\"«»“”()\[\]\n]")


@dataclass(frozen=True, slots=True)
class Cues:
    negation: re.Pattern[str]
    negation_window: int
    denial: re.Pattern[str]
    denial_window: int
    planned: re.Pattern[str]
    planned_window: int
    planned_after: re.Pattern[str]
    planned_after_window: int
    decided: re.Pattern[str]
    decision_types: frozenset[str]
    hypothetical: re.Pattern[str]
    hypothetical_window: int
    present_only: re.Pattern[str]
    reported: re.Pattern[str]
    not_event: re.Pattern[str]
    not_event_window: int
    terms: re.Pattern[str]
    terms_window: int
    name_heads: frozenset[str]
    clause_break: re.Pattern[str]
    date_break: re.Pattern[str]
    date_wall: re.Pattern[str]
    date_offset: re.Pattern[str]
    date_offset_days: dict[str, int]
    date_offset_window: int
    clock_head: re.Pattern[str]
    clock_day: re.Pattern[str]
    background: re.Pattern[str]
    background_window: int
    embedding_types: frozenset[str]
    embedding_window: int
    lam_verbs: re.Pattern[str]
    reaction_types: frozenset[str]
    prior_heads: re.Pattern[str]
    joint: re.Pattern[str]
    joint_types: frozenset[str]
    casualty_nouns: frozenset[str]
    casualty_causes: re.Pattern[str]
    casualty_window: int
    praise_triggers: frozenset[str]
    praise_words: frozenset[str]
    praise_negators: frozenset[str]
    praise_window: int
    territory: re.Pattern[str]
    same_day: re.Pattern[str]
    label: re.Pattern[str]
    label_window: int
    approvals: frozenset[str]


def _p(words: list[str], clitics: bool = True) -> re.Pattern[str]:
    pat = word_pattern(words, clitics)
    if pat is None:
        return re.compile(r"(?!x)x")
    return pat


@cache
def cues() -> Cues:
    c = load_yaml("events", "cues.yaml")
    neg, plan, hyp = c["negation"], c["planned"], c["hypothetical"]
    return Cues(
        negation=_p(neg["words"], clitics=False),
        negation_window=int(neg["window"]),
        denial=_p(neg["wide_words"]),
        denial_window=int(neg["wide_window"]),
        planned=_p(plan["words"]),
        planned_window=int(plan["window"]),
        planned_after=_p(plan["after_words"]),
        planned_after_window=int(plan["after_window"]),
        decided=_p(plan.get("decided") or []),
        decision_types=frozenset(plan.get("decision_types") or ()),
        hypothetical=_p(hyp["words"]),
        hypothetical_window=int(hyp["window"]),
        present_only=_p(hyp["present_only"]),
        reported=_p(c["reported"]["words"]),
        not_event=_p(c["not_event"]["words"]),
        not_event_window=int(c["not_event"]["window"]),
        terms=_p(c["terms"]["words"]),
        terms_window=int(c["terms"]["window"]),
        name_heads=frozenset(norm(w) for w in c["name_heads"]),
        clause_break=_p(c["clause_breaks"]),
        date_break=_p(c["date_breaks"], clitics=False),
        date_wall=_p(c["date_walls"], clitics=False),
        date_offset=_p(list(c["date_offsets"]["days"]), clitics=False),
        date_offset_days={norm(k): int(v) for k, v in c["date_offsets"]["days"].items()},
        date_offset_window=int(c["date_offsets"]["window"]),
        clock_head=_p(c["clock_times"]["heads"]),
        clock_day=_p(c["clock_times"]["day_words"]),
        background=_p(c["background"]["words"]),
        background_window=int(c["background"]["window"]),
        embedding_types=frozenset(c["embedding_types"]),
        embedding_window=int(c["embedding_window"]),
        lam_verbs=_p(c["lam_complement_verbs"]),
        reaction_types=frozenset(c["reaction_types"]),
        prior_heads=_p(c.get("prior_heads") or []),
        joint=_p((c.get("joint") or {}).get("words") or [], clitics=False),
        joint_types=frozenset((c.get("joint") or {}).get("types") or ()),
        casualty_nouns=frozenset(norm(w) for w in c["casualty"]["nouns"]),
        casualty_causes=_p(c["casualty"]["causes"]),
        casualty_window=int(c["casualty"]["window"]),
        praise_triggers=frozenset(norm(w) for w in c["praise"]["triggers"]),
        praise_words=frozenset(norm(w) for w in c["praise"]["words"]),
        praise_negators=frozenset(norm(w) for w in c["praise"]["not_before"]),
        praise_window=int(c["praise"]["window"]),
        territory=_p(c["territory"]),
        approvals=frozenset(norm(w) for w in c["approvals"]),
        label=_p(c["labels"]["words"]),
        label_window=int(c["labels"]["window"]),
        same_day=re.compile(
            r"(?:^|[.،,؛:\n])\s*[وف]?(?:"
            + "|".join(re.escape(norm(w)) for w in sorted(c["same_day"], key=len, reverse=True))
            + r")\s+$"
        ),
    )


#: marks that end a clause (not quotation marks)
_CLAUSE_MARK = re.compile(r"[.،,؛:!?؟\n]")


class Context:
    """Cue questions about triggers of one text (matching form + word spans + sentence bounds)."""

    def __init__(self, text: str, words: list[tuple[int, int]]) -> None:
        self.text = text
        self.words = words
        self.c = cues()
        self._starts = [w[0] for w in words]
        self._ends = [w[1] for w in words]
        self._reported: dict[tuple[int, int], bool] = {}

    def word_count(self, a: int, b: int) -> int:
        """Words in ``text[a:b]``, a word cut by ``a`` or ``b`` included: the word spans
        that overlap it (those starting before ``b`` less those ending by ``a``)."""
        return bisect_left(self._starts, b) - bisect_right(self._ends, a) if b > a else 0

    def before(
        self, hit: Hit, n: int, floor: int, clause: bool = True, marks: re.Pattern[str] = _PUNCT
    ) -> tuple[int, int]:
        """Span of up to ``n`` words before the trigger, not before ``floor`` (sentence start),
        nor before the last of ``marks`` (and, with ``clause``, of the clause breaks)."""
        first = self.words[max(0, hit.word - n)][0] if n else hit.mstart
        lo = max(floor, first)
        hi = hit.mstart - len(hit.prefix)
        window = self.text[lo:hi]
        cut = max((m.end() for m in marks.finditer(window)), default=0)
        if clause:
            cut = max(cut, max((m.end() for m in self.c.clause_break.finditer(window)), default=0))
        return lo + cut, hi

    def after(self, hit: Hit, n: int, ceil: int) -> tuple[int, int]:
        last = self.words[min(len(self.words) - 1, hit.word + n)][1]
        lo = hit.mend + len(hit.suffix)
        hi = max(lo, min(ceil, last))
        window = self.text[lo:hi]
        m = _PUNCT.search(window)
        return lo, lo + m.start() if m else hi

    def _search(self, pat: re.Pattern[str], span: tuple[int, int]) -> bool:
        return span[1] > span[0] and pat.search(self.text, span[0], span[1]) is not None

    def negated(self, hit: Hit, floor: int) -> bool:
        if self._search(self.c.negation, self.before(hit, self.c.negation_window, floor)):
            return True
        return self._search(
            self.c.denial, self.before(hit, self.c.denial_window, floor, clause=False)
        )

    def planned(self, hit: Hit, floor: int, ceil: int) -> bool:
        if "س" in hit.prefix and hit.pos == "present":
            return True
        # "من المقرر أن يلتقي": the cue governs the clause it opens
        span = self.before(hit, self.c.planned_window, floor, clause=False)
        if self._search(self.c.planned, span):
            # "قرر الاتحاد تعليق عضوية النيجر": a decision to sanction is the sanction
            direct = hit.pos == "noun" and hit.entry.type in self.c.decision_types
            cue_words = [x.group() for x in self.c.planned.finditer(self.text, *span)]
            if not (direct and all(self.c.decided.fullmatch(w) for w in cue_words)):
                return True
        return hit.pos == "noun" and self._search(
            self.c.planned_after, self.after(hit, self.c.planned_after_window, ceil)
        )

    def hypothetical(self, hit: Hit, floor: int) -> bool:
        span = self.before(hit, self.c.hypothetical_window, floor, clause=False)
        if self._search(self.c.hypothetical, span):
            return True
        return hit.pos == "present" and self._search(
            self.c.present_only, self.before(hit, 2, floor)
        )

    def reported(self, floor: int, ceil: int) -> bool:
        """Whether the sentence ``floor:ceil`` reports speech (asked once per sentence)."""
        found = self._reported.get((floor, ceil))
        if found is None:
            found = self._reported[floor, ceil] = self._search(self.c.reported, (floor, ceil))
        return found

    def background(self, hit: Hit, floor: int) -> bool:
        return self._search(
            self.c.background, self.before(hit, self.c.background_window, floor, clause=False)
        )

    def label(self, hit: Hit, floor: int) -> int | None:
        """Where a word that names what something is stands before an indefinite noun trigger
        ("إن انضمام فنلندا «اعتداء»"، "يعتبر الضربة عدواناً"), if one does."""
        if hit.pos != "noun" or hit.prefix.endswith(("ال", "لل")):
            return None
        # quotation marks may stand between ("يعتبر الضربة «عدواناً»"); a comma may not
        lo, hi = self.before(hit, self.c.label_window, floor, clause=False, marks=_CLAUSE_MARK)
        found = list(self.c.label.finditer(self.text, lo, hi)) if hi > lo else []
        return found[-1].start() if found else None

    def date_offset(self, hit: Hit, floor: int) -> tuple[int, int] | None:
        """(start of the cue, days) when a cue before the trigger dates it from its clause's
        date: "بعد يومين من الهجوم" (-2), "غداة يوم دامٍ قتلت فيه" (-1)."""
        lo, hi = self.before(hit, self.c.date_offset_window, floor)
        found = list(self.c.date_offset.finditer(self.text, lo, hi)) if hi > lo else []
        if not found:
            return None
        m = found[-1]
        return m.start(), self.c.date_offset_days[" ".join(m.group().split())]

    def prior(self, hit: Hit, floor: int) -> bool:
        """Whether a noun trigger is the object of a word that acts on an earlier event
        ("قبل البرلمان استقالة الرئيس"): its clause's date is not its own."""
        if hit.pos != "noun":
            return False
        lo, hi = self.before(hit, 2, floor, clause=False)
        found = self.c.prior_heads.finditer(self.text, lo, hi)
        return any(not self.text[m.end() : hi].strip() for m in found)

    def _joint(self, hit: Hit) -> bool:
        """Whether a joint word follows the trigger ("فريق تفتيش مشترك"): a joint body at work."""
        if hit.entry.type not in self.c.joint_types:
            return False
        m = self.c.joint.match(self.text, hit.mend + len(hit.suffix) + 1)
        return m is not None and self.text[hit.mend + len(hit.suffix)].isspace()

    def not_event(self, hit: Hit, floor: int) -> bool:
        """A purpose clause, a named plan or topic, or a noun inside a name or title."""
        clitics = hit.prefix[:-2] if hit.prefix.endswith("ال") else hit.prefix
        if "ل" in clitics:
            # لـ + masdar/verb is a purpose ("لدعم"), unless the verb before takes لـ
            # ("تعرض الميناء لضربة")
            return not self._search(
                self.c.lam_verbs, self.before(hit, 6, floor)
            )  # لـ + masdar/verb: purpose ("لدعم"، "للاحتجاج"، "ليدعم")
        if self._search(self.c.not_event, self.before(hit, self.c.not_event_window, floor)):
            return True
        if self._search(self.c.terms, self.before(hit, self.c.terms_window, floor)):
            return True  # "ينص على تسهيل وصول المساعدات": a term of an agreement
        if hit.pos == "noun" and hit.prefix in ("", "ال") and hit.word > 0:
            ps, pe = self.words[hit.word - 1]
            if pe >= floor and self.text[pe : hit.mstart - len(hit.prefix)].strip() == "":
                # an idafa head is indefinite in form: "قوات الدعم"، "لجنة التحقيق"
                prev = self.text[ps:pe]
                if prev in self.c.name_heads or (
                    prev[:1] in "وفبل" and prev[1:] in self.c.name_heads
                ):
                    return not self._joint(hit)
        return False
