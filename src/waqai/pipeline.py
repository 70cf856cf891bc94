"""One pipeline that composes the registered stages.

``Pipeline(["waqai.sentences.v1", ...])`` checks that each stage's
requirements are assigned by an earlier one, builds each stage once (models
load on first use) and runs them in order on a :class:`Document`.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from waqai import registry
from waqai.document import Document, Published
from waqai.errors import ConfigError, InputError, WaqaiError

log = logging.getLogger(__name__)

#: the stages run by default, in order
DEFAULT_PIPELINE: tuple[str, ...] = (
    "waqai.sentences.v1",
    "waqai.time.v1",
    "waqai.entities.v1",
    "waqai.events.v1",
    "waqai.quotes.v1",
    "waqai.speakers.v1",
)


def parse_date(value: str | dt.date | None, what: str = "date") -> str | None:
    """Validate a YYYY-MM-DD date and return it as a string."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise ConfigError(f"{what} must be YYYY-MM-DD, got {value!r}") from None


@dataclass(frozen=True, slots=True)
class Failure:
    """A document of a batch that could not be processed."""

    index: int
    source: str
    reason: str


class Pipeline:
    def __init__(self, names: Iterable[str] = DEFAULT_PIPELINE) -> None:
        self.names = tuple(names)
        have = {"text", "meta", "published"}
        self.components = []
        for name in self.names:
            comp = registry.get(name)
            missing = [r for r in comp.requires if r not in have]
            if missing:
                raise ConfigError(f"component {name} requires {missing}, not assigned before it")
            have.update(comp.assigns)
            self.components.append(comp)
        self._stages: list[Callable[[Document], None]] | None = None

    @property
    def stages(self) -> list[Callable[[Document], None]]:
        if self._stages is None:
            self._stages = [c.factory() for c in self.components]
        return self._stages

    def make_doc(
        self,
        text: str,
        published: str | dt.date | None = None,
        meta: dict[str, Any] | None = None,
        now: str | dt.date | None = None,
        id: str | None = None,
    ) -> Document:
        if not isinstance(text, str):
            raise InputError("<text>", f"expected str, got {type(text).__name__}")
        pub = parse_date(published, "published")
        doc = Document(text=text, id=id or "", meta=dict(meta or {}))
        doc.published = Published(pub, "given" if pub else None, None)
        doc.now = parse_date(now, "now") or dt.date.today().isoformat()
        return doc

    def run(self, doc: Document) -> Document:
        for stage in self.stages:
            stage(doc)
        return doc

    def __call__(self, text: str, **kwargs: Any) -> Document:
        return self.run(self.make_doc(text, **kwargs))

    def pipe(
        self,
        items: Iterable[str | dict[str, Any]],
        on_error: Callable[[Failure], None] | None = None,
    ) -> Iterator[Document]:
        """Process many texts (or dicts with text/published/meta/id/now).

        A document that fails is reported to ``on_error`` and skipped; the
        batch goes on. Without ``on_error`` the error is raised.
        """
        for i, item in enumerate(items):
            record: dict[str, Any] = {"text": item} if isinstance(item, str) else dict(item)
            meta = record.get("meta") or {}
            source = str(meta.get("path") or f"item {i}")
            try:
                yield self(**record)
            except WaqaiError as exc:
                if on_error is None:
                    raise
                on_error(Failure(i, source, str(exc)))
            except TypeError as exc:
                if on_error is None:
                    raise InputError(source, f"bad record ({exc})") from exc
                on_error(Failure(i, source, f"bad record ({exc})"))


#: first-generation threshold of :func:`tune_gc` (CPython's default is 700)
GC_THRESHOLD = 10_000


def tune_gc(pipeline: Pipeline | None = None) -> None:
    """Fit the garbage collector to a process that extracts many documents.

    A document makes hundreds of thousands of short-lived, acyclic objects (tokens,
    feature strings, spans), and with the default thresholds CPython spends about a
    seventh of the run walking the loaded models and caches in full collections.
    This loads the models of ``pipeline`` (the default one), freezes them out of the
    collector and collects less often. It changes the whole process, so it is for
    worker processes and command-line runs, not for a library call.
    """
    (pipeline or default_pipeline())("تحميل.", published="2000-01-01")
    freeze_gc()


def freeze_gc() -> None:
    """What :func:`tune_gc` does once the models are loaded: move everything alive now
    out of the collector's sight and collect less often (benchmarks that load only some
    models call it to run as a worker does)."""
    gc.collect()
    gc.freeze()
    _, second, third = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, second, third)


def single_blas_thread() -> None:
    """One BLAS thread for numpy (an explicit setting wins): the second NER model's matrices
    (``WAQAI_NER=crf+nn``) are small, and threads only contend with each other and with
    worker processes (10x slower under load). Call it before anything loads numpy."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
