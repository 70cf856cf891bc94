"""Engine throughput: the same ingest on the local process pool and on a local Dask cluster.

    python benchmarks/engines.py [--n 5000] [--workers 1 2] [--engines local dask] [--dataset]
        [--results PATH]

For each engine and worker count: a fresh SQLite store and
``waqai.corpus.ingest`` over the same folder of SaudiNewsNet articles
(reading on the workers, the full default pipeline, MinHash signatures,
commits; the cross-article rebuild is timed once, apart, since it does not
depend on the engine). The driver's own share of the input is timed apart:
planning the partitions (listing files, counting JSONL lines) against what
reading every record on the driver used to cost. The time includes starting the engine (the Dask cluster, or the
worker pool), which is reported apart too. ``--dataset`` adds a Dask run that
writes the Parquet dataset (``--out``) instead of the store. Every run must
store the same documents and events. Prints a table and writes
``benchmarks/results/engines.json`` (or ``--results PATH``).
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
from waqai.engines import get_engine  # noqa: E402
from waqai.pipeline import DEFAULT_PIPELINE  # noqa: E402
from waqai.store import open_store  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "engines.json"
NOW = "2026-01-01"


def cpu_seconds() -> float:
    """CPU time of this process and of its finished workers (the load-independent cost)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run(folder: Path, engine: str, workers: int, batch_size: int, tmp: Path) -> dict[str, Any]:
    url = f"sqlite:///{tmp / f'{engine}-{workers}.db'}"
    with open_store(url) as store:
        c0, t0 = cpu_seconds(), time.perf_counter()
        eng = get_engine(engine, workers)
        startup = time.perf_counter() - t0
        s = ingest([str(folder)], store, eng, batch_size=batch_size, now=NOW, rebuild=False)
        total = time.perf_counter() - t0
        cpu = cpu_seconds() - c0  # the engine is closed: its workers have exited
        fingerprint = store.db.rows("SELECT COUNT(*), SUM(n_events), SUM(n_chars) FROM documents")[
            0
        ]
    return {
        "engine": engine,
        "workers": workers,
        **_rates(s.added, s.failed, startup, total, cpu),
        "fingerprint": list(fingerprint),
    }


def _rates(added: int, failed: int, startup: float, total: float, cpu: float) -> dict[str, Any]:
    """Counts, times and throughput of one run, rounded for the report."""
    return {
        "documents": added,
        "failed": failed,
        "startup_s": round(startup, 2),
        "total_s": round(total, 2),
        "docs_per_s": round(added / total, 1),
        "cpu_s": round(cpu, 1),
        "docs_per_cpu_s": round(added / cpu, 1),
    }


def driver_ceiling(db: Path, tmp: Path, batch_size: int) -> dict[str, Any]:
    """How fast the driver alone can take finished batches (decode Arrow, write the store).

    With enough workers this, not extraction, bounds a store run.
    """
    from waqai.corpus.dedup import signature
    from waqai.corpus.parquet import results_table, table_results
    from waqai.document import Document

    with open_store(f"sqlite:///{db}") as src:
        docs = [
            Document.from_dict(json.loads(r[0]))
            for r in src.db.rows("SELECT doc_json FROM documents")
        ]
    batches = [
        results_table([(d, signature(d.text)) for d in docs[i : i + batch_size]])
        for i in range(0, len(docs), batch_size)
    ]
    with open_store(f"sqlite:///{tmp / 'driver.db'}") as store:
        t0, c0 = time.perf_counter(), time.process_time()
        for table in batches:
            store.add_batch(table_results(table))
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(docs)
    return {
        "documents": n,
        "seconds": round(seconds, 2),
        "docs_per_s": round(n / seconds, 1),
        "cpu_ms_per_doc": round(1000 * cpu / n, 1),
    }


def driver_input(folder: Path, batch_size: int) -> dict[str, Any]:
    """The driver's cost per record of the input: planning partitions (what it does now)
    against reading and decoding every record (what it did before workers read)."""
    from waqai.io.partitions import plan_partitions
    from waqai.io.readers import iter_inputs, read_inputs

    c0 = time.process_time()
    n_parts = sum(1 for _ in plan_partitions(list(iter_inputs([str(folder)])), batch_size))
    plan = time.process_time() - c0
    c0 = time.process_time()
    n = sum(1 for _ in read_inputs([str(folder)]))
    read = time.process_time() - c0
    return {
        "records": n,
        "partitions": n_parts,
        "plan_us_per_record": round(1e6 * plan / n, 2),
        "read_us_per_record": round(1e6 * read / n, 1),
    }


def run_dataset(folder: Path, workers: int, batch_size: int, tmp: Path) -> dict[str, Any]:
    from waqai.corpus.parquet import write_dataset

    c0, t0 = cpu_seconds(), time.perf_counter()
    eng = get_engine("dask", workers)
    startup = time.perf_counter() - t0
    s = write_dataset([str(folder)], tmp / "dataset", eng, batch_size, NOW)
    total = time.perf_counter() - t0
    cpu = cpu_seconds() - c0
    return {
        "engine": "dask --out",
        "workers": workers,
        **_rates(s.added, s.failed, startup, total, cpu),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--engines", nargs="+", default=["local", "dask"])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--dataset", action="store_true", help="also time --out with Dask")
    ap.add_argument("--results", type=Path, default=RESULTS, help=f"default: {RESULTS}")
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
        driver = driver_ceiling(first, tmp, args.batch_size)
        driver_in = driver_input(folder, args.batch_size)
    prints = {json.dumps(r["fingerprint"]) for r in rows if "fingerprint" in r}
    if len(prints) != 1:  # e.g. the pipeline's code changed under a run: say so, keep the timings
        print(f"WARNING: engines stored different results: {prints}", file=sys.stderr)
    result = {
        "n": args.n,
        "batch_size": args.batch_size,
        "pipeline": list(DEFAULT_PIPELINE),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}",
        "load_average": os.getloadavg(),
        "rebuild_s": round(rebuild_s, 2),
        "driver_ceiling": driver,
        "driver_input": driver_in,
        "duplicate_groups": groups,
        "merged_events": clusters,
        "same_results": len(prints) == 1,
        "runs": rows,
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{args.n} SaudiNewsNet articles; pipeline: {', '.join(DEFAULT_PIPELINE)}")
    print("| engine | workers | docs/s | total s | of which startup s | CPU s | docs per CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['engine']} | {r['workers']} | {r['docs_per_s']} | {r['total_s']} |"
            f" {r['startup_s']} | {r['cpu_s']} | {r['docs_per_cpu_s']} |"
        )
    print(f"rebuild (near-duplicates, event merging): {rebuild_s:.2f}s, same for every engine")
    print(
        f"driver ceiling (decode + store writes, no extraction): {driver['docs_per_s']} docs/s,"
        f" {driver['cpu_ms_per_doc']} CPU ms/doc"
    )
    print(
        f"driver input: planning {driver_in['partitions']} partitions costs"
        f" {driver_in['plan_us_per_record']} CPU µs per record (reading the records there:"
        f" {driver_in['read_us_per_record']} µs)"
    )


if __name__ == "__main__":
    main()
