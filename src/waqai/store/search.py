"""Full-text search that ignores tashkeel, hamza forms and clitics.

A document is indexed as the words of its matching form plus every stem its
clitic analyses allow (والقاهرة adds القاهرة and قاهره). A query word matches
itself or any of its stems, so القاهرة finds بالقاهرة and القاهره. The same
index body serves SQLite FTS5 and PostgreSQL ``to_tsvector('simple', ...)``.
"""

from __future__ import annotations

from waqai.text.normalize import MatchText, normalize
from waqai.text.tokenize import clitic_analyses, tokenize


def index_body(text: str) -> str:
    """The words to index for ``text``: matching forms and their clitic-stripped stems."""
    out: list[str] = []
    for tok in tokenize(text):
        if tok.kind == "punct":
            continue
        forms = {tok.norm}
        if tok.kind == "word":
            for a in clitic_analyses(tok.norm):
                forms.update(a.lookup_forms)
        out.extend(sorted(forms))
    return " ".join(out)


def query_terms(query: str) -> list[tuple[str, ...]]:
    """For each query word, the forms any of which may match it."""
    terms = []
    for tok in tokenize(query):
        if tok.kind == "punct":
            continue
        forms = [tok.norm]
        if tok.kind == "word":
            for a in clitic_analyses(tok.norm):
                forms.extend(f for f in a.lookup_forms if f not in forms)
        terms.append(tuple(forms))
    return terms


def fts5_query(terms: list[tuple[str, ...]]) -> str:
    return " AND ".join("(" + " OR ".join(f'"{f}"' for f in forms) + ")" for forms in terms)


def tsquery(terms: list[tuple[str, ...]]) -> str:
    return " & ".join("(" + " | ".join(forms) + ")" for forms in terms)


def snippet(text: str, terms: list[tuple[str, ...]], width: int = 80) -> str:
    """A window of the original text around the first match of a query term."""
    m = MatchText.of(text)
    best = -1
    length = 0
    for forms in terms:
        for f in forms:
            pos = m.text.find(normalize(f))
            if pos >= 0 and (best < 0 or pos < best):
                best, length = pos, len(f)
    if best < 0:
        return text[:width].replace("\n", " ")
    s, e = m.to_original(best, best + length)
    lo = max(0, s - width // 2)
    hi = min(len(text), e + width // 2)
    return ("…" if lo else "") + text[lo:hi].replace("\n", " ") + ("…" if hi < len(text) else "")
