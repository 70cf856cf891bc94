"""Ingest throughput: N SaudiNewsNet articles into a fresh SQLite store, 1 and 2 workers.

    python benchmarks/ingest.py [--n 5000] [--workers 1 2] [--batch-size 32]

For each worker count: a fresh store, ``waqai.corpus.ingest`` over the same
folder (reading, the full default pipeline, MinHash signatures, commits),
then the cross-article rebuild (near-duplicate groups and event merging),
then a second run over the same folder (everything skipped). Prints a
table and writes ``benchmarks/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus  # noqa: E402

from waqai.corpus.ingest import ingest  # noqa: E402
from waqai.engines import LocalEngine  # noqa: E402
from waqai.pipeline import DEFAULT_PIPELINE  # noqa: E402
from waqai.store import open_store  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"


def run(folder: Path, workers: int, batch_size: int, tmp: Path) -> dict[str, Any]:
    url = f"sqlite:///{tmp / f'ingest-{workers}.db'}"
    with open_store(url) as store:
        self0 = resource.getrusage(resource.RUSAGE_SELF)
        kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        s = ingest([str(folder)], store, LocalEngine(workers), batch_size=batch_size, rebuild=False)
        t_ingest = time.perf_counter() - t0
        self1 = resource.getrusage(resource.RUSAGE_SELF)
        kids1 = resource.getrusage(
            resource.RUSAGE_CHILDREN
        )  # the pool is shut down: workers counted
        cpu_main = (self1.ru_utime + self1.ru_stime) - (self0.ru_utime + self0.ru_stime)
        cpu_workers = (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime)
        t1 = time.perf_counter()
        groups, clusters = store.rebuild()
        t_rebuild = time.perf_counter() - t1
        t2 = time.perf_counter()
        again = ingest([str(folder)], store, LocalEngine(1), batch_size=batch_size, rebuild=False)
        t_again = time.perf_counter() - t2
        stats = store.stats()
    db_mb = sum(p.stat().st_size for p in tmp.glob(f"ingest-{workers}.db*")) / 1e6
    return {
        "workers": workers,
        "documents": s.added,
        "failed": s.failed,
        "ingest_s": round(t_ingest, 2),
        "docs_per_s": round(s.added / t_ingest, 1),
        "cpu_main_s": round(cpu_main, 1),
        "cpu_workers_s": round(cpu_workers, 1),
        # throughput if every process had a core of its own: the busiest process sets the pace
        "docs_per_s_uncontended": round(
            s.added / max(cpu_main, cpu_workers / workers if workers > 1 else 0.0), 1
        ),
        "rebuild_s": round(t_rebuild, 2),
        "rerun_s": round(t_again, 2),
        "rerun_added": again.added,
        "duplicate_groups": groups,
        "unique_documents": stats["unique_documents"],
        "event_mentions": stats["event_mentions"],
        "merged_events": clusters,
        "db_mb": round(db_mb, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="waqai-ingest-") as tmpdir:
        tmp = Path(tmpdir)
        folder = build_corpus(args.n, tmp / "corpus")
        rows = [run(folder, w, args.batch_size, tmp) for w in args.workers]
    result = {
        "n": args.n,
        "pipeline": list(DEFAULT_PIPELINE),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}",
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "runs": rows,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"ingest of {args.n} SaudiNewsNet articles; pipeline: {', '.join(DEFAULT_PIPELINE)}")
    print(
        f"machine: {result['machine']}; 1-min load average before/after: {result['load_average']}"
    )
    print(
        "| workers | docs/s (wall) | CPU s main + workers | docs/s (CPU-bound estimate) | ingest s"
        " | rebuild s | rerun s | dup groups | mentions | merged events | db MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['workers']} | {r['docs_per_s']} | {r['cpu_main_s']} + {r['cpu_workers_s']}"
            f" | {r['docs_per_s_uncontended']} | {r['ingest_s']} | {r['rebuild_s']} | {r['rerun_s']} |"
            f" {r['duplicate_groups']} | {r['event_mentions']} | {r['merged_events']} | {r['db_mb']} |"
        )


if __name__ == "__main__":
    main()
