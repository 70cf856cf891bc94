"""The optional second NER model: a bidirectional LSTM over the CRF's own features.

The CRF is linear in its features and sees two words either side. This network reads
the same features (as one averaged embedding per token), the word's letters (a small
convolution) and the whole sentence (the LSTM). Alone it scores below the CRF; the
average of the two models' label probabilities scores above either (blocked
cross-validation, docs/entities.md). It costs speed, so it is off by default:
``WAQAI_NER=crf+nn`` turns it on (``ner.tag_mixed``).

Trained with torch by ``scripts/train_ner_neural.py``; run here in numpy (the
``neural`` extra), so the package never needs torch. Loaded on first use.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from waqai.errors import ConfigError
from waqai.resources import load_json, read_checked

MODEL = "ner_nn.npz"
META = "ner_nn.json"
#: ``WAQAI_NER``: ``crf`` (the default) or ``crf+nn``
MODES = ("crf", "crf+nn")
#: letters of a word the convolution reads (as in training)
MAX_LETTERS = 16


def enabled() -> bool:
    """Whether ``WAQAI_NER`` asks for the second model (read on each document: cheap)."""
    mode = os.environ.get("WAQAI_NER", "crf").strip() or "crf"
    if mode not in MODES:
        raise ConfigError(f"WAQAI_NER={mode!r}: expected one of {', '.join(MODES)}")
    return mode == "crf+nn"


@dataclass(frozen=True)
class Network:
    """The network's vocabularies (feature and letter ids start at 1: 0 is the zero row),
    its labels, its share of the mix and its weights in numpy's layout."""

    features: dict[str, int]
    letters: dict[str, int]
    labels: tuple[str, ...]
    weight: float
    arrays: dict[str, Any]


def _numpy() -> Any:
    try:
        import numpy as np
    except ImportError:
        raise ConfigError("WAQAI_NER=crf+nn needs numpy: pip install 'waqai[neural]'") from None
    return np


_candidate: list[Network] = []


@contextmanager
def use_network(net: Network) -> Iterator[None]:
    """Mix ``net`` (a cross-validation fold's) instead of the shipped network."""
    _candidate[:] = [net]
    try:
        yield
    finally:
        _candidate.clear()


def network() -> Network:
    """The network to mix: the shipped one, unless ``use_network`` put another in its place."""
    return _candidate[0] if _candidate else shipped()


@cache
def shipped() -> Network:
    """The shipped network, its hash checked against ``ner_nn.json``."""
    np = _numpy()
    data = read_checked("entities", MODEL, META)
    with np.load(io.BytesIO(data)) as npz:  # the checked bytes, not a second read
        a = {k: npz[k] for k in npz.files}
    return from_arrays(a, float(load_json("entities", META)["weight"]))


def from_arrays(a: dict[str, Any], weight: float) -> Network:
    """A network from the arrays ``scripts/train_ner_neural.py`` saves (torch layouts)."""
    np = _numpy()
    conv = a["conv_weight"]  # (out, letters' dim, width 3)
    arrays = {
        "embeddings": a["feature_embeddings"].astype(np.float32),
        "letter_embeddings": a["letter_embeddings"].astype(np.float32),
        # window-major: row k * dim + c multiplies letter c of window position k
        "conv": conv.transpose(2, 1, 0).reshape(-1, conv.shape[0]).astype(np.float32),
        "conv_bias": a["conv_bias"].astype(np.float32),
        "out": a["out_weight"].T.astype(np.float32),
        "out_bias": a["out_bias"].astype(np.float32),
    }
    for d in ("forward", "backward"):
        arrays[d] = (
            a[f"{d}_input"].T.astype(np.float32),
            a[f"{d}_hidden"].T.astype(np.float32),
            a[f"{d}_bias"].astype(np.float32),
        )

    def lines(key: str) -> list[str]:  # UTF-8 bytes, one item per line
        return bytes(a[key]).decode("utf-8").split("\n")

    return Network(
        features={x: i + 1 for i, x in enumerate(lines("features"))},
        letters={x: i + 1 for i, x in enumerate(lines("letters"))},
        labels=tuple(lines("labels")),
        weight=weight,
        arrays=arrays,
    )


def _inputs(net: Network, words: Sequence[str], feats: Sequence[Sequence[str]]) -> Any:
    """(tokens, dim) input vectors: the mean embedding of each token's features and the
    max-pooled convolution over its first letters."""
    np = _numpy()
    a, known = net.arrays, net.features
    ids: list[int] = []
    offsets: list[int] = []
    for tok in feats:
        offsets.append(len(ids))
        got = [known[x] for x in tok if x in known]
        ids.extend(got or (0,))  # no known feature: the zero row, as in training
    offs = np.asarray(offsets)
    bags = np.add.reduceat(a["embeddings"][np.asarray(ids)], offs, axis=0)
    bags /= np.diff(np.append(offs, len(ids)))[:, None]
    letters = np.zeros((len(words), MAX_LETTERS + 2), dtype=np.int64)
    for i, w in enumerate(words):
        codes = [net.letters.get(c, 0) for c in w[:MAX_LETTERS]]
        letters[i, 1 : 1 + len(codes)] = codes
    emb = a["letter_embeddings"][letters]  # row 0 (padding) is zero: the conv's zero padding
    windows = np.concatenate([emb[:, k : k + MAX_LETTERS] for k in range(3)], axis=2)
    conv = np.maximum((windows @ a["conv"]).max(axis=1) + a["conv_bias"], 0)
    return np.concatenate([bags, conv], axis=1)


