"""How much a word is spelled like a name: a letter n-gram model of name words.

A name the model never saw and no list knows is still often recognisable by
its letters: transliterations (ثاباتيرو، نيستلروي) do not follow the
templates of Arabic words (سيحاسبونهم، المستشفيات). A naive Bayes over the
word's letter 2-4-grams, learned from the name words of ``name_parts.tsv``
against the common words of ``word_classes.tsv``, scores that; the NER
features use the score in half-unit buckets (``bucket``). The weights ship in
``entities/data/name_grams.tsv`` (``scripts/build_names.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import repeat

from waqai.resources import read_lines

NAME = "name_grams.tsv"
ORDERS = (2, 3, 4)
#: the width of a bucket of the mean log-likelihood ratio, and the outermost buckets
STEP = 0.5
LIMIT = 3
#: a word of Arabic letters (no tatweel, no Persian letters); the name lists keep only these
ARABIC_WORD = re.compile("[\u0621-\u063a\u0641-\u064a]+")


def without_article(word: str) -> str:
    """``word`` without a leading ال (names and common words both take it)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def grams(word: str) -> set[str]:
    """The letter 2-, 3- and 4-grams of ``word`` between word-boundary marks."""
    x = "<" + word + ">"
    return {x[i : i + n] for n in ORDERS for i in range(len(x) - n + 1)}


def learn(names: Iterable[str], words: Iterable[str]) -> dict[str, float]:
    """Bernoulli naive Bayes log-likelihood ratios (name over word) of each n-gram, with
    add-one smoothing; ``names`` and ``words`` are matching forms, a word in both counts as
    a name."""
    pos = {without_article(w) for w in names if ARABIC_WORD.fullmatch(w)}
    neg = {without_article(w) for w in words if ARABIC_WORD.fullmatch(w)} - pos
    pc: Counter[str] = Counter()
    nc: Counter[str] = Counter()
    for w in pos:
        pc.update(grams(w))
    for w in neg:
        nc.update(grams(w))
    p, n = len(pos) + 2, len(neg) + 2
    return {g: math.log((pc[g] + 1) / p) - math.log((nc[g] + 1) / n) for g in pc.keys() | nc}


@cache
def weights() -> dict[str, float]:
    """The shipped n-gram weights (``name_grams.tsv``; a missing file is a ``DataError``)."""
    rows = (line.split("\t") for line in read_lines("entities", NAME)[1:])  # after the header
    return {g: float(w) for g, w in rows}


def score(word: str, table: dict[str, float] | None = None) -> float:
    """Mean log-likelihood ratio of the n-grams of ``word`` (matching form, no clitics):
    above 0 spelled like a name, below like a common word."""
    table = weights() if table is None else table
    gs = grams(without_article(word))
    # fsum: a float sum in set order would depend on the process's string hashing, and a
    # score on a bucket boundary (قائد) would fall on either side from run to run
    return math.fsum(map(table.get, gs, repeat(0.0, len(gs)))) / len(gs)


def bucket(word: str) -> str:
    """``score`` in steps of ``STEP``, clipped to ±``LIMIT``: "-3" … "3"."""
    return str(max(-LIMIT, min(LIMIT, math.floor(score(word) / STEP))))
