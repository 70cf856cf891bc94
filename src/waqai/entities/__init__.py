"""waqai.entities: named entities, their types, identities and actor codes.

Public helpers for later stages (events, quotes):

* :func:`actor_code` — CAMEO-style actor code of an :class:`~waqai.document.Entity`
  (``RUSGOV`` for Putin, ``RUSMIL`` for وزارة الدفاع الروسية, ``IGOCSTO``, ``KAZ``).
* :func:`country_of` — ISO alpha-2 country of an Arabic name, nisba or city.

Nothing is loaded on import; the model and gazetteers load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from waqai.document import Entity

__all__ = ["actor_code", "country_of"]


def actor_code(entity: Entity, date: str | None = None) -> str | None:
    """CAMEO-style code of an entity: country ISO3 + sector, an IGO/NGO code, or None.

    ``date`` (the document date) picks the office a person held then.
    """
    from waqai.entities.knowledge import code_for_id

    return code_for_id(entity.entity_id, entity.country, date)


def country_of(text: str) -> str | None:
    """ISO 3166-1 alpha-2 code of the country an Arabic word or name refers to."""
    from waqai.entities.knowledge import country_of as lookup

    return lookup(text)
