"""Word tokens with spans into the original text, and Arabic clitic segmentation.

Tokens are found in the matching form (so tashkeel and tatweel never split a
word) and mapped back to the original. A token's ``analyses`` lists every way
to peel off proclitics (و ف ب ل ك س ال) and pronoun suffixes, so lexicon and
gazetteer lookups can try each stem (بالقاهرة → القاهرة → قاهره, وموسكو → موسكو);
``segments`` is the default split as sub-token spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from waqai.resources import load_yaml
from waqai.text.normalize import MatchText

_TOKEN = re.compile(r"(?P<num>\d+(?:[.,٫]\d+)*)|(?P<word>[^\W\d_]+)|(?P<punct>\S)")
#: a run of letters: a word without its digits and punctuation (shared by the stages)
WORD = re.compile(r"[^\W\d_]+")


def without_conjunction(word: str) -> tuple[str, ...]:
    """A word and, when it starts with و or ف, the word after that one letter: "وفي" is و +
    في. (``str.lstrip("وف")`` would also eat the ف of في itself.)"""
    return (word, word[1:]) if word[:1] in ("و", "ف") and len(word) > 2 else (word,)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One clitic split of a word in matching form: prefix + stem + suffix.

    ``prefix`` is the proclitic chain as written (و، وب، بال، لل), the article
    included; ``stem`` is what remains before the pronoun ``suffix``.
    """

    prefix: str
    stem: str
    suffix: str

    @property
    def definite(self) -> bool:
        return self.prefix.endswith("ال") or self.prefix.endswith("لل")

    @property
    def clitics(self) -> list[tuple[str, str]]:
        """The prefix as single clitics with their roles, in order."""
        if self.prefix.endswith("ال"):
            head, art = self.prefix[:-2], "ال"
        elif self.prefix.endswith("لل"):
            head, art = self.prefix[:-1], "ل"  # ل + ال with the alef dropped
        else:
            head, art = self.prefix, ""
        out = [(c, "proclitic") for c in head]
        if art:
            out.append((art, "article"))
        return out

    @property
    def lookup_forms(self) -> tuple[str, ...]:
        """Forms to look up in a lexicon: the stem, and with the article if it had one."""
        return ("ال" + self.stem, self.stem) if self.definite else (self.stem,)


@dataclass(frozen=True, slots=True)
class Segment:
    """A sub-token span (a clitic or the stem) in original offsets."""

    start: int
    end: int
    text: str
    role: str  # "proclitic" | "article" | "stem" | "suffix"


class Token(NamedTuple):
    """A word, number or punctuation mark (a tuple: tokens are made by the thousand)."""

    start: int
    end: int
    text: str  # surface form, == original[start:end]
    norm: str  # matching form
    kind: str  # "word" | "num" | "punct"
    mstart: int  # offsets in the matching form
    mend: int

    @property
    def analyses(self) -> tuple[Analysis, ...]:
        return clitic_analyses(self.norm) if self.kind == "word" else (Analysis("", self.norm, ""),)

    @property
    def stem(self) -> str:
        return default_analysis(self.norm).stem if self.kind == "word" else self.norm


@dataclass(frozen=True, slots=True)
class _Clitics:
    proclitic_chains: frozenset[str]
    max_chain: int
    suffixes: tuple[str, ...]
    min_stem: int
    min_stem_after_suffix: int


@cache
def _clitics() -> _Clitics:
    spec = load_yaml("text", "clitics.yaml")
    conj = [""] + spec["conjunctions"]
    prep = [""] + spec["prepositions"] + spec["future"]
    art = [""] + spec["article"]
    chains = {c + p + a for c in conj for p in prep for a in art}
    chains |= {c + spec["lam_article"] for c in conj}
    chains.discard("")
    # the future marker only precedes verbs: never with the article
    chains = {c for c in chains if not ("س" in c and "ال" in c)}
    return _Clitics(
        frozenset(chains),
        max(map(len, chains)),
        tuple(spec["suffixes"]),
        int(spec["min_stem"]),
        int(spec["min_stem_after_suffix"]),
    )


