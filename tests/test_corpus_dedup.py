"""Near-duplicate detection: shingles, signatures, groups."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from waqai.corpus.dedup import NUM_PERM, group_duplicates, shingles, signature, similarity

STORY = (
    "قال مسؤول في وزارة الخارجية إن المحادثات بين الجانبين ستستأنف الأسبوع المقبل في جنيف بعد"
    " توقف دام ثلاثة أشهر بسبب الخلاف على جدول الأعمال. وأضاف أن الوفدين سيبحثان ملفات الأسرى"
    " والمساعدات الإنسانية وفتح المعابر الحدودية، معربا عن أمله في التوصل إلى اتفاق قبل نهاية العام."
)
OTHER = (
    "ارتفعت أسعار النفط في التعاملات الآسيوية صباح اليوم مدعومة بتوقعات تراجع المخزونات الأمريكية"
    " وتخفيضات الإنتاج التي أعلنتها الدول المصدرة، فيما تراقب الأسواق بيانات التضخم المرتقبة."
)


def test_corpus_shingles_use_the_matching_form() -> None:
    assert shingles("قالَ الرئيسُ إنّ") == shingles("قال الرئيس إن")
    assert shingles("أحمد") == {"احمد".encode()}
    assert shingles("  ") == set()


def test_corpus_signature_is_reproducible() -> None:
    sig = signature(STORY)
    assert len(sig) == 4 * NUM_PERM
    assert signature(STORY) == sig
    assert similarity(sig, signature(STORY)) == 1.0


def test_corpus_similarity_reposts_vs_other_stories() -> None:
    repost = (
        "عاجل | استئناف المحادثات في جنيف\n"
        + STORY.replace("ثلاثة أشهر", "3 أشهر")
        + "\nتابعونا على تويتر"
    )
    assert similarity(signature(STORY), signature(repost)) > 0.6
    assert similarity(signature(STORY), signature(OTHER)) < 0.1


def _corpus() -> list[tuple[str, bytes, str | None]]:
    texts = {
        "s1": STORY,
        "s2": "جنيف (أ ف ب) - " + STORY,
        "s3": STORY.replace("الأسبوع المقبل", "يوم الاثنين") + " المصدر: وكالات.",
        "o1": OTHER,
        "o2": OTHER + " (رويترز)",
        "x": "نص قصير آخر لا علاقة له بأي من القصتين السابقتين على الإطلاق.",
    }
    pub = {"s1": "2020-01-02", "s2": "2020-01-01", "s3": None, "o1": None, "o2": None, "x": None}
    return [(k, signature(v), pub[k]) for k, v in texts.items()]


def test_corpus_group_duplicates() -> None:
    groups = {g.members: g for g in group_duplicates(_corpus())}
    assert set(groups) == {("s1", "s2", "s3"), ("o1", "o2"), ("x",)}
    assert groups[("s1", "s2", "s3")].canonical_id == "s2"  # published first
    assert groups[("o1", "o2")].canonical_id == "o1"  # no dates: smallest id
    assert groups[("x",)].group_id == "x"


@settings(max_examples=20, deadline=None)
@given(st.randoms(use_true_random=False))
def test_corpus_group_duplicates_order_independent(rnd: random.Random) -> None:
    docs = _corpus()
    shuffled = docs[:]
    rnd.shuffle(shuffled)
    assert group_duplicates(shuffled) == group_duplicates(docs)


def test_corpus_group_duplicates_without_signature() -> None:
    groups = group_duplicates([("a", None, None), ("b", signature(STORY), None)])
    assert [g.members for g in groups] == [("a",), ("b",)]
