"""The entities pipeline component (``waqai.entities.v1``)."""

from __future__ import annotations

from waqai.document import Document, Entity
from waqai.entities import gazetteer
from waqai.entities.recognize import (
    combos,
    cued_mentions,
    merge,
    model_mentions,
    propagate,
    rule_mentions,
)
from waqai.entities.resolve import anaphors, context_country, resolve
from waqai.registry import Stage, register


def extract(doc: Document) -> list[Entity]:
    """Entity mentions of ``doc`` with one ``entity_id`` per actor."""
    match = doc.match
    # the model sees the lists it was trained with, the rules every list
    model_hits, hits = gazetteer.find_both(match.text)
    date = doc.published.value
    rules = [
        *rule_mentions(hits, context_country(hits)),
        *cued_mentions(match.text, hits),
        *combos(match.text, hits, date),
    ]
    model = model_mentions(doc, model_hits)
    mentions = merge(match.text, rules, model + propagate(match.text, model))
    extra = [
        a
        for a in anaphors(match.text, hits, mentions)
        if not any(a.start < m.end and m.start < a.end for m in mentions)
    ]
    mentions = sorted(mentions + extra, key=lambda m: m.start)
    return resolve(mentions, match, doc.text)


@register("waqai.entities.v1", requires=("text", "sentences", "published"), assigns=("entities",))
def entities_component() -> Stage:
    def run(doc: Document) -> None:
        doc.entities = extract(doc)

    return run
