"""Inferring the document date from the text (``published.source == "inferred"``)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from waqai.document import Document, Published
from waqai.time.component import annotate
from waqai.time.published import elapsed_years, stated_years
from waqai.time.recognize import find


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
            # a numeric date keeps the weekday written before it
            "سيول - رفع الرئيس فجر اليوم الأربعاء الأحكام العرفية التي أعلنها ليل الثلاثاء 3/12/2024.",
            "2024-12-04",
            "ليل الثلاثاء 3/12/2024",
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
        # a yearless dateline is today: Tuesday 16 November is 2021 (2027 is ahead of now)
        (
            "وارسو، 16 تشرين الثاني (وكالات) - استخدمت قوات الأمن البولندية اليوم الثلاثاء "
            "خراطيم المياه ضد المهاجرين.",
            "2021-11-16",
            "16 تشرين الثاني",
        ),
        # "ليل أمس الجمعة": today is Saturday, and 6 April was a Saturday in 2024
        (
            "مكسيكو سيتي، 6 أبريل (وكالات) - أعلنت المكسيك ليل أمس الجمعة قطع علاقاتها مع "
            "الإكوادور.",
            "2024-04-06",
            "6 أبريل",
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
    ("text", "evidence"),
    [
        # under a headline
        ("انسحاب القوات\nموسكو - 13/1/2022 (أ ف ب) - أعلنت الوزارة بدء الانسحاب.", "13/1/2022"),
        # alone on its line, under a headline or as a web page's "published" line
        ("استقالة الحكومة\n13 يناير 2022\nأعلنت الحكومة استقالتها اليوم.", "13 يناير 2022"),
        (
            "نشر في: الخميس 13 يناير 2022 - 10:30 ص\nأعلنت الحكومة استقالتها.",
            "الخميس 13 يناير 2022",
        ),
        # a mark inside the head, a slash, or the report opening with the date
        ("دمشق-سانا 13-1-2022 أعلنت وزارة الخارجية رفضها للعقوبات.", "13-1-2022"),
        ("بغداد / 13 كانون الثاني 2022 / أعلنت الحكومة استقالتها.", "13 كانون الثاني 2022"),
        ("13 يناير 2022 - أعلنت الحكومة استقالتها.", "13 يناير 2022"),
        # one place name, no mark: the Saudi Press Agency's style
        (
            "الرياض 10 جمادى الآخرة 1443 هـ الموافق 13 يناير 2022 م واس أعلنت الحكومة خطتها.",
            "10 جمادى الآخرة 1443 هـ الموافق 13 يناير 2022 م",
        ),
    ],
)
def test_time_published_from_datelines(text: str, evidence: str) -> None:
    doc = _run(text)
    assert doc.published.value == "2022-01-13"
    ev = doc.published.evidence
    assert ev is not None and doc.text[ev.start : ev.end] == ev.text == evidence


@pytest.mark.parametrize(
    "text",
    [
        "وقعت الاحتجاجات في 2 يناير 2020 واستمرت أسبوعا.",
        # a sentence that opens with a date is not a dateline, under a headline or not
        "في 13 يناير 2022 أعلنت الحكومة عن خطتها.",
        "وفي 13 يناير 2022، أعلنت الحكومة عن خطتها.",
        # an anniversary's date is years back, not the news of "today"
        "وقعت الحكومة اليوم الأربعاء اتفاقا، قبل يومين من الذكرى الثانية لاندلاع الحرب في 4 نوفمبر 2020.",
        "عنوان الخبر\nوفي 13 يناير 2022، أعلنت الحكومة عن خطتها.",
        "عنوان الخبر\nفي 13 يناير 2022 أعلنت الحكومة عن خطتها.",
        "1. 13 يناير 2022: بدء الانسحاب\n2. 20 يناير 2022: نهاية الانسحاب",
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


@pytest.mark.parametrize(
    ("text", "value", "evidence"),
    [
        # today's weekday after the latest recent full date: Monday 15 August → Wednesday 17
        (
            "غادر آخر جندي فرنسي مالي في 15 أوت 2022 بعد تسع سنوات من التدخل العسكري. "
            "واتهمت باماكو اليوم الأربعاء باريس بدعم الجماعات المسلحة في شمال البلاد.",
            "2022-08-17",
            "15 أوت 2022",
        ),
        # the date falls on the day named with "أمس": Sunday 9 January → Monday 10
        (
            "قالت الشرطة أمس الأحد إن المهاجمين الذين اقتحموا السجن في 9 يناير 2022 ما زالوا فارين.",
            "2022-01-10",
            "9 يناير 2022",
        ),
        # "منذ 25 يوليو 2021" is history and "من المقرر ... 17 ديسمبر 2022" an announcement
        (
            "صوت التونسيون في 25 يوليو 2022 على الدستور الجديد، بعد عام من التدابير الاستثنائية "
            "التي يعمل بها الرئيس منذ 25 يوليو 2021. وأعلنت هيئة الانتخابات اليوم الثلاثاء النتائج "
            "الأولية للاستفتاء، ومن المقرر أن تجرى الانتخابات التشريعية في 17 ديسمبر 2022.",
            "2022-07-26",
            "25 يوليو 2022",
        ),
        # a range without a year on "أمس الأحد", the year from elsewhere in the text
        (
            "اختتمت أمس الأحد أعمال القمة التي عقدت يومي 23 و24 سبتمبر/أيلول في نيويورك، وأكد "
            "المشاركون التزامهم بالاتفاق الموقع في 13 يوليو/تموز 2023.",
            "2023-09-25",
            "24 سبتمبر/أيلول",
        ),
        # a weekday-date without a year takes the year the text states (2017, not 2023)
        (
            "يتوجه الناخبون في إقليم كردستان اليوم الاثنين إلى صناديق الاقتراع، رغم قرار "
            "المحكمة الاتحادية الصادر في 18 سبتمبر 2017 بتعليق الاستفتاء. وكان بارزاني قد أكد "
            "في مؤتمر صحفي يوم الأحد 24 سبتمبر أن التصويت سيجري في موعده.",
            "2017-09-25",
            "يوم الأحد 24 سبتمبر",
        ),
        # the first day of a range falls on today's weekday in the year of the edition
        (
            "افتتحت اليوم الأربعاء في الدوحة الدورة الحادية والثلاثون لمعرض الكتاب لعام 2022، "
            "ويستمر المعرض من 9 إلى 18 مارس الجاري بمشاركة 37 دولة.",
            "2022-03-09",
            "9",
        ),
        # "بعد تسعة أيام على ... الثلاثاء 13 سبتمبر" picks the Thursday 22, not the 15th
        (
            "تظاهر الآلاف اليوم الخميس في طهران، بعد تسعة أيام على اعتقالها يوم الثلاثاء 13 "
            "سبتمبر. وكانت قد توفيت الجمعة الماضية، وقال والدها أمس الأربعاء إنها لم تكن مريضة.",
            "2022-09-22",
            "بعد تسعة أيام",
        ),
        # without a weekday, "اليوم" in the same sentence says the offset counts to today
        (
            "عاد الهدوء اليوم إلى شوارع المدينة بعد أسبوع على الاشتباكات التي اندلعت في 5 أكتوبر 2023.",
            "2023-10-12",
            "بعد أسبوع",
        ),
    ],
)
def test_time_published_from_today_weekday_and_reported_dates(
    text: str, value: str, evidence: str
) -> None:
    doc = _run(text)
    assert doc.published.value == value
    ev = doc.published.evidence
    assert ev is not None and ev.text == evidence and doc.text[ev.start : ev.end] == evidence


@pytest.mark.parametrize(
    "text",
    [
        # an announcement, history, a date marked الماضي, a day-month off the weekday
        "أعلن الرئيس اليوم الخميس أن الانتخابات من المقرر أن تجرى في 24 ديسمبر 2021.",
        "قال المتحدث اليوم الأحد إن البلاد تعيش أزمة سياسية منذ 25 يوليو 2021.",
        "قال الوزير اليوم الخميس إن الاتفاق الموقع يوم 10 مارس الماضي ما زال صامدا.",
        "قال الوزير اليوم الاثنين إن المفاوضات التي بدأت في 10 مايو ستستأنف بعد تعثرها عام 2019.",
        # a relative clause describes background ("التي فقد أثرها في 8 مارس 2014")
        "قال رئيس الوزراء اليوم الأربعاء إن الحطام يعود إلى الطائرة التي فقد أثرها في 8 مارس 2014.",
        # the full date is of an earlier year than the text states elsewhere
        "أعلن الجيش اليوم الأحد حصيلة عام 2023، بعد الهجوم الذي وقع في 14 أغسطس 2022 بحسب البيان.",
        # "اليوم" governs the saying, not the offset
        "قال الوزير اليوم إن الهدنة انهارت بعد يومين على توقيعها في 5 مارس 2023.",
    ],
)
def test_time_published_not_pinned_by_unfit_reported_dates(text: str) -> None:
    assert _run(text).published.value is None


def test_time_published_a_period_start_is_no_stated_year() -> None:
    # "منذ عام 2013" is history: the Sunday 28 July is the latest one, in 2024
    text = (
        "دعت المعارضة إلى التظاهر اليوم الثلاثاء رفضا لفوز الرئيس، الذي يحكم البلاد منذ عام "
        "2013، في الانتخابات التي جرت الأحد 28 يوليو."
    )
    doc = _run(text)
    assert doc.published.value == "2024-07-30"
    assert stated_years(find(doc.match), text, dt.date(2026, 11, 29)) == []


def test_time_published_stated_years_latest_first_not_after_now() -> None:
    text = 'أجرت الدول الثلاث مناورات "الحزام البحري 2023" بعد نسخة عام 2019 وأخرى مقررة عام 2031.'
    doc = Document(text=text)
    years = stated_years(find(doc.match), text, dt.date(2026, 11, 29))
    assert years == [2023, 2019]


def test_time_published_year_from_a_written_year_and_the_time_since() -> None:
    # Monday 4 December is 2017 or 2023; "سبتمبر 2014، أي قبل أكثر من ثلاث سنوات" says 2017
    text = (
        "صنعاء، الاثنين 4 كانون الأول - أعلن الحوثيون مقتل الرئيس السابق.\n"
        "وقاتل صالح إلى جانبهم منذ سيطرتهم على صنعاء في أيلول/سبتمبر 2014، أي قبل أكثر من "
        "ثلاث سنوات."
    )
    doc = _run(text)
    assert doc.published.value == "2017-12-04"
    assert elapsed_years(find(doc.match), text, dt.date(2026, 11, 29)) == [2017, 2018]
    # without the elapsed time the latest Monday 4 December is taken
    assert _run(text.split("، أي")[0] + ".").published.value == "2023-12-04"


def test_time_published_offset_off_the_weekday_is_no_anchor() -> None:
    # Tuesday 13 + 3 days is a Friday, not "اليوم الخميس": the weekday date alone decides
    doc = _run(
        "تظاهر الآلاف اليوم الخميس، بعد ثلاثة أيام على اعتقالها يوم الثلاثاء 13 سبتمبر 2022."
    )
    assert doc.published.value == "2022-09-15"
    assert doc.published.evidence is not None
    assert doc.published.evidence.text == "يوم الثلاثاء 13 سبتمبر 2022"


def test_time_published_yearless_date_without_stated_year_only_when_fresh() -> None:
    text = "أفاد سكان صباح اليوم الثلاثاء بهدوء حذر في الخرطوم مع بدء سريان الهدنة في 25 أبريل."
    # 25 April 2023 is a Tuesday, two days before now: the last 25 April, and fresh
    doc = _run(text, now="2023-04-27")
    assert doc.published.value == "2023-04-25"
    assert doc.published.evidence is not None and doc.published.evidence.text == "25 أبريل"
    # five weeks before now a Tuesday 25 April is as likely a coincidence
    assert _run(text, now="2023-06-01").published.value is None
    # 25 April 2026 is a Saturday; an older Tuesday 25 April would be a guess
    assert _run(text, now="2026-11-29").published.value is None


def test_time_published_full_date_deep_in_the_body_is_background() -> None:
    lead = "عقد مجلس الوزراء اللبناني اليوم الأحد جلسة استثنائية لبحث الأزمة المالية. "
    body = (
        "وناقش الوزراء خطة التعافي التي قدمتها وزارة المالية، وسط خلافات حول توزيع الخسائر. "
        "وقال وزير الإعلام إن الحكومة ستواصل المفاوضات مع صندوق النقد الدولي. "
        "وأضاف أن المجلس سيعقد جلسة أخرى لاستكمال البحث في البنود المتبقية من الخطة. "
    ) * 3
    background = "وكانت الحكومة السابقة قد استقالت في 10 أغسطس 2020 إثر انفجار المرفأ."
    assert len(lead + body) > 600
    assert _run(lead + body + background).published.value is None
    # in the lead the same date would date the report: Monday 10 August → Sunday 16
    assert _run(lead + background + body).published.value == "2020-08-16"
