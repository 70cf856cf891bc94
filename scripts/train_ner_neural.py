"""Train the optional second NER model (``WAQAI_NER=crf+nn``): a BiLSTM over the CRF's features.

The CRF is linear in its features and sees two words either side; this network reads
the same features (the attributes the shipped CRF kept, ``ner_attributes.txt``, as one
averaged embedding per token) plus the word's letters (a small convolution), and a
bidirectional LSTM over the whole sentence. Alone it scores below the CRF; averaged with
the CRF's marginals it corrects it (blocked 3-fold CV, see docs/entities.md). The data
are the CRF's: the same training runs and name-replaced copies
(``train_ner.training_docs``), the same features (``train_ner.block_features``), so train
the CRF first.

Needs ``torch`` (build time only; ``pip install torch``): the package runs the network
in numpy (``waqai.entities.neural``). Writes ``ner_nn.npz`` and ``ner_nn.json``.
Training is deterministic on one thread (fixed seeds); it takes about 9 minutes.

usage: python scripts/train_ner_neural.py [--cv 3] [--epochs 11] [--weight 0.5] [--out DIR]
``--cv`` reports blocked cross-validation (CRF alone and both models) and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import train_ner as T

from waqai.entities import conll, ner, neural
from waqai.entities.features import use_clusters
from waqai.resources import file_hash, read_lines

OUT = T.OUT
VERSION = "1.1.0"
MAX_CHARS = neural.MAX_LETTERS
SEED = 0


def utf8_lines(items: list[str]) -> np.ndarray:
    """``items`` as one UTF-8 array, one per line (numpy's own strings take 4 bytes a letter)."""
    return np.frombuffer("\n".join(items).encode(), dtype=np.uint8)


def build_net(n_features: int, n_chars: int, n_labels: int, dim: int, hidden: int):  # noqa: ANN201
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fe = nn.EmbeddingBag(n_features + 1, dim, mode="mean", sparse=True, padding_idx=0)
            self.ce = nn.Embedding(n_chars + 1, 24, padding_idx=0)
            self.conv = nn.Conv1d(24, 48, 3, padding=1)
            self.lstm = nn.LSTM(dim + 48, hidden, batch_first=True, bidirectional=True)
            self.drop = nn.Dropout(0.4)
            self.out = nn.Linear(2 * hidden, n_labels)

        def forward(self, ids, offsets, chars, lengths):  # noqa: ANN001, ANN202
            b, n = lengths.shape[0], chars.shape[0] // lengths.shape[0]
            e = self.fe(ids, offsets).view(b, n, -1)
            c = self.conv(self.ce(chars).transpose(1, 2)).max(dim=2).values.view(b, n, -1)
            x = self.drop(torch.cat([e, torch.relu(c)], dim=2))
            packed = nn.utils.rnn.pack_padded_sequence(
                x, lengths, batch_first=True, enforce_sorted=False
            )
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=n)
            return self.out(self.drop(h))

    return Net()


def batch_tensors(batch, rng: random.Random, feature_dropout: float):  # noqa: ANN001, ANN201
    """Flat bag ids and offsets, padded char matrix and lengths of (ids, chars) sentences."""
    import torch

    n = max(len(ids) for ids, _ in batch)
    flat: list[int] = []
    offsets: list[int] = []
    chars = torch.zeros(len(batch) * n, MAX_CHARS, dtype=torch.long)
    for b, (ids, cs) in enumerate(batch):
        for i in range(n):
            offsets.append(len(flat))
            if i >= len(ids):
                flat.append(0)
                continue
            kept = (
                [x for x in ids[i] if rng.random() >= feature_dropout]
                if feature_dropout
                else ids[i]
            )
            flat.extend(kept or [0])
            if cs[i]:
                chars[b * n + i, : len(cs[i])] = torch.tensor(cs[i])
    lengths = torch.tensor([len(ids) for ids, _ in batch])
    return torch.tensor(flat), torch.tensor(offsets), chars, lengths


