"""CRF features of a token sequence, shared by training and tagging.

A token is described by its matching form, clitic-stripped stems (via
``waqai.text`` analyses), affixes of the stem, shape, word clusters learned
from the training text, how common the word is in general Arabic and how
often it takes ال (``frequency``), whether it is a known given name or has
the consonant skeleton of a known place or name (transliterations vary:
جاكرتا / جاكارتا), its role in the name lists built from Wikidata and arabnamer
(given name, surname) and whether it lies in a listed full name, how much it is
spelled like a name (``nameness``), a final alif maqsura the matching form drops
(``spelling_features``), and the gazetteer hit covering it; its neighbours
contribute a smaller set. Word-level features are cached per word form, so a
running text costs a few list concatenations per token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from sys import intern
from typing import Any

from waqai.entities import gazetteer, nameness
from waqai.entities.frequency import commoner, word_classes
from waqai.resources import load_tsv, load_yaml, read_lines
from waqai.text.normalize import normalize
from waqai.text.tokenize import clitic_analyses, default_analysis

WINDOW = (-2, -1, 1, 2)
#: words before a name that cue its type (``entities/data/ner_cues.yaml``); a token gets
#: ``pc-2`` when a person cue is two words to its left (the cue's own word is a ``w=``
#: feature already, this generalises over the list)
CUE_WINDOW = (-3, -2, -1)


@cache
def clusters() -> dict[str, tuple[str, str]]:
    """Word → (coarse, fine) cluster ids, learned by scripts/train_ner.py (which hands its
    own to ``use_clusters`` before any feature is computed: a missing file is a broken
    install, a ``DataError``, not a silently weaker model)."""
    if _override:
        return _override[0]
    rows = load_tsv("entities", "clusters.tsv")
    return {r["word"]: (r["coarse"], r["fine"]) for r in rows}


def use_clusters(table: dict[str, tuple[str, str]]) -> None:
    """Use ``table`` instead of the shipped ``clusters.tsv`` (training candidates)."""
    clusters.cache_clear()
    word_features.cache_clear()
    neighbour_features.cache_clear()
    known_word_features.cache_clear()
    _override.clear()
    _override.append(table)


def clear_word_caches() -> None:
    """Forget everything computed per word form (features, clitic splits, gazetteer
    prefix checks, frequency comparisons; not the tables): the next text is read as by a
    fresh worker that has loaded its models (``benchmarks/ner.py`` times that)."""
    for per_word in (
        word_features,
        neighbour_features,
        known_word_features,
        cue_kinds,
        stripped,
        clitic_analyses,
        default_analysis,
        gazetteer.clitic_prefixes,
        commoner,
    ):
        per_word.cache_clear()


_override: list[dict[str, tuple[str, str]]] = []


@cache
def cue_words(key: str) -> frozenset[str]:
    """One word list of ``ner_cues.yaml`` (person cues, name particles, currencies …),
    matching form."""
    return frozenset(normalize(w) for w in load_yaml("entities", "ner_cues.yaml")[key])


@cache
def cue_lists() -> tuple[tuple[str, frozenset[str]], ...]:
    """("pc", person cues), ("oh", organization heads), ("lc", place cues), matching form."""
    return tuple(
        (kind, cue_words(key))
        for kind, key in (("pc", "person_cues"), ("oh", "org_heads"), ("lc", "loc_cues"))
    )


@cache
def foreign_endings() -> tuple[str, ...]:
    """Endings of transliterated foreign names (يف، وف، سكي …), matching form."""
    return tuple(load_yaml("entities", "ner_cues.yaml")["foreign_name_endings"])


@lru_cache(maxsize=200_000)
def cue_kinds(word: str) -> tuple[str, ...]:
    """The cue lists that ``word`` (or its clitic-stripped stem) belongs to."""
    if not word[:1].isalpha():
        return ()
    bare = stripped(word)
    return tuple(k for k, ws in cue_lists() if word in ws or bare in ws)


@cache
def name_tokens() -> frozenset[str]:
    """Words of known person names (actor dictionary, office holders)."""
    out: set[str] = set()
    for r in load_tsv("entities", "persons.tsv"):
        out.update(normalize(w) for w in r["name"].split())
    for p in load_yaml("entities", "leaders.yaml"):
        for n in p["names"]:
            out.update(normalize(w) for w in n.split())
    return frozenset(w for w in out if len(w) >= 3)


@cache
def given_names() -> frozenset[str]:
    """Given names that begin persons' names (``entities/data/given_names.yaml``), matching form."""
    lists = load_yaml("entities", "given_names.yaml")
    return frozenset(normalize(w) for v in lists.values() for w in v.split())


