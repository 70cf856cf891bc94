"""Build ``entities/data/word_classes.tsv``: how common each Arabic word is.

Two NER features come from general-language word frequencies (the ``wordfreq``
package's Arabic list: Wikipedia, subtitles, news, web; data CC BY-SA 4.0):

* ``z`` — the word's Zipf frequency, rounded (0 = unknown): names of people and
  places are rare words, and a rare word next to a title is a name;
* ``ar`` — how much more often the word occurs with the article ال than without
  (rounded log10 ratio, clamped to ±3; ``al0``/``bare0`` when one form is
  unseen): common nouns and adjectives take ال freely, foreign names almost never.

Words are in waqai's matching form (frequencies of merged spellings summed),
sorted by UTF-8 bytes so that ``waqai.entities.frequency`` can binary-search the
blob without building a dict. Only the wordfreq package is needed, at build time.

usage: python scripts/build_wordfreq.py [--min-zipf 1.0]
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from waqai.text.normalize import normalize

OUT = Path(__file__).resolve().parents[1] / "src" / "waqai" / "entities" / "data"
HEADER = (
    "# word classes built by scripts/build_wordfreq.py from wordfreq's Arabic list"
    " (CC BY-SA 4.0, https://github.com/rspeer/wordfreq); do not edit\n"
)


def zipf(freq: float) -> float:
    return math.log10(freq) + 9 if freq > 0 else 0.0


def classes(freqs: dict[str, float], min_zipf: float) -> dict[str, str]:
    """Matching-form word → "z,ar" for every word at least ``min_zipf`` common."""
    out = {}
    for w, f in freqs.items():
        z = zipf(f)
        if z < min_zipf or not w[:1].isalpha():
            continue
        if w.startswith("ال") and len(w) > 3:
            with_al, bare = z, zipf(freqs.get(w[2:], 0.0))
        else:
            with_al, bare = zipf(freqs.get("ال" + w, 0.0)), z
        if with_al == 0:
            ar = "al0"
        elif bare == 0:
            ar = "bare0"
        else:
            ar = str(max(-3, min(3, round(with_al - bare))))
        out[w] = f"{round(z)},{ar}"
    return out


def main() -> None:
    import wordfreq

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-zipf", type=float, default=1.0)
    args = ap.parse_args()
    freqs: dict[str, float] = {}
    for w, f in wordfreq.get_frequency_dict("ar", wordlist="large").items():
        m = normalize(w)
        if m and " " not in m:
            freqs[m] = freqs.get(m, 0.0) + f
    table = classes(freqs, args.min_zipf)
    lines = sorted(f"{w}\t{c}\n".encode() for w, c in table.items())
    path = OUT / "word_classes.tsv"
    # kept uncompressed: decompressing 10 MB would cost ~0.1 s of every cold start
    with open(path, "wb") as fh:
        fh.write(HEADER.encode())
        fh.writelines(lines)
    print(f"wrote {path} ({len(lines)} words, {path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
