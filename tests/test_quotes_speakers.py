"""A quoted "we" is the speaker: first-person events inside quotes take the quote's speaker."""

from __future__ import annotations

import pytest

from waqai.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(
    ("text", "typ", "speaker"),
    [
        (
            "وقال الرئيس قاسم جومرت توكاييف اليوم الخميس 6 يناير 2022 إن الوضع خطير. "
            "وأضاف: «سنتصرف بأقصى قدر من الحزم».",
            "THREATEN",
            "الرئيس قاسم جومرت توكاييف",
        ),
        (
            "وقال المتحدث باسم الحكومة اليوم الخميس 6 يناير 2022 إن البيان مفبرك. "
            "وأضاف: «نرفض هذه الاتهامات جملة وتفصيلا».",
            "REJECT",
            "المتحدث باسم الحكومة",
        ),
    ],
)
def test_quotes_a_quoted_we_is_the_speaker(
    nlp: Pipeline, text: str, typ: str, speaker: str
) -> None:
    doc = nlp(text)
    event = next(e for e in doc.events if e.type == typ)
    assert event.actor is not None and event.actor.text == speaker
    assert text[event.actor.start : event.actor.end] == speaker


def test_quotes_a_third_person_event_in_a_quote_keeps_no_actor(nlp: Pipeline) -> None:
    # "تدعم" is not "we": the speaker is not its actor
    doc = nlp("وقال السفير اليوم الخميس 6 يناير 2022 إن الوضع معقد. وأضاف: «الحكومة تدعم الحوار».")
    assert all(e.actor is None or e.actor.text != "السفير" for e in doc.events)
