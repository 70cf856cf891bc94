"""The ``waqai.quotes.v1`` pipeline component."""

from __future__ import annotations

from waqai.document import Document
from waqai.quotes.extract import extract_quotes
from waqai.registry import Stage, register


@register("waqai.quotes.v1", requires=("sentences", "entities"), assigns=("quotes",))
def quotes_component() -> Stage:
    """Direct quotes with their speakers; works (with fewer speakers) when entities are empty."""

    def run(doc: Document) -> None:
        doc.quotes = extract_quotes(doc)

    return run
