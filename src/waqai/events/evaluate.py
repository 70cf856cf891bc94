"""Score extracted documents against gold annotations (the gold format of tests/gold/*.json).

The metrics are those of the project's reference scorer, reimplemented here so
that the quality gate in the test suite needs nothing outside the repository:

* ``dct`` — document date right; ``timex_acc``/``timex_prec`` — required timexes
  found with the right value / share of system timexes that overlap a gold one;
* ``event_recall`` — required gold events matched by type (or an alternative type),
  date (gold null: any) and country (gold null: any); ``event_prec`` — share of
  system events that match any gold event, optional ones included;
* ``actor_acc`` — matched gold events with a source whose matching system events
  have an actor overlapping one of the gold source strings;
* ``quote_acc`` — gold quotes found (a system quote overlapping the gold start)
  with a speaker overlapping one of the gold speaker strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

METRICS = ("dct", "timex_acc", "timex_prec", "event_recall", "event_prec", "actor_acc", "quote_acc")


def _spans(text: str, s: str) -> list[tuple[int, int]]:
    out, i = [], text.find(s)
    while i >= 0 and s:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _day(v: Any) -> str | None:
    return str(v)[:10] if v else None


def _country(e: dict[str, Any]) -> str | None:
    c = e.get("country")
    if not c and isinstance(e.get("location"), dict):
        c = e["location"].get("country")
    return (c or "").upper() or None


def _event_matches(e: dict[str, Any], g: dict[str, Any]) -> bool:
    etype = "REQUEST" if e.get("type") == "DEMAND" else e.get("type")
    if etype not in [g["type"], *g.get("alt_types", [])]:
        return False
    if g.get("date") and _day(e.get("date")) != str(g["date"])[:10]:
        return False
    return not (g.get("country") and _country(e) != g["country"])


def _participant_hits(text: str, p: Any, aliases: Iterable[str]) -> bool:
    if not isinstance(p, dict) or p.get("start") is None:
        return False
    spans = [sp for a in aliases for sp in _spans(text, a)]
    return any(_overlaps((p["start"], p["end"]), sp) for sp in spans)


def score(out: dict[str, Any], gold: dict[str, Any]) -> dict[str, float]:
    """The metrics of one system document (``Document.to_dict()``) against one gold file."""
    text = out.get("text", "")
    res: dict[str, float] = {}
    pub = out.get("published") or {}
    pv = pub.get("value") if isinstance(pub, dict) else pub
    res["dct"] = 1.0 if _day(pv) == gold["dct"] else 0.0
    sys_tx = [(t.get("start"), t.get("end"), t.get("value")) for t in out.get("timexes", [])]
    req = [g for g in gold["timexes"] if not g.get("optional")]
    ok = 0
    for g in req:
        hit = [
            v
            for s, e, v in sys_tx
            for gs in _spans(text, g["text"])
            if s is not None and _overlaps((s, e), gs)
        ]
        ok += any(_day(v) == g["value"] for v in hit)
    res["timex_acc"] = ok / len(req) if req else 1.0
    allg = [gs for g in gold["timexes"] for gs in _spans(text, g["text"])]
    fp = [t for t in sys_tx if not any(_overlaps((t[0], t[1]), gs) for gs in allg)]
    res["timex_prec"] = 1 - len(fp) / len(sys_tx) if sys_tx else 0.0
    sev = out.get("events", [])
    reqe = [g for g in gold["events"] if not g.get("optional")]
    hits = actor_ok = actor_n = 0
    for g in reqe:
        m = [e for e in sev if _event_matches(e, g)]
        if not m:
            continue
        hits += 1
        if g["source"]:
            actor_n += 1
            actor_ok += any(_participant_hits(text, e.get("actor"), g["source"]) for e in m)
    res["event_recall"] = hits / len(reqe) if reqe else 1.0
    good = [e for e in sev if any(_event_matches(e, g) for g in gold["events"])]
    res["event_prec"] = len(good) / len(sev) if sev else 0.0
    res["actor_acc"] = actor_ok / actor_n if actor_n else 1.0
    quotes = gold.get("quotes", [])
    qok = 0
    for g in quotes:
        qs = _spans(text, g["start"])
        qok += any(
            q.get("start") is not None
            and any(_overlaps((q["start"], q["end"]), s) for s in qs)
            and _participant_hits(text, q.get("speaker"), g["speaker"])
            for q in out.get("quotes", [])
        )
    res["quote_acc"] = qok / len(quotes) if quotes else 1.0
    return res


def mean(rows: list[dict[str, float]]) -> dict[str, float]:
    """Macro average over documents, as the reference scorer's batch mode reports it."""
    if not rows:
        return dict.fromkeys(METRICS, 0.0)
    return {k: sum(r[k] for r in rows) / len(rows) for k in METRICS}


def explain(out: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    """Human-readable misses and extras of the event and quote metrics (for error analysis)."""
    text = out.get("text", "")
    lines = []
    sev = out.get("events", [])
    for g in gold["events"]:
        m = [e for e in sev if _event_matches(e, g)]
        tag = "optional " if g.get("optional") else ""
        if not m and not g.get("optional"):
            lines.append(
                f"miss {tag}{g['type']} date={g.get('date')} country={g.get('country')} trigger={g.get('trigger')!r}"
            )
        elif (
            m
            and g["source"]
            and not g.get("optional")
            and not any(_participant_hits(text, e.get("actor"), g["source"]) for e in m)
        ):
            got = [(e.get("actor") or {}).get("text") for e in m]
            lines.append(f"actor {g['type']} gold={g['source']} system={got}")
    for e in sev:
        if not any(_event_matches(e, g) for g in gold["events"]):
            lines.append(
                f"extra {e.get('type')}/{e.get('mode')} date={e.get('date')} country={_country(e)} "
                f"trigger={(e.get('trigger') or {}).get('text')!r}"
            )
    for g in gold.get("quotes", []):
        qs = _spans(text, g["start"])
        found = [
            q
            for q in out.get("quotes", [])
            if any(_overlaps((q["start"], q["end"]), s) for s in qs)
        ]
        if not any(_participant_hits(text, q.get("speaker"), g["speaker"]) for q in found):
            got = [(q.get("speaker") or {}).get("text") for q in found]
            lines.append(f"quote {g['start']!r} gold={g['speaker'][0]} system={got}")
    return lines
