"""Train the CRF NER model shipped in ``src/waqai/entities/data/``.

Data (from shared/data/ner, never shipped): the ANERcorp CAMeL Lab train split,
plus the NewsFANE sentences that share no 6-gram with ANERcorp (its test split
AND its train split: the overlap is the same text, annotated twice). NewsFANE's
fine types are mapped to PER/LOC/ORG/MISC following ANERcorp's conventions
(measured on the shared sentences: Government and Group are O in ANERcorp).
Word clusters are learned from the training text plus all NewsFANE text that
shares nothing with the test split. Word frequencies come from the shipped
``word_classes.tsv`` (``scripts/build_wordfreq.py``), name words and full names
from ``name_parts.tsv`` and ``full_names.txt`` (``scripts/build_names.py``).

Sentences are read in runs of ``DOC`` as documents: a word's features include what
the rest of its document says about it (``features.document_features``). Each run
is also copied ``--copies`` times with every name replaced, at ``--replace``
probability, by another name of its type from the training data (mention
replacement): the model learns the contexts of names rather than the names.

usage: python scripts/train_ner.py [--cv 3 [--seeds 3]] [--c1 0.02 --c2 0.02] [--copies 2] [--out DIR]
``--cv`` only reports blocked cross-validation and writes nothing (each fold scored as
runs of sentences without propagation, at several P(O) thresholds, and as
``benchmarks/ner.py`` scores the test split: each sentence alone, and runs of ``DOC``
sentences with name propagation; ``--seeds N`` averages over N replacement seeds, since
one seed alone moves the score by about 0.4); ``--out
/tmp/ner-cand`` writes a candidate (ner.crfsuite, ner.json, clusters.tsv) without
touching the shipped files. Training is deterministic (L-BFGS, fixed cluster and
replacement seeds): rerunning rebuilds the shipped model.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pycrfsuite

from waqai.entities import conll, gazetteer, ner
from waqai.entities.features import (
    document_features,
    gazetteer_tags,
    sequence_features,
    stripped,
    use_clusters,
)
from waqai.entities.ner import decode, join_split_names
from waqai.entities.pretokenized import tag_runs, word_spans
from waqai.resources import file_hash
from waqai.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "waqai" / "entities" / "data"
VERSION = "1.5.1"
#: sentences read as one document (ANERcorp keeps its articles' order, without boundaries)
DOC = 20
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
#: the shipped model's settings (the defaults of the options below)
C1, C2, ITERS = 0.02, 0.02, 100
#: name-replaced copies of the training runs, and the probability to replace a name
COPIES, REPLACE = 2, 0.5

FANE_TYPES = {
    **dict.fromkeys(
        [
            "Politician",
            "Athlete",
            "Artist",
            "Other_PER",
            "Religious_PER",
            "Scientist",
            "Businessperson",
            "Lawyer",
            "Engineer",
            "Police",
        ],
        "PER",
    ),
    **dict.fromkeys(
        [
            "Nation",
            "Population-Center",
            "State-or-Province",
            "GPE-Cluster",
            "Water-Body",
            "Continent",
            "County-or-District",
            "Land-Region-Natural",
        ],
        "LOC",
    ),
    **dict.fromkeys(["Non-Governmental", "Sports", "Media", "Commercial", "Educational"], "ORG"),
    **dict.fromkeys(["Book", "Air", "Projectile", "Food", "Drug", "Hardware"], "MISC"),
}


def ngrams(sent: conll.Sentence, n: int = 6) -> set[tuple[str, ...]]:
    w = [normalize(t) for t, _ in sent]
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def load_data(
    shared: Path,
) -> tuple[list[conll.Sentence], list[conll.Sentence], list[conll.Sentence], int]:
    """ANERcorp train, the NewsFANE sentences new to ANERcorp, and the NewsFANE text not
    overlapping the test split (unlabelled text for the word clusters), NewsFANE size."""
    ner = shared / "data" / "ner"
    train = conll.read_conll(ner / "anercorp/ANERCorp_CamelLab_train.txt", conll.ANER_TYPES)
    test = conll.read_conll(ner / "anercorp/ANERCorp_CamelLab_test.txt", conll.ANER_TYPES)
    fane = conll.read_conll(ner / "newsfane/NewsFANE_Gold_2014_170K.txt", FANE_TYPES)
    in_train: set[tuple[str, ...]] = set()
    in_test: set[tuple[str, ...]] = set()
    for s in train:
        in_train |= ngrams(s)
    for s in test:
        in_test |= ngrams(s)
    not_test = [s for s in fane if not ngrams(s) & in_test]
    novel = [s for s in not_test if not ngrams(s) & in_train and len(s) >= 6]
    return train, novel, not_test, len(fane)


def block_features(block: list[conll.Sentence]) -> list[list[list[str]]]:
    """Features of a run of sentences read as one document."""
    words = [[normalize(t) or t for t, _ in s] for s in block]
    doc = document_features(words)
    out = []
    for w, s in zip(words, block, strict=True):
        gaz = gazetteer_tags(gazetteer.find(" ".join(w)), word_spans(w))
        out.append(sequence_features(w, gaz, doc, [t for t, _ in s]))
    return out


def blocks(sents: list[conll.Sentence]) -> Iterator[list[conll.Sentence]]:
    for i in range(0, len(sents), DOC):
        yield sents[i : i + DOC]


def replaced_copies(
    sents: list[conll.Sentence], copies: int, prob: float, seed: int
) -> list[list[conll.Sentence]]:
    """``copies`` copies of each document run, each name replaced at ``prob`` by another
    name of its type from ``sents`` (mention replacement)."""
    pool: dict[str, list[tuple[str, ...]]] = {}
    for s in sents:
        for a, b, t in conll.bio_spans([x for _, x in s]):
            pool.setdefault(t, []).append(tuple(w for w, _ in s[a:b]))
    rng = random.Random(seed)
    out = []
    for block in blocks(sents):
        for _ in range(copies):
            copy = []
            for s in block:
                new: conll.Sentence = []
                last = 0
                for a, b, t in conll.bio_spans([x for _, x in s]):
                    new.extend(s[last:a])
                    name = rng.choice(pool[t]) if rng.random() < prob else [w for w, _ in s[a:b]]
                    new.extend((w, ("B-" if i == 0 else "I-") + t) for i, w in enumerate(name))
                    last = b
                new.extend(s[last:])
                copy.append(new)
            out.append(copy)
    return out


def learn_clusters(
    sents: list[conll.Sentence], coarse: int, fine: int
) -> dict[str, tuple[int, int]]:
    """k-means of words' left/right context vectors (PPMI, SVD), two granularities."""
    words = [[stripped(normalize(t) or t) for t, _ in s] for s in sents]
    freq: dict[str, int] = {}
    for s in words:
        for w in s:
            freq[w] = freq.get(w, 0) + 1
    vocab = sorted(
        (w for w, c in freq.items() if c >= 3 and w[:1].isalpha()), key=lambda w: (-freq[w], w)
    )
    ctx = sorted(freq, key=lambda w: (-freq[w], w))[:1000]
    vi = {w: i for i, w in enumerate(vocab)}
    ci = {w: i for i, w in enumerate(ctx)}
    m = np.zeros((len(vocab), 2 * len(ctx)), dtype=np.float64)
    for s in words:
        for i, w in enumerate(s):
            if w not in vi:
                continue
            if i > 0 and s[i - 1] in ci:
                m[vi[w], ci[s[i - 1]]] += 1
            if i + 1 < len(s) and s[i + 1] in ci:
                m[vi[w], len(ctx) + ci[s[i + 1]]] += 1
    total = m.sum()
    pw = m.sum(1, keepdims=True) / total
    pc = m.sum(0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (pw * pc))
    ppmi = np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0, neginf=0.0)
    u, sv, _ = np.linalg.svd(ppmi, full_matrices=False)
    x = u[:, :50] * sv[:50]
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    return {w: (a, b) for w, a, b in zip(vocab, kmeans(x, coarse), kmeans(x, fine), strict=True)}


