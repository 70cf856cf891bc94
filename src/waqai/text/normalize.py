"""The matching form of Arabic text, with an exact offset map back to the original.

Matching needs one spelling per word: tashkeel, tatweel, zero-width and bidi
controls are dropped; alef/hamza variants, alef maqsura, ta marbuta, Persian
letters and Arabic-Indic/Persian digits are unified; presentation forms are
folded with NFKC. Every character of the matching form remembers the original
characters it came from, so a span found in the matching form maps back to
``text[start:end]`` exactly. The rules live in ``text/data/normalization.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from waqai.resources import load_yaml

# Blocks folded with NFKC: Latin ligatures and Arabic presentation forms A/B,
# fullwidth and halfwidth forms. Elsewhere NFKC is not applied, so that text
# that is already normal is never changed.
_NFKC_RANGES = ((0xFB00, 0xFDFF), (0xFE70, 0xFEFF), (0xFF00, 0xFFEF))


@dataclass(frozen=True, slots=True)
class _Rules:
    table: dict[int, str]  # one character to one character
    drop: frozenset[str]  # characters removed
    attach: frozenset[str]  # dropped characters that belong to the previous letter
    special: re.Pattern[str]  # characters that change the length (drop or expand)
    expand: dict[str, str]  # one character to zero or more characters


def _code_points(ranges: list[list[str]]) -> set[str]:
    out: set[str] = set()
    for lo, hi in ranges:
        out.update(chr(c) for c in range(int(lo, 16), int(hi, 16) + 1))
    return out


@cache
def _rules() -> _Rules:
    spec = load_yaml("text", "normalization.yaml")
    drop: set[str] = set()
    attach: set[str] = set()
    for rule in spec["drop"]:
        chars = _code_points(rule["ranges"])
        drop |= chars
        if rule["name"] in ("tashkeel", "tatweel"):
            attach |= chars
    table: dict[int, str] = {}
    for mapping in spec["map"].values():
        table.update({ord(k): v for k, v in mapping.items()})

    def fold(ch: str) -> str:
        if ch in drop:
            return ""
        return ch.translate(table)

    expand: dict[str, str] = {}
    for lo, hi in _NFKC_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if ch in drop:
                continue
            nf = unicodedata.normalize("NFKC", ch)
            if nf != ch:
                expand[ch] = "".join(fold(c) for c in nf)
    for ch in drop:
        expand[ch] = ""
    # one-to-one results of NFKC go into the fast translate table
    for ch, rep in list(expand.items()):
        if len(rep) == 1:
            table[ord(ch)] = rep
            del expand[ch]
    special = re.compile("[" + "".join(re.escape(c) for c in sorted(expand)) + "]")
    return _Rules(table, frozenset(drop), frozenset(attach), special, expand)


def normalize(text: str) -> str:
    """The matching form of ``text`` (without the offset map)."""
    r = _rules()
    return r.special.sub(lambda m: r.expand[m.group()], text).translate(r.table)


@dataclass(frozen=True, slots=True)
class MatchText:
    """A text in matching form plus the map from its characters to the original.

    ``starts[i]``/``ends[i]`` are the original offsets of matching character
    ``i``; both are ``None`` when the map is the identity (nothing was dropped
    or expanded), which is the common case and costs nothing.
    """

    original: str
    text: str
    starts: tuple[int, ...] | None
    ends: tuple[int, ...] | None

    @classmethod
    def of(cls, original: str) -> MatchText:
        r = _rules()
        if not r.special.search(original):
            return cls(original, original.translate(r.table), None, None)
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for m in r.special.finditer(original):
            i = m.start()
            if i > pos:
                parts.append(original[pos:i].translate(r.table))
                starts.extend(range(pos, i))
                ends.extend(range(pos + 1, i + 1))
            ch = m.group()
            rep = r.expand[ch]
            if rep:
                parts.append(rep)
                starts.extend([i] * len(rep))
                ends.extend([i + 1] * len(rep))
            elif ch in r.attach and ends and ends[-1] == i:
                ends[-1] = i + 1  # a dropped mark stays with its letter
            pos = i + 1
        if pos < len(original):
            parts.append(original[pos:].translate(r.table))
            starts.extend(range(pos, len(original)))
            ends.extend(range(pos + 1, len(original) + 1))
        return cls(original, "".join(parts), tuple(starts), tuple(ends))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the matching form to a span of the original text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(
                f"span ({start}, {end}) outside matching text of length {len(self.text)}"
            )
        if self.starts is None or self.ends is None:
            return start, end
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def to_match(self, offset: int) -> int:
        """The matching-form offset of the first character at or after an original offset."""
        if self.starts is None:
            return offset
        return bisect_right(self.starts, offset - 1)
