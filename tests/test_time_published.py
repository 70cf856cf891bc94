"""Inferring the document date from the text (``published.source == "inferred"``)."""

from __future__ import annotations

import re

import pytest

from waqai.document import Document, Published
from waqai.time.component import annotate


def _run(text: str, published: str | None = None, now: str = "2026-11-29") -> Document:
    doc = Document(text=text)
    doc.now = now
    if published:
        doc.published = Published(published, "given", None)
    annotate(doc)
    return doc


@pytest.mark.parametrize(
    ("text", "value", "evidence"),
    [
        (
            "بدأت القوات بالانسحاب اعتبارًا من اليوم الخميس 13 يناير الجاري من كازاخستان.",
            "2022-01-13",
            "اليوم الخميس 13 يناير الجاري",
        ),
        (
            "قال الوزير أمس الأربعاء 12 يناير إن المفاوضات وصلت إلى طريق مسدود.",
            "2022-01-13",
            "أمس الأربعاء 12 يناير",
        ),
        (
            "القاهرة - 5 مارس 2023 (رويترز) - أعلنت الحكومة المصرية عن خطة جديدة للدعم.",
            "2023-03-05",
            "5 مارس 2023",
        ),
        (
            "موسكو (وكالات) - أعلن الكرملين يوم الاثنين 25 أكتوبر أن الرئيس سيزور الصين.",
            "2021-10-25",
            "يوم الاثنين 25 أكتوبر",
        ),
        (
            "أعلنت الحكومة اليوم السبت 4 نوفمبر عن إجراءات تقشف جديدة.",
            "2023-11-04",
            "اليوم السبت 4 نوفمبر",
        ),
        (
            "بيروت، الخميس 17 تشرين الأول 2019 (أ ف ب) - خرج آلاف المتظاهرين إلى الشوارع.",
            "2019-10-17",
            "الخميس 17 تشرين الأول 2019",
        ),
        (
            "وقعت المواجهات يوم الأحد 9 يناير، ثم أعلن الجيش اليوم الخميس 13 يناير انتهاءها.",
            "2022-01-13",
            "اليوم الخميس 13 يناير",
        ),
        (
            "اندلعت الاحتجاجات يوم الأحد 2 يناير وتواصلت حتى الأربعاء 5 يناير.",
            "2022-01-05",
            "الأربعاء 5 يناير",
        ),
        (
            "أكدت المصادر أن اللقاء جرى اليوم الاثنين ٢٥ أكتوبر في الخرطوم.",
            "2021-10-25",
            "اليوم الاثنين ٢٥ أكتوبر",
        ),
        (
            "زار الرئيس المرفأ اليوم الخميس، بعد الانفجار الذي وقع مساء الثلاثاء 4 آب/أغسطس 2020.",
            "2020-08-06",
            "مساء الثلاثاء 4 آب/أغسطس 2020",
        ),
        (
            "قصفت الطائرات المواقع أمس السبت، بعد توقيع الاتفاق يوم الجمعة 22 يوليو 2022 في إسطنبول.",
            "2022-07-24",
            "يوم الجمعة 22 يوليو 2022",
        ),
        (
            "شنت القوات غارات فجر اليوم الجمعة ردا على الهجوم الذي وقع الأربعاء الماضي 10 يناير.",
            "2024-01-12",
            "الأربعاء الماضي 10 يناير",
        ),
        (
            "أعلن المجلس اليوم السبت نتائج الجلسة التي عقدت مساء السبت 20 ماي 2023، على أن تبدأ الهدنة مساء الاثنين 22 ماي.",
            "2023-05-20",
            "مساء السبت 20 ماي 2023",
        ),
    ],
)
def test_time_published_inferred(text: str, value: str, evidence: str) -> None:
    doc = _run(text)
    assert doc.published.value == value
    assert doc.published.source == "inferred"
    ev = doc.published.evidence
    assert ev is not None and ev.text == evidence and doc.text[ev.start : ev.end] == evidence


@pytest.mark.parametrize(
    "text",
    [
        "وقعت الاحتجاجات في 2 يناير 2020 واستمرت أسبوعا.",
        "قال الوزير اليوم إن الحكومة ستواصل الإصلاحات الأسبوع المقبل.",
        "أعلن الجيش في 13 يناير الجاري عن انتهاء العملية.",
        "بيروت، الجمعة 17 تشرين الأول 2019 (أ ف ب) - خرج آلاف المتظاهرين.",
        "هذا نص بلا أي تاريخ.",
    ],
)
def test_time_published_stays_unknown(text: str) -> None:
    doc = _run(text)
    assert doc.published.value is None and doc.published.source is None
    # without a document date only expressions with a written year have a value
    relative = [t for t in doc.timexes if not re.search(r"\d{4}", t.text)]
    assert all(t.value is None for t in relative if t.type != "DURATION")


def test_time_published_latest_year_not_after_now() -> None:
    # Thursday 13 January: 2022, and 2028 is after now
    assert (
        _run("جرى الاتصال اليوم الخميس 13 يناير.", now="2027-06-01").published.value == "2022-01-13"
    )
    # before 2022 the latest such Thursday is 2011
    assert (
        _run("جرى الاتصال اليوم الخميس 13 يناير.", now="2021-06-01").published.value == "2011-01-13"
    )


def test_time_given_published_is_kept() -> None:
    doc = _run("بدأت القوات بالانسحاب اليوم الخميس 13 يناير الجاري.", published="2022-01-14")
    assert doc.published == Published("2022-01-14", "given", None)


def test_time_relative_values_follow_inferred_date() -> None:
    doc = _run("أعلن الجيش اليوم الخميس 13 يناير الجاري أنه صد هجوما وقع أمس وآخر الأحد الماضي.")
    assert [(t.text, t.value) for t in doc.timexes] == [
        ("اليوم الخميس 13 يناير الجاري", "2022-01-13"),
        ("أمس", "2022-01-12"),
        ("الأحد الماضي", "2022-01-09"),
    ]


def test_time_published_ignores_historical_weekday_dates() -> None:
    doc = _run("ولد الزعيم يوم الثلاثاء 27 أبريل 1909 في قرية صغيرة.")
    assert doc.published.value is None


@pytest.mark.parametrize(
    "text",
    [
        "* 28 مايو 1990: عقد القمة العربية الاستثنائية في بغداد.\n* 16 يوليو 1990: سلم العراق مذكرة.",
        "وكان الوزير قد زار المدينة يوم الجمعة 26 يونيو الماضي برفقة وفد رسمي.",
    ],
)
def test_time_published_not_pinned_by_lists_or_past_dates(text: str) -> None:
    assert _run(text).published.value is None


def test_time_published_skips_announced_dates() -> None:
    # Thursday 30 July falls a week after "now": an announced event, not the report's date
    doc = _run("يعقد المؤتمر يوم الخميس 30 تموز في العاصمة.", now="2015-07-23")
    assert doc.published.value is None


def test_time_published_not_pinned_by_old_full_dates_with_a_weekday_anchor() -> None:
    doc = _run("قال الوزير اليوم الاثنين إن الأزمة بدأت في 11 سبتمبر 2001.")
    assert doc.published.value is None
