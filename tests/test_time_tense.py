"""A bare weekday in a clause about the future is the next such day (``time/tense.py``)."""

from __future__ import annotations

import pytest

from waqai.document import Document, Published
from waqai.time.component import annotate
from waqai.time.tense import future_clause

# Thursday 12 May 2022: the Saturday before is the 7th, the one after the 14th
PUBLISHED = "2022-05-12"


def _values(text: str) -> dict[str, str | None]:
    doc = Document(text=text)
    doc.published = Published(PUBLISHED, "given", None)
    annotate(doc)
    for t in doc.timexes:
        assert text[t.start : t.end] == t.text
    return {t.text: t.value for t in doc.timexes}


@pytest.mark.parametrize(
    ("text", "weekday", "value"),
    [
        (
            "قال الوزير إن الوفد سيصل إلى القاهرة يوم السبت لإجراء محادثات.",
            "يوم السبت",
            "2022-05-14",
        ),
        ("أعلن المتحدث أن من المقرر أن تبدأ المحادثات الأحد في جنيف.", "الأحد", "2022-05-15"),
        ("وقال الرئيس: «سنواصل المفاوضات يوم الاثنين».", "يوم الاثنين", "2022-05-16"),
        ("وأضاف أن اللجنة سوف تجتمع مجددا الثلاثاء.", "الثلاثاء", "2022-05-17"),
        ("ويعتزم الوزير زيارة الرياض الجمعة.", "الجمعة", "2022-05-13"),
        # on a Thursday, "سيعود الخميس" is a week ahead
        ("وقال إن المبعوث سيعود إلى بغداد الخميس.", "الخميس", "2022-05-19"),
    ],
)
def test_weekday_in_a_future_clause_lies_ahead(text: str, weekday: str, value: str) -> None:
    assert _values(text)[weekday] == value


@pytest.mark.parametrize(
    ("text", "weekday", "value"),
    [
        ("وصل الوفد إلى القاهرة يوم السبت لإجراء محادثات.", "يوم السبت", "2022-05-07"),
        # nouns that open with س are not the future prefix
        ("وقال الوزير إن سيارة مفخخة انفجرت يوم الثلاثاء.", "يوم الثلاثاء", "2022-05-10"),
        ("وقال إن ستة أشخاص قتلوا يوم الثلاثاء في الهجوم.", "يوم الثلاثاء", "2022-05-10"),
        ("وتحدثت سيدة من سكان الحي يوم الأحد عن القصف.", "يوم الأحد", "2022-05-08"),
        # the future verb is in another clause
        (
            "وأكد أن الحكومة ستعقد، كما فعلت يوم الثلاثاء، اجتماعا طارئا.",
            "يوم الثلاثاء",
            "2022-05-10",
        ),
        # the weekday dates the announcement, before the future verb
        ("وأعلن الوزير يوم الأحد أنه سيزور موسكو.", "يوم الأحد", "2022-05-08"),
        # an explicit direction wins
        ("وقال إن الوفد سيصل بعد اجتماع الأحد الماضي.", "الأحد الماضي", "2022-05-08"),
    ],
)
def test_weekday_in_a_past_clause_stays_behind(text: str, weekday: str, value: str) -> None:
    assert _values(text)[weekday] == value


def test_future_clause_reads_only_the_clause_before() -> None:
    assert future_clause("سيصل الوفد يوم", 11)
    assert not future_clause("سيصل الوفد، ثم يوم", 16)
    assert not future_clause("سيارة الوفد يوم", 11)
