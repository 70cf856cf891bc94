"""The matching form: each rule on real Arabic words, and the offset map."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waqai.text.normalize import MatchText, normalize


@pytest.mark.parametrize(
    ("original", "expected", "rule"),
    [
        ("مُحَمَّدٌ", "محمد", "tashkeel removed"),
        ("الرَّئِيسُ", "الرئيس", "shadda, kasra and damma removed"),
        ("سياسيًا", "سياسيا", "tanwin removed"),
        ("الرحمٰن", "الرحمن", "dagger alef removed"),
        ("الـــرئيس", "الرئيس", "tatweel removed"),
        ("أحمد", "احمد", "alef with hamza above"),
        ("إسرائيل", "اسرائيل", "alef with hamza below"),
        ("آذار", "اذار", "alef madda"),
        ("ٱلله", "الله", "alef wasla"),
        ("مستشفى", "مستشفي", "alef maqsura to ya"),
        ("على", "علي", "alef maqsura in a particle"),
        ("الحكومة", "الحكومه", "ta marbuta to ha"),
        ("وزارة", "وزاره", "ta marbuta in a construct"),
        ("٢٠٢٢", "2022", "Arabic-Indic digits"),
        ("۱۴۰۱", "1401", "Persian digits"),
        ("کابل", "كابل", "Persian kaf"),
        ("ایران", "ايران", "Persian ya"),
        ("ﻻ", "لا", "lam-alef ligature (presentation form B)"),
        ("ﺍﻟﻘﺎﻫﺮﺓ", "القاهره", "presentation forms B folded"),
        ("ﷲ", "الله", "presentation form A ligature"),
        ("بغداد\u200c", "بغداد", "zero-width non-joiner dropped"),
        ("\u200fبيروت", "بيروت", "right-to-left mark dropped"),
        ("\u202bدمشق\u202c", "دمشق", "bidi embedding dropped"),
        ("عمّان\u200b", "عمان", "zero-width space dropped"),
        ("Ｇａｚａ", "Gaza", "fullwidth Latin folded"),
    ],
)
def test_normalize_rule(original: str, expected: str, rule: str) -> None:
    assert normalize(original) == expected, rule
    assert MatchText.of(original).text == expected


@pytest.mark.parametrize(
    ("original", "needle", "surface"),
    [
        ("قالَ الرَّئِيسُ الروسيُّ", "الرئيس", "الرَّئِيسُ"),
        ("وصل إلى الـقـاهـرة أمس", "القاهره", "الـقـاهـرة"),
        ("عام ٢٠٢٢م", "2022", "٢٠٢٢"),
        ("ﺍﻟﻘﺎﻫﺮﺓ مدينة", "القاهره", "ﺍﻟﻘﺎﻫﺮﺓ"),
        ("\u200fأعلنت\u200f الحكومة", "اعلنت", "أعلنت"),
    ],
)
def test_normalize_offsets_map_back_to_surface(original: str, needle: str, surface: str) -> None:
    m = MatchText.of(original)
    i = m.text.index(needle)
    s, e = m.to_original(i, i + len(needle))
    assert original[s:e] == surface


def test_normalize_identity_map_costs_nothing() -> None:
    m = MatchText.of("اعلنت الحكومه استقالتها")
    assert m.identity
    assert m.to_original(6, 13) == (6, 13)


def test_normalize_to_match_inverts_to_original() -> None:
    text = "قالَ الرَّئِيسُ"
    m = MatchText.of(text)
    assert m.text == "قال الرئيس"
    assert m.to_match(text.index("ا", 4)) == 4


@given(st.text())
def test_normalize_to_match_round_trips_character_starts(text: str) -> None:
    m = MatchText.of(text)
    for i in range(len(m.text)):
        s, _ = m.to_original(i, i + 1)
        j = m.to_match(s)
        assert m.to_original(j, j + 1)[0] == s


@given(st.text())
def test_normalize_spans_map_back_for_any_unicode(text: str) -> None:
    m = MatchText.of(text)
    n = len(m.text)
    assert m.text == normalize(text)
    for i in range(n):
        s, e = m.to_original(i, i + 1)
        assert 0 <= s < e <= len(text)
        # the original characters fold to the matching character (or contain it)
        assert m.text[i] in normalize(text[s:e])
    if n:
        s, e = m.to_original(0, n)
        assert normalize(text[s:e]) == m.text


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(alphabet=st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهوي 0123456789.،؟")))
def test_normalize_leaves_normal_text_unchanged(text: str) -> None:
    assert normalize(text) == text
    assert MatchText.of(text).identity


@given(st.text(), st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=50))
def test_normalize_any_span_is_monotonic(text: str, a: int, b: int) -> None:
    m = MatchText.of(text)
    n = len(m.text)
    a, b = sorted((min(a, n), min(b, n)))
    s, e = m.to_original(a, b)
    assert 0 <= s <= e <= len(text)
