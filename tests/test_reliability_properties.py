"""Property tests over the whole pipeline on mutated real articles.

Real Arabic news (the team's gold articles) is cut, spliced, shuffled and
sprinkled with hostile characters; for every variant the pipeline raises
nothing but waqai's own errors, every span is exact, events point at spans
inside their own sentence, and the JSON validates against the schema.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from waqai.pipeline import Pipeline
from waqai.schema import validate_document

GOLD = Path(__file__).resolve().parent / "gold"
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))[:12]]
NOISE = [
    "\u200b",
    "\u200f",
    "\u202e",
    "\ufeff",
    "ـ",
    "ّ",
    "«",
    '"',
    "\n",
    "ﻻ",
    "٣",
    "؟",
    "\x00",
    "\U0001f600",
    "Д",
]
PIPE = Pipeline()


@st.composite
def mutated_article(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(ARTICLES))
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["cut", "insert", "splice", "shuffle"]))
        if op == "cut" and len(text) > 2:
            a = draw(st.integers(0, len(text) - 1))
            b = draw(st.integers(a, min(len(text), a + 200)))
            text = text[:a] + text[b:]
        elif op == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(NOISE)) * draw(st.integers(1, 3)) + text[at:]
        elif op == "splice":
            other = draw(st.sampled_from(ARTICLES))
            a = draw(st.integers(0, len(other)))
            at = draw(st.integers(0, len(text)))
            text = text[:at] + other[a : a + 300] + text[at:]
        else:
            lines = text.split("\n")
            text = "\n".join(draw(st.permutations(lines)))
    return text


def _check(data: dict) -> None:  # type: ignore[type-arg]
    validate_document(data)  # schema and every span's text
    sentences = {(s["start"], s["end"]) for s in data["sentences"]}
    for ev in data["events"]:
        sent = (ev["sentence"]["start"], ev["sentence"]["end"])
        assert sent in sentences
        for part in ("trigger", "actor", "recipient"):
            span = ev[part]
            if span and part == "trigger":
                assert sent[0] <= span["start"] < span["end"] <= sent[1]
    for e in data["entities"]:
        assert e["start"] < e["end"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_article(), st.sampled_from([None, "2022-01-13", "2015-07-21"]))
def test_reliability_pipeline_on_mutated_articles(text: str, published: str | None) -> None:
    _check(PIPE(text, published=published, now="2026-11-29").to_dict())
