"""CoNLL NER corpora and seqeval-style scoring (entity level, exact span + type).

Used by ``scripts/train_ner.py`` and ``benchmarks/ner.py``; nothing here runs
in the pipeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Sentence = list[tuple[str, str]]

#: ANERcorp's tag names → waqai's
ANER_TYPES = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def read_conll(path: Path, type_map: dict[str, str] | None = None) -> list[Sentence]:
    """Sentences of (token, BIO tag); BOM, CR and U+200E marks are removed."""
    sents: list[Sentence] = []
    cur: Sentence = []
    with open(path, encoding="utf-8-sig") as fh:
        for raw in fh:
            line = raw.replace("\r", "").replace("\u200e", "").replace("\ufeff", "").strip()
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            token, tag = parts[0], parts[-1]
            if tag != "O" and type_map is not None:
                mapped = type_map.get(tag[2:], "O")
                tag = "O" if mapped == "O" else tag[:2] + mapped
            cur.append((token, tag))
    if cur:
        sents.append(cur)
    return sents


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans (start, end, type) of a BIO sequence; a stray I- starts an entity."""
    out = []
    start, typ = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != typ):
            if start >= 0:
                out.append((start, i, typ))
                start, typ = -1, ""
            if tag != "O":
                start, typ = i, tag[2:]
    return out


def to_bilou(tags: Sequence[str]) -> list[str]:
    """BIO → BILOU: the last token of an entity is L-, a one-token entity U-."""
    out = list(tags)
    for start, end, typ in bio_spans(tags):
        if end - start == 1:
            out[start] = "U-" + typ
        else:
            out[start] = "B-" + typ
            out[start + 1 : end - 1] = ["I-" + typ] * (end - start - 2)
            out[end - 1] = "L-" + typ
    return out


def from_bilou(tags: Sequence[str]) -> list[str]:
    """BILOU → BIO."""
    return ["B-" + t[2:] if t[0] == "U" else "I-" + t[2:] if t[0] == "L" else t for t in tags]


@dataclass
class Score:
    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f

    def micro(self) -> tuple[float, float, float]:
        return self.prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def per_type(self) -> dict[str, tuple[float, float, float]]:
        types = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        return {t: self.prf(self.tp[t], self.fp[t], self.fn[t]) for t in types}


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> Score:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(bio_spans(g)), set(bio_spans(p))
        for s in gs & ps:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    return Score(tp, fp, fn)
