"""The optional second NER model: a bidirectional LSTM over the CRF's own features.

The CRF is linear in its features and sees two words either side. This network reads
the same features (as one averaged embedding per token), the word's letters (a small
convolution) and the whole sentence (the LSTM). Alone it scores below the CRF; the
average of the two models' label probabilities scores above either (blocked
cross-validation, docs/entities.md). ``waqai.entities.mixed`` averages them when
``WAQAI_NER=crf+nn``.

Trained with torch by ``scripts/train_ner_neural.py``; run here in numpy (the
``neural`` extra), so the package never needs torch. Loaded on first use.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from waqai.resources import load_json, read_checked

MODEL = "ner_nn.npz"
META = "ner_nn.json"
#: letters of a word the convolution reads (as in training)
MAX_LETTERS = 16


@dataclass(frozen=True, eq=False)
class Network:
    """The network's feature vocabulary (ids start at 1: 0 is the zero row), its labels,
    its share of the mix and its weights in numpy's layout (compared and hashed by
    identity: a mixer is cached per network)."""

    features: dict[str, int]
    labels: tuple[str, ...]
    weight: float
    arrays: dict[str, np.ndarray]
    #: word → its letter features (``letter_features``)
    letter_cache: dict[str, np.ndarray] = field(default_factory=dict)


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
    data = read_checked("entities", MODEL, META)
    with np.load(io.BytesIO(data)) as npz:  # the checked bytes, not a second read
        a = {k: npz[k] for k in npz.files}
    return from_arrays(a, float(load_json("entities", META)["weight"]))


def from_arrays(a: dict[str, np.ndarray], weight: float) -> Network:
    """A network from the arrays ``scripts/train_ner_neural.py`` saves (torch layouts)."""
    conv = a["conv_weight"]  # (out, letters' dim, width 3)
    hidden = a["forward_hidden"].shape[1]
    # σ(x) = (1 + tanh(x / 2)) / 2: the input, forget and output gates' weights are halved
    # here so that one tanh over all four gates serves each LSTM step
    half = np.full(4 * hidden, 0.5, np.float32)
    half[2 * hidden : 3 * hidden] = 1.0  # the cell candidate, in torch's order i, f, g, o

    def stacked(part: str, transpose: bool) -> np.ndarray:
        ws = [a[f"{d}_{part}"] for d in ("forward", "backward")]
        return np.stack([(w.T if transpose else w) * half for w in ws]).astype(np.float32)

    arrays = {
        "embeddings": a["feature_embeddings"].astype(np.float32),
        "letter_embeddings": a["letter_embeddings"].astype(np.float32),
        # window-major: row k * dim + c multiplies letter c of window position k
        "conv": conv.transpose(2, 1, 0).reshape(-1, conv.shape[0]).astype(np.float32),
        "conv_bias": a["conv_bias"].astype(np.float32),
        "out": a["out_weight"].T.astype(np.float32),
        "out_bias": a["out_bias"].astype(np.float32),
        # both directions side by side: (inputs, 8 * hidden) and (8 * hidden,); stacked for
        # the recurrence: (2, hidden, 4 * hidden)
        "lstm_input": np.concatenate(stacked("input", True), axis=1),
        "lstm_bias": np.concatenate(stacked("bias", False)),
        "lstm_hidden": stacked("hidden", True),
    }

    def lines(key: str) -> list[str]:  # UTF-8 bytes, one item per line
        return bytes(a[key]).decode("utf-8").split("\n")

    # code point → letter id (0: unknown; ids start at 1), for the Basic Multilingual Plane
    arrays["letter_ids"] = np.zeros(0x10000, np.int64)
    for i, x in enumerate(lines("letters")):
        if ord(x) < 0x10000:
            arrays["letter_ids"][ord(x)] = i + 1
    return Network(
        features={x: i + 1 for i, x in enumerate(lines("features"))},
        labels=tuple(lines("labels")),
        weight=weight,
        arrays=arrays,
    )


def letter_features(net: Network, words: Sequence[str]) -> np.ndarray:
    """(words, filters): the max-pooled convolution over each word's first letters,
    computed once per word form (a document repeats its words; a corpus more so)."""
    cache = net.letter_cache
    new = list(dict.fromkeys(w for w in words if w not in cache))
    if new:
        if len(cache) > 200_000:
            cache.clear()
        cache.update(zip(new, _letter_features(net, new), strict=True))
    return np.array([cache[w] for w in words], np.float32).reshape(len(words), -1)


def _letter_features(net: Network, words: Sequence[str]) -> np.ndarray:
    a = net.arrays
    # each word's first letters as code points (numpy's fixed-width strings, zero padded),
    # then as letter ids; a zero column either side is the convolution's zero padding
    points = np.array(words, dtype=f"<U{MAX_LETTERS}").view(np.uint32)
    points = points.reshape(len(words), MAX_LETTERS)
    letters = np.pad(
        a["letter_ids"][np.minimum(points, len(a["letter_ids"]) - 1)], ((0, 0), (1, 1))
    )
    emb = a["letter_embeddings"][letters]  # row 0 (padding) is zero: the conv's zero padding
    windows = np.concatenate([emb[:, k : k + MAX_LETTERS] for k in range(3)], axis=2)
    return np.maximum((windows @ a["conv"]).max(axis=1) + a["conv_bias"], 0)


def probabilities(
    net: Network, words: Sequence[str], bags: np.ndarray, lengths: Sequence[int]
) -> np.ndarray:
    """(tokens, labels) label probabilities of a document's sentences (their ``lengths``
    > 0, sentences one after another), given its ``words`` and each token's mean feature
    embedding (``bags``), one row per token."""
    a = net.arrays
    x = np.concatenate([bags.astype(np.float32), letter_features(net, words)], axis=1)
    projected = x @ a["lstm_input"] + a["lstm_bias"]  # both directions: (tokens, 8 * hidden)
    # the sentences longest first, so that those still running at a step are a prefix;
    # forward step t of sentence s reads its token t, backward step t its token n_s - 1 - t
    n = np.asarray(lengths)
    order = np.argsort(-n, kind="stable")
    n = n[order]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[order]
    t = np.arange(n[0])
    inside = t < n[:, None]
    forward = np.where(inside, starts[:, None] + t, len(x))  # len(x): a row of zeros
    backward = np.where(inside, starts[:, None] + n[:, None] - 1 - t, len(x))
    # (tokens + a zero row, direction, 4 * hidden): one gather takes both directions' steps
    projected = np.vstack([projected, np.zeros((1, projected.shape[1]), np.float32)])
    projected = projected.reshape(len(x) + 1, 2, -1)
    direction = np.arange(2)[:, None, None]
    states = _lstm(projected[np.stack([forward, backward]), direction], n, a["lstm_hidden"])
    # back to one row per token, in the document's order
    h = np.empty((len(x), 2 * states.shape[-1]), np.float32)
    h[forward[inside], : states.shape[-1]] = states[0][inside]
    h[backward[inside], states.shape[-1] :] = states[1][inside]
    z = h @ a["out"] + a["out_bias"]
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def _lstm(projected: np.ndarray, lengths: np.ndarray, w_hidden: np.ndarray) -> np.ndarray:
    """Both LSTM directions at once over their ``projected`` inputs (2, sentences, steps,
    4 * hidden), left-aligned, the sentences longest first (``lengths``): each step runs
    only the sentences not yet ended, not their padding."""
    size = w_hidden.shape[1]
    _, n, steps, _ = projected.shape
    running = np.searchsorted(-lengths, -np.arange(steps))  # sentences longer than t
    h = np.zeros((2, n, size), np.float32)
    c = np.zeros((2, n, size), np.float32)
    out = np.zeros((2, n, steps, size), np.float32)
    for t in range(steps):
        k = running[t]
        g = np.tanh(projected[:, :k, t] + h[:, :k] @ w_hidden)  # i, f, o halved: from_arrays
        sig = g * 0.5 + 0.5
        c[:, :k] = ck = (
            sig[..., size : 2 * size] * c[:, :k] + sig[..., :size] * g[..., 2 * size : 3 * size]
        )
        h[:, :k] = out[:, :k, t] = sig[..., 3 * size :] * np.tanh(ck)
    return out
