"""``waqai ingest``: files and folders into the corpus store, in parallel, resumably."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from waqai.cli import fail, handle_errors, main

F = TypeVar("F", bound=Callable[..., Any])


def db_option(fn: F) -> F:
    """The ``--db`` option shared by the corpus commands."""
    return click.option(
        "--db",
        "db",
        envvar="WAQAI_DB",
        help="Store URL: sqlite:///PATH (default: waqai.db here) or postgresql://USER@HOST/DB.",
    )(fn)


@main.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes (default: 1; with --engine dask, one per core).",
)
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: a process pool here; dask: a Dask cluster (needs waqai[dask]).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:8786",
    help="Join this Dask scheduler instead of starting a local cluster (--engine dask).",
)
@click.option(
    "--out",
    metavar="DIR",
    help="Write a Parquet dataset (documents/, events/, errors/) to DIR instead of the store.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=32,
    show_default=True,
    help="Records per partition (one worker task, one committed batch).",
)
@click.option(
    "--now", help="Reference date for inferring publication dates (YYYY-MM-DD); default: today."
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar (default: on when stderr is a terminal).",
)
@handle_errors
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    workers: int | None,
    engine_name: str,
    scheduler: str | None,
    out: str | None,
    batch_size: int,
    now: str | None,
    progress: bool | None,
) -> None:
    """Extract and store every article under PATHS (files, folders, or - for JSONL on stdin).

    Reads .txt, .json/.jsonl (fields id, title, text, published, url, source),
    .html/.htm and .warc/.warc.gz. Input already committed is skipped, so a
    rerun after an interruption finishes the job. Bad inputs are recorded in
    the store with the reason. Exit code: 0 all ok, 1 some failed, 2 usage.

    The workers read the files (in partitions of about --batch-size records),
    so with --engine dask they must see PATHS (and --out DIR, which they
    write) at the same (absolute) paths.
    --engine dask runs the partitions on a Dask cluster (a local one, or the
    one at --scheduler) with the same results; --out DIR writes a Parquet
    dataset (documents/, events/, errors/) instead of the store. See
    docs/scale.md.
    """
    from rich.console import Console

    from waqai.corpus.ingest import ingest as run_ingest
    from waqai.engines import get_engine
    from waqai.pipeline import parse_date
    from waqai.store import open_store

    if not paths:
        fail("no input: give files, folders, or - for JSONL on stdin", 2)
    ref = parse_date(now, "--now")
    console = Console(stderr=True)
    show = console.is_terminal if progress is None else progress
    if out:
        _ingest_to_dataset(
            paths,
            out,
            get_engine(engine_name, workers, scheduler),
            batch_size,
            ref,
            console if show else None,
        )
        return
    with open_store(db) as store:
        engine = get_engine(engine_name, workers, scheduler)
        if show:
            summary = _with_progress(
                console, lambda cb: run_ingest(paths, store, engine, batch_size, ref, cb)
            )
        else:
            summary = run_ingest(paths, store, engine, batch_size, ref)
        errors = store.errors(limit=10, run_id=summary.run_id) if summary.failed else []
    click.echo(
        f"ingested {summary.read} record(s) from {summary.files} file(s): {summary.added} added,"
        f" {summary.skipped} already stored, {summary.failed} failed"
        f" in {summary.seconds:.1f}s ({summary.docs_per_s:.1f} docs/s);"
        f" {summary.duplicate_groups} near-duplicate group(s), {summary.merged_events} merged event(s)",
        err=True,
    )
    for e in errors:
        where = f"{e['source']}:{e['line']}" if e["line"] else e["source"]
        click.echo(f"  failed: {where}: {e['reason']}", err=True)
    if summary.failed:
        sys.exit(1)


def _ingest_to_dataset(
    paths: tuple[str, ...], out: str, engine: Any, batch_size: int, ref: str | None, console: Any
) -> None:
    """``--out DIR``: a Parquet dataset instead of the store (see ``waqai.corpus.parquet``)."""
    from waqai.corpus.parquet import write_dataset

    if console is not None:
        summary = _with_progress(
            console, lambda cb: write_dataset(paths, out, engine, batch_size, ref, cb)
        )
    else:
        summary = write_dataset(paths, out, engine, batch_size, ref)
    click.echo(
        f"read {summary.read} record(s) from {summary.files} file(s): {summary.added} document(s)"
        f" written to {out}, {summary.skipped} already there or repeated, {summary.failed} failed"
        f" (see {out}/errors) in {summary.seconds:.1f}s ({summary.docs_per_s:.1f} docs/s)",
        err=True,
    )
    if summary.failed:
        sys.exit(1)


def _with_progress(console: Any, run: Callable[[Callable[[Any], None]], Any]) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "records · {task.fields[docs]} new docs · {task.fields[rate]:.1f} docs/s · {task.fields[errors]} errors"
        ),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("ingest", total=None, docs=0, rate=0.0, errors=0)

        def update(s: Any) -> None:
            bar.update(
                task,
                total=max(s.expected, s.read) or None,
                completed=s.read,
                docs=s.added,
                rate=s.docs_per_s,
                errors=s.failed,
            )

        return run(update)
