"""waqai: Arabic news to structured, verifiable political event data.

>>> import waqai
>>> doc = waqai.extract("اندلعت احتجاجات في ألماتي يوم 2 يناير.", published="2022-01-13")
>>> doc.to_json()
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from waqai.document import Document
from waqai.errors import ConfigError, DataError, InputError, StoreError, WaqaiError
from waqai.pipeline import Failure, Pipeline, default_pipeline

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract(
    text: str,
    published: str | dt.date | None = None,
    meta: dict[str, Any] | None = None,
    now: str | dt.date | None = None,
) -> Document:
    """Run the default pipeline on one text."""
    return default_pipeline()(text, published=published, meta=meta, now=now)


def extract_many(
    items: Iterable[str | dict[str, Any]], on_error: Callable[[Failure], None] | None = None
) -> Iterator[Document]:
    """Run the default pipeline on many texts (or dicts with text/published/meta)."""
    return default_pipeline().pipe(items, on_error=on_error)


__all__ = [
    "ConfigError",
    "DataError",
    "Document",
    "Failure",
    "InputError",
    "Pipeline",
    "StoreError",
    "WaqaiError",
    "__version__",
    "extract",
    "extract_many",
]