@cache
def name_parts() -> dict[str, str]:
    """Word → "g" (mostly a given name), "s" (mostly a surname) or "n" (a name word of
    unknown role), from Wikidata's Arabic labels of people and arabnamer's name pairs
    (``name_parts.tsv``, ``scripts/build_names.py``)."""
    rows = read_lines("entities", "name_parts.tsv")[1:]  # after the header: word, role
    return dict(row.split("\t", 1) for row in rows)


@cache
def full_names() -> tuple[frozenset[str], frozenset[str]]:
    """Full names of people (two to four words, matching form; from Wikidata's Arabic
    labels, ``full_names.txt``) and the set of their first words."""
    names = frozenset(read_lines("entities", "full_names.txt"))
    return names, frozenset(n.split(" ", 1)[0] for n in names)


def full_name_tags(words: Sequence[str]) -> list[str]:
    """Per word: "fn=B"/"fn=I" inside the longest known full name starting there, else ""."""
    names, firsts = full_names()
    tags = [""] * len(words)
    # most words start no name: one pass of set lookups (stems are cached per word form)
    starts = [
        i
        for i, w in enumerate(words[:-1])
        if w in firsts or (w[:1].isalpha() and stripped(w) in firsts)
    ]
    end = 0
    for i in starts:
        if i >= end and (size := _full_name_size(words, i, names, firsts)):
            tags[i : i + size] = ["fn=B"] + ["fn=I"] * (size - 1)
            end = i + size
    return tags


def _full_name_size(
    words: Sequence[str], i: int, names: frozenset[str], firsts: frozenset[str]
) -> int:
    """Words in the longest known full name starting at ``words[i]`` (0: none). The first
    word may carry proclitics (ولوليد المعلم); the others are compared as they are."""
    w = words[i]
    for first in (w, stripped(w) if w[:1].isalpha() else w):
        if first in firsts:
            for k in (4, 3, 2):
                if i + k <= len(words) and " ".join((first, *words[i + 1 : i + k])) in names:
                    return k
    return 0


_LONG_VOWELS = re.compile("[اوي]")


def skeleton(word: str) -> str:
    """Consonants of a (transliterated) name, article dropped: جاكارتا, جاكرتا → جكرت."""
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return word[:1] + _LONG_VOWELS.sub("", word[1:])


@cache
def skeletons() -> dict[str, str]:
    """Skeleton → "loc" or "per" for one-word gazetteer names of four consonants or more."""
    out: dict[str, str] = {}

    def add(name: str, kind: str) -> None:
        if name and " " not in name and len(sk := skeleton(name)) >= 4:
            out.setdefault(sk, kind)

    for r in load_tsv("entities", "countries.tsv"):
        for n in [r["name"], *r["names"].split("|")]:
            add(normalize(n), "loc")
    for r in load_tsv("entities", "cities.tsv"):
        for n in r["names"].split("|"):
            add(normalize(n), "loc")
    for n in sorted(name_tokens() | given_names()):
        add(n, "per")
    return out


