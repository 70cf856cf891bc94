"""Quality gate: value accuracy of the dates stage on the committed dev set.

Raising the floor is a commit; lowering it needs a reason in CHANGELOG.md.
"""

from __future__ import annotations

import json
from pathlib import Path

from waqai.document import Document, Published
from waqai.time.component import annotate

DEV = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "dates_dev.jsonl"
FLOOR = 0.95


def test_time_dev_set_value_accuracy_floor() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) >= 150
    right = total = 0
    for r in rows:
        doc = Document(text=r["sentence"])
        doc.now = r["dct"]
        doc.published = Published(r["dct"], "given", None)
        annotate(doc)
        for g in r["timexes"]:
            total += 1
            right += any(t.text == g["text"] and t.value == g["value"] for t in doc.timexes)
    assert right / total >= FLOOR
