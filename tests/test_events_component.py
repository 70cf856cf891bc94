"""The events and quotes components in the pipeline: registration, contract, odd inputs."""

from __future__ import annotations

import pytest

from waqai.pipeline import DEFAULT_PIPELINE, Pipeline
from waqai.registry import get
from waqai.schema import validate_document


def test_events_components_are_registered_last() -> None:
    assert DEFAULT_PIPELINE[-3:] == ("waqai.events.v1", "waqai.quotes.v1", "waqai.speakers.v1")
    events, quotes = get("waqai.events.v1"), get("waqai.quotes.v1")
    assert events.requires == ("sentences", "timexes", "entities") and events.assigns == ("events",)
    assert quotes.requires == ("sentences", "entities") and quotes.assigns == ("quotes",)
    speakers = get("waqai.speakers.v1")
    assert speakers.requires == ("events", "quotes") and speakers.assigns == ("events",)


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "No Arabic here, only an English sentence.", "«»", '"" :', "قال:", "انسحاب"],
)
def test_events_odd_inputs_do_not_break_the_pipeline(text: str) -> None:
    doc = Pipeline()(text, published="2024-01-01")
    validate_document(doc.to_dict())


def test_events_stage_declares_what_it_needs() -> None:
    from waqai.errors import ConfigError

    with pytest.raises(ConfigError, match="requires"):
        Pipeline(["waqai.sentences.v1", "waqai.events.v1"])


def test_events_seed_output_follows_the_contract(seed_text: str) -> None:
    doc = Pipeline()(seed_text)
    data = doc.to_dict()
    validate_document(data)
    assert {e["type"] for e in data["events"]} >= {
        "RETREAT",
        "PROTEST",
        "COERCE",
        "CONSULT",
        "ACCUSE",
    }
    for e in data["events"]:
        assert e["quad_class"] in (1, 2, 3, 4)
        assert e["modality"] in ("asserted", "reported", "planned")
        assert not e["negated"]
        # a clitic stays outside the trigger: what precedes it in its word is one, and the
        # trigger itself starts with one only where its word does ("فرض"، "وقف")
        start = e["trigger"]["start"]
        word_start = start
        while word_start > 0 and seed_text[word_start - 1].isalpha():
            word_start -= 1
        assert seed_text[word_start:start] in ("", "و", "ب", "ل", "ف", "ال", "وال", "بال", "لل")
        text = e["trigger"]["text"]
        assert text[:1] not in ("و", "ب", "ل", "ف") or text.startswith(("وقف", "فرض"))
    assert [q["verb"]["text"] for q in data["quotes"]] == ["قال", "أضاف"]