@lru_cache(maxsize=200_000)
def stripped(word: str) -> str:
    """The stem under the longest proclitic chain (وموسكو → موسكو), suffixes kept."""
    best = word
    for a in clitic_analyses(word):
        if not a.suffix and len(a.stem) >= 3 and len(a.stem) < len(best):
            best = a.stem
    return best


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(own features, context features) of one word form."""
    own, ctx = _word_features(word)
    # interned: most feature strings (affixes, clusters, trigrams) repeat across words,
    # and the caches keep tens of thousands of words
    return tuple(map(intern, own)), tuple(map(intern, ctx))


def _word_features(word: str) -> tuple[Sequence[str], tuple[str, ...]]:
    """``word_features`` not interned: ``known_word_features`` keeps the model's strings."""
    if not word[0].isalpha():
        kind = "num" if word[0].isdigit() else "punct"
        return ("w=" + word, "shape=" + kind), ("w=" + word,)
    d = default_analysis(word)
    stem = d.stem
    bare = stripped(word)
    cl = clusters()
    c = cl.get(bare) or cl.get(word) or ("-", "-")
    own = [
        "w=" + word,
        "s=" + stem,
        "b=" + bare,
        "p=" + d.prefix,
        "s1=" + bare[-1:],
        "s2=" + bare[-2:],
        "s3=" + bare[-3:],
        "f2=" + bare[:2],
        "f3=" + bare[:3],
        "len=" + str(min(len(bare), 8)),
        "c=" + c[0],
        "cf=" + c[1],
    ]
    names = name_tokens()
    is_name = word in names or bare in names
    if is_name:
        own.append("name")
    given = word in given_names() or bare in given_names()
    if given:
        own.append("gn")
    part = name_parts().get(word) or name_parts().get(bare)
    if part:
        own.append("np=" + part)
    z, ar = word_classes().get(bare)
    own.extend(("z=" + z, "ar=" + ar))
    if part:
        own.append("npz=" + part + z)
    sk = skeletons().get(skeleton(bare))
    if sk:
        own.append("sk=" + sk)
    if len(bare) >= 4:
        own.extend("t=" + bare[k : k + 3] for k in range(1, len(bare) - 3))
    if len(bare) >= 5:
        own.extend(("s4=" + bare[-4:], "f4=" + bare[:4]))
    if len(bare) >= 4 and (bare.endswith("يه") or bare.endswith("ي")):
        own.append("nisba")
    if bare.startswith("ال"):
        own.append("al")
    if len(bare) >= 5 and bare.endswith(foreign_endings()):
        own.append("foreign")
    if not ("\u0600" <= word[0] <= "\u06ff"):
        own.append("shape=latin")
    else:
        own.append("nm=" + nameness.bucket(bare))
    ctx: tuple[str, ...] = ("w=" + word, "b=" + bare, "c=" + c[0])
    if is_name:
        ctx += ("name",)
    if given:
        ctx += ("gn",)
    if part:
        ctx += ("np=" + part,)
    return own, ctx


_WINDOW_TAGS = tuple(f"{off:+d}:" for off in WINDOW)
_EDGES = tuple(tag + "edge" for tag in _WINDOW_TAGS)


NeighbourFeatures = tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]


@lru_cache(maxsize=200_000)
def neighbour_features(word: str) -> NeighbourFeatures:
    """What ``word`` adds to the tokens around it: per ``WINDOW`` offset, its context
    features tagged with the offset; per ``CUE_WINDOW`` offset, its cue kinds.

    Built once per word form, so a sentence's features are list extensions only.
    """
    ctx = word_features(word)[1]
    kinds = cue_kinds(word)
    return (
        tuple(tuple(intern(tag + f) for f in ctx) for tag in _WINDOW_TAGS),
        tuple(tuple(intern(k + str(off)) for k in kinds) for off in CUE_WINDOW),
    )


def gazetteer_tags(hits: Sequence[gazetteer.Hit], spans: Sequence[tuple[int, int]]) -> list[str]:
    """Per token: "B-kind"/"I-kind" of the gazetteer hit covering it, or "".

    ``hits`` and ``spans`` are matching-form offsets, both sorted.
    """
    tags = [""] * len(spans)
    if not hits:
        return tags
    j = 0
    for i, (s, e) in enumerate(spans):
        while j < len(hits) and hits[j].end <= s:
            j += 1
        if j < len(hits) and hits[j].start < e:
            h = hits[j]
            kinds = "+".join(sorted({x.kind for x in h.entries}))
            if kinds:
                tags[i] = ("B-" if h.start >= s else "I-") + kinds
    return tags


#: the tagging model's attributes, each mapped to what its tagger reads for it (``restrict_to``)
_known: list[dict[str, Any]] = []
#: each context feature that has a weight at some ``WINDOW`` offset ("w=في" for "-1:w=في"),
#: with what the tagger reads for it at each offset (None where it has no weight)
_known_context: dict[str, tuple[Any, ...]] = {}


