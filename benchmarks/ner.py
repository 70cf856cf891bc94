"""NER benchmark: entity-level micro P/R/F1 on the ANERcorp CAMeL Lab test split.

Scores the shipped CRF (``waqai.entities.ner``) exactly as the pipeline runs
it (gazetteer hits + features + CRF; with ``--doc-size``, runs of sentences as
documents with name propagation: ``waqai.entities.pretokenized``), seqeval-style (exact span and type), on
PER/LOC/ORG/MISC, overall and per type, and reports tokens per second on one
core (features, gazetteer lookup and tagging), the fastest of ``--repeat`` passes, each
from cold word caches (``features.clear_word_caches``: a fresh worker's), with
the garbage collector set as in a worker process (``pipeline.freeze_gc``; or
CPython's defaults with ``--default-gc``). ``--neural`` scores the CRF mixed with the
optional second model (``WAQAI_NER=crf+nn``, ``waqai.entities.neural``).

usage: python benchmarks/ner.py [--shared ../shared] [--doc-size 20] [--neural] [--default-gc]
    [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from waqai.entities import conll
from waqai.entities.features import clear_word_caches
from waqai.entities.pretokenized import tag_runs
from waqai.pipeline import freeze_gc, single_blas_thread

ROOT = Path(__file__).resolve().parents[1]
#: two sentences tagged before timing, so that every lazily loaded table is in memory
WARM_UP = [["قال", "الرئيس", "زيد", "في", "دمشق", "."], ["وزار", "زيد", "القاهرة", "."]]


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
    ap.add_argument(
        "--default-gc",
        action="store_true",
        help="time with CPython's collector settings, not a worker's (about 10%% slower)",
    )
    ap.add_argument("--neural", action="store_true", help="mix in the second model (crf+nn)")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="timed passes, each from cold word caches; the fastest is reported (the others"
        " measure the machine's other load)",
    )
    args = ap.parse_args()
    single_blas_thread()  # one core; numpy loads with the second model, later
    os.environ["WAQAI_NER"] = "crf+nn" if args.neural else "crf"
    path = args.shared / "data/ner/anercorp/ANERCorp_CamelLab_test.txt"
    test = conll.read_conll(path, conll.ANER_TYPES)
    # every table and model loaded (as ``pipeline.tune_gc`` loads a worker's), then the word
    # caches emptied before each pass: the time is tagging's, from a cold word cache
    tag_runs(WARM_UP, len(WARM_UP))
    if not args.default_gc:
        freeze_gc()
    n_tokens = sum(len(s) for s in test)
    words = [[t for t, _ in s] for s in test]
    if args.neural:
        from waqai.entities import mixed

        letters = mixed.mixer().net.letter_cache  # the network's own per-word cache
    times = []
    for _ in range(max(1, args.repeat)):
        clear_word_caches()
        if args.neural:
            letters.clear()
        t0 = time.perf_counter()
        pred = tag_runs(words, args.doc_size or 1)
        times.append(time.perf_counter() - t0)
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
        "tokens_per_second": round(n_tokens / min(times)),
        "tokens_per_second_passes": [round(n_tokens / t) for t in times],
        "gc": "default" if args.default_gc else "worker",
        "model": json.loads((ROOT / "src/waqai/entities/data/ner.json").read_text())["sha256"],
        "ner": os.environ["WAQAI_NER"],
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"ANERcorp test: {len(test)} sentences, {n_tokens} tokens")
    print(f"micro  P={p:.2f} R={r:.2f} F1={f:.2f}")
    for t, (a, b, c) in sc.per_type().items():
        print(f"{t:5}  P={a:.2f} R={b:.2f} F1={c:.2f}")
    print(
        f"speed  {result['tokens_per_second']} tokens/s"
        f" (best of {len(times)} passes: {result['tokens_per_second_passes']};"
        f" one core, cold word caches, {result['gc']} GC settings, {result['ner']})"
    )


if __name__ == "__main__":
    main()
