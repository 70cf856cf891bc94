"""waqai.events: PLOVER event coding of Arabic news.

:func:`code_events` turns a document (sentences, timexes, entities) into
:class:`~waqai.document.Event` records; the trigger lexicon and cue words are data
in ``events/data/`` (see docs/events.md). Nothing is loaded on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from waqai.events.coder import Options, code_events, quad_class

__all__ = ["Options", "acled_type", "code_events", "quad_class"]


def __getattr__(name: str) -> Any:
    if name in ("Options", "code_events", "quad_class"):
        from waqai.events import coder

        return getattr(coder, name)
    if name == "acled_type":
        from waqai.events.mappings import acled_type

        return acled_type
    raise AttributeError(name)
