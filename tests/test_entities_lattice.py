"""Batched lattice inference (waqai.entities.lattice) against brute force: every label path
of small random CRFs enumerated, several sentences of different lengths in one batch."""

from __future__ import annotations

import itertools

import pytest

np = pytest.importorskip("numpy")

from waqai.entities import lattice  # noqa: E402

LENGTHS = [3, 1, 4, 2]
LABELS = 3


def _paths(n: int) -> list[tuple[int, ...]]:
    return list(itertools.product(range(LABELS), repeat=n))


def _score(unary, trans, start, end, path) -> float:  # noqa: ANN001
    s = start[path[0]] + end[path[-1]] + sum(unary[t, k] for t, k in enumerate(path))
    return s + sum(trans[a, b] for a, b in itertools.pairwise(path))


def _random_batch(seed: int):  # noqa: ANN202
    gen = np.random.default_rng(seed)
    unary = gen.normal(scale=3, size=(len(LENGTHS), max(LENGTHS), LABELS))
    return unary, gen.normal(scale=2, size=(LABELS, LABELS))


@pytest.mark.parametrize("seed", range(5))
def test_marginals_are_the_path_probabilities_summed(seed: int) -> None:
    unary, trans = _random_batch(seed)
    got = lattice.marginals(unary, trans, LENGTHS)
    none = np.zeros(LABELS)
    for s, n in enumerate(LENGTHS):
        weights = {p: np.exp(_score(unary[s], trans, none, none, p)) for p in _paths(n)}
        total = sum(weights.values())
        want = np.zeros((n, LABELS))
        for p, w in weights.items():
            for t, k in enumerate(p):
                want[t, k] += w / total
        assert np.allclose(got[s, :n], want, atol=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_viterbi_finds_the_best_allowed_path(seed: int) -> None:
    unary, trans = _random_batch(seed)
    trans[0, 2] = lattice.NEVER  # 2 never follows 0, starts or ends a path here
    start = np.array([0.0, 0.5, lattice.NEVER])
    end = np.array([0.0, -0.5, lattice.NEVER])
    got = lattice.viterbi(unary, trans, start, end, LENGTHS)
    for s, n in enumerate(LENGTHS):
        best = max(_paths(n), key=lambda p: _score(unary[s], trans, start, end, p))
        assert tuple(got[s, :n]) == best


def test_bilou_constraints_admit_only_whole_entities() -> None:
    labels = ("B-PER", "I-PER", "L-PER", "O", "U-LOC")
    trans, start, end = lattice.bilou_constraints(labels)
    allowed = {
        (p, q) for i, p in enumerate(labels) for j, q in enumerate(labels) if trans[i, j] == 0
    }
    assert ("B-PER", "I-PER") in allowed and ("I-PER", "L-PER") in allowed
    assert ("B-PER", "O") not in allowed and ("O", "I-PER") not in allowed
    assert ("L-PER", "U-LOC") in allowed and ("U-LOC", "B-PER") in allowed
    assert [labels[k] for k in np.flatnonzero(start == 0)] == ["B-PER", "O", "U-LOC"]
    assert [labels[k] for k in np.flatnonzero(end == 0)] == ["L-PER", "O", "U-LOC"]
    # the best valid path of a sentence whose best labels one by one are invalid
    scores = np.log(np.array([[[0.1, 0.6, 0.0, 0.3, 0.0], [0.0, 0.0, 0.7, 0.3, 0.0]]]) + 1e-12)
    path = lattice.viterbi(scores, trans, start, end, [2])[0]
    assert [labels[k] for k in path] == ["O", "O"]


def test_pad_left_aligns_sentences_with_zeros_after() -> None:
    padded = lattice.pad(np.arange(10.0).reshape(5, 2), [2, 3])
    assert padded.tolist() == [
        [[0.0, 1.0], [2.0, 3.0], [0.0, 0.0]],
        [[4.0, 5.0], [6.0, 7.0], [8.0, 9.0]],
    ]


@pytest.mark.parametrize("seed", range(8))
def test_best_valid_is_viterbi_under_constraints(seed: int) -> None:
    """Each token's best label where that path is valid, Viterbi elsewhere: the same paths
    as Viterbi for every sentence of a batch (valid and invalid ones mixed)."""
    labels = ("B-PER", "I-PER", "L-PER", "O", "U-PER")
    constraints = lattice.bilou_constraints(labels)
    gen = np.random.default_rng(seed)
    lengths = [5, 1, 3, 4, 2, 5]
    scores = np.log(gen.dirichlet(np.full(len(labels), 0.3), size=(len(lengths), 5)))
    scores[2, :3] = np.log([[0.01, 0.01, 0.01, 0.96, 0.01]] * 3)  # all O: valid as it is
    want = lattice.viterbi(scores, *constraints, lengths)
    got = lattice.best_valid(scores, constraints, lengths)
    for s, n in enumerate(lengths):
        assert got[s, :n].tolist() == want[s, :n].tolist()
    assert got[2, :3].tolist() == [3, 3, 3]