def kmeans(x: np.ndarray, k: int, iters: int = 25) -> list[int]:
    rng = np.random.default_rng(0)
    centers = x[rng.choice(len(x), size=k, replace=False)]
    labels = np.zeros(len(x), dtype=int)
    for _ in range(iters):
        labels = np.argmax(x @ centers.T, axis=1)
        for j in range(k):
            members = x[labels == j]
            if len(members):
                c = members.mean(0)
                centers[j] = c / (np.linalg.norm(c) + 1e-9)
    return [int(v) for v in labels]


def train(docs: list[list[conll.Sentence]], path: Path, c1: float, c2: float, iters: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for block in docs:
        for s, f in zip(block, block_features(block), strict=True):
            trainer.append(f, conll.to_bilou([t for _, t in s]))
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True}
    )
    trainer.train(str(path))


def training_docs(
    sents: list[conll.Sentence],
    extra: list[conll.Sentence],
    copies: int,
    prob: float,
    seed: int = 0,
) -> list[list[conll.Sentence]]:
    data = sents + extra
    return list(blocks(data)) + replaced_copies(data, copies, prob, seed)


def evaluate(path: Path, sents: list[conll.Sentence], o_threshold: float) -> conll.Score:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    pred = []
    for block in blocks(sents):
        for s, f in zip(block, block_features(block), strict=True):
            tagger.set(f)
            words = [normalize(t) or t for t, _ in s]
            pred.append(join_split_names(words, decode(tagger, len(s), o_threshold)))
    return conll.score([[t for _, t in s] for s in sents], pred)


