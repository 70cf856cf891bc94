"""Quote attribution on sentences written for these tests: institutions, quoted names,
participles (قائلاً، مضيفاً), a quote before its verb, several sentences in one quote."""

from __future__ import annotations

from functools import cache

import pytest

from waqai.document import Document
from waqai.pipeline import Pipeline


@cache
def _doc(text: str) -> Document:
    return Pipeline()(text, published="2024-03-10")


#: (sentence, how the quote starts, a part of its speaker's span)
CASES = [
    (
        'وقالت "جبهة التناوب والوفاق في تشاد" المتمردة في بيان: «قواتنا تتقدم نحو العاصمة».',
        "قواتنا تتقدم",
        "جبهة التناوب",
    ),
    ('قال قصر الإليزيه في بيان: "الرئيس يدين الهجوم بشدة".', "الرئيس يدين", "قصر الإليزيه"),
    ('وقالت الجبهة في بيان إن "قواتنا سيطرت على المدينة".', "قواتنا سيطرت", "الجبهة"),
    ("«لن نتراجع عن مطالبنا»، قال زعيم المعارضة محمد علي.", "لن نتراجع", "محمد علي"),
    ("ودعا الوزير إلى الهدوء قائلاً: «الحوار هو الحل الوحيد».", "الحوار هو", "الوزير"),
    ("وتابع الرئيس: «سنواصل العمل من أجل السلام».", "سنواصل العمل", "الرئيس"),
    (
        "وقال وزير الخارجية سامح شكري: «مصر لن تقبل بأي تهديد لأمنها. سنتخذ كل الإجراءات اللازمة».",
        "مصر لن تقبل",
        "سامح شكري",
    ),
    (
        "ونقلت وكالة رويترز عن مسؤول أمريكي قوله إن «الضربات كانت ضرورية».",
        "الضربات كانت",
        "مسؤول أمريكي",
    ),
    (
        'وأكد المتحدث باسم الجيش أن "العمليات مستمرة"، مضيفاً أن "القوات تقدمت في عدة محاور".',
        "القوات تقدمت",
        "المتحدث باسم الجيش",
    ),
    ('"لا تراجع عن قرارنا"، هكذا قال رئيس الوزراء في كلمة متلفزة.', "لا تراجع", "رئيس الوزراء"),
    (
        'بحسب ما قال الناطق باسم الحكومة، فإن "المفاوضات وصلت إلى طريق مسدود".',
        "المفاوضات وصلت",
        "الناطق باسم الحكومة",
    ),
    (
        'وقالت منظمة العفو الدولية في تقرير لها إن "السلطات اعتقلت مئات الناشطين".',
        "السلطات اعتقلت",
        "منظمة العفو الدولية",
    ),
    (
        'وأعلن "تجمع المهنيين السودانيين" في بيان: «الإضراب مستمر حتى إسقاط الانقلاب».',
        "الإضراب مستمر",
        "تجمع المهنيين",
    ),
    (
        "وقال مصدر عسكري لوكالة فرانس برس، طالبا عدم كشف هويته: «القوات تستعد لهجوم واسع».",
        "القوات تستعد",
        "مصدر عسكري",
    ),
    (
        'وقالت الحكومة الإثيوبية في بيان إن "جبهة تحرير شعب تيغراي" هاجمت مواقع الجيش، مضيفة: «سنرد بحزم».',
        "سنرد بحزم",
        "الحكومة الإثيوبية",
    ),
]


@pytest.mark.parametrize(("text", "start", "speaker"), CASES, ids=lambda x: str(x)[:30])
def test_quotes_speaker_unseen(text: str, start: str, speaker: str) -> None:
    got = [(q.text, q.speaker.text if q.speaker else None) for q in _doc(text).quotes]
    assert any(t.startswith(start) and s and speaker in s for t, s in got), got


def test_quotes_quoted_name_is_not_a_quote() -> None:
    doc = _doc('وأعلنت "حركة العدل والمساواة" في بيان: «لن نشارك في المفاوضات».')
    assert [q.text for q in doc.quotes] == ["لن نشارك في المفاوضات"]


def test_quotes_name_in_marks_before_a_verb_is_not_a_quote() -> None:
    doc = _doc('وقالت الحكومة إن "جبهة تحرير شعب تيغراي" هاجمت مواقع الجيش.')
    assert doc.quotes == []
