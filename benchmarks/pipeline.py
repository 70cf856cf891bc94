"""Throughput of each stage and of the whole pipeline, cold start, RSS and the peer run.

    python benchmarks/pipeline.py [--n 5000] [--runs 3] [--peer-n 300]

Measures on one core (this process), in one run:
- each stage alone (text layer, then every registered stage) and the whole
  ``extract`` pipeline: articles/s and MB/s, median of ``--runs`` after a warm-up;
  the whole pipeline once more at the end, after :func:`waqai.pipeline.tune_gc`;
- cold start of ``waqai extract`` on one article (median of 3 subprocesses);
- peak RSS of one worker process extracting ``--rss-n`` articles;
- dateparser's ``search_dates`` over the same articles, beside waqai's date stage;
- ingest into SQLite with 1 and 2 workers (``waqai ingest``), when available.
Prints a table, writes ``benchmarks/results/pipeline.json`` and the
"Pipeline throughput" section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles as corpus_articles  # noqa: E402
from corpus import build_corpus  # noqa: E402

import waqai  # noqa: E402
from waqai.document import Document  # noqa: E402
from waqai.pipeline import Pipeline, tune_gc  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WAQAI = str(Path(sys.executable).with_name("waqai"))
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
START, END = "<!-- bench:pipeline:start -->", "<!-- bench:pipeline:end -->"


def load_articles(n: int) -> list[dict[str, Any]]:
    out = list(itertools.islice(corpus_articles(), n))
    if len(out) < n:
        raise SystemExit(f"only {len(out)} articles available, {n} requested")
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, waqai {waqai.__version__}"


def time_stages(pipeline: Pipeline, articles: list[dict[str, Any]]) -> dict[str, float]:
    """Seconds spent in each stage over all articles (the text layer counted apart)."""
    spent = {"text layer": 0.0, **{c.name: 0.0 for c in pipeline.components}}
    stages = list(zip([c.name for c in pipeline.components], pipeline.stages, strict=True))
    clock = time.perf_counter
    for art in articles:
        doc = pipeline.make_doc(art["text"], published=art.get("published"))
        t0 = clock()
        doc.match  # noqa: B018 — the matching form and tokens, shared by the stages
        doc.tokens  # noqa: B018
        spent["text layer"] += clock() - t0
        for name, stage in stages:
            t0 = clock()
            stage(doc)
            spent[name] += clock() - t0
    return spent


def time_whole(pipeline: Pipeline, articles: list[dict[str, Any]]) -> float:
    t0 = time.perf_counter()
    for art in articles:
        pipeline(art["text"], published=art.get("published"))
    return time.perf_counter() - t0


def cold_start() -> float:
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(
            [WAQAI, "extract", str(SEED), "--format", "json"], check=True, capture_output=True
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def peak_rss_mb(folder: Path) -> float:
    """Peak RSS of a child process that extracts every article of ``folder``.

    The child reports its own high-water mark (``VmHWM``): the parent's
    ``RUSAGE_CHILDREN`` would count the moment after ``fork``, when the child
    still shares this (large) benchmark process's pages.
    """
    code = (
        "import json,sys,glob,resource,waqai\n"
        "for p in sorted(glob.glob(sys.argv[1]+'/*.jsonl')):\n"
        "    for line in open(p,encoding='utf-8'):\n"
        "        a=json.loads(line); waqai.extract(a['text'], published=a.get('published'))\n"
        "try:\n"
        "    hwm=[l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
        "except (OSError, IndexError):\n"
        "    hwm=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(hwm)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder)], check=True, capture_output=True, text=True
    )
    return int(out.stdout.split()[-1]) / 1024


def peer_dates(articles: list[dict[str, Any]]) -> dict[str, float] | None:
    try:
        import datetime as dt

        from dateparser.search import search_dates
    except ImportError:
        return None
    t0 = time.perf_counter()
    for art in articles:
        base = dt.datetime.fromisoformat(art["published"]) if art.get("published") else None
        search_dates(
            art["text"], languages=["ar"], settings={"RELATIVE_BASE": base} if base else None
        )
    dp = time.perf_counter() - t0
    p = Pipeline(["waqai.sentences.v1", "waqai.time.v1"])
    p("warm up", published="2015-07-21")
    stage = p.stages[1]
    t0 = time.perf_counter()
    for art in articles:
        doc = Document(text=art["text"])
        doc.published.value = art.get("published")
        doc.now = "2026-11-29"
        stage(doc)
    ours = time.perf_counter() - t0
    return {"articles": len(articles), "dateparser_s": dp, "waqai_s": ours, "speedup": dp / ours}


def ingest(folder: Path, workers: int) -> float | None:
    if subprocess.run([WAQAI, "ingest", "--help"], capture_output=True).returncode != 0:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/bench.db"
        t0 = time.perf_counter()
        subprocess.run(
            [WAQAI, "ingest", str(folder), "--db", db, "--workers", str(workers)],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=5000, help="articles for the throughput runs")
    ap.add_argument("--runs", type=int, default=3, help="timed runs (median reported)")
    ap.add_argument(
        "--peer-n", type=int, default=300, help="articles for the dateparser comparison (0: skip)"
    )
    ap.add_argument(
        "--ingest-n", type=int, default=5000, help="articles for the ingest runs (0: skip)"
    )
    ap.add_argument("--no-docs", action="store_true", help="do not update docs/benchmarks.md")
    args = ap.parse_args()

    articles = load_articles(args.n)
    mb = sum(len(a["text"].encode("utf-8")) for a in articles) / 1e6
    pipeline = waqai.pipeline.default_pipeline()
    t0 = time.perf_counter()
    pipeline("تحميل النماذج.", published="2015-07-21")  # loads every model once
    load_s = time.perf_counter() - t0
    time_whole(pipeline, articles[:200])  # warm-up

    stage_runs = [time_stages(pipeline, articles) for _ in range(args.runs)]
    whole_runs = [time_whole(pipeline, articles) for _ in range(args.runs)]
    stages = {name: statistics.median(r[name] for r in stage_runs) for name in stage_runs[0]}
    whole = statistics.median(whole_runs)

    rows = [(name, len(articles) / s, mb / s) for name, s in stages.items()]
    rows.append(("whole extract pipeline", len(articles) / whole, mb / whole))
    result: dict[str, Any] = {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "articles": len(articles),
        "megabytes": round(mb, 2),
        "pipeline": list(pipeline.names),
        "model_load_s": round(load_s, 3),
        "stages": {
            name: {"articles_per_s": round(a, 1), "mb_per_s": round(m, 3)} for name, a, m in rows
        },
    }
    result["cold_start_s"] = round(cold_start(), 3)
    with tempfile.TemporaryDirectory() as tmp:
        small = build_corpus(1000, Path(tmp) / "rss")
        result["peak_rss_mb"] = round(peak_rss_mb(small), 1)
        if args.ingest_n:
            ing_folder = build_corpus(args.ingest_n, Path(tmp) / "ing")
            one = ingest(ing_folder, 1)
            two = ingest(ing_folder, 2)
            if one and two:
                result["ingest"] = {
                    "articles": args.ingest_n,
                    "workers_1_docs_per_s": round(args.ingest_n / one, 1),
                    "workers_2_docs_per_s": round(args.ingest_n / two, 1),
                    "scaling": round(one / two, 2),
                }
    peer = peer_dates(articles[: args.peer_n]) if args.peer_n else None
    if peer:
        result["dates_vs_dateparser"] = {k: round(v, 3) for k, v in peer.items()}
    # last: tune_gc() changes the whole process (as a worker that calls it)
    tune_gc(pipeline)
    tuned = statistics.median(time_whole(pipeline, articles) for _ in range(args.runs))
    result["stages"]["whole extract pipeline, tune_gc()"] = {
        "articles_per_s": round(len(articles) / tuned, 1),
        "mb_per_s": round(mb / tuned, 3),
    }

    report = render(result)
    print(report)
    out = ROOT / "benchmarks" / "results" / "pipeline.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.no_docs:
        update_docs(report)


def render(r: dict[str, Any]) -> str:
    lines = [
        f"Machine: {r['machine']}; {r['date']}.",
        f"Corpus: {r['articles']} SaudiNewsNet articles ({r['megabytes']} MB); one core; "
        f"median of runs after a warm-up. Pipeline: {', '.join(r['pipeline'])}.",
        "",
        "| stage | articles/s | MB/s |",
        "| --- | ---: | ---: |",
    ]
    for name, v in r["stages"].items():
        lines.append(f"| {name} | {v['articles_per_s']:,.1f} | {v['mb_per_s']:.3f} |")
    lines += [
        "",
        f"- model loading in-process: {r['model_load_s']} s; cold `waqai extract` on the seed: {r['cold_start_s']} s",
        f"- peak RSS of one worker extracting 1,000 articles: {r['peak_rss_mb']} MB",
    ]
    if "ingest" in r:
        i = r["ingest"]
        lines.append(
            f"- ingest of {i['articles']:,} articles into SQLite: {i['workers_1_docs_per_s']} docs/s with 1 worker, "
            f"{i['workers_2_docs_per_s']} with 2 (x{i['scaling']})"
        )
    if "dates_vs_dateparser" in r:
        d = r["dates_vs_dateparser"]
        lines.append(
            f"- dates on {int(d['articles'])} articles: waqai {d['articles'] / d['waqai_s']:,.0f} articles/s, "
            f"dateparser `search_dates` {d['articles'] / d['dateparser_s']:,.1f} articles/s (x{d['speedup']:,.0f})"
        )
    return "\n".join(lines)


def update_docs(report: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n{report}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Pipeline throughput (`make bench`)\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