def model_attributes(model: Path) -> list[str]:
    """The attributes with a weight in ``model``: tagging hands crfsuite only these."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return sorted({a for a, _ in tagger.info().state_features})


def write_attributes(model: Path, path: Path) -> int:
    attributes = model_attributes(model)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# attributes with a weight in ner.crfsuite; written by scripts/train_ner.py\n")
        fh.writelines(a + "\n" for a in attributes)
    return len(attributes)


def blocked_folds(sents: list[conll.Sentence], k: int) -> list[list[conll.Sentence]]:
    """``k`` contiguous blocks: whole articles stay on one side, as for the test split."""
    size = -(-len(sents) // k)
    return [sents[i : i + size] for i in range(0, len(sents), size)]


def score_as_benchmark(
    fold: list[conll.Sentence], scores: dict[str, list[tuple[float, float, float]]], label: str
) -> None:
    """Tag ``fold`` as ``benchmarks/ner.py`` tags the test split (and the pipeline tags):
    each sentence alone, and runs of ``DOC`` sentences with name propagation; add the
    micro P/R/F1 of each to ``scores``."""
    gold = [[t for _, t in s] for s in fold]
    written = [[w for w, _ in s] for s in fold]
    for mode, run in (("each sentence alone", 1), (f"--doc-size {DOC}", DOC)):
        pred = tag_runs(written, run)
        scores.setdefault(f"{label}{mode}", []).append(conll.score(gold, pred).micro())


def report(scores: dict[str, list[tuple[float, float, float]]]) -> None:
    """The mean P/R/F1 over the folds of each score."""
    for name, prf in scores.items():
        mean = [sum(x[i] for x in prf) / len(prf) for i in range(3)]
        print(f"cv {name}: P={mean[0]:.2f} R={mean[1]:.2f} F1={mean[2]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--iters", type=int, default=ITERS)
    ap.add_argument("--copies", type=int, default=COPIES, help="name-replaced copies of the data")
    ap.add_argument("--replace", type=float, default=REPLACE, help="probability to replace a name")
    ap.add_argument("--no-fane", action="store_true")
    ap.add_argument("--no-clusters", action="store_true")
    ap.add_argument(
        "--o-threshold", type=float, default=0.5, help="P(O) below which a token is an entity"
    )
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on train only")
    ap.add_argument(
        "--seeds",
        type=int,
        default=1,
        help="with --cv: average over this many replacement seeds (one seed alone moves CV by ~0.4)",
    )
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    t0 = time.time()
    train_sents, fane, fane_text, n_fane = load_data(args.shared)
    extra = [] if args.no_fane else fane
    print(f"train={len(train_sents)} newsfane kept {len(fane)}/{n_fane}")
    # the NewsFANE text that repeats the train split adds nothing as labels (its
    # annotation conventions differ: CV 69.9 with it, 72.6 without) but is good text
    cl = {} if args.no_clusters else learn_clusters(train_sents + fane_text, 64, 256)
    # features of this run use these clusters, not the shipped ones: cross-validation
    # writes nothing to --out, and a candidate folder (--out /tmp/ner-cand) leaves the
    # shipped model files untouched
    use_clusters({w: (str(a), str(b)) for w, (a, b) in cl.items()})
    if args.cv:
        folds = blocked_folds(train_sents, args.cv)
        scores: dict[str, list[tuple[float, float, float]]] = {}
        for k, seed in itertools.product(range(args.cv), range(args.seeds)):
            rest = [s for j, f in enumerate(folds) if j != k for s in f]
            tmp = Path(tempfile.gettempdir()) / f"waqai_cv{k}_{os.getpid()}.crfsuite"
            docs = training_docs(rest, extra, args.copies, args.replace, seed)
            train(docs, tmp, args.c1, args.c2, args.iters)
            for th in THRESHOLDS:
                sc = evaluate(tmp, folds[k], th)
                scores.setdefault(f"o_threshold={th}", []).append(sc.micro())
            with ner.use_model(tmp):
                score_as_benchmark(folds[k], scores, "as benchmarks/ner.py, ")
            tmp.unlink()
            print(f"fold {k}, seed {seed}: {time.time() - t0:.0f}s", flush=True)
        report(scores)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "clusters.tsv", "w", encoding="utf-8") as fh:
        fh.write("# word clusters learned by scripts/train_ner.py from the NER training text\n")
        fh.write("word\tcoarse\tfine\n")
        for w, (a, b) in sorted(cl.items()):
            fh.write(f"{w}\t{a}\t{b}\n")
    model = args.out / "ner.crfsuite"
    docs = training_docs(train_sents, extra, args.copies, args.replace)
    train(docs, model, args.c1, args.c2, args.iters)
    n_attributes = write_attributes(model, args.out / "ner_attributes.txt")
    meta = {
        "name": "waqai-ner-crf",
        "version": VERSION,
        "sha256": file_hash(model.read_bytes()),
        "labels": ["PER", "LOC", "ORG", "MISC"],
        "o_threshold": args.o_threshold,
        "attributes": n_attributes,
        "training": {
            "anercorp_train_sentences": len(train_sents),
            "newsfane_sentences": len(extra),
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iters,
            "document_sentences": DOC,
            "replaced_copies": args.copies,
            "replace_probability": args.replace,
            "clusters": not args.no_clusters,
        },
        "licences": ["ANERcorp CC BY-SA 4.0", "NewsFANE CC BY-SA 3.0"],
    }
    (args.out / "ner.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {model} ({model.stat().st_size} bytes) in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
