"""``waqai search``: full-text search of the stored articles, blind to diacritics, hamza and clitics."""

from __future__ import annotations

import json

import click

from waqai.cli import handle_errors, main
from waqai.cli.ingest import db_option


@main.command()
@click.argument("query")
@db_option
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=20,
    show_default=True,
    help="At most this many articles.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@handle_errors
def search(query: str, db: str | None, limit: int, fmt: str) -> None:
    """Articles containing every word of QUERY (القاهرة finds بالقاهرة and القاهره)."""
    from waqai.store import open_store

    with open_store(db) as store:
        hits = store.search(query, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no matches", err=True)
    for h in hits:
        click.echo(f"{h['id']}  {h['published'] or '          '}  {h['title'] or h['path'] or ''}")
        click.echo(f"    {h['snippet']}")
