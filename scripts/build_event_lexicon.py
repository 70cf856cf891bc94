#!/usr/bin/env python3
"""Build the derived event data files from ../shared, and audit the curated trigger lexicon.

Writes into ``src/waqai/events/data/``:

* ``cameo2plover.tsv`` — CAMEO code -> PLOVER type, mode, context, from
  ``lexicons/plover/CAMEO2PLOVER-2021.txt`` with the manual's renames applied
  (DEMAND -> REQUEST; the 2021 draft's ``ban``/``assassinate``/``ease`` modes ->
  the current manual's modes).
* ``iso_countries.tsv`` — ISO alpha-2 -> alpha-3 (for country-prefixed actor codes),
  from ``gazetteers/derived/countries_ar.tsv``.

and prints, for curators, the verbs of the UniversalPetrarch Arabic dictionary
(``CAMEO.ar.0.5.txt``) whose header carries a CAMEO code but that no entry of the
hand-curated ``triggers.yaml`` covers. The trigger lexicon itself is curated by hand
(the dictionary is noisy: see docs/events.md), so this script never rewrites it.

usage: python scripts/build_event_lexicon.py [--shared ../shared] [--audit]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "waqai" / "events" / "data"

RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
MODE_FIXES = {
    "assassinate": "targeted",
    "ban": "restrict",
    "ease": "",
    "massacre": "targeted",
    "cleansing": "",
    "political": "restrict",
    "return": "release",
    "pro_autocracy": "",
}


def cameo2plover(path: Path) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$", line)
        if not m or len(m.group(1)) < 3:
            continue
        code, typ, mode, context, gloss = (g.strip() if g else "" for g in m.groups())
        typ = RENAMES.get(typ, typ)
        mode = MODE_FIXES.get(mode, mode)
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        rows.append((code, typ, mode, context, gloss))
    return rows


def iso_table(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["iso2"], r["iso3"]) for r in csv.DictReader(fh, delimiter="\t") if r["iso2"]]


def audit(dictionary: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from waqai.events.lexicon import lexicon, norm

    known = set(lexicon()._automaton.keys())  # type: ignore[attr-defined]
    missing = []
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^--- (\S+) \[(\d+)\] ---", line)
        if m:
            verb = norm(m.group(1).split("+")[0].replace("_", " "))
            if verb not in known:
                missing.append(f"{m.group(2)}\t{m.group(1)}")
    print(f"{len(missing)} dictionary verbs with a CAMEO code not in triggers.yaml:")
    print("\n".join(sorted(set(missing))))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--audit", action="store_true", help="list uncovered dictionary verbs")
    args = ap.parse_args(argv)
    lex = args.shared / "data" / "lexicons"
    rows = cameo2plover(lex / "plover" / "CAMEO2PLOVER-2021.txt")
    with (OUT / "cameo2plover.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# CAMEO -> PLOVER (CAMEO2PLOVER-2021, CC BY-SA 4.0; renamed to the current manual)\n"
        )
        fh.write("cameo\ttype\tmode\tcontext\tgloss\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    iso = iso_table(args.shared / "data" / "gazetteers" / "derived" / "countries_ar.tsv")
    with (OUT / "iso_countries.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("# ISO 3166-1 alpha-2 -> alpha-3 (from mledoze/countries, ODbL)\n")
        fh.write("iso2\tiso3\n")
        for a2, a3 in iso:
            fh.write(f"{a2}\t{a3}\n")
    print(f"wrote {len(rows)} CAMEO codes and {len(iso)} countries to {OUT}", file=sys.stderr)
    if args.audit:
        audit(lex / "universalpetrarch-ar" / "CAMEO.ar.0.5.txt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
