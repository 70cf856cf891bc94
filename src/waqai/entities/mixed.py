"""The mixed tagger (``WAQAI_NER=crf+nn``): the CRF and the second network on a whole
document at once, in numpy.

Both models read the same per-token features, and both are linear in them before
anything else: the CRF's score for a label is the sum of its features' weights, the
network's input the mean of its features' embeddings. One table holds, per feature, the
CRF's weights and the network's embedding, so a single sparse product over the
document's features gives both. Then the CRF's marginals (forward-backward) and the
network's probabilities are averaged (weighted by ``ner_nn.json``) and decoded as the
most probable valid BILOU sequence, every step for all sentences of the document at once
(``lattice``). The CRF's weights come from its crfsuite model, read once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from waqai.entities import lattice, ner, neural
from waqai.entities.conll import from_bilou
from waqai.entities.features import (
    document_features,
    known_document_features,
    restrict_to,
    tagging_features,
)


@dataclass(frozen=True, eq=False)
class Mixer:
    """A CRF and a network as one table. Row 0 is zeros; a feature's row holds the CRF's
    weight for each label (in ``net.labels`` order), then the network's embedding, then 1
    where the network has one (the count its mean divides by)."""

    index: dict[str, int]
    table: np.ndarray
    transitions: np.ndarray
    net: neural.Network

    def sums(self, tokens: Sequence[Sequence[int]]) -> np.ndarray:
        """(tokens, columns): the sum of each token's rows (its features as
        ``features.restrict_to(self.index)`` hands them)."""
        rows = list(chain.from_iterable(tokens))
        ends = [0, *accumulate(map(len, tokens))]
        ones = np.ones(len(rows), np.float32)
        bag = csr_matrix((ones, rows, ends), shape=(len(tokens), self.table.shape[0]))
        return np.asarray(bag @ self.table)


def mixer() -> Mixer:
    """The mixer of the CRF and network in use (``ner.use_model``, ``neural.use_network``)."""
    return mixer_of(ner.tagger(), neural.network())


@lru_cache(maxsize=2)
def mixer_of(tagger: Any, net: neural.Network) -> Mixer:
    """``tagger``'s weights (a crfsuite model) and ``net``'s embeddings as one ``Mixer``."""
    info = tagger.info()
    labels = {lab: i for i, lab in enumerate(net.labels)}
    size = len(labels)
    names = sorted({a for a, _ in info.state_features} | set(net.features))
    index = {a: i + 1 for i, a in enumerate(names)}
    emb = net.arrays["embeddings"]
    table = np.zeros((len(names) + 1, size + emb.shape[1] + 1), np.float32)
    for (a, lab), w in info.state_features.items():
        table[index[a], labels[lab]] = w
    rows = [index[f] for f in net.features]
    table[rows, size:-1] = emb[list(net.features.values())]
    table[rows, -1] = 1.0
    transitions = np.zeros((size, size))
    for (a, b), w in info.transitions.items():
        transitions[labels[a], labels[b]] = w
    return Mixer(index, table, transitions, net)


def tag(sentences: Sequence[ner.SentenceInput]) -> list[list[str]]:
    """BIO tags for each (words, gazetteer tags, written words) sentence of one document."""
    m = mixer()
    full = [s for s in sentences if s[0]]
    if not full:
        return [[] for _ in sentences]
    restrict_to(m.index)  # features arrive as the rows of m.table
    doc = known_document_features(document_features(words for words, _, _ in full))
    tokens = [f for words, gaz, raw in full for f in tagging_features(words, gaz, doc, raw)]
    lengths = [len(s[0]) for s in full]
    sums = m.sums(tokens)
    size = len(m.net.labels)
    counts = np.maximum(sums[:, -1:], 1.0)  # no known feature: the zero row, as in training
    probs = neural.probabilities(
        m.net, [w for s in full for w in s[0]], sums[:, size:-1] / counts, lengths
    )
    crf = lattice.marginals(lattice.pad(sums[:, :size], lengths), m.transitions, lengths)
    mean = (1 - m.net.weight) * crf + m.net.weight * lattice.pad(probs, lengths)
    logp = np.log(np.maximum(mean, 1e-12))
    paths = lattice.best_valid(logp, lattice.bilou_constraints(m.net.labels), lengths)
    tagged = iter(
        ner.join_split_names(words, from_bilou([m.net.labels[k] for k in path[: len(words)]]))
        for (words, _, _), path in zip(full, paths, strict=True)
    )
    return [next(tagged) if words else [] for words, _, _ in sentences]
