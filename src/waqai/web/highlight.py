"""The article text as HTML with entities, dates and event triggers marked.

Built on the server from the spans, never from string replacement: the text
is cut at every span boundary, each piece is escaped, and each piece covered
by annotations is wrapped in one ``<mark>`` that carries all of them. Spans
may overlap or nest and the HTML stays well formed; every tooltip is an
escaped attribute, so article text can never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from waqai.document import Document


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation to show: a span, its kind (entity/timex/trigger), a CSS label and a tooltip."""

    start: int
    end: int
    kind: str
    label: str
    tip: str
    ref: str


def _who(p: object | None) -> str:
    if p is None:
        return "—"
    text = getattr(p, "text", "")
    extra = [x for x in (getattr(p, "entity_id", None), getattr(p, "code", None)) if x]
    return f"{text} ({', '.join(extra)})" if extra else text


def marks(doc: Document) -> list[Mark]:
    """Every entity, timex and event trigger of ``doc`` as a :class:`Mark`."""
    out: list[Mark] = []
    for i, e in enumerate(doc.entities):
        names = " / ".join(x for x in (e.name, e.name_en) if x)
        tip = f"{e.type}: {names or e.text}" + (f" [{e.entity_id}]" if e.entity_id else "")
        if e.country:
            tip += f" · {e.country}"
        out.append(Mark(e.start, e.end, "entity", e.type.lower(), tip, f"ent-{i}"))
    for i, t in enumerate(doc.timexes):
        out.append(
            Mark(t.start, t.end, "timex", t.type.lower(), f"{t.type}: {t.value or '?'}", f"tx-{i}")
        )
    for ev in doc.events:
        kind = ev.type + (f"/{ev.mode}" if ev.mode else "") + (" (negated)" if ev.negated else "")
        tip = f"{kind}: {_who(ev.actor)} → {_who(ev.recipient)} · {ev.date or 'undated'}"
        if ev.country:
            tip += f" · {ev.country}"
        out.append(
            Mark(ev.trigger.start, ev.trigger.end, "trigger", ev.type.lower(), tip, f"ev-{ev.id}")
        )
    n = len(doc.text)
    return [m for m in out if 0 <= m.start < m.end <= n]


_ORDER = {"trigger": 0, "timex": 1, "entity": 2}


def _piece(text: str, covering: list[Mark]) -> str:
    if not covering:
        return escape(text)
    covering = sorted(covering, key=lambda m: (_ORDER[m.kind], m.start))
    kinds = sorted({m.kind for m in covering}, key=_ORDER.__getitem__)
    classes = " ".join([*(f"hl-{k}" for k in kinds), *(f"{m.kind}-{m.label}" for m in covering)])
    tip = "\n".join(m.tip for m in covering)
    refs = " ".join(m.ref for m in covering)
    return (
        f'<mark class="{escape(classes)}" title="{escape(tip)}" data-refs="{escape(refs)}" tabindex="0">'
        f"{escape(text)}</mark>"
    )


def highlight(doc: Document, shown: list[Mark] | None = None) -> Markup:
    """``doc.text`` as safe HTML with ``shown`` (default: all) marks; newlines become ``<br>``."""
    items = marks(doc) if shown is None else shown
    cuts = sorted({0, len(doc.text), *(m.start for m in items), *(m.end for m in items)})
    parts = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in items if m.start <= lo and hi <= m.end]
        parts.append(_piece(doc.text[lo:hi], covering))
    return Markup("".join(parts).replace("\n", "<br>\n"))
