"""A readable summary of one document with rich tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from waqai.document import Document, Entity


def _participant(p: object) -> str:
    return getattr(p, "text", "") if p else ""


def print_summary(doc: Document, console: Console | None = None) -> None:
    console = console or Console()
    title = doc.meta.get("title") or doc.meta.get("path") or doc.id
    pub = doc.published
    how = f" ({pub.source})" if pub.source else ""
    console.print(f"[bold]{title}[/bold]")
    console.print(f"published: {pub.value or 'unknown'}{how}   sentences: {len(doc.sentences)}")

    events = Table(title="Timeline of events", show_lines=False)
    for col in ("date", "type", "mode", "actor", "recipient", "country", "trigger"):
        events.add_column(col)
    for ev in sorted(doc.events, key=lambda e: (e.date or "9999", e.trigger.start)):
        events.add_row(
            ev.date or "?",
            ev.type,
            ev.mode or "",
            _participant(ev.actor),
            _participant(ev.recipient),
            ev.country or "",
            ev.trigger.text,
        )
    console.print(events)

    ents = Table(title="Entities")
    for col in ("entity", "type", "name", "name_en", "country", "mentions"):
        ents.add_column(col)
    groups: dict[str, list[Entity]] = {}
    for ent in doc.entities:
        groups.setdefault(ent.entity_id, []).append(ent)
    for eid, mentions in groups.items():
        e = mentions[0]
        ents.add_row(
            eid,
            e.type,
            e.name or e.text,
            e.name_en or "",
            e.country or "",
            " | ".join(dict.fromkeys(m.text for m in mentions)),
        )
    console.print(ents)

    dates = Table(title="Dates")
    for col in ("expression", "type", "value"):
        dates.add_column(col)
    for t in doc.timexes:
        dates.add_row(t.text, t.type, t.value or "?")
    console.print(dates)

    quotes = Table(title="Quotes")
    for col in ("speaker", "quote"):
        quotes.add_column(col)
    for q in doc.quotes:
        quotes.add_row(_participant(q.speaker), q.text)
    console.print(quotes)
