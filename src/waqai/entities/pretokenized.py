"""Tag text already split into sentences and tokens (CoNLL files) as the pipeline tags a
document: the CRF over each sentence with the document's features, then the document's
name propagation. ``benchmarks/ner.py`` and the cross-validation of
``scripts/train_ner.py`` score this, so that model selection sees what the benchmark sees.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from waqai.entities import gazetteer, ner
from waqai.entities.conll import bio_spans
from waqai.entities.features import gazetteer_tags
from waqai.entities.recognize import Mention, merge, propagate
from waqai.text.normalize import normalize


def word_spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each of ``words`` in ``" ".join(words)``."""
    out, pos = [], 0
    for w in words:
        out.append((pos, pos + len(w)))
        pos += len(w) + 1
    return out


def tag_tokens(sentences: list[list[str]], spread: bool = True) -> list[list[str]]:
    """BIO tags of ``sentences`` (written tokens) read as one document; with ``spread``,
    names found once are propagated to their other occurrences (``recognize.propagate``)."""
    words = [[normalize(t) or t for t in s] for s in sentences]
    flat = word_spans([w for s in words for w in s])
    spans: list[list[tuple[int, int]]] = []
    k = 0
    for s in words:
        spans.append(flat[k : k + len(s)])
        k += len(s)
    text = " ".join(w for s in words for w in s)
    hits = gazetteer.find(text)
    tags = ner.tag_document(
        [
            (w, gazetteer_tags(hits, sp), raw)
            for w, sp, raw in zip(words, spans, sentences, strict=True)
        ]
    )
    if not spread:
        return tags
    found = [
        Mention(sp[a][0], sp[b - 1][1], typ, "model")
        for sp, tg in zip(spans, tags, strict=True)
        for a, b, typ in bio_spans(tg)
    ]
    chosen = merge(text, [], found + propagate(text, found))
    out = [["O"] * len(s) for s in sentences]
    index = [(i, j) for i, s in enumerate(sentences) for j in range(len(s))]
    starts = [s for s, _ in flat]
    for m in chosen:
        k = bisect_right(starts, m.start) - 1
        last = bisect_left(starts, m.end) - 1
        if flat[last][1] != m.end:
            continue  # a name that ends inside a token is left out; after a clitic, the
            # name tags its whole token, as ANERcorp does ("وبوش": B-PERS)
        for n, t in enumerate(range(k, last + 1)):
            i, j = index[t]
            out[i][j] = ("B-" if n == 0 else "I-") + m.type
    return out


def tag_runs(sentences: list[list[str]], size: int) -> list[list[str]]:
    """BIO tags of ``sentences`` read in runs of ``size`` as documents (ANERcorp keeps its
    articles' order without their boundaries); ``size`` 1: each sentence alone, nothing
    propagated."""
    out: list[list[str]] = []
    for i in range(0, len(sentences), size):
        out.extend(tag_tokens(sentences[i : i + size], spread=size > 1))
    return out