#: word forms whose analyses are kept (about 0.5 kB each): a bound, so that a long run
#: does not grow the process with its vocabulary (1,000 news articles hold 70,000 forms);
#: the frequent forms stay, and the stages cache their own per-form results
ANALYSIS_CACHE = 1 << 14


@lru_cache(maxsize=ANALYSIS_CACHE)
def clitic_analyses(word: str) -> tuple[Analysis, ...]:
    """Every plausible split of ``word`` (matching form), the unsplit word first."""
    c = _clitics()
    out = [Analysis("", word, "")]
    # a word starts with at most one chain of each length: test its prefixes, shortest
    # first; the suffixes it ends with end every rest too, so they are found once. Each
    # analysis is one (prefix, suffix) pair, so none repeats.
    chains = c.proclitic_chains
    heads = [word[:n] for n in range(1, min(c.max_chain, len(word)) + 1) if word[:n] in chains]
    ends = [s for s in c.suffixes if word.endswith(s)] if word.endswith(c.suffixes) else []
    shortest = c.min_stem_after_suffix
    for p in ("", *heads):
        rest = word[len(p) :]
        if p:
            if len(rest) < c.min_stem:
                continue
            out.append(Analysis(p, rest, ""))
            if p.endswith("ال") or p.endswith("لل"):
                continue  # a definite noun takes no pronoun suffix
        for s in ends:
            if len(rest) - len(s) >= shortest:
                out.append(Analysis(p, rest[: -len(s)], s))
    return tuple(out)


@lru_cache(maxsize=ANALYSIS_CACHE)
def default_analysis(word: str) -> Analysis:
    """The split used when no lexicon decides: only the article and what precedes it.

    Without a lexicon "وزارة" could be و + زارة, so single-letter proclitics are
    peeled only when the article follows (والقاهرة، بالقاهرة، للرئيس).
    """
    best = Analysis("", word, "")
    for a in clitic_analyses(word):
        if a.definite and not a.suffix and len(a.stem) >= 3 and len(a.prefix) > len(best.prefix):
            best = a
    return best


def tokenize(text: str, match: MatchText | None = None) -> list[Token]:
    """Tokens of ``text`` with original spans; pass ``match`` to reuse a matching form."""
    m = match or MatchText.of(text)
    new = tuple.__new__  # Token(...) without the namedtuple's Python-level __new__
    if m.identity:
        return [
            new(Token, (s, e, text[s:e], t.group(), t.lastgroup or "punct", s, e))
            for t in _TOKEN.finditer(m.text)
            for s, e in (t.span(),)
        ]
    # tokens and map segments both run left to right: walk them together instead of
    # bisecting the map twice per token (the same mapping as MatchText.to_original)
    norm, orig, stop, linear = m.norm, m.orig, m.stop, m.linear
    seg_end = (*norm[1:], len(m.text))
    out: list[Token] = []
    append = out.append
    k = 0
    for t in _TOKEN.finditer(m.text):
        ms, me = t.span()
        while seg_end[k] <= ms:
            k += 1
        s = orig[k] + ms - norm[k] if linear[k] else orig[k]
        last = me - 1
        j = k
        while seg_end[j] <= last:
            j += 1
        e = orig[j] + last - norm[j] + 1 if linear[j] and last != seg_end[j] - 1 else stop[j]
        append(new(Token, (s, e, text[s:e], t.group(), t.lastgroup or "punct", ms, me)))
    return out


def segments(token: Token, match: MatchText, analysis: Analysis | None = None) -> list[Segment]:
    """Sub-token spans of ``token`` (one per clitic, the stem, the suffix)."""
    a = analysis or default_analysis(token.norm)
    parts = [*a.clitics, (a.stem, "stem"), (a.suffix, "suffix")]
    out: list[Segment] = []
    pos = token.mstart
    for piece, role in parts:
        if not piece:
            continue
        s, e = match.to_original(pos, pos + len(piece))
        out.append(Segment(s, e, match.original[s:e], role))
        pos += len(piece)
    return out
