"""Properties of the dates stage over arbitrary text: it never raises, spans are exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from waqai.document import Document
from waqai.time.component import annotate

WORDS = [
    "اليوم", "أمس", "الخميس", "13", "١٣", "يناير", "/", "كانون الثاني", "الجاري", "الماضي",
    "المقبل", "رمضان", "1438", "هـ", "الموافق", "قبل", "ثلاثة", "أيام", "لمدة", "الساعة",
    "الثالثة", "عصراً", "من", "إلى", "بين", "و", "،", "(", ")", "-", "2022", "م", "مطلع",
    "العام", "كل", "جمعة", "ـ", "\u064b", "\u200f", "\n", "ﻻ", "الحادي عشر", "شهر", "31", "29", "فبراير", "30", "ذو الحجة", "يوم", "الاثنين", "/", "2/30/2022",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.sampled_from([" ", "", "  "]))
def test_time_spans_exact_on_date_like_text(words: list[str], sep: str) -> None:
    doc = Document(text=sep.join(words))
    doc.now = "2026-11-29"
    annotate(doc)
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text and t.start < t.end
    ends = [t.end for t in doc.timexes]
    starts = [t.start for t in doc.timexes]
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))
    ev = doc.published.evidence
    assert ev is None or doc.text[ev.start : ev.end] == ev.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_time_never_raises_on_any_text(text: str) -> None:
    doc = Document(text=text)
    doc.now = "2026-11-29"
    annotate(doc)
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
