"""The date table: every expression of ``tests/data/time/expressions.tsv`` in its sentence.

Each sentence must yield exactly its rows (span text, TIMEX3 type and value,
resolved against the row's document date), and every span must index the
original text.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from waqai.document import Document, Published
from waqai.time.component import annotate

TABLE = Path(__file__).parent / "data" / "time" / "expressions.tsv"


def _cases() -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    grouped: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for r in rows:
        expected = grouped[(r["dct"], r["sentence"])]
        if r["text"] != "-":
            expected.append((r["text"], r["type"], r["value"]))
    return [(dct, sentence, sorted(exp)) for (dct, sentence), exp in grouped.items()]


CASES = _cases()


def test_time_table_is_large_and_varied() -> None:
    texts = {t for _, _, exp in CASES for t, _, _ in exp}
    assert len(texts) >= 300
    assert {typ for _, _, exp in CASES for _, typ, _ in exp} == {"DATE", "TIME", "DURATION", "SET"}
    assert any(ch in "٠١٢٣٤٥٦٧٨٩" for t in texts for ch in t)


@pytest.mark.parametrize(("dct", "sentence", "expected"), CASES, ids=range(len(CASES)))
def test_time_expression(dct: str, sentence: str, expected: list[tuple[str, str, str]]) -> None:
    doc = Document(text=sentence)
    doc.now = "2026-11-29"
    doc.published = Published(dct, "given", None)
    annotate(doc)
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    got = sorted((t.text, t.type, t.value or "") for t in doc.timexes)
    assert got == expected
    assert doc.published.value == dct and doc.published.source == "given"
