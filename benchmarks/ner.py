"""NER benchmark: entity-level micro P/R/F1 on the ANERcorp CAMeL Lab test split.

Scores the shipped CRF (``waqai.entities.ner``) exactly as the pipeline runs
it (gazetteer hits + features + CRF), seqeval-style (exact span and type), on
PER/LOC/ORG/MISC, overall and per type, and reports tokens per second on one
core (features, gazetteer lookup and tagging; word caches cleared first).

usage: python benchmarks/ner.py [--shared ../shared] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from bisect import bisect_left, bisect_right
from pathlib import Path

from waqai.entities import conll, gazetteer, nameness, ner, recognize
from waqai.entities.features import (
    cue_kinds,
    gazetteer_tags,
    known_word_features,
    neighbour_features,
    skeletons,
    word_features,
)
from waqai.entities.frequency import word_classes
from waqai.entities.recognize import Mention, merge
from waqai.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]


def tag_chunk(sents: list[list[str]], propagate: bool) -> list[list[str]]:
    """Tag sentences as one document: model per sentence, then document propagation."""
    words = [[normalize(t) or t for t in s] for s in sents]
    spans: list[list[tuple[int, int]]] = []
    pos = 0
    for s in words:
        cur = []
        for w in s:
            cur.append((pos, pos + len(w)))
            pos += len(w) + 1
        spans.append(cur)
    text = " ".join(w for s in words for w in s)
    hits = gazetteer.find(text)
    tags = ner.tag_document(
        [(w, gazetteer_tags(hits, sp), raw) for w, sp, raw in zip(words, spans, sents, strict=True)]
    )
    if not propagate:
        return tags
    found = [
        Mention(sp[a][0], sp[b - 1][1], typ, "model")
        for sp, tg in zip(spans, tags, strict=True)
        for a, b, typ in conll.bio_spans(tg)
    ]
    chosen = merge(text, [], found + recognize.propagate(text, found))
    flat = [(s, e) for sp in spans for s, e in sp]
    out = [["O"] * len(s) for s in sents]
    index = [(i, j) for i, s in enumerate(sents) for j in range(len(s))]
    starts = [s for s, _ in flat]
    for m in chosen:
        k = bisect_right(starts, m.start) - 1
        last = bisect_left(starts, m.end) - 1
        if flat[last][1] != m.end:
            continue
        for n, t in enumerate(range(k, last + 1)):
            i, j = index[t]
            out[i][j] = ("B-" if n == 0 else "I-") + m.type
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--doc-size",
        type=int,
        default=0,
        help="score runs of N sentences as documents (name propagation); 0 = sentence by sentence",
    )
    args = ap.parse_args()
    path = args.shared / "data/ner/anercorp/ANERCorp_CamelLab_test.txt"
    test = conll.read_conll(path, conll.ANER_TYPES)
    ner.tagger()
    gazetteer.automaton()
    word_classes()
    skeletons()
    nameness.weights()
    word_features.cache_clear()
    cue_kinds.cache_clear()
    neighbour_features.cache_clear()
    known_word_features.cache_clear()
    n_tokens = sum(len(s) for s in test)
    t0 = time.perf_counter()
    size = args.doc_size or 1
    pred: list[list[str]] = []
    for i in range(0, len(test), size):
        chunk = [[t for t, _ in s] for s in test[i : i + size]]
        pred.extend(tag_chunk(chunk, propagate=args.doc_size > 0))
    elapsed = time.perf_counter() - t0
    sc = conll.score([[t for _, t in s] for s in test], pred)
    p, r, f = sc.micro()
    result = {
        "split": "ANERcorp CAMeL Lab test",
        "doc_size": args.doc_size,
        "sentences": len(test),
        "tokens": n_tokens,
        "micro": {"p": round(p, 2), "r": round(r, 2), "f1": round(f, 2)},
        "per_type": {
            t: {"p": round(a, 2), "r": round(b, 2), "f1": round(c, 2)}
            for t, (a, b, c) in sc.per_type().items()
        },
        "tokens_per_second": round(n_tokens / elapsed),
        "model": json.loads((ROOT / "src/waqai/entities/data/ner.json").read_text())["sha256"],
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"ANERcorp test: {len(test)} sentences, {n_tokens} tokens")
    print(f"micro  P={p:.2f} R={r:.2f} F1={f:.2f}")
    for t, (a, b, c) in sc.per_type().items():
        print(f"{t:5}  P={a:.2f} R={b:.2f} F1={c:.2f}")
    print(f"speed  {result['tokens_per_second']} tokens/s (one core, cold word cache)")


if __name__ == "__main__":
    main()
