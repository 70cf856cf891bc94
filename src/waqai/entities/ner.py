"""The statistical NER tagger: a CRF (python-crfsuite) over ``features``.

The model file ships in ``entities/data/ner.crfsuite`` with its metadata
(hash, version, training data, scores) in ``ner.json``; it is opened on first
use, once per process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pycrfsuite

from waqai.entities.conll import from_bilou
from waqai.entities.features import (
    DocFeatures,
    document_features,
    known_document_features,
    restrict_to,
    tagging_features,
)
from waqai.entities.repair import repair
from waqai.errors import ConfigError
from waqai.resources import data_path, load_json, read_checked, read_lines

MODEL = "ner.crfsuite"
META = "ner.json"
#: the attributes with a weight in the model, one per line (written by scripts/train_ner.py)
ATTRIBUTES = "ner_attributes.txt"
#: ``WAQAI_NER``: ``crf`` (the default) or ``crf+nn``, the CRF averaged with the second
#: model (``waqai.entities.neural``, ``waqai.entities.mixed``; the ``neural`` extra)
MODES = ("crf", "crf+nn")


def mode() -> str:
    """``WAQAI_NER``, checked (read on each document: cheap)."""
    value = os.environ.get("WAQAI_NER", "crf").strip() or "crf"
    if value not in MODES:
        raise ConfigError(f"WAQAI_NER={value!r}: expected one of {', '.join(MODES)}")
    return value


@cache
def tagger() -> Any:
    """The CRF tagger, loaded once; its hash is checked against ``ner.json`` (or the model
    ``use_model`` puts in its place)."""
    if _candidate:
        return _candidate[0][0]
    read_checked("entities", MODEL, META)
    t = pycrfsuite.Tagger()
    t.open(str(data_path("entities", MODEL)))
    return t


@cache
def attributes() -> dict[str, str]:
    """The tagger's attributes, each mapped to itself: what ``features.restrict_to`` cuts
    the features to for crfsuite."""
    if _candidate:
        return _candidate[0][1]
    return {a: a for a in read_lines("entities", ATTRIBUTES)}


_candidate: list[tuple[Any, dict[str, str]]] = []


@contextmanager
def use_model(path: Path) -> Iterator[None]:
    """Tag with the CRF at ``path`` (a training candidate, a cross-validation fold) instead
    of the shipped one, cut to that model's own attributes."""
    t = pycrfsuite.Tagger()
    t.open(str(path))
    _candidate[:] = [(t, {a: a for a, _ in t.info().state_features})]
    tagger.cache_clear()
    attributes.cache_clear()
    try:
        yield
    finally:
        _candidate.clear()
        tagger.cache_clear()  # the next use loads the shipped model and its attributes
        attributes.cache_clear()
        t.close()


def decode(t: Any, n: int, o_threshold: float) -> list[str]:
    """Viterbi labels, then every token whose P(O) is below ``o_threshold`` joins an entity.

    The CRF is precise but misses names; a threshold above 0.5 (chosen by
    cross-validation in ``scripts/train_ner.py``) trades a little precision for
    recall. The token takes the type with the largest summed marginal and
    continues an adjacent entity of that type.
    """
    out = from_bilou(t.tag())
    if o_threshold <= 0.5:
        return out
    labels = [lab for lab in t.labels() if lab != "O"]
    for i in range(n):
        if out[i] != "O" or t.marginal("O", i) >= o_threshold:
            continue
        scores: dict[str, float] = {}
        for lab in labels:
            scores[lab[2:]] = scores.get(lab[2:], 0.0) + t.marginal(lab, i)
        typ = max(sorted(scores), key=scores.__getitem__)
        out[i] = ("I-" if i > 0 and out[i - 1][2:] == typ else "B-") + typ
        if i + 1 < n and out[i + 1] == "B-" + typ:
            out[i + 1] = "I-" + typ
    return out


def join_split_names(words: Sequence[str], tags: list[str]) -> list[str]:
    """Adjacent person spans joined into one, unless the second begins with و.

    The CRF sometimes cuts a long name in two ("محمود أحمدي | نجاد", "خوسي | لويس
    ثاباتيرو"); two people side by side are joined by و ("بوش وبلير"), which the
    annotated text shows 149 times against 25 without it (blocked CV +0.3 F1).
    """
    for k in range(1, len(tags)):
        if tags[k] == "B-PER" and tags[k - 1][2:] == "PER" and not words[k].startswith("و"):
            tags[k] = "I-PER"
    return tags


@cache
def o_threshold() -> float:
    return float(load_json("entities", META).get("o_threshold", 0.5))


def tag_words(
    words: Sequence[str],
    gaz: Sequence[str],
    doc: DocFeatures | None = None,
    raw: Sequence[str] | None = None,
) -> list[str]:
    """BIO tags for a sentence of matching-form ``words`` with their gazetteer tags, in a
    document whose ``document_features`` are ``doc`` (by default the sentence alone);
    ``raw`` are the words as written (``features.spelling_features``)."""
    if not words:
        return []
    t = tagger()
    restrict_to(attributes())
    if doc is None:
        doc = known_document_features(document_features([words]))
    t.set(tagging_features(words, gaz, doc, raw))
    return join_split_names(words, decode(t, len(words), o_threshold()))


#: one sentence for ``tag_document``: matching-form words, their gazetteer tags, the words
#: as written
SentenceInput = tuple[Sequence[str], Sequence[str], Sequence[str]]


def tag_document(sentences: Sequence[SentenceInput]) -> list[list[str]]:
    """BIO tags for each (words, gazetteer tags, written words) sentence of one document,
    with the shape of names repaired (``repair``)."""
    return repair([words for words, _, _ in sentences], _tag(sentences))


def _tag(sentences: Sequence[SentenceInput]) -> list[list[str]]:
    if mode() == "crf+nn":
        try:
            from waqai.entities import mixed
        except ImportError as e:  # numpy or scipy
            raise ConfigError(
                f"WAQAI_NER=crf+nn needs {e.name}: pip install 'waqai[neural]'"
            ) from None
        return mixed.tag(sentences)
    restrict_to(attributes())  # before the document features are cut to them
    doc = known_document_features(document_features(words for words, _, _ in sentences))
    return [tag_words(words, gaz, doc, raw) for words, gaz, raw in sentences]
