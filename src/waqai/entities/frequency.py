"""General-language word classes (frequency, use with ال) for the NER features.

The table (``entities/data/word_classes.tsv``, built by
``scripts/build_wordfreq.py``) holds about half a million words; a dict of
them would cost tens of MB per worker and a second to build, so it stays one
sorted UTF-8 blob, read as is (uncompressed: no decompression at start-up),
that lookups binary-search (the callers cache per word form).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from waqai.errors import DataError
from waqai.resources import data_path

NAME = "word_classes.tsv"
#: the class of a word not in the table: never seen in general text
UNKNOWN = ("0", "al0")


class WordClasses:
    """Sorted ``word\\tclass`` lines, binary-searched by byte offset (no index to build)."""

    def __init__(self, blob: bytes) -> None:
        if blob.startswith(b"#"):
            blob = blob[blob.index(b"\n") + 1 :]
        if blob and not blob.endswith(b"\n"):
            blob += b"\n"
        self.blob = blob

    def __len__(self) -> int:
        return self.blob.count(b"\n")

    def words(self) -> Iterator[tuple[str, int]]:
        """Every (word, Zipf bucket) of the table, in byte order."""
        for line in self.blob.decode().splitlines():
            word, classes = line.split("\t")
            yield word, int(classes.split(",")[0])

    def get(self, word: str) -> tuple[str, str]:
        """(Zipf bucket, ال ratio) of ``word`` (matching form); ``UNKNOWN`` if absent."""
        blob, key = self.blob, word.encode()
        lo, hi = 0, len(blob)
        while lo < hi:  # invariant: lo and hi are line starts
            mid = (lo + hi) // 2
            s = blob.rfind(b"\n", 0, mid) + 1 if mid > lo else lo
            e = blob.index(b"\n", s)
            if blob[s : blob.index(b"\t", s, e)] < key:
                lo = e + 1
            else:
                hi = s
        e = blob.find(b"\n", lo)
        tab = blob.find(b"\t", lo, e)
        if tab == -1 or blob[lo:tab] != key:
            return UNKNOWN
        z, ar = blob[tab + 1 : e].decode().split(",")
        return z, ar


@cache
def word_classes() -> WordClasses:
    path = data_path("entities", NAME)
    try:
        with path.open("rb") as fh:
            return WordClasses(fh.read())
    except OSError as exc:
        raise DataError(f"waqai/entities/data/{NAME}: cannot load ({exc})") from exc


@cache
def commoner(word: str, other: str) -> bool:
    """Whether ``word`` is more frequent in general text than ``other`` (both matching form,
    unseen words count as rarest). A clitic form is always rarer than its bare word, so this tells
    "وجمهورية" (و + a common word) from "وليد" (a name), and "بنوك" (banks) from ب + نوك."""
    classes = word_classes()
    return int(classes.get(word)[0]) > int(classes.get(other)[0])
