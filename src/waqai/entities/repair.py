"""Span repairs after tagging: cuts a tagger gets wrong from the shape of a name, not from
the evidence around it.

Both taggers (the CRF, and the CRF with the second model) label token by token, so a
name's span can run on over "X وY" (two people side by side are one span) or stop on a
particle (``جان مارك دو``, ``أبو``); and a closed class the annotation always tags
(currencies, MISC in ANERcorp) is sometimes left out. ``ner.tag_document`` hands every
document's tags through ``repair``, so the pipeline and ``benchmarks/ner.py`` see the same
spans.
"""

from __future__ import annotations

from collections.abc import Sequence

from waqai.entities import gazetteer
from waqai.entities.features import cue_words, name_parts
from waqai.entities.frequency import FUNCTION_WORD_ZIPF, zipf


def repair(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> list[list[str]]:
    """``tags`` (BIO, one list per sentence of matching-form words) with conjoined names
    split, names that stop on a particle carried on and currencies tagged; changed in place
    and returned."""
    known = {w for words in sentences for w in words}
    for words, sentence_tags in zip(sentences, tags, strict=True):
        split_conjoined(words, sentence_tags, known)
        extend_particles(words, sentence_tags)
        tag_currencies(words, sentence_tags)
    return tags


def split_conjoined(words: Sequence[str], tags: list[str], known: set[str]) -> list[str]:
    """A new span at an inner "وX" whose X stands alone in the document (``known``) or is
    a gazetteer name; in a person's span also where X is a known name word and "وX" is not
    (وعمرو, not وليد). ANERcorp tags "كانافارو وإيمرسون" as two people, the و with the
    second (blocked CV +0.3 F1, docs/entities.md)."""
    parts = name_parts()
    for k in range(1, len(tags)):
        word = words[k]
        if not tags[k].startswith("I-") or len(word) < 4 or word[0] != "و":
            continue
        rest = word[1:]
        known_name = rest in known or bool(gazetteer.lookup(rest))
        if tags[k] == "I-PER":
            known_name = word not in parts and (known_name or rest in parts)
        if known_name:
            tags[k] = "B-" + tags[k][2:]
    return tags


def extend_particles(words: Sequence[str], tags: list[str]) -> list[str]:
    """A person's span that ends on a particle (بن، أبو، دو …) takes the next word too,
    unless that word is punctuation or as common as a preposition (عن، في; but for another
    particle): "ماركو
    فان | باستن", "أبو | جميل", "جان مارك دو | لا سابليير"."""
    particles = cue_words("name_particles")  # words that never end a person's name
    for k in range(1, len(tags)):
        if (
            tags[k] == "O"
            and tags[k - 1][2:] == "PER"
            and words[k - 1] in particles
            and words[k][:1].isalpha()
            and (words[k] in particles or zipf(words[k]) < FUNCTION_WORD_ZIPF)
        ):
            tags[k] = "I-PER"
    return tags


def tag_currencies(words: Sequence[str], tags: list[str]) -> list[str]:
    """A currency name left outside every span is a MISC name of its own ("مليون دولارا"), as
    ANERcorp tags currencies (the pipeline keeps no MISC: this serves the benchmark's types)."""
    names = cue_words("currencies")
    for k, word in enumerate(words):
        if tags[k] == "O" and word in names:
            tags[k] = "B-MISC"
    return tags
