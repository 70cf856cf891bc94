"""The ``waqai.events.v1`` pipeline component."""

from __future__ import annotations

from waqai.document import Document
from waqai.events.coder import Options, code_events
from waqai.registry import Stage, register


@register("waqai.events.v1", requires=("sentences", "timexes", "entities"), assigns=("events",))
def events_component(options: Options | None = None) -> Stage:
    """PLOVER event coding; tolerates documents whose timexes and entities are empty."""
    opts = options or Options()

    def run(doc: Document) -> None:
        doc.events = code_events(doc, opts)

    return run