def restrict_to(known: dict[str, Any]) -> None:
    """Tag with only the features the model has weights for (the keys of ``known``), each
    handed to the tagger as ``known[feature]``: the feature itself for crfsuite (whose
    strings are then shared), a table row for the mixer (``waqai.entities.mixed``).

    crfsuite ignores an attribute it has no weight for, so leaving those out
    changes no label; it halves what each token hands to the tagger (a word
    never seen in training keeps only its affixes, class and context). Installing the
    mapping already in use costs nothing; another one empties the word caches.
    """
    if _known and _known[0] is known:
        return
    _known[:] = [known]
    _known_context.clear()
    for f in {a[3:] for a in known if a[:3] in _WINDOW_TAGS}:
        _known_context[f] = tuple(known.get(tag + f) for tag in _WINDOW_TAGS)
    known_word_features.cache_clear()


@lru_cache(maxsize=200_000)
def known_word_features(word: str) -> tuple[tuple[str, ...], NeighbourFeatures]:
    """``word_features`` and ``neighbour_features`` of ``word`` cut to the model's attributes
    (computed without filling their caches: only the kept subset stays in memory)."""
    known = _known[0]
    own, ctx = _word_features(word)
    kinds = cue_kinds(word)
    # a rare word's own form has no weight as a neighbour: no shifted copies to build
    near = [at for f in ctx if (at := _known_context.get(f))]
    shifted = (
        tuple(tuple(filter(None, [at[slot] for at in near])) for slot in range(len(WINDOW)))
        if near
        else _NO_SHIFT
    )
    cues = (
        tuple(_keep(known, [k + str(off) for k in kinds]) for off in CUE_WINDOW)
        if kinds
        else _NO_CUES
    )
    return _keep(known, own), (shifted, cues)


_NO_SHIFT: tuple[tuple[str, ...], ...] = ((),) * len(WINDOW)
_NO_CUES: tuple[tuple[str, ...], ...] = ((),) * len(CUE_WINDOW)


def _keep(known: dict[str, Any], feats: Iterable[str]) -> tuple[Any, ...]:
    # map/filter run in C: this is most of the cost of a word seen for the first time
    # (``known`` maps each attribute to a non-empty string or a row number above 0)
    return tuple(filter(None, map(known.get, feats)))


#: document features of a word: "D:" + what was seen around its other occurrences
DocFeatures = dict[str, tuple[str, ...]]


def document_features(sentences: Iterable[Sequence[str]]) -> DocFeatures:
    """What a document says about each of its words wherever it occurs (Chieu & Ng's
    global features): the cue kinds one or two words before any occurrence ("D:pc1" after
    a person title, "D:oh1" after an organization head, "D:lc1" after a place cue) and a
    given name before or after one ("D:gn-", "D:gn+"). A name tagged with its title in
    one sentence is then known for a name in the next sentence that stands alone.
    """
    seen: dict[str, set[str]] = {}
    gn = given_names()

    def add(word: str, kind: str) -> None:
        if len(word) >= 3 and word[0].isalpha():
            seen.setdefault(stripped(word), set()).add(kind)

    # cues and given names are rare: walk from them to the words they tell about
    for words in sentences:
        n = len(words)
        for i, w in enumerate(words):
            for k in cue_kinds(w):
                if i + 1 < n:
                    add(words[i + 1], k + "1")
                if i + 2 < n:
                    add(words[i + 2], k + "2")
            if w in gn:
                if i + 1 < n:
                    add(words[i + 1], "gn-")
                if i > 0:
                    add(words[i - 1], "gn+")
    return {w: tuple(intern("D:" + k) for k in sorted(ks)) for w, ks in seen.items()}


def known_document_features(doc: DocFeatures) -> DocFeatures:
    """``doc`` without the features the model has no weight for (see ``restrict_to``),
    filtered once per document rather than once per sentence."""
    if not _known:
        return doc
    known = _known[0]
    return {w: kept for w, fs in doc.items() if (kept := _keep(known, fs))}


