"""``waqai stats``: what the store holds (near-duplicates and merged events counted once)."""

from __future__ import annotations

import json

import click

from waqai.cli import handle_errors, main
from waqai.cli.ingest import db_option


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--errors", "show_errors", is_flag=True, help="Also list the recorded ingest errors.")
@handle_errors
def stats(db: str | None, fmt: str, show_errors: bool) -> None:
    """Counts of documents, duplicate groups, event mentions, merged events and errors."""
    from waqai.store import open_store

    with open_store(db) as store:
        s = store.stats()
        if show_errors:
            s["errors"] = store.errors(limit=1000)
    if fmt == "json":
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    for key, value in s.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for k, v in value.items():
                click.echo(f"  {k}: {v}")
        elif key == "errors":
            click.echo("errors:")
            for e in value:
                where = f"{e['source']}:{e['line']}" if e["line"] else e["source"]
                click.echo(f"  {where}: {e['reason']}")
        else:
            click.echo(f"{key}: {value}")
