"""Span repairs after tagging (``waqai.entities.repair``): conjoined names split, names
that stop on a particle carried on, currencies tagged, and ``ner.tag_document`` handing
every document through them."""

from __future__ import annotations

import pytest

from waqai.entities import ner
from waqai.entities.features import cue_words
from waqai.entities.repair import (
    extend_particles,
    repair,
    split_conjoined,
    tag_currencies,
)
from waqai.text.normalize import normalize


def _words(text: str) -> list[str]:
    return [normalize(w) for w in text.split()]


@pytest.mark.parametrize(
    ("text", "tags", "repaired"),
    [
        # رايس is a known name word and ورايس is not: two people
        ("الرئيس جورج بوش ورايس", "O B-PER I-PER I-PER", "O B-PER I-PER B-PER"),
        ("انضم كانافارو وإيمرسون", "O B-PER I-PER", "O B-PER B-PER"),
        # وليد is itself a given name: one person
        ("قال محمد وليد", "O B-PER I-PER", "O B-PER I-PER"),
        # a gazetteer place after و: two places
        ("زار روسيا وبيلاروسيا", "O B-LOC I-LOC", "O B-LOC B-LOC"),
        # an organization's inner و stays: العلوم is a name word, but only persons use that
        (
            "منظمة الأمم المتحدة للتربية والعلوم والثقافة",
            "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG",
            "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG",
        ),
        # too short to be و + a name
        ("قال زيد وعد", "O B-PER I-PER", "O B-PER I-PER"),
    ],
)
def test_split_conjoined(text: str, tags: str, repaired: str) -> None:
    assert split_conjoined(_words(text), tags.split(), set()) == repaired.split()


def test_split_conjoined_at_a_word_that_stands_alone_elsewhere_in_the_document() -> None:
    first = _words("التقى ماركوس وكوفاريتش في المطار")
    second = _words("وقال كوفاريتش إن اللقاء كان وديا")
    tags = [["O", "B-PER", "I-PER", "O", "O"], ["O", "B-PER", "O", "O", "O", "O"]]
    assert repair([first, second], tags)[0] == ["O", "B-PER", "B-PER", "O", "O"]
    # without the second sentence nothing says كوفاريتش is a name of its own
    alone = [["O", "B-PER", "I-PER", "O", "O"]]
    assert repair([first], alone)[0] == ["O", "B-PER", "I-PER", "O", "O"]


@pytest.mark.parametrize(
    ("text", "tags", "repaired"),
    [
        ("أشاد ماركو فان باستن بالفريق", "O B-PER I-PER O O", "O B-PER I-PER I-PER O"),
        # particles in a row: the name runs on to the first word that is not one
        (
            "قال جان مارك دو لا سابليير أمس",
            "O B-PER I-PER I-PER O O O",
            "O B-PER I-PER I-PER I-PER I-PER O",
        ),
        ("وانتهز أبو جميل الفرصة", "O B-PER O O", "O B-PER I-PER O"),
        # a very common word after the particle is not part of the name
        ("ولى علي أبا عن أبيه", "O B-PER I-PER O O", "O B-PER I-PER O O"),
        # nor is punctuation
        ("جاء أبو .", "O B-PER O", "O B-PER O"),
        # only persons
        ("مطار بن غوريون", "B-LOC I-LOC O", "B-LOC I-LOC O"),
    ],
)
def test_extend_particles(text: str, tags: str, repaired: str) -> None:
    assert extend_particles(_words(text), tags.split()) == repaired.split()


@pytest.mark.parametrize(
    ("text", "tags", "repaired"),
    [
        # bare, accusative after a number, with the article; written with hamza or without
        ("بلغت الصفقة مليار دولار", "O O O O", "O O O B-MISC"),
        ("دفع 300 دولارا", "O O O", "O O B-MISC"),
        ("ارتفع سعر اليورو أمام الجنيه المصري", "O O O O O O", "O O B-MISC O B-MISC O"),
        ("خمسة آلاف ليرة", "O O O", "O O B-MISC"),
        # a currency already inside a name is left alone; Real Madrid is no currency
        ("جائزة الدولار الذهبي", "B-MISC I-MISC I-MISC", "B-MISC I-MISC I-MISC"),
        ("فاز ريال مدريد", "O B-ORG I-ORG", "O B-ORG I-ORG"),
        ("فاز ريال", "O O", "O O"),
        # with a clitic the token is another word: left to the tagger
        ("وبالدولار", "O", "O"),
    ],
)
def test_tag_currencies(text: str, tags: str, repaired: str) -> None:
    assert tag_currencies(_words(text), tags.split()) == repaired.split()


def test_currencies_are_matching_forms_without_ambiguous_names() -> None:
    names = cue_words("currencies")
    assert {"دولار", "الدولار", "دولارا", "جنيه", "ليره", "الروبيه"} <= names
    assert all(normalize(w) == w for w in names)
    assert not names & {"ريال", "يوان", "مارك", "ين"}


def test_tag_document_repairs_what_the_tagger_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    words = _words("انضم كانافارو وإيمرسون إلى ماركو فان باستن")
    monkeypatch.setattr(
        ner, "_tag", lambda sentences: [["O", "B-PER", "I-PER", "O", "B-PER", "I-PER", "O"]]
    )
    assert ner.tag_document([(words, [""] * len(words), words)]) == [
        ["O", "B-PER", "B-PER", "O", "B-PER", "I-PER", "I-PER"]
    ]
