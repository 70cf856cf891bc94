"""Tokens with original spans, and clitic segmentation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waqai.text.normalize import MatchText
from waqai.text.tokenize import (
    clitic_analyses,
    default_analysis,
    segments,
    tokenize,
    without_conjunction,
)


def test_tokenize_words_numbers_punct() -> None:
    text = "وفي ٥ يناير، أعلنت الحكومةُ استقالتها."
    toks = tokenize(text)
    assert [t.text for t in toks] == [
        "وفي",
        "٥",
        "يناير",
        "،",
        "أعلنت",
        "الحكومةُ",
        "استقالتها",
        ".",
    ]
    assert [t.kind for t in toks][:3] == ["word", "num", "word"]
    assert toks[1].norm == "5"
    assert toks[5].norm == "الحكومه"
    for t in toks:
        assert text[t.start : t.end] == t.text


def test_tokenize_tatweel_does_not_split_words() -> None:
    assert [t.text for t in tokenize("الـرئيس")] == ["الـرئيس"]


def test_tokenize_decimal_numbers() -> None:
    assert [t.text for t in tokenize("نما 3.5 بالمئة")] == ["نما", "3.5", "بالمئة"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("بالقاهرة", [("ب", "proclitic"), ("ال", "article"), ("قاهرة", "stem")]),
        (
            "وبالقاهرة",
            [("و", "proclitic"), ("ب", "proclitic"), ("ال", "article"), ("قاهرة", "stem")],
        ),
        ("للرئيس", [("ل", "proclitic"), ("ل", "article"), ("رئيس", "stem")]),
        ("والحكومة", [("و", "proclitic"), ("ال", "article"), ("حكومة", "stem")]),
        ("فالقوات", [("ف", "proclitic"), ("ال", "article"), ("قوات", "stem")]),
        # no lexicon: a word without the article is not split
        ("وزارة", [("وزارة", "stem")]),
        ("الله", [("الله", "stem")]),
    ],
)
def test_tokenize_default_clitic_segments(word: str, expected: list[tuple[str, str]]) -> None:
    m = MatchText.of(word)
    tok = tokenize(word, m)[0]
    assert [(s.text, s.role) for s in segments(tok, m)] == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("وموسكو", "موسكو"),
        ("لروسيا", "روسيا"),
        ("بالقاهره", "قاهره"),
        ("وسيعلن", "يعلن"),
        ("كتابهم", "كتاب"),
        ("ورئيسها", "رئيس"),
        ("فاعتقالهم", "اعتقال"),
    ],
)
def test_tokenize_analyses_offer_the_stem(word: str, stem: str) -> None:
    forms = {f for a in clitic_analyses(word) for f in a.lookup_forms}
    assert stem in forms


def test_tokenize_analyses_list_unsplit_word_first() -> None:
    assert clitic_analyses("وزاره")[0].stem == "وزاره"
    assert default_analysis("وزاره").prefix == ""


def test_tokenize_segments_keep_diacritics_with_their_letters() -> None:
    word = "بِالقَاهِرَةِ"
    m = MatchText.of(word)
    segs = segments(tokenize(word, m)[0], m)
    assert "".join(s.text for s in segs) == word
    assert segs[-1].text == "قَاهِرَةِ"


@given(st.text())
def test_tokenize_spans_match_surface_for_any_text(text: str) -> None:
    m = MatchText.of(text)
    for tok in tokenize(text, m):
        assert text[tok.start : tok.end] == tok.text
        assert tok.start < tok.end
        for seg in segments(tok, m):
            assert text[seg.start : seg.end] == seg.text
            assert tok.start <= seg.start < seg.end <= tok.end


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("وفي", ("وفي", "في")),  # و + في, not و + ف + ي
        ("في", ("في",)),
        ("فيما", ("فيما", "يما")),  # both readings; callers test membership
        ("وإلى", ("وإلى", "إلى")),
        ("قال", ("قال",)),
    ],
)
def test_without_conjunction_strips_one_letter(word: str, forms: tuple[str, ...]) -> None:
    assert without_conjunction(word) == forms
