"""Sentence segmentation on Arabic news text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waqai.text.segment import split_sentences


def _sents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "أعلنت الحكومة استقالتها. وفرضت حالة الطوارئ.",
            ["أعلنت الحكومة استقالتها.", "وفرضت حالة الطوارئ."],
        ),
        ("هل انتهت الأزمة؟ لا أحد يعرف!", ["هل انتهت الأزمة؟", "لا أحد يعرف!"]),
        ("عنوان الخبر\nنص الخبر الأول", ["عنوان الخبر", "نص الخبر الأول"]),
        ("ارتفع التضخم إلى 3.5 بالمئة هذا العام.", ["ارتفع التضخم إلى 3.5 بالمئة هذا العام."]),
        (
            'وقال الوزير: "انتهت المهمة. عادت القوات." ثم غادر.',
            ['وقال الوزير: "انتهت المهمة. عادت القوات."', "ثم غادر."],
        ),
        (
            "وقال «لن نتراجع. سنواصل» وغادر القاعة. ثم عاد.",
            ["وقال «لن نتراجع. سنواصل» وغادر القاعة.", "ثم عاد."],
        ),
        ("  مسافات قبل النص.  \n\n  وبعده.  ", ["مسافات قبل النص.", "وبعده."]),
        ("انتهى الاجتماع…ثم", ["انتهى الاجتماع…ثم"]),
        ("انتهى الاجتماع… ثم صدر البيان.", ["انتهى الاجتماع…", "ثم صدر البيان."]),
    ],
)
def test_segment_sentences(text: str, expected: list[str]) -> None:
    assert _sents(text) == expected


def test_segment_seed_article_lines(seed_text: str) -> None:
    sents = split_sentences(seed_text)
    # every line of the seed is at least one sentence; none crosses a line break
    assert len(sents) == 15
    for s in sents:
        assert "\n" not in seed_text[s.start : s.end]
    assert seed_text[sents[2].start : sents[2].end] == '"اكتمال المهمة"'


@given(st.text())
def test_segment_spans_are_ordered_trimmed_and_inside(text: str) -> None:
    prev = 0
    for s in split_sentences(text):
        assert prev <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        prev = s.end
