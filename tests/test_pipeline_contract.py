"""The pipeline, the registry and the document contract."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import waqai
from waqai import registry
from waqai.document import Document, text_id
from waqai.errors import ConfigError, WaqaiError
from waqai.pipeline import Failure, Pipeline
from waqai.schema import validate_document


def test_pipeline_extract_returns_contract(seed_text: str) -> None:
    doc = waqai.extract(seed_text, published="2022-01-13", meta={"title": "t"})
    data = doc.to_dict()
    validate_document(data)
    assert data["schema"] == "waqai.document/1"
    assert data["id"] == text_id(seed_text)
    assert data["published"]["source"] == "given"


def test_pipeline_document_round_trips(seed_text: str) -> None:
    doc = waqai.extract(seed_text)
    again = Document.from_dict(doc.to_dict())
    assert again.to_dict() == doc.to_dict()


def test_pipeline_given_id_is_kept() -> None:
    assert waqai.extract("نص.", meta=None).id == text_id("نص.")
    doc = Pipeline()("نص.", id="abc")
    assert doc.id == "abc"


def test_pipeline_unknown_component_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown component 'waqai.nothing.v1'"):
        Pipeline(["waqai.nothing.v1"])


def test_pipeline_checks_requirements() -> None:
    @registry.register("test.needs_events.v1", requires=("events",), assigns=())
    def _factory():  # type: ignore[no-untyped-def]
        return lambda doc: None

    with pytest.raises(ConfigError, match="requires"):
        Pipeline(["test.needs_events.v1"])


def test_pipeline_custom_component_runs_in_order() -> None:
    seen: list[str] = []

    @registry.register("test.trace.v1", requires=("sentences",), assigns=("meta",))
    def _factory():  # type: ignore[no-untyped-def]
        def run(doc: Document) -> None:
            seen.append(doc.text)
            doc.meta["sentences"] = len(doc.sentences)

        return run

    doc = Pipeline(["waqai.sentences.v1", "test.trace.v1"])("جملة. وأخرى.")
    assert seen == ["جملة. وأخرى."]
    assert doc.meta["sentences"] == 2


def test_pipeline_batch_reports_failures_and_goes_on() -> None:
    failures: list[Failure] = []
    docs = list(
        waqai.extract_many(
            ["نص أول.", {"text": "نص.", "published": "not-a-date"}, {"text": "نص ثالث."}],
            on_error=failures.append,
        )
    )
    assert [d.text for d in docs] == ["نص أول.", "نص ثالث."]
    assert len(failures) == 1
    assert failures[0].index == 1
    assert "published must be YYYY-MM-DD" in failures[0].reason


def test_pipeline_batch_raises_without_handler() -> None:
    with pytest.raises(WaqaiError):
        list(waqai.extract_many([{"text": 42}]))


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_pipeline_any_text_gives_valid_document(text: str) -> None:
    data = waqai.extract(text, published="2022-01-13").to_dict()
    validate_document(data)


def test_pipeline_document_pickles_without_derived_views(seed_text: str) -> None:
    import pickle

    doc = waqai.extract(seed_text, published="2022-01-13")
    assert doc.tokens and doc.match.text  # computed and cached
    blob = pickle.dumps(doc)
    again = pickle.loads(blob)
    assert "tokens" not in again.__dict__ and "match" not in again.__dict__
    assert again.to_dict() == doc.to_dict()
    assert len(blob) < len(pickle.dumps(doc.__dict__))


def test_freeze_gc_sets_the_worker_collector_and_keeps_extracting(seed_text: str) -> None:
    import gc

    from waqai.pipeline import GC_THRESHOLD, freeze_gc

    before = gc.get_threshold()
    try:
        freeze_gc()
        assert gc.get_threshold() == (GC_THRESHOLD, *before[1:])
        assert gc.get_freeze_count() > 0
        assert waqai.extract(seed_text, published="2022-01-13").entities
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
