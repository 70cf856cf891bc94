"""Who said what: direct quotes and their speakers, on documents with hand-set entities."""

from __future__ import annotations

import pytest

from waqai.document import Document, Entity
from waqai.quotes.extract import extract_quotes
from waqai.text.segment import split_sentences


def make_doc(text: str, entities: list[tuple[str, str, str]]) -> Document:
    """Entities (text, type, entity_id) at every occurrence of each string."""
    doc = Document(text)
    doc.sentences = split_sentences(text)
    n = 0
    for s, typ, eid in entities:
        i = text.find(s)
        while i >= 0:
            doc.entities.append(Entity(f"t{n}", i, i + len(s), s, typ, eid))
            n += 1
            i = text.find(s, i + 1)
    doc.entities.sort(key=lambda e: e.start)
    return doc


SHOUKRY = [
    ("وزير الخارجية", "PER", "per:shoukry"),
    ("سامح شكري", "PER", "per:shoukry"),
    ("شكري", "PER", "per:shoukry"),
]


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        # reporting verb + title + name: the speaker span covers both
        (
            "وقال وزير الخارجية سامح شكري إن «الحل السياسي هو الطريق الوحيد».",
            SHOUKRY[:2],
            [("الحل السياسي هو الطريق الوحيد", "وزير الخارجية سامح شكري", "قال")],
        ),
        # "وأضاف X أنّ ..." with straight quotes
        (
            'وأضاف شكري أنّ "مصر لن تقبل بأي تهديد لأمنها المائي".',
            SHOUKRY[2:],
            [("مصر لن تقبل بأي تهديد لأمنها المائي", "شكري", "أضاف")],
        ),
        # a verb without an expressed subject: the previous speaker
        (
            "وقال شكري: إن «المفاوضات متعثرة».\nوأضاف أن “الاتصالات مستمرة مع جميع الأطراف”.",
            SHOUKRY[2:],
            [
                ("المفاوضات متعثرة", "شكري", "قال"),
                ("الاتصالات مستمرة مع جميع الأطراف", "شكري", "أضاف"),
            ],
        ),
        # after a colon without quotation marks
        (
            "وقال المتحدث باسم الحكومة: الوضع تحت السيطرة تماما",
            [],
            [("الوضع تحت السيطرة تماما", "المتحدث باسم الحكومة", "قال")],
        ),
        # the quote first, the attribution after it
        (
            "«لن نتراجع عن قرارنا»، قالت رئيسة الوزراء في مؤتمر صحفي.",
            [("رئيسة الوزراء", "PER", "per:pm")],
            [("لن نتراجع عن قرارنا", "رئيسة الوزراء", "قالت")],
        ),
        # a short quoted phrase attributed to the subject of the sentence
        (
            "وتوعد رئيس الوزراء الإسرائيلي بـ«انتقام قوي».",
            [("رئيس الوزراء الإسرائيلي", "PER", "per:pm")],
            [("انتقام قوي", "رئيس الوزراء الإسرائيلي", None)],
        ),
        # a statement as the source
        (
            "وجاء في البيان الختامي: «ستتخذ القمة كل الإجراءات اللازمة».",
            [],
            [("ستتخذ القمة كل الإجراءات اللازمة", "البيان الختامي", "البيان")],
        ),
        # "نقلت الوكالة عن X": X is the speaker, not the agency
        (
            "ونقلت وكالة الأنباء الرسمية عن وزير الخارجية قوله إن «الحوار هو الحل».",
            [("وزير الخارجية", "PER", "per:fm")],
            [("الحوار هو الحل", "وزير الخارجية", "نقلت")],
        ),
        # a quoted title with nobody to attribute it to is not a quote
        ('"اكتمال المهمة"\nانسحبت القوات من المدينة.', [], []),
    ],
)
def test_quotes_speaker_attribution(
    text: str, entities: list[tuple[str, str, str]], expected: list[tuple[str, str, str | None]]
) -> None:
    quotes = extract_quotes(make_doc(text, entities))
    got = [
        (q.text, q.speaker.text if q.speaker else None, q.verb.text if q.verb else None)
        for q in quotes
    ]
    assert got == expected
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text


def test_quotes_speaker_keeps_entity_id() -> None:
    doc = make_doc("وقال وزير الخارجية سامح شكري إن «الحل سياسي».", SHOUKRY[:2])
    (q,) = extract_quotes(doc)
    assert q.speaker is not None and q.speaker.entity_id == "per:shoukry"


def test_quotes_a_verb_in_a_relative_clause_is_not_the_report() -> None:
    text = (
        'وأكد المتحدث بيسكوف أن خيرسون، التي أعلنت موسكو ضمها في سبتمبر، "لا تزال جزءا من روسيا". '
        "وأضاف: «لا توجد تغييرات»."
    )
    doc = make_doc(
        text,
        [
            ("بيسكوف", "PER", "per:peskov"),
            ("خيرسون", "GPE", "gpe:kherson"),
            ("موسكو", "GPE", "gpe:RU"),
        ],
    )
    assert [q.speaker.entity_id for q in extract_quotes(doc) if q.speaker] == [
        "per:peskov",
        "per:peskov",
    ]


def test_quotes_a_subjectless_verb_takes_the_last_reporter_even_without_quotes() -> None:
    text = (
        "وقال البيت الأبيض: «المطرودون ضباط استخبارات». "
        "وأعلن رئيس المجلس دونالد توسك أن 14 دولة قررت طرد دبلوماسيين. "
        "وأضاف: «لا يستبعد اتخاذ إجراءات أخرى»."
    )
    doc = make_doc(
        text, [("البيت الأبيض", "ORG", "org:white_house"), ("دونالد توسك", "PER", "per:tusk")]
    )
    assert [q.speaker.entity_id for q in extract_quotes(doc) if q.speaker] == [
        "org:white_house",
        "per:tusk",
    ]


