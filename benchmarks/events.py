#!/usr/bin/env python3
"""Event and quote quality on the dev gold set, and event-stage throughput.

usage: python benchmarks/events.py [GOLD_DIR] [--verbose] [--out DIR]

Runs the default pipeline on every ``GOLD_DIR/*.txt`` (default tests/gold) without
a given publication date, scores each document with ``waqai.events.evaluate``
(the reference scorer's metrics), prints one line per article and the mean, and
the time the events and quotes stages take per article. ``--out DIR`` also writes
each extracted document as JSON (for ``score.py --batch``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from waqai.document import Document
from waqai.events.coder import code_events
from waqai.events.evaluate import METRICS, explain, mean, score
from waqai.pipeline import Pipeline
from waqai.quotes.extract import extract_quotes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default="tests/gold", type=Path)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--out", type=Path)
    ap.add_argument(
        "--oracle-dct",
        action="store_true",
        help="give the gold document date (isolates the event stage)",
    )
    args = ap.parse_args(argv)
    pipe = Pipeline()
    rows = []
    docs: list[Document] = []
    for gp in sorted(args.gold.glob("*.json")):
        tp = gp.with_suffix(".txt")
        if not tp.exists():
            continue
        gold = json.loads(gp.read_text(encoding="utf-8"))
        pub = gold["dct"] if args.oracle_dct else None
        doc = pipe(tp.read_text(encoding="utf-8"), published=pub)
        docs.append(doc)
        out = doc.to_dict()
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{gp.stem}.json").write_text(
                json.dumps(out, ensure_ascii=False), encoding="utf-8"
            )
        r = score(out, gold)
        rows.append(r)
        print(f"{gp.stem}: " + " ".join(f"{k}={r[k]:.2f}" for k in METRICS))
        if args.verbose:
            for line in explain(out, gold):
                print("   ", line)
    m = mean(rows)
    print(f"MEAN ({len(rows)} articles) " + " ".join(f"{k}={m[k]:.3f}" for k in METRICS))
    if docs:
        t0 = time.perf_counter()
        reps = 5
        for _ in range(reps):
            for d in docs:
                vars(d).pop("_waqai_mentions", None)  # measure a cold document
                code_events(d)
                extract_quotes(d)
        per = (time.perf_counter() - t0) / (reps * len(docs))
        print(
            f"events+quotes stages: {per * 1000:.2f} ms/article ({1 / per:.0f} articles/s, one core)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
