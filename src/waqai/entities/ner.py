"""The statistical NER tagger: a CRF (python-crfsuite) over ``features``.

The model file ships in ``entities/data/ner.crfsuite`` with its metadata
(hash, version, training data, scores) in ``ner.json``; it is opened on first
use, once per process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from typing import Any

import pycrfsuite

from waqai.entities.conll import from_bilou
from waqai.entities.features import sequence_features
from waqai.errors import DataError
from waqai.resources import data_path, load_json

MODEL = "ner.crfsuite"
META = "ner.json"


def file_hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


@cache
def tagger() -> Any:
    """The CRF tagger, loaded once; its hash is checked against ``ner.json``."""
    meta = load_json("entities", META)
    path = data_path("entities", MODEL)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"waqai/entities/data/{MODEL}: cannot load ({exc})") from exc
    if file_hash(data) != meta.get("sha256"):
        raise DataError(f"waqai/entities/data/{MODEL}: hash differs from {META}")
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


def tag_words(words: Sequence[str], gaz: Sequence[str]) -> list[str]:
    """BIO tags for a sentence of matching-form ``words`` with their gazetteer tags."""
    if not words:
        return []
    feats = sequence_features(words, gaz)
    return from_bilou(tagger().tag(feats))
