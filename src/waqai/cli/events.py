"""``waqai events``: merged events from the store, filtered, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import click

from waqai.cli import handle_errors, main
from waqai.cli.ingest import db_option

TABLE_COLUMNS = (
    "event_date",
    "type",
    "country",
    "actor_text",
    "recipient_text",
    "n_sources",
    "n_mentions",
    "sentence_text",
)


def output(rows: list[dict[str, Any]], fmt: str, title: str = "") -> None:
    """Print rows as a rich table, a JSON list or CSV on stdout."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    flat = [{k: v for k, v in r.items() if k != "mentions"} for r in rows]
    if fmt == "csv":
        fields = list(flat[0]) if flat else list(TABLE_COLUMNS)
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    for col in ("date", "type", "country", "actor", "recipient", "sources", "mentions", "evidence"):
        table.add_column(col, overflow="fold")
    for r in flat:
        table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in TABLE_COLUMNS))
    Console().print(table)
    if not flat:
        click.echo("no matching events", err=True)


def filter_options(fn: Any) -> Any:
    for opt in reversed(
        [
            click.option("--country", help="ISO country code of the event (e.g. KZ)."),
            click.option("--type", "type_", help="PLOVER event type (e.g. PROTEST)."),
            click.option("--since", help="Only events on or after this date (YYYY-MM-DD)."),
            click.option("--until", help="Only events on or before this date (YYYY-MM-DD)."),
            click.option(
                "--actor",
                help="Actor or recipient: a name (any spelling of its letters), entity id or code.",
            ),
            click.option("--text", help="Words that the evidence sentence must contain."),
        ]
    ):
        fn = opt(fn)
    return fn


@main.command()
@filter_options
@db_option
@click.option("--limit", type=click.IntRange(1), help="At most this many events.")
@click.option("--mentions", is_flag=True, help="With every mention (json format).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@handle_errors
def events(
    country: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    text: str | None,
    db: str | None,
    limit: int | None,
    mentions: bool,
    fmt: str,
) -> None:
    """List merged events (one per real event, with its number of sources)."""
    from waqai.store import open_store

    with open_store(db) as store:
        rows = store.events(
            country, type_, since, until, actor, text, limit=limit, mentions=mentions
        )
    output(rows, fmt)