def fit(
    docs: list[list[conll.Sentence]], attributes: set[str], args: argparse.Namespace
) -> dict[str, np.ndarray]:
    """Train the network on the CRF's training runs ``docs``, reading only the CRF's
    ``attributes``; its arrays as ``waqai.entities.neural.from_arrays`` reads them."""
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    t0 = time.time()
    data = [
        (f, conll.to_bilou([t for _, t in s]))
        for block in docs
        for s, f in zip(block, T.block_features(block), strict=True)
    ]
    counts = Counter(x for f, _ in data for tok in f for x in tok if x in attributes)
    features = sorted(x for x, n in counts.items() if n >= 2)
    fid = {x: i + 1 for i, x in enumerate(features)}
    # the first feature of every token is "w=" + its word (features.word_features)
    chars = sorted({c for f, _ in data for tok in f for c in tok[0][2:]})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    labels = sorted({t for _, tags in data for t in tags})
    lid = {t: i for i, t in enumerate(labels)}
    encoded = [
        (
            (
                [[fid[x] for x in tok if x in fid] or [0] for tok in f],
                [[cid[c] for c in tok[0][2:][:MAX_CHARS]] for tok in f],
            ),
            [lid[t] for t in tags],
        )
        for f, tags in data
    ]
    print(f"{len(encoded)} sentences, {len(fid)} features, {len(cid)} letters", flush=True)
    net = build_net(len(fid), len(cid), len(labels), args.dim, args.hidden)
    sparse = torch.optim.SparseAdam(list(net.fe.parameters()), lr=2e-3)
    dense = torch.optim.Adam(
        [p for name, p in net.named_parameters() if not name.startswith("fe.")], lr=2e-3
    )
    loss_fn = nn.CrossEntropyLoss(ignore_index=-1)
    mean, seen = None, 0
    for epoch in range(args.epochs):
        net.train()
        order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i][1]), rng.random()))
        batches = [order[i : i + 32] for i in range(0, len(order), 32)]
        rng.shuffle(batches)
        total = 0.0
        for chosen in batches:
            n = max(len(encoded[i][1]) for i in chosen)
            gold = torch.tensor([encoded[i][1] + [-1] * (n - len(encoded[i][1])) for i in chosen])
            inputs = batch_tensors([encoded[i][0] for i in chosen], rng, args.feature_dropout)
            loss = loss_fn(net(*inputs).reshape(-1, len(labels)), gold.reshape(-1))
            sparse.zero_grad()
            dense.zero_grad()
            loss.backward()
            sparse.step()
            dense.step()
            total += loss.item()
        print(f"epoch {epoch + 1}: loss {total / len(batches):.4f} ({time.time() - t0:.0f}s)")
        if args.average_from and epoch + 1 >= args.average_from:
            # the mean of the weights after each of the last epochs (stochastic weight averaging)
            now = {k: v.detach().clone() for k, v in net.state_dict().items()}
            seen += 1
            mean = now if mean is None else {k: mean[k] + (now[k] - mean[k]) / seen for k in now}
    state = {k: v.detach().numpy() for k, v in (mean or net.state_dict()).items()}
    arrays = {
        "features": utf8_lines(features),
        "letters": utf8_lines(chars),
        "labels": utf8_lines(labels),
        "feature_embeddings": state["fe.weight"].astype(np.float16),
        "letter_embeddings": state["ce.weight"],
        "conv_weight": state["conv.weight"],
        "conv_bias": state["conv.bias"],
        "out_weight": state["out.weight"],
        "out_bias": state["out.bias"],
    }
    for suffix, direction in (("", "forward"), ("_reverse", "backward")):
        arrays[f"{direction}_input"] = state[f"lstm.weight_ih_l0{suffix}"]
        arrays[f"{direction}_hidden"] = state[f"lstm.weight_hh_l0{suffix}"]
        arrays[f"{direction}_bias"] = (
            state[f"lstm.bias_ih_l0{suffix}"] + state[f"lstm.bias_hh_l0{suffix}"]
        )
    return arrays


def cross_validate(args: argparse.Namespace) -> None:
    """Blocked CV as ``train_ner.py --cv``: per fold a CRF and a network trained on the other
    folds; the fold tagged as ``benchmarks/ner.py`` tags the test split, by the CRF alone and
    by both models."""
    train_sents, fane, fane_text, _ = T.load_data(args.shared)
    cl = T.learn_clusters(train_sents + fane_text, 64, 256)
    use_clusters({w: (str(a), str(b)) for w, (a, b) in cl.items()})
    folds = T.blocked_folds(train_sents, args.cv)
    scores: dict[str, list[tuple[float, float, float]]] = {}
    for k in range(args.cv):
        rest = [s for j, f in enumerate(folds) if j != k for s in f]
        docs = T.training_docs(rest, fane, T.COPIES, T.REPLACE)
        crf = Path(tempfile.gettempdir()) / f"waqai_nncv{k}_{os.getpid()}.crfsuite"
        T.train(docs, crf, T.C1, T.C2, T.ITERS)
        net = neural.from_arrays(fit(docs, set(T.model_attributes(crf)), args), args.weight)
        with ner.use_model(crf), neural.use_network(net):
            for mode in ner.MODES:
                os.environ["WAQAI_NER"] = mode
                T.score_as_benchmark(folds[k], scores, f"{mode}, ")
        crf.unlink()
        print(f"fold {k} done", flush=True)
    T.report(scores)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=T.ROOT.parent / "shared")
    ap.add_argument("--epochs", type=int, default=11)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--feature-dropout", type=float, default=0.2)
    ap.add_argument(
        "--average-from", type=int, default=0, help="average the weights from this epoch on"
    )
    ap.add_argument("--weight", type=float, default=0.5, help="the network's share of the mix")
    ap.add_argument("--cv", type=int, default=0, help="report blocked CV; write nothing")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if args.cv:
        cross_validate(args)
        return
    t0 = time.time()
    train_sents, fane, _, _ = T.load_data(args.shared)
    attributes = set(read_lines("entities", ner.ATTRIBUTES))  # the shipped CRF's
    arrays = fit(T.training_docs(train_sents, fane, T.COPIES, T.REPLACE), attributes, args)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "ner_nn.npz"
    with open(path, "wb") as fh:  # np.savez to a file object: no timestamps, same bytes each run
        np.savez(fh, **arrays)
    meta = {
        "name": "waqai-ner-bilstm",
        "version": VERSION,
        "sha256": file_hash(path.read_bytes()),
        "crf": json.loads((OUT / "ner.json").read_text(encoding="utf-8"))["sha256"],
        "weight": args.weight,
        "epochs": args.epochs,
        "dim": args.dim,
        "hidden": args.hidden,
        "feature_dropout": args.feature_dropout,
        "features": bytes(arrays["features"]).count(b"\n") + 1,
        "seed": SEED,
    }
    (args.out / "ner_nn.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size} bytes, {time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