def _with_document(
    feats: list[list[str]], words: Sequence[str], doc: DocFeatures | None
) -> list[list[str]]:
    if doc:
        for f, w in zip(feats, words, strict=True):
            extra = doc.get(stripped(w)) if len(w) >= 3 and w[0].isalpha() else None
            if extra:
                f.extend(extra)
    return feats


def sequence_features(
    words: Sequence[str],
    gaz: Sequence[str],
    doc: DocFeatures | None = None,
    raw: Sequence[str] | None = None,
) -> list[list[str]]:
    """Feature lists for a sentence of matching-form words with their gazetteer tags, the
    ``document_features`` of the document it belongs to and the words as written (``raw``,
    for what the matching form drops: ``spelling_features``)."""
    own = [word_features(w)[0] for w in words]
    feats = _assemble(words, gaz, own, [neighbour_features(w) for w in words], None)
    _with_spelling(feats, raw, None)
    return _with_document(feats, words, doc)


def tagging_features(
    words: Sequence[str],
    gaz: Sequence[str],
    doc: DocFeatures | None = None,
    raw: Sequence[str] | None = None,
) -> list[list[Any]]:
    """``sequence_features`` without the features the model has no weight for, each as
    its tagger reads it (``restrict_to``; the same labels, less work for the tagger);
    ``doc`` comes through ``known_document_features``."""
    if not _known:
        return sequence_features(words, gaz, doc, raw)
    feats = [known_word_features(w) for w in words]
    out = _assemble(words, gaz, [f[0] for f in feats], [f[1] for f in feats], _known[0])
    _with_spelling(out, raw, _known[0])
    return _with_document(out, words, doc)


def spelling_features(raw: str) -> tuple[str, ...]:
    """What the written word tells that its matching form does not: a final alif maqsura
    ("am"). The matching form writes على (on) as علي, which is also a name; the train split
    has على 1,446 times, a name once."""
    return ("am",) if raw.rstrip(_MARKS).endswith("ى") else ()


#: what ``spelling_features`` ignores at the end of a written word: harakat and tatweel
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"


def _with_spelling(
    feats: list[list[str]], raw: Sequence[str] | None, known: dict[str, Any] | None
) -> None:
    if raw is None:
        return
    get = _reader(known)
    for f, r in zip(feats, raw, strict=True):
        for x in spelling_features(r):
            if v := get(x):
                f.append(v)


def _reader(known: dict[str, Any] | None) -> Callable[[str], Any]:
    """What the tagger reads for a feature (``restrict_to``; None: it has no weight), or
    the feature itself when there is no model to cut to (training)."""
    return _itself if known is None else known.get


def _itself(feature: str) -> str:
    return feature


def _assemble(
    words: Sequence[str],
    gaz: Sequence[str],
    own: list[tuple[str, ...]],
    near: list[NeighbourFeatures],
    known: dict[str, Any] | None,
) -> list[list[str]]:
    get = _reader(known)
    n = len(words)
    out = []
    fn = full_name_tags(words)
    edges = [get(e) for e in _EDGES]
    # a gazetteer tag as the token's own feature and as each neighbour's (most tokens have none)
    gz = [(get("g=" + g), [get(t + "g=" + g) for t in _WINDOW_TAGS]) if g else None for g in gaz]
    for i in range(n):
        # the order is the training order: crfsuite numbers attributes as it meets them
        f = list(own[i])
        if (tagged := gz[i]) and (v := tagged[0]):
            f.append(v)
        if fn[i] and (v := get(fn[i])):
            f.append(v)
        for slot, off in enumerate(WINDOW):
            j = i + off
            if 0 <= j < n:
                f.extend(near[j][0][slot])
                if (tagged := gz[j]) and (v := tagged[1][slot]):
                    f.append(v)
            elif v := edges[slot]:
                f.append(v)
        for slot, off in enumerate(CUE_WINDOW):
            j = i + off
            if j >= 0:
                f.extend(near[j][1][slot])
        if i > 0 and (v := get("w-1|w=" + words[i - 1] + "|" + words[i])):
            f.append(v)
        if i + 1 < n and (v := get("w|w+1=" + words[i] + "|" + words[i + 1])):
            f.append(v)
        out.append(f)
    return out