def _lstm(x: Any, params: tuple[Any, Any, Any]) -> Any:
    """One LSTM direction over a batch ``x`` (sentences, steps, dim), left-aligned: steps
    past a sentence's end come after it and never reach its outputs."""
    np = _numpy()
    w_in, w_hidden, bias = params
    n, steps, _ = x.shape
    size = w_hidden.shape[0]
    projected = x @ w_in + bias
    h = np.zeros((n, size), np.float32)
    c = np.zeros((n, size), np.float32)
    out = np.empty((n, steps, size), np.float32)
    for t in range(steps):
        z = projected[:, t] + h @ w_hidden  # gates in torch's order: in, forget, cell, out
        gate = 1.0 / (1.0 + np.exp(-z))
        c = gate[:, size : 2 * size] * c + gate[:, :size] * np.tanh(z[:, 2 * size : 3 * size])
        h = gate[:, 3 * size :] * np.tanh(c)
        out[:, t] = h
    return out


def probabilities(
    net: Network, sentences: Sequence[tuple[Sequence[str], Sequence[Sequence[str]]]]
) -> list[Any]:
    """(tokens, labels) probabilities for each (words, per-token features) sentence; the
    sentences of a document run as one batch."""
    np = _numpy()
    lengths = [len(w) for w, _ in sentences]
    if not any(lengths):
        return [np.zeros((0, len(net.labels)), np.float32) for _ in sentences]
    flat_words = [w for words, _ in sentences for w in words]
    flat_feats = [f for _, feats in sentences for f in feats]
    x = _inputs(net, flat_words, flat_feats)
    steps = max(lengths)
    batch = np.zeros((len(sentences), steps, x.shape[1]), np.float32)
    backward = np.zeros_like(batch)
    at = 0
    for b, n in enumerate(lengths):
        batch[b, :n] = x[at : at + n]
        backward[b, :n] = x[at : at + n][::-1]
        at += n
    fw = _lstm(batch, net.arrays["forward"])
    bw = _lstm(backward, net.arrays["backward"])
    out = []
    for b, n in enumerate(lengths):
        h = np.concatenate([fw[b, :n], bw[b, :n][::-1]], axis=1)
        z = h @ net.arrays["out"] + net.arrays["out_bias"]
        z = np.exp(z - z.max(axis=1, keepdims=True))
        out.append(z / z.sum(axis=1, keepdims=True))
    return out


def _allowed(previous: str, label: str) -> bool:
    """BILOU: inside an entity only its I-/L- may follow; outside, O, B- or U-."""
    if previous[0] in "BI":
        return label[0] in "IL" and label[2:] == previous[2:]
    return label[0] in "OBU"


@cache
def _transitions(labels: tuple[str, ...]) -> tuple[Any, Any, Any]:
    """Log transition mask (0 / -inf) and start / end masks over ``labels``."""
    np = _numpy()
    never = -np.inf
    trans = np.array([[0.0 if _allowed(p, q) else never for q in labels] for p in labels])
    start = np.array([0.0 if q[0] in "OBU" else never for q in labels])
    end = np.array([0.0 if q[0] in "OLU" else never for q in labels])
    return trans, start, end


def decode(net: Network, crf_marginals: Sequence[Sequence[float]], probs: Any) -> list[str]:
    """BILOU labels of one sentence: the CRF's marginals (one row per token, in
    ``net.labels`` order) and the network's probabilities, averaged by ``net.weight``."""
    np = _numpy()
    return viterbi(net.labels, (1 - net.weight) * np.asarray(crf_marginals) + net.weight * probs)


def viterbi(labels: tuple[str, ...], probs: Any) -> list[str]:
    """The most probable BILOU sequence under ``probs`` (tokens, labels) whose every step
    is a valid BILOU transition."""
    np = _numpy()
    trans, start, end = _transitions(labels)
    logp = np.log(np.maximum(np.asarray(probs, dtype=np.float64), 1e-12))
    score = start + logp[0]
    back = []
    for t in range(1, len(logp)):
        cand = score[:, None] + trans
        arg = cand.argmax(axis=0)
        back.append(arg)
        score = cand[arg, np.arange(len(labels))] + logp[t]
    best = int((score + end).argmax())
    path = [best]
    for arg in reversed(back):
        best = int(arg[best])
        path.append(best)
    return [labels[k] for k in reversed(path)]
