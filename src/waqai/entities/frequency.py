"""General-language word classes (frequency, use with ال) for the NER features.

The table (``entities/data/word_classes.tsv``, built by
``scripts/build_wordfreq.py``) holds about half a million words; a dict of
them would cost tens of MB per worker and a second to build, so it stays one
sorted UTF-8 blob, read as is (uncompressed: no decompression at start-up),
searched through a small sparse index (the callers cache per word form).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import cache, lru_cache

from waqai.errors import DataError
from waqai.resources import data_path

NAME = "word_classes.tsv"
#: the class of a word not in the table: never seen in general text
UNKNOWN = ("0", "al0")


class WordClasses:
    """Sorted ``word\\tclass`` lines in one blob. A sparse index (the first word after every
    ``step`` bytes: a few thousand words, built in milliseconds) narrows a look-up to one
    block, which a single ``bytes.find`` searches."""

    def __init__(self, blob: bytes, step: int = 2048) -> None:
        """``step``: bytes per indexed block, about what one look-up searches."""
        if blob.startswith(b"#"):
            blob = blob[blob.index(b"\n") + 1 :]
        if blob and not blob.endswith(b"\n"):
            blob += b"\n"
        # a newline in front: every line, the first too, is found as b"\n" + word + b"\t"
        self.blob = b"\n" + blob
        self.starts: list[int] = []
        self.keys: list[bytes] = []
        at = 1
        while at < len(self.blob):
            self.starts.append(at)
            self.keys.append(self.blob[at : self.blob.index(b"\t", at)])
            nxt = self.blob.find(b"\n", at + step)
            at = len(self.blob) if nxt == -1 else nxt + 1

    def __len__(self) -> int:
        return self.blob.count(b"\n") - 1

    def words(self) -> Iterator[tuple[str, int]]:
        """Every (word, Zipf bucket) of the table, in byte order."""
        for line in self.blob.decode().splitlines()[1:]:
            word, classes = line.split("\t")
            yield word, int(classes.split(",")[0])

    def get(self, word: str) -> tuple[str, str]:
        """(Zipf bucket, ال ratio) of ``word`` (matching form); ``UNKNOWN`` if absent."""
        key = word.encode()
        i = bisect_right(self.keys, key) - 1
        if i < 0 or not key:
            return UNKNOWN
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.blob)
        at = self.blob.find(b"\n" + key + b"\t", self.starts[i] - 1, end)
        if at == -1:
            return UNKNOWN
        at += len(key) + 2
        z, ar = self.blob[at : self.blob.index(b"\n", at)].decode().split(",")
        return z, ar


@cache
def word_classes() -> WordClasses:
    path = data_path("entities", NAME)
    try:
        with path.open("rb") as fh:
            return WordClasses(fh.read())
    except OSError as exc:
        raise DataError(f"waqai/entities/data/{NAME}: cannot load ({exc})") from exc


#: the Zipf bucket of prepositions and other function words (في، على، عن): no name is as common
FUNCTION_WORD_ZIPF = 7


def zipf(word: str) -> int:
    """The Zipf bucket of ``word`` (matching form; 0 if unseen)."""
    return int(word_classes().get(word)[0])


@lru_cache(maxsize=1 << 16)
def commoner(word: str, other: str) -> bool:
    """Whether ``word`` is more frequent in general text than ``other`` (both matching form,
    unseen words count as rarest). A clitic form is always rarer than its bare word, so this tells
    "وجمهورية" (و + a common word) from "وليد" (a name), and "بنوك" (banks) from ب + نوك."""
    return zipf(word) > zipf(other)
