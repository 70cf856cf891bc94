"""``waqai export``: the store as JSONL documents, CSV/Parquet event tables or PLOVER JSON."""

from __future__ import annotations

import contextlib
import sys

import click

from waqai.cli import fail, handle_errors, main
from waqai.cli.ingest import db_option


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "plover"]),
    required=True,
    help="jsonl: the document contract; csv/parquet: event table; plover: PLOVER JSONL records.",
)
@click.option("--out", "out", help="Output file (default: stdout; required for parquet).")
@click.option(
    "--level",
    type=click.Choice(["mentions", "clusters"]),
    default="mentions",
    show_default=True,
    help="csv/parquet: one row per mention (with its merged event) or one per merged event.",
)
@handle_errors
def export(db: str | None, fmt: str, out: str | None, level: str) -> None:
    """Export the store's documents or events."""
    from waqai.corpus import export as ex
    from waqai.store import open_store

    if fmt == "parquet" and (not out or out == "-"):
        fail("--format parquet needs --out PATH", 2)
    with open_store(db) as store:
        if fmt == "parquet":
            n = ex.write_parquet(store, str(out), level)
        else:
            to_file = bool(out) and out != "-"
            with (
                open(str(out), "w", encoding="utf-8", newline="")
                if to_file
                else contextlib.nullcontext(sys.stdout)
            ) as fh:
                if fmt == "jsonl":
                    n = ex.write_jsonl(store, fh)
                elif fmt == "csv":
                    n = ex.write_csv(store, fh, level)
                else:
                    n = ex.write_plover(store, fh)
        undated = ex.plover_undated(store) if fmt == "plover" else 0
    click.echo(f"exported {n} {'document' if fmt == 'jsonl' else 'row'}(s)", err=True)
    if undated:
        click.echo(
            f"skipped {undated} merged event(s) without any date (PLOVER requires one)", err=True
        )
