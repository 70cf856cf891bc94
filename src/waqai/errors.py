"""One home for waqai's errors: every message names the input and the reason."""

from __future__ import annotations


class WaqaiError(Exception):
    """Base class of every error waqai raises on purpose."""


class InputError(WaqaiError):
    """An input (file, bytes, record) that cannot be turned into a document."""

    def __init__(self, source: str, reason: str, offset: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.offset = offset
        where = f" at byte {offset}" if offset is not None else ""
        super().__init__(f"{source}: {reason}{where}")


class ConfigError(WaqaiError):
    """A pipeline, component or option that is not valid."""


class DataError(WaqaiError):
    """A packaged data file (lexicon, gazetteer, model) that is missing or malformed."""


class StoreError(WaqaiError):
    """A database that cannot be opened, migrated or queried."""
