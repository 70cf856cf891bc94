"""The JSON Schema of the document contract, and a validator for it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from waqai.errors import WaqaiError


@cache
def document_schema() -> dict[str, Any]:
    with (
        resources.files("waqai.schema")
        .joinpath("document.schema.json")
        .open(encoding="utf-8") as fh
    ):
        data: dict[str, Any] = json.load(fh)
        return data


def validate_document(data: dict[str, Any]) -> None:
    """Raise :class:`WaqaiError` if ``data`` breaks the schema or a span invariant."""
    import jsonschema

    try:
        jsonschema.validate(data, document_schema())
    except jsonschema.ValidationError as exc:
        path = "/".join(str(p) for p in exc.absolute_path)
        raise WaqaiError(
            f"document {data.get('id')}: schema violation at /{path}: {exc.message}"
        ) from None
    text = data["text"]
    for where, span in iter_spans(data):
        if text[span["start"] : span["end"]] != span["text"]:
            raise WaqaiError(f"document {data.get('id')}: span text mismatch at {where}")


def iter_spans(data: dict[str, Any]) -> Any:
    """Every span-like object (with start, end and text) in a document dict."""
    pub = data.get("published") or {}
    if pub.get("evidence"):
        yield "published.evidence", pub["evidence"]
    for key in ("entities", "timexes", "quotes"):
        for i, item in enumerate(data.get(key, [])):
            yield f"{key}[{i}]", item
    for i, q in enumerate(data.get("quotes", [])):
        for part in ("speaker", "verb"):
            if q.get(part):
                yield f"quotes[{i}].{part}", q[part]
    for i, ev in enumerate(data.get("events", [])):
        for part in ("trigger", "actor", "recipient", "location"):
            if ev.get(part):
                yield f"events[{i}].{part}", ev[part]
        for j, m in enumerate(ev.get("mentions", [])):
            yield f"events[{i}].mentions[{j}]", m
