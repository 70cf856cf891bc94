"""``waqai timeline``: the merged events of one country, in chronological order."""

from __future__ import annotations

import click

from waqai.cli import handle_errors, main
from waqai.cli.events import output
from waqai.cli.ingest import db_option


@main.command()
@click.option("--country", required=True, help="ISO country code (e.g. KZ).")
@click.option("--actor", help="Only events with this actor or recipient.")
@click.option("--type", "type_", help="Only this PLOVER event type.")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "table", "json", "csv"]),
    default="text",
    show_default=True,
    help="text: each event with its sources and evidence; table, json or csv.",
)
@handle_errors
def timeline(country: str, actor: str | None, type_: str | None, db: str | None, fmt: str) -> None:
    """A country's crisis as a timeline: each merged event with its sources and evidence."""
    from waqai.store import open_store

    with open_store(db) as store:
        rows = store.timeline(country, actor=actor, type=type_)
    if fmt != "text":
        output(rows, fmt, title=f"timeline {country.upper()}")
        return
    if not rows:
        click.echo(f"no events for {country.upper()}", err=True)
        return
    for r in rows:
        who = " → ".join(x for x in (r["actor_text"], r["recipient_text"]) if x)
        neg = " (negated)" if r["negated"] else ""
        click.echo(
            f"{r['event_date'] or '????-??-??'}  {r['type']}{neg}  {who}  "
            f"[{r['n_sources']} source(s), {r['n_mentions']} mention(s)]"
        )
        for m in r["mentions"]:
            label = m["title"] or m["path"] or m["doc_id"]
            click.echo(
                f"    {m['published'] or '          '}  {label}: {m['sentence_text'].strip()}"
            )
