"""Named, versioned pipeline components.

A component is a factory that returns a callable ``(Document) -> None`` which
reads what it ``requires`` from the document and adds what it ``assigns``.
Built-in components are imported lazily by name, so importing waqai loads no
model; users add their own with :func:`register`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from waqai.document import Document
from waqai.errors import ConfigError

Stage = Callable[[Document], None]


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    factory: Callable[[], Stage]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


#: built-in components: name -> module that registers it on import
BUILTINS: dict[str, str] = {
    "waqai.sentences.v1": "waqai.text.component",
    "waqai.time.v1": "waqai.time.component",
    "waqai.entities.v1": "waqai.entities.component",
    "waqai.events.v1": "waqai.events.component",
    "waqai.quotes.v1": "waqai.quotes.component",
    "waqai.speakers.v1": "waqai.quotes.speakers",
}

_REGISTRY: dict[str, Component] = {}


def register(
    name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()
) -> Callable[[Callable[[], Stage]], Callable[[], Stage]]:
    """Decorator: register a component factory under ``name``."""

    def deco(factory: Callable[[], Stage]) -> Callable[[], Stage]:
        _REGISTRY[name] = Component(name, factory, tuple(requires), tuple(assigns))
        return factory

    return deco


def get(name: str) -> Component:
    if name not in _REGISTRY and name in BUILTINS:
        importlib.import_module(BUILTINS[name])
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(set(BUILTINS) | set(_REGISTRY)))
        raise ConfigError(f"unknown component {name!r} (known: {known})") from None


def names() -> list[str]:
    return sorted(set(BUILTINS) | set(_REGISTRY))
