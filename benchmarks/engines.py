"""Engine throughput: the same ingest on the local process pool and on a local Dask cluster.

    python benchmarks/engines.py [--n 5000] [--workers 1 2] [--engines local dask] [--dataset]

For each engine and worker count: a fresh SQLite store and
``waqai.corpus.ingest`` over the same folder of SaudiNewsNet articles
(reading, the full default pipeline, MinHash signatures, commits; the
cross-article rebuild is timed once, apart, since it does not depend on the
engine). The time includes starting the engine (the Dask cluster, or the
worker pool), which is reported apart too. ``--dataset`` adds a Dask run that
writes the Parquet dataset (``--out``) instead of the store. Every run must
store the same documents and events. Prints a table and writes
``benchmarks/results/engines.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus  # noqa: E402

from waqai.corpus.ingest import ingest  # noqa: E402
from waqai.engines import get_engine  # noqa: E402
from waqai.pipeline import DEFAULT_PIPELINE  # noqa: E402
from waqai.store import open_store  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "engines.json"
NOW = "2026-01-01"


def run(folder: Path, engine: str, workers: int, batch_size: int, tmp: Path) -> dict[str, Any]:
    url = f"sqlite:///{tmp / f'{engine}-{workers}.db'}"
    with open_store(url) as store:
        t0 = time.perf_counter()
        eng = get_engine(engine, workers)
        startup = time.perf_counter() - t0
        s = ingest([str(folder)], store, eng, batch_size=batch_size, now=NOW, rebuild=False)
        total = time.perf_counter() - t0
        fingerprint = store.db.rows("SELECT COUNT(*), SUM(n_events), SUM(n_chars) FROM documents")[
            0
        ]
    return {
        "engine": engine,
        "workers": workers,
        "documents": s.added,
        "failed": s.failed,
        "startup_s": round(startup, 2),
        "total_s": round(total, 2),
        "docs_per_s": round(s.added / total, 1),
        "fingerprint": list(fingerprint),
    }


def run_dataset(folder: Path, workers: int, batch_size: int, tmp: Path) -> dict[str, Any]:
    from waqai.corpus.parquet import write_dataset

    t0 = time.perf_counter()
    eng = get_engine("dask", workers)
    startup = time.perf_counter() - t0
    s = write_dataset([str(folder)], tmp / "dataset", eng, batch_size, NOW)
    total = time.perf_counter() - t0
    return {
        "engine": "dask --out",
        "workers": workers,
        "documents": s.added,
        "failed": s.failed,
        "startup_s": round(startup, 2),
        "total_s": round(total, 2),
        "docs_per_s": round(s.added / total, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--engines", nargs="+", default=["local", "dask"])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--dataset", action="store_true", help="also time --out with Dask")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="waqai-engines-") as tmpdir:
        tmp = Path(tmpdir)
        folder = build_corpus(args.n, tmp / "corpus")
        for w in args.workers:  # engines interleaved, so a load spike hits both alike
            for engine in args.engines:
                rows.append(run(folder, engine, w, args.batch_size, tmp))
                print(json.dumps(rows[-1]), file=sys.stderr)
        if args.dataset:
            rows.append(run_dataset(folder, max(args.workers), args.batch_size, tmp))
        first = tmp / f"{rows[0]['engine']}-{rows[0]['workers']}.db"
        with open_store(f"sqlite:///{first}") as s:
            t = time.perf_counter()
            groups, clusters = s.rebuild()
            rebuild_s = time.perf_counter() - t
    prints = {json.dumps(r["fingerprint"]) for r in rows if "fingerprint" in r}
    if len(prints) != 1:
        raise SystemExit(f"engines stored different results: {prints}")
    result = {
        "n": args.n,
        "batch_size": args.batch_size,
        "pipeline": list(DEFAULT_PIPELINE),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}",
        "load_average": os.getloadavg(),
        "rebuild_s": round(rebuild_s, 2),
        "duplicate_groups": groups,
        "merged_events": clusters,
        "runs": rows,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{args.n} SaudiNewsNet articles; pipeline: {', '.join(DEFAULT_PIPELINE)}")
    print("| engine | workers | docs/s | total s | of which startup s | documents |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['engine']} | {r['workers']} | {r['docs_per_s']} | {r['total_s']} |"
            f" {r['startup_s']} | {r['documents']} |"
        )
    print(f"rebuild (near-duplicates, event merging): {rebuild_s:.2f}s, same for every engine")


if __name__ == "__main__":
    main()
