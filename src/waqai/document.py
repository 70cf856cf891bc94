"""The document model: the one contract every stage reads and extends.

All offsets index into ``Document.text``, the text exactly as decoded; every
span-like record keeps ``text == document.text[start:end]``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from waqai.text.normalize import MatchText
    from waqai.text.tokenize import Token

SCHEMA_ID = "waqai.document/1"


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Published:
    value: str | None = None
    source: str | None = None  # "given" | "inferred" | None
    evidence: Span | None = None


@dataclass(slots=True)
class Entity:
    id: str
    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC | GPE | NORP
    entity_id: str
    name: str | None = None
    name_en: str | None = None
    country: str | None = None


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None


@dataclass(slots=True)
class Participant:
    start: int
    end: int
    text: str
    entity_id: str | None = None
    code: str | None = None


@dataclass(slots=True)
class Location:
    start: int
    end: int
    text: str
    country: str | None = None


@dataclass(slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    cameo: str | None
    trigger: Span
    actor: Participant | None
    recipient: Participant | None
    date: str | None
    country: str | None
    location: Location | None
    negated: bool
    modality: str
    sentence: Sentence
    confidence: float
    context: list[str] = field(default_factory=list)
    quad_class: int | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: Participant | None
    verb: Span | None


def text_id(text: str) -> str:
    """Stable id of a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    """An article and everything the pipeline found in it."""

    text: str
    id: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    published: Published = field(default_factory=Published)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    #: reference date ("today") for inferring the document date; not serialized
    now: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text)

    # -- derived views shared by the stages (never serialized) -------------
    @cached_property
    def match(self) -> MatchText:
        """The matching form of the text, with its offset map to ``text``."""
        from waqai.text.normalize import MatchText

        return MatchText.of(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        """Word tokens with spans into ``text`` (and clitic sub-spans), found in ``match``."""
        from waqai.text.tokenize import tokenize

        return tokenize(self.text, self.match)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the derived views: workers send documents back, not their tokens."""
        state = self.__dict__.copy()
        state.pop("match", None)
        state.pop("tokens", None)
        return state

    def span(self, start: int, end: int) -> Span:
        """A span of the original text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside text of length {len(self.text)}")
        return Span(start, end, self.text[start:end])

    def sentence_of(self, offset: int) -> Sentence | None:
        """The sentence that contains character ``offset``."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    # -- serialization ------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "id": self.id,
            "text": self.text,
            "meta": dict(self.meta),
            "published": asdict(self.published),
            "sentences": [asdict(s) for s in self.sentences],
            "entities": [asdict(e) for e in self.entities],
            "timexes": [asdict(t) for t in self.timexes],
            "events": [asdict(e) for e in self.events],
            "quotes": [asdict(q) for q in self.quotes],
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from its JSON form (the inverse of ``to_dict``)."""

        def span(d: dict[str, Any] | None) -> Span | None:
            return Span(**d) if d else None

        def participant(d: dict[str, Any] | None) -> Participant | None:
            return Participant(**d) if d else None

        pub = data.get("published") or {}
        events = []
        for e in data.get("events", []):
            e = dict(e)
            e["trigger"] = Span(**e["trigger"])
            e["actor"] = participant(e.get("actor"))
            e["recipient"] = participant(e.get("recipient"))
            e["location"] = Location(**e["location"]) if e.get("location") else None
            e["sentence"] = Sentence(**e["sentence"])
            e["mentions"] = [Span(**m) for m in e.get("mentions", [])]
            events.append(Event(**e))
        return cls(
            text=data["text"],
            id=data.get("id", ""),
            meta=dict(data.get("meta") or {}),
            published=Published(pub.get("value"), pub.get("source"), span(pub.get("evidence"))),
            sentences=[Sentence(**s) for s in data.get("sentences", [])],
            entities=[Entity(**e) for e in data.get("entities", [])],
            timexes=[Timex(**t) for t in data.get("timexes", [])],
            events=events,
            quotes=[
                Quote(
                    q["start"],
                    q["end"],
                    q["text"],
                    participant(q.get("speaker")),
                    span(q.get("verb")),
                )
                for q in data.get("quotes", [])
            ],
        )
