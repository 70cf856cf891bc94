"""A document date guessed without a year fits the office holders the text names."""

from __future__ import annotations

import datetime as dt

import pytest

from waqai.document import Document
from waqai.text.normalize import normalize
from waqai.time.component import annotate
from waqai.time.tenure import holders_named, latest_fit


def _published(text: str) -> str | None:
    doc = Document(text=text)
    doc.now = "2026-11-29"
    annotate(doc)
    return doc.published.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Thursday 13 January: 2022 is the latest such day, but Obama was president in 2011
        ("التقى الرئيس الأمريكي باراك أوباما اليوم الخميس 13 يناير نظيره الفرنسي.", "2011-01-13"),
        # a former president says nothing about the date
        (
            "قال الرئيس السابق باراك أوباما اليوم الخميس 13 يناير إن الديمقراطية في خطر.",
            "2022-01-13",
        ),
        # the seed's holders fit the latest year
        (
            "اتصل الرئيس الروسي فلاديمير بوتين اليوم الخميس 13 يناير بالرئيس الكازاخستاني "
            "قاسم جومرت توكاييف.",
            "2022-01-13",
        ),
        # a written year is never moved
        ("التقى الرئيس الأمريكي باراك أوباما اليوم الخميس 13 يناير 2022 طلابا.", "2022-01-13"),
    ],
)
def test_time_tenure_moves_only_a_guessed_year(text: str, value: str) -> None:
    assert _published(text) == value


def test_time_tenure_names_need_a_title_before_them() -> None:
    text = normalize("وقال الرئيس باراك أوباما إن كتاب باراك أوباما الجديد صدر.")
    assert [p.key for p in holders_named(text)] == ["barack_obama"]
    assert holders_named(normalize("صدر كتاب جديد عن باراك أوباما.")) == []


def test_time_tenure_latest_fit_is_the_last_day_in_office() -> None:
    text = normalize("قال الرئيس الأمريكي باراك أوباما")
    assert latest_fit(text, dt.date(2015, 3, 1)) is None
    assert latest_fit(text, dt.date(2022, 1, 13)) == dt.date(2017, 1, 20)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Sunday 16 August is 2026, 2020 or 2015; Lukashenko (in office since 1994) + 26 years
        (
            "تظاهر عشرات الآلاف في مينسك الأحد 16 آب/أغسطس مطالبين برحيل الرئيس ألكسندر "
            "لوكاشينكو، الذي يحكم البلاد منذ 26 عاماً.",
            "2020-08-16",
        ),
        # without a verb of power the years are about something else
        (
            "تظاهر عشرات الآلاف في مينسك الأحد 16 آب/أغسطس ضد ألكسندر لوكاشينكو، الذي زار "
            "موسكو منذ 26 عاماً.",
            "2026-08-16",
        ),
    ],
)
def test_ruler_time_in_power_gives_the_year(text: str, value: str) -> None:
    assert _published(text) == value


def test_tenure_years_count_from_the_first_term() -> None:
    from waqai.text.normalize import MatchText
    from waqai.time.recognize import find
    from waqai.time.tenure import tenure_years

    match = MatchText.of("وقال الرئيس فلاديمير بوتين، الذي يتولى السلطة منذ 22 عاماً، إن ...")
    years = tenure_years(match, find(match), dt.date(2026, 11, 29))
    assert years == [2022, 2023]  # Putin's first term began in 2000


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Keïta's term ended on Tuesday 18 August 2020: "today, Wednesday" is the 19th
        (
            "باماكو - أعلن العسكريون الذين أطاحوا بالرئيس المالي إبراهيم أبو بكر كيتا اليوم "
            "الأربعاء تشكيل لجنة وطنية.",
            "2020-08-19",
        ),
        # Barrow took office on Thursday 19 January 2017: "today, Friday" is the 20th
        (
            "بانجول - وصل وسطاء اليوم الجمعة إلى بانجول بعد أداء أداما بارو اليمين في داكار.",
            "2017-01-20",
        ),
        # a leader named without a change of office dates nothing
        ("باماكو - التقى الرئيس إبراهيم أبو بكر كيتا اليوم الأربعاء وفدا أمميا.", None),
    ],
)
def test_lead_about_a_change_of_office_dates_a_weekday_only_report(
    text: str, value: str | None
) -> None:
    assert _published(text) == value
