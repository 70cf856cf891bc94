"""Schema of the date vocabulary in ``waqai/time/data``: every file, every row."""

from __future__ import annotations

import re

import pytest

from waqai.resources import load_tsv, load_yaml
from waqai.time.lexicon import fold, lexicon

ARABIC = re.compile(r"^[\u0600-\u06FF .]+$")
TIMEX_SET = re.compile(r"^P\d+[DWMY]$")


def test_time_months_rows_are_valid() -> None:
    rows = load_tsv("time", "months.tsv")
    seen: dict[str, tuple[str, int]] = {}
    for row in rows:
        assert row["calendar"] in ("gregorian", "hijri")
        assert 1 <= int(row["month"]) <= 12
        assert row["standalone"] in ("0", "1")
        assert ARABIC.match(row["form"]), row["form"]
        key = fold(row["form"])
        # two spellings may fold together, but never to two different months
        assert seen.setdefault(key, (row["calendar"], int(row["month"]))) == (
            row["calendar"],
            int(row["month"]),
        )


@pytest.mark.parametrize("calendar", ["gregorian", "hijri"])
def test_time_every_month_has_a_name(calendar: str) -> None:
    months = {int(r["month"]) for r in load_tsv("time", "months.tsv") if r["calendar"] == calendar}
    assert months == set(range(1, 13))


@pytest.mark.parametrize(
    ("form", "month"),
    [
        ("يناير", 1), ("كانون الثاني", 1), ("جانفي", 1), ("فيفري", 2), ("شباط", 2),
        ("آذار", 3), ("ابريل", 4), ("إبريل", 4), ("أفريل", 4), ("ماي", 5), ("أيار", 5),
        ("يونيه", 6), ("جوان", 6), ("يوليوز", 7), ("جويلية", 7), ("يوليه", 7), ("تموز", 7),
        ("اغسطس", 8), ("غشت", 8), ("أوت", 8), ("آب", 8), ("شتنبر", 9), ("ايلول", 9),
        ("تشرين الأول", 10), ("نونبر", 11), ("تشرين الثاني", 11), ("دجنبر", 12),
        ("كانون الأول", 12),
    ],
)  # fmt: skip
def test_time_regional_month_forms(form: str, month: int) -> None:
    assert lexicon().months[fold(form)] == ("gregorian", month)


def test_time_weekdays_cover_the_week() -> None:
    rows = load_tsv("time", "weekdays.tsv")
    assert {int(r["weekday"]) for r in rows} == set(range(7))
    assert all(r["standalone"] in ("0", "1") and ARABIC.match(r["form"]) for r in rows)


def test_time_numbers_are_positive_integers() -> None:
    spec = load_yaml("time", "numbers.yaml")
    for table in ("cardinals", "day_ordinals", "hour_words"):
        assert all(isinstance(v, int) and v > 0 for v in spec[table].values()), table
    assert set(spec["day_ordinals"].values()) == set(range(1, 32))
    assert set(spec["hour_words"].values()) == set(range(1, 13))
    assert all(isinstance(v, int) and -60 < v < 60 for v in spec["minute_words"].values())


def test_time_lexicon_tables_have_valid_codes() -> None:
    spec = load_yaml("time", "lexicon.yaml")
    assert set(spec["directions"].values()) <= {-1, 0, 1}
    assert all(isinstance(v, int) for v in spec["relative_days"].values())
    assert set(spec["periods"].values()) <= {"W", "M", "Y"}
    assert set(spec["parts_of_day"].values()) <= {"MO", "MI", "AF", "EV", "NI"}
    assert set(spec["clock_periods"].values()) <= {"am", "pm", "noon", "night"}
    assert set(spec["boundaries"].values()) <= {"START", "MID", "END"}
    assert set(spec["era"].values()) <= {"gregorian", "hijri"}
    assert all(TIMEX_SET.match(v) for v in spec["sets"].values())
    for unit in spec["units"]:
        assert unit["unit"] in ("D", "W", "M", "Y", "H", "MIN", "DE")
        assert unit["count"] in (1, 2, "n")
    for key in (
        "vague",
        "duration_triggers",
        "bare_year_after",
        "time_zones",
        "year_periods",
        "history_before",
        "announced_before",
        "background_before",
        "complementizers",
    ):
        assert spec[key] and all(isinstance(v, str) and v.strip() for v in spec[key]), key
    for key in ("of", "in", "article", "month_period", "both_days", "latest", "month_word"):
        assert isinstance(spec[key], str) and ARABIC.match(spec[key]), key
    assert all(isinstance(c, str) and len(c) == 1 for c in spec["proclitics"])


def test_time_holidays_are_valid_days() -> None:
    for h in load_yaml("time", "holidays.yaml"):
        assert h["calendar"] in ("gregorian", "hijri") and ARABIC.match(h["name"])
        assert 1 <= h["month"] <= 12 and 1 <= h["day"] <= 30


def test_time_lexicon_loads() -> None:
    lx = lexicon()
    assert lx.relative_days[fold("أمس")] == -1
    assert lx.weekdays[fold("الخميس")] == 3
