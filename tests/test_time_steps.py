"""Each step alone: surface fields -> canonical structure -> calendar value."""

from __future__ import annotations

import datetime as dt

import pytest

from waqai.text.normalize import MatchText
from waqai.time.canonical import Canon, canonicalize
from waqai.time.lexicon import lexicon
from waqai.time.recognize import find
from waqai.time.resolve import iso_week, pick_year, resolve

THU = dt.date(2022, 1, 13)


@pytest.mark.parametrize(
    ("kind", "fields", "canon"),
    [
        ("date", {"day": "13", "month": "يناير", "mod": "الجاري"}, Canon(day=13, month=1, direction=0)),
        ("date", {"rel": "امس", "wd": "الاحد"}, Canon(weekday=6, unit="D", shift=-1)),
        ("date", {"wd": "الاحد", "mod": "المقبل"}, Canon(weekday=6, direction=1)),
        ("date", {"per": "العام", "before": "قبل", "mod": "الماضي"}, Canon(unit="Y", shift=-2)),
        ("date", {"dayw": "الحادي عشر", "month": "سبتمبر", "year": "2001"}, Canon(day=11, month=9, year=2001)),
        ("date", {"hday": "10", "hmonth": "رمضان", "hyear": "1438"}, Canon(calendar="hijri", day=10, month=9, year=1438)),
        ("date", {"pod": "مساء", "rel": "امس"}, Canon(type="TIME", part="EV", unit="D", shift=-1)),
        ("date", {"month": "كانون الاول", "ymod": "الماضي", "yper": "العام"}, Canon(month=12, year_shift=-1)),
        ("offset", {"dir": "قبل", "num": "ثلاثه", "unit": "ايام"}, Canon(unit="D", shift=-3)),
        ("offset", {"dir": "بعد", "unit": "يومين", "of": ""}, Canon(unit="D", shift=2, anchored_event=True)),
        ("duration", {"numw": "ثلاثه", "unit": "ايام"}, Canon(type="DURATION", duration="P3D")),
        ("duration", {"num": "24", "unit": "ساعه"}, Canon(type="DURATION", duration="PT24H")),
        ("clock", {"hourw": "الثالثه", "cp": "عصرا"}, Canon(type="TIME", hour=15, minute=0)),
        ("clock", {"hour": "11", "cp": "ليلا"}, Canon(type="TIME", hour=23, minute=0)),
        ("set", {"wdb": "جمعه"}, Canon(type="SET", set_value="XXXX-WXX-5")),
        ("vague", {"vague": "مؤخرا"}, Canon(vague=True)),
    ],
)  # fmt: skip
def test_time_canonicalize(kind: str, fields: dict[str, str], canon: Canon) -> None:
    assert canonicalize(kind, fields, lexicon()) == canon


@pytest.mark.parametrize(
    ("canon", "anchor", "value"),
    [
        (Canon(day=13, month=1, direction=0), THU, "2022-01-13"),
        (Canon(day=28, month=12), THU, "2021-12-28"),
        (Canon(day=20, month=1), THU, "2022-01-20"),
        (Canon(day=5, month=8, direction=-1), THU, "2021-08-05"),
        (Canon(day=10, month=8, direction=1), dt.date(2020, 8, 5), "2020-08-10"),
        (Canon(weekday=3), THU, "2022-01-13"),
        (Canon(weekday=3, direction=-1), THU, "2022-01-06"),
        (Canon(weekday=6, direction=1), THU, "2022-01-16"),
        (Canon(weekday=6, unit="D", shift=-1), THU, "2022-01-12"),
        (Canon(unit="W", shift=-1), THU, "2022-W01"),
        (Canon(unit="M", shift=-1), THU, "2021-12"),
        (Canon(unit="Y", shift=1), THU, "2023"),
        (Canon(month=4, direction=1), THU, "2022-04"),
        (Canon(month=2, year_shift=-1), THU, "2021-02"),
        (Canon(type="TIME", part="EV", unit="D", shift=-1), THU, "2022-01-12TEV"),
        (Canon(type="TIME", hour=15, minute=0), THU, "2022-01-13T15:00"),
        (Canon(calendar="hijri", day=10, month=9, year=1438), None, "2017-06-05"),
        (Canon(calendar="hijri", month=9, year=1438), None, "2017-06"),
        (Canon(type="DURATION", duration="P3D"), None, "P3D"),
        (Canon(day=13, month=1), None, None),
        (Canon(unit="D", shift=-1), None, None),
        (Canon(vague=True), THU, None),
    ],
)
def test_time_resolve(canon: Canon, anchor: dt.date | None, value: str | None) -> None:
    assert resolve(canon, anchor) == value


def test_time_pick_year_with_weekday() -> None:
    assert pick_year(1, 13, dt.date(2026, 11, 29), None, 3) == 2022
    assert pick_year(10, 25, dt.date(2026, 11, 29), None, 0) == 2021
    assert iso_week(THU) == "2022-W02"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("جرى اليوم الخميس 13 يناير الجاري", ["اليوم الخميس 13 يناير الجاري"]),
        ("في يوم 6 يناير/ كانون الثاني الجاري", ["6 يناير/ كانون الثاني الجاري"]),
        ("وبالأمس أعلن الجيش", ["الأمس"]),
        ("من 6 إلى 13 يناير", ["6", "13 يناير"]),
        ("أعلن الوزير مؤخرا", ["مؤخرا"]),
        ("وصل الوزيرُ الساعةَ الثالثةَ عصراً", ["الساعةَ الثالثةَ عصراً"]),
    ],
)
def test_time_recognize_spans(text: str, spans: list[str]) -> None:
    mentions = find(MatchText.of(text))
    assert [m.text for m in mentions] == spans
    assert all(text[m.start : m.end] == m.text for m in mentions)
