"""Inference over the label lattices of a document's sentences at once, in numpy.

A document's sentences are padded into one (sentences, steps, labels) array, so that each
step of the forward-backward and Viterbi recursions is a handful of numpy operations for
the whole document rather than a Python loop per sentence and token. Used by the mixed
tagger (``WAQAI_NER=crf+nn``, ``waqai.entities.mixed``); the CRF alone decodes in crfsuite.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

#: a score no path may take
NEVER = -np.inf


def pad(flat: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
    """Rows of ``flat`` (one per token, sentences one after another) as (sentences, steps,
    columns), left-aligned; the steps past a sentence's end are zero."""
    out = np.zeros((len(lengths), max(lengths, default=0), flat.shape[1]), flat.dtype)
    at = 0
    for s, n in enumerate(lengths):
        out[s, :n] = flat[at : at + n]
        at += n
    return out


def marginals(unary: np.ndarray, transitions: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
    """P(label at step t | sentence) of a linear-chain CRF with ``unary`` scores (sentences,
    steps, labels) and ``transitions`` (previous, next), by forward-backward.

    Both passes run as one recursion, message = (message · emission) @ moves, the
    backward one over each sentence read from its end (so every sentence starts at step
    0 either way); every message is rescaled to sum to one (the scale cancels in a
    marginal), so no log-sum-exp is needed.
    """
    n, steps, size = unary.shape
    unary = unary.astype(np.float64)
    emit = np.exp(unary - unary.max(axis=2, keepdims=True))
    moves = np.exp(transitions - transitions.max())
    ends = np.asarray(lengths)[:, None]
    at = np.arange(steps)
    reverse = np.where(at < ends, ends - 1 - at, 0)[:, :, None]  # token at backward step t
    emits = np.stack([emit, np.take_along_axis(emit, reverse, axis=1)])
    both = np.stack([moves, moves.T])
    messages = np.empty_like(emits)
    m = messages[:, :, 0] = np.ones((2, n, size))
    for t in range(1, steps):
        m = (m * emits[:, :, t - 1]) @ both
        m /= m.sum(axis=2, keepdims=True)
        messages[:, :, t] = m
    p = messages[0] * emit * np.take_along_axis(messages[1], reverse, axis=1)
    return p / np.maximum(p.sum(axis=2, keepdims=True), np.finfo(p.dtype).tiny)


def viterbi(
    scores: np.ndarray,
    transitions: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    lengths: Sequence[int],
) -> np.ndarray:
    """The best label path (sentences, steps) under additive ``scores`` (sentences, steps,
    labels), ``transitions`` (previous, next) and ``start`` / ``end`` scores; a path
    past a sentence's end is padding."""
    n, steps, size = scores.shape
    best = np.empty((n, steps, size))  # the best score of a path ending in each label
    back = np.zeros((n, steps, size), np.int64)
    into = np.ascontiguousarray(transitions.T)  # (next, previous): reduce the last axis
    best[:, 0] = start + scores[:, 0]
    for t in range(1, steps):
        cand = best[:, t - 1, None, :] + into
        back[:, t] = cand.argmax(axis=2)
        best[:, t] = cand.max(axis=2) + scores[:, t]
    rows = np.arange(n)
    last = np.asarray(lengths) - 1
    label = ends = (best[rows, last] + end).argmax(axis=1)
    path = np.zeros((n, steps), np.int64)
    for t in range(steps - 1, -1, -1):
        label = np.where(last == t, ends, label)
        path[:, t] = label
        label = back[rows, t, label]
    return path


def best_valid(
    scores: np.ndarray,
    constraints: tuple[np.ndarray, np.ndarray, np.ndarray],
    lengths: Sequence[int],
) -> np.ndarray:
    """``viterbi`` under ``constraints`` (transition, start and end scores that are 0 or
    ``NEVER``): where each token's best label already makes a valid path, that path is
    the best one, so only the other sentences run the recursion (most of a document's do
    not need it)."""
    trans, start, end = constraints
    greedy = scores.argmax(axis=2)
    n = np.asarray(lengths)
    rows = np.arange(len(n))
    steps = np.arange(1, greedy.shape[1])
    ok = (start[greedy[:, 0]] == 0) & (end[greedy[rows, n - 1]] == 0)
    inside = steps < n[:, None]
    ok &= ((trans[greedy[:, :-1], greedy[:, 1:]] == 0) | ~inside).all(axis=1)
    redo = np.flatnonzero(~ok)
    if len(redo):
        greedy[redo] = viterbi(scores[redo], trans, start, end, n[redo].tolist())
    return greedy


def _allowed(previous: str, label: str) -> bool:
    """BILOU: inside an entity only its I-/L- may follow; outside, O, B- or U-."""
    if previous[0] in "BI":
        return label[0] in "IL" and label[2:] == previous[2:]
    return label[0] in "OBU"


@cache
def bilou_constraints(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Transition, start and end scores (0 or ``NEVER``) that admit only valid BILOU paths."""
    trans = np.array([[0.0 if _allowed(p, q) else NEVER for q in labels] for p in labels])
    start = np.array([0.0 if q[0] in "OBU" else NEVER for q in labels])
    end = np.array([0.0 if q[0] in "OLU" else NEVER for q in labels])
    return trans, start, end
