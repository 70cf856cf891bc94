"""One event as flat named fields: the columns the store and the Parquet dataset share.

Both writers project these fields onto their own columns (the store adds matching
forms for search and keeps ``context`` as JSON; the dataset adds the publication
date), so an event field is added or renamed in one place.
"""

from __future__ import annotations

from typing import Any

from waqai.document import Document, Event, Participant


def _participant(role: str, p: Participant | None) -> dict[str, Any]:
    return {
        f"{role}_text": p.text if p else None,
        f"{role}_entity_id": p.entity_id if p else None,
        f"{role}_code": p.code if p else None,
    }


def event_fields(doc: Document, ev: Event) -> dict[str, Any]:
    """``ev`` of ``doc`` as column name → value (``context`` a list, ``negated`` a bool)."""
    loc = ev.location
    return {
        "doc_id": doc.id,
        "event_id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "cameo": ev.cameo,
        "context": list(ev.context),
        "event_date": ev.date,
        "country": ev.country,
        **_participant("actor", ev.actor),
        **_participant("recipient", ev.recipient),
        "trigger_start": ev.trigger.start,
        "trigger_end": ev.trigger.end,
        "trigger_text": ev.trigger.text,
        "sentence_start": ev.sentence.start,
        "sentence_end": ev.sentence.end,
        "sentence_text": doc.text[ev.sentence.start : ev.sentence.end],
        "location_text": loc.text if loc else None,
        "location_country": loc.country if loc else None,
        "negated": bool(ev.negated),
        "modality": ev.modality,
        "confidence": float(ev.confidence),
        "quad_class": ev.quad_class,
    }