def test_quotes_a_relative_clause_that_opens_the_quote_is_its_antecedents() -> None:
    text = "والتقت بيلوسي أمس الرئيسة تساي إنغ وين، التي قالت: «لن تتراجع تايوان»."
    doc = make_doc(
        text, [("بيلوسي", "PER", "per:pelosi"), ("الرئيسة تساي إنغ وين", "PER", "per:tsai")]
    )
    assert [q.speaker.entity_id for q in extract_quotes(doc) if q.speaker] == ["per:tsai"]


def test_quotes_an_agency_relaying_a_statement_is_not_its_speaker() -> None:
    text = "وقال النائب العام في بيان نقلته وكالة الأنباء الرسمية إن «التحقيقات جارية»."
    doc = make_doc(
        text,
        [("النائب العام", "PER", "per:prosecutor"), ("وكالة الأنباء الرسمية", "ORG", "org:spa")],
    )
    assert [q.speaker.entity_id for q in extract_quotes(doc) if q.speaker] == ["per:prosecutor"]


@pytest.mark.parametrize(
    "text",
    [
        # the verb's subject is not expressed: a participle, a preposition or a colon follows
        "وجمع لوكاشينكو آلافاً من أنصاره في ساحة الاستقلال. وقال مخاطباً الحشد: «دعوتكم إلى هنا».",
        "وبرر لوكاشينكو قراره باتهام المعارضة بالتآمر، وقال في خطابه: «لن نسلم البلاد».",
    ],
)
def test_quotes_a_subjectless_verb_speaks_for_the_subject_before(text: str) -> None:
    doc = make_doc(
        text,
        [("لوكاشينكو", "PER", "per:lukashenko"), ("المعارضة", "ORG", "org:opposition")],
    )
    assert [q.speaker.entity_id for q in extract_quotes(doc) if q.speaker] == ["per:lukashenko"]


def test_quotes_a_subjectless_verb_after_an_unknown_subject_of_a_verb_before() -> None:
    # غولن is no entity here: the bare subject of نفى speaks, not the country named before
    text = "وطالبت أنقرة واشنطن بتسليمه. في المقابل، نفى غولن أي صلة له، وقال في بيان: «أدين ذلك»."
    doc = make_doc(text, [("أنقرة", "GPE", "gpe:TR"), ("واشنطن", "GPE", "gpe:US")])
    (q,) = extract_quotes(doc)
    assert q.speaker is not None and q.speaker.text.startswith("غولن")


def test_quotes_a_place_after_wa_fi_never_speaks() -> None:
    # "وفي واشنطن،" is a place: the speaker is who wrote, the subject of the verbs before
    text = (
        "وفي واشنطن، أعلن وزير الخارجية الأمريكي مايك بومبيو دعم بلاده للمحتجين، "
        'وكتب على تويتر مخاطبا الإيرانيين: "الولايات المتحدة معكم".'
    )
    doc = make_doc(
        text,
        [
            ("واشنطن", "GPE", "gpe:US:4140963"),
            ("وزير الخارجية الأمريكي مايك بومبيو", "PER", "per:pompeo"),
        ],
    )
    (q,) = extract_quotes(doc)
    assert (q.text, q.speaker.text) == (
        "الولايات المتحدة معكم",
        "وزير الخارجية الأمريكي مايك بومبيو",
    )


def test_quotes_bayn_with_a_pronoun_is_among_not_a_reporting_verb() -> None:
    text = (
        "وقال المحافظ علي رضا مرحمتي إن تسعة أشخاص، بينهم أربعة أطفال، قُتلوا في القصف، "
        'مضيفاً أنهم "جميعاً من غير الإيرانيين".'
    )
    doc = make_doc(text, [("علي رضا مرحمتي", "PER", "per:marhamati")])
    (q,) = extract_quotes(doc)
    assert (q.speaker.text, q.verb.text) == ("المحافظ علي رضا مرحمتي", "قال")


@pytest.mark.parametrize(
    ("text", "entities", "speaker", "verb"),
    [
        # the subject of a pluperfect stands between كان and قد
        (
            "وكان الرئيس رجب طيب أردوغان قد وصف السبت الحكومة الهولندية بأنها «بقايا النازية».",
            [
                ("الرئيس رجب طيب أردوغان", "PER", "per:erdogan"),
                ("الحكومة الهولندية", "ORG", "org:nl"),
            ],
            "الرئيس رجب طيب أردوغان",
            "وصف",
        ),
        # a verb marked plural has its subject before it
        (
            'وقال أكار إن المسؤولين الروس أبلغوا أنقرة بأنه "لا علاقة لهم" بالهجوم.',
            [("أكار", "PER", "per:akar"), ("أنقرة", "GPE", "gpe:TR:323786")],
            "المسؤولين",  # no nisba entity here to extend it
            "أبلغوا",
        ),
        # addressing a crowd is speech
        (
            "وخاطب الرئيس عمر البشير أنصاره قائلا: «لن نتفاوض مع هؤلاء».",
            [("الرئيس عمر البشير", "PER", "per:bashir")],
            "الرئيس عمر البشير",
            "خاطب",
        ),
    ],
)
def test_quotes_subjects_before_their_verb_and_more_verbs(
    text: str, entities: list[tuple[str, str, str]], speaker: str, verb: str
) -> None:
    (q,) = extract_quotes(make_doc(text, entities))
    assert (q.speaker.text, q.verb.text) == (speaker, verb)
