"""The trigger lexicon: generated inflections, clitics and whole-word matching."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waqai.document import Document
from waqai.events.coder import code_events
from waqai.events.lexicon import lexicon, noun_forms, verb_forms, words
from waqai.text.segment import split_sentences


def test_events_verb_forms_cover_persons_and_tenses() -> None:
    forms = {f for f, _ in verb_forms("اعتقل/يعتقل")}
    assert {"اعتقل", "اعتقلت", "اعتقلوا", "يعتقل", "تعتقل", "يعتقلون", "نعتقل"} <= forms
    tenses = dict(verb_forms("انسحب/ينسحب"))
    assert tenses["انسحبت"] == "past" and tenses["تنسحب"] == "present"


def test_events_noun_forms_add_construct_state() -> None:
    assert noun_forms("استقالة") == [("استقاله", "noun"), ("استقالت", "construct")]
    assert noun_forms("انسحاب") == [("انسحاب", "noun")]


def hits(text: str) -> list[tuple[str, str, str, str]]:
    doc = Document(text)
    mt = doc.match
    out = []
    for h in lexicon().find(mt.text, words(mt.text)):
        s, e = mt.to_original(h.mstart, h.mend)
        out.append((doc.text[s:e], h.entry.type, h.prefix, h.suffix))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بدأت القوات بالانسحاب", [("انسحاب", "RETREAT", "بال", "")]),
        ("أعلنت الحكومة استقالتها", [("استقالت", "RETREAT", "", "ها")]),
        ("واعتقلت الشرطة ناشطين", [("اعتقلت", "COERCE", "و", "")]),
        ("أجرى اتصالًا هاتفيًا مع نظيره", [("اتصالًا هاتفيًا", "CONSULT", "", "")]),
        ("تلاها فرض حالة الطوارئ في البلاد", [("فرض حالة الطوارئ", "COERCE", "", "")]),
        ("وحمّل الرئيس سلفه مسؤولية الأزمة", [("حمّل", "ACCUSE", "و", "")]),
        # وزارة is not و + زار + ة, and a bare mention of حمل is not an accusation
        ("أعلنت وزارة الدفاع عن حمل السلاح", []),
    ],
)
def test_events_lexicon_finds_whole_words_with_clitics(
    text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert hits(text) == expected


def test_events_lexicon_prefers_the_longest_trigger() -> None:
    # "وقف إطلاق النار" (ceasefire) wins over "إطلاق النار" (firing)
    assert [t for _, t, _, _ in hits("أعلن الطرفان وقف إطلاق النار")] == ["RETREAT"]


ARABIC_WORDS = [
    "انسحاب",
    "القوات",
    "واعتقلت",
    "الشرطة",
    "احتجاجات",
    "في",
    "بالانسحاب",
    "«قال»",
    "اليوم",
    "هجوم",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([*ARABIC_WORDS, "، ", ". ", "\n", "ـ", "ً"]), min_size=1, max_size=30)
)
def test_events_spans_point_into_the_original_text(parts: list[str]) -> None:
    text = " ".join(parts)
    doc = Document(text)
    doc.sentences = split_sentences(text)
    for e in code_events(doc):
        for span in [e.trigger, *e.mentions]:
            assert text[span.start : span.end] == span.text
        assert not e.trigger.text.startswith(("و", "ب")) or e.trigger.text in ("وقف إطلاق النار",)
        for p in (e.actor, e.recipient):
            if p is not None:
                assert text[p.start : p.end] == p.text
