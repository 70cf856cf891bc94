"""Near-duplicate articles: MinHash signatures over shingles, grouped with LSH.

Wire stories are reposted with a new headline, a dateline or boilerplate
added, a word changed. Each document gets a MinHash signature of the word
3-grams of its matching form (fixed seed, so signatures are reproducible
anywhere); documents whose estimated Jaccard similarity reaches
``THRESHOLD`` are linked and the connected components become duplicate
groups. Components and the canonical member (earliest published, then the
smallest id) do not depend on the order documents arrived in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from waqai.document import text_id
from waqai.text.normalize import normalize

NUM_PERM = 128
SEED = 20220113
SHINGLE = 3
#: estimated Jaccard similarity of shingle sets from which two articles are the same story
THRESHOLD = 0.5

_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Word k-grams of the matching form (the words themselves for very short texts)."""
    words = _WORD.findall(normalize(text))
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@cache
def _template() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED)


def signature(text: str) -> bytes:
    """The MinHash signature of ``text`` as ``NUM_PERM`` little-endian uint32 values."""
    import numpy as np
    from datasketch import MinHash

    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=t.permutations)
    m.update_batch(sorted(shingles(text)))
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    import numpy as np

    va = np.frombuffer(a, dtype="<u4")
    vb = np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(va == vb)) / len(va)


@dataclass(frozen=True, slots=True)
class DupGroup:
    group_id: str
    canonical_id: str
    members: tuple[str, ...]


def group_duplicates(
    docs: Iterable[tuple[str, bytes | None, str | None]], threshold: float = THRESHOLD
) -> list[DupGroup]:
    """Duplicate groups of ``(doc_id, signature, published)`` triples, singletons included."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    items = sorted(docs, key=lambda d: d[0])
    sigs = {doc_id: sig for doc_id, sig, _ in items if sig}
    published = {doc_id: pub for doc_id, _, pub in items}
    parent = {doc_id: doc_id for doc_id, _, _ in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    perms = _template().permutations
    for doc_id, sig in sigs.items():
        values = np.frombuffer(sig, dtype="<u4").astype(np.uint64)
        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, permutations=perms)
        for other in lsh.query(m):
            if similarity(sig, sigs[other]) >= threshold:
                ra, rb = find(doc_id), find(other)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        lsh.insert(doc_id, m)

    members: dict[str, list[str]] = {}
    for doc_id in parent:
        members.setdefault(find(doc_id), []).append(doc_id)
    groups = []
    for ids in members.values():
        ids.sort()
        canonical = min(ids, key=lambda d: (published[d] is None, published[d] or "", d))
        gid = ids[0] if len(ids) == 1 else "dup-" + text_id("|".join(ids))
        groups.append(DupGroup(gid, canonical, tuple(ids)))
    groups.sort(key=lambda g: g.canonical_id)
    return groups
