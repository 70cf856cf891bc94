"""Clitics never break matching and never enter a span."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from span_words import SPAN_WORDS
from waqai.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(["waqai.sentences.v1", "waqai.entities.v1"])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("عاد الوفد بالقاهرة بعد جولة طويلة.", [("القاهرة", "GPE", "EG")]),
        (
            "سافر الوزير إلى دمشق وموسكو الأسبوع الماضي.",
            [("دمشق", "GPE", "SY"), ("موسكو", "GPE", "RU")],
        ),
        ("وجهت الحكومة رسالة لروسيا بشأن الغاز.", [("روسيا", "GPE", "RU")]),
        ("وقال مصدر للكرملين إن اللقاء مفيد.", [("لكرملين", "ORG", "RU")]),
        ("وبالولايات المتحدة تتواصل الاحتجاجات.", [("الولايات المتحدة", "GPE", "US")]),
        ("وأكدت وزارة الدفاع الروسية وصول التعزيزات.", [("وزارة الدفاع الروسية", "ORG", "RU")]),
        ("ورحبت فرنسا والصين بالاتفاق.", [("فرنسا", "GPE", "FR"), ("الصين", "GPE", "CN")]),
        # ل + an indefinite noun: the preposition stays out ("لحكومة" is not "للحكومة")
        (
            "وجه الرئيس انتقادات لحكومة العراق ولحكومة لبنان.",
            [("حكومة العراق", "ORG", "IQ"), ("حكومة لبنان", "ORG", "LB")],
        ),
    ],
)
def test_entities_clitics_stay_outside_spans(
    nlp: Pipeline, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    doc = nlp(sentence, published="2022-01-13")
    got = [(e.text, e.type, e.country) for e in doc.entities if e.type != "NORP"]
    for item in expected:
        assert item in got
    for e in doc.entities:
        assert doc.text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    "sentence",
    [
        "وأضرم محتجون النار في بنوك ومحطات وقود.",  # banks, not ب + Nuuk
        "وارتفعت أسعار الأسهم في بنوك الخليج.",
    ],
)
def test_entities_a_common_word_is_no_clitic_before_a_rare_name(
    nlp: Pipeline, sentence: str
) -> None:
    doc = nlp(sentence, published="2022-01-13")
    assert [e.text for e in doc.entities if e.type in ("GPE", "LOC")] == [
        e for e in ("الخليج",) if e in sentence
    ]


def test_entities_model_span_drops_wa_before_a_common_word(nlp: Pipeline) -> None:
    doc = nlp(
        "أعلنت مملكة البحرين وجمهورية السودان قطع علاقاتهما مع إيران.", published="2016-01-04"
    )
    got = [(e.text, e.type, e.country) for e in doc.entities]
    assert ("جمهورية السودان", "GPE", "SD") in got
    assert all(not e.text.startswith("و") for e in doc.entities)


@pytest.mark.parametrize(
    ("word", "other", "expected"),
    [("جمهوريه", "وجمهوريه", True), ("بنوك", "نوك", True), ("ليد", "وليد", False)],
)
def test_entities_commoner_compares_general_frequency(
    word: str, other: str, expected: bool
) -> None:
    from waqai.entities.frequency import commoner

    assert commoner(word, other) is expected


def test_entities_name_of_a_lam_lam_span_restores_the_article(nlp: Pipeline) -> None:
    # "للحكومة" is ل + الحكومة with the alef dropped: the span keeps the article's ل,
    # and the entity's name is the citation form
    doc = nlp("قدم الاتحاد الدعم للحكومة الليبية في طرابلس.", published="2022-01-13")
    org = next(e for e in doc.entities if e.type == "ORG")
    assert (org.text, org.name, org.country) == ("لحكومة الليبية", "الحكومة الليبية", "LY")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*SPAN_WORDS, " ", "\n", "المنظمة"]), max_size=30))
def test_entities_spans_always_index_the_original(nlp: Pipeline, parts: list[str]) -> None:
    text = " ".join(parts)
    doc = nlp(text, published="2022-01-13")
    for e in doc.entities:
        assert text[e.start : e.end] == e.text
        assert e.text.strip() == e.text and e.text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("طردت السلطات الانتقالية في مالي السفير الفرنسي.", [("مالي", "ML")]),
        ("انسحبت آخر القوات الفرنسية من مالي أمس.", [("مالي", "ML")]),
        ("قال بيان إن حكومة مالي ترفض الاتهامات.", [("مالي", "ML")]),
        ("وصلت المساعدات إلى شمال مالي ووسط بنين.", [("مالي", "ML"), ("بنين", "BJ")]),
        ("تتواصل الاشتباكات بمالي منذ أسابيع.", [("مالي", "ML")]),
        ("وصل الرئيس إلى بنين في زيارة رسمية.", [("بنين", "BJ")]),
    ],
)
def test_entities_cued_country_names_after_a_place_cue(
    nlp: Pipeline, sentence: str, expected: list[tuple[str, str]]
) -> None:
    doc = nlp(sentence, now="2026-11-29")
    got = [(e.text, e.country) for e in doc.entities if e.country in {"ML", "BJ"}]
    assert got == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "قدمت الحكومة دعم مالي كبير للمزارعين.",
        "وقال المستشار المالي إن الشركة رابحة.",
        "تعاني البلاد من عجز مالي وإداري.",
        "أنجبت الأسرة ثلاثة بنين وبنتين.",
    ],
)
def test_entities_cued_country_names_stay_common_words(nlp: Pipeline, sentence: str) -> None:
    doc = nlp(sentence, now="2026-11-29")
    assert not [e for e in doc.entities if e.country in {"ML", "BJ"}]


def test_entities_model_span_splits_before_a_conjoined_known_name(nlp: Pipeline) -> None:
    # the model tags "فلاديمير بوتين ولوكاشينكو" as one name; لوكاشينكو stands alone later
    doc = nlp(
        "جرى اتصال هاتفي بين الرئيس الروسي فلاديمير بوتين ولوكاشينكو. وقال لوكاشينكو إن "
        "بلاده لن تستسلم.",
        published="2020-08-16",
    )
    people = [(e.text, e.entity_id) for e in doc.entities if e.type == "PER"]
    assert ("فلاديمير بوتين", "per:vladimir_putin") in people
    assert [t for t, _ in people].count("لوكاشينكو") == 2
    assert all(doc.text[e.start : e.end] == e.text for e in doc.entities)


def test_entities_a_person_span_ends_before_a_known_place() -> None:
    from waqai.entities.recognize import Mention, merge

    text = "وزار وزير الخارجية الصيني وانغ يي طهران أمس."
    s = text.index("وانغ")
    t = text.index("طهران")
    model = [Mention(s, t + len("طهران"), "PER", "model")]  # the model's "وانغ يي طهران"
    rules = [Mention(t, t + len("طهران"), "GPE", "rule")]
    got = [(text[m.start : m.end], m.type) for m in merge(text, rules, model)]
    assert got == [("وانغ يي", "PER"), ("طهران", "GPE")]


def test_entities_a_common_word_is_no_city_alone(nlp: Pipeline) -> None:
    # "الجزيرة" (the island) is also a GeoNames name of Algiers
    doc = nlp("وصلت بيلوسي إلى الجزيرة مساء الثلاثاء وسط تحذيرات صينية.", published="2022-08-03")
    assert not [e for e in doc.entities if e.country == "DZ"]
    doc = nlp("وصل الوفد إلى الجزائر العاصمة مساء الثلاثاء.", published="2022-08-03")
    assert [e.country for e in doc.entities if e.type == "GPE"] == ["DZ"]
