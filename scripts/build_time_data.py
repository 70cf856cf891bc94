"""Build ``src/waqai/time/data/months.tsv`` from the CLDR month list in shared/.

The shared gazetteer (``shared/data/gazetteers/derived/months_ar.tsv``) lists
the CLDR forms per locale; news text also uses spellings CLDR lacks (اغسطس،
يونيه، ابريل، ذي الحجة ...). Those are added here, once, so that the runtime
package reads only its own data file. Run: ``python scripts/build_time_data.py``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "gazetteers" / "derived" / "months_ar.tsv"
TARGET = ROOT / "src" / "waqai" / "time" / "data" / "months.tsv"

# (calendar, month, form): spellings seen in news but missing from CLDR
VARIANTS: list[tuple[str, int, str]] = [
    ("gregorian", 1, "كانون ثاني"),
    ("gregorian", 1, "جانفييه"),
    ("gregorian", 2, "فبراير"),
    ("gregorian", 2, "فيفريي"),
    ("gregorian", 3, "آذار"),
    ("gregorian", 3, "مارس"),
    ("gregorian", 4, "ابريل"),
    ("gregorian", 4, "إبريل"),
    ("gregorian", 4, "أبريل"),
    ("gregorian", 4, "افريل"),
    ("gregorian", 4, "أبريل"),
    ("gregorian", 5, "مايو"),
    ("gregorian", 5, "ماي"),
    ("gregorian", 6, "يونيه"),
    ("gregorian", 6, "جوان"),
    ("gregorian", 7, "يوليه"),
    ("gregorian", 7, "جويلية"),
    ("gregorian", 7, "جويليه"),
    ("gregorian", 8, "اغسطس"),
    ("gregorian", 8, "أغسطس"),
    ("gregorian", 8, "آب"),
    ("gregorian", 8, "اوت"),
    ("gregorian", 9, "سبتمبر"),
    ("gregorian", 9, "ايلول"),
    ("gregorian", 9, "سيبتمبر"),
    ("gregorian", 10, "اكتوبر"),
    ("gregorian", 10, "أكتوبر"),
    ("gregorian", 10, "تشرين اول"),
    ("gregorian", 10, "أكتوبر"),
    ("gregorian", 11, "نوفمبر"),
    ("gregorian", 11, "تشرين ثاني"),
    ("gregorian", 12, "ديسمبر"),
    ("gregorian", 12, "كانون اول"),
    ("gregorian", 12, "دجنبر"),
    ("hijri", 1, "المحرم"),
    ("hijri", 3, "ربيع أول"),
    ("hijri", 3, "ربيع الاول"),
    ("hijri", 4, "ربيع الآخر"),
    ("hijri", 4, "ربيع آخر"),
    ("hijri", 4, "ربيع ثاني"),
    ("hijri", 5, "جمادى الأول"),
    ("hijri", 5, "جمادي الأولى"),
    ("hijri", 6, "جمادى الثانية"),
    ("hijri", 6, "جمادى الآخر"),
    ("hijri", 6, "جمادى الثاني"),
    ("hijri", 11, "ذي القعدة"),
    ("hijri", 11, "ذو القعده"),
    ("hijri", 12, "ذي الحجة"),
]

# forms that are also ordinary words: a month only next to a day, a year or "شهر"
AMBIGUOUS = {
    "مارس",
    "ماي",
    "آب",
    "أوت",
    "اوت",
    "صفر",
    "رجب",
    "شعبان",
    "شوال",
    "جوان",
    "رمضان",
    "محرم",
    "المحرم",
}


def main() -> int:
    if not SOURCE.exists():
        print(f"missing {SOURCE}", file=sys.stderr)
        return 1
    rows: dict[tuple[str, int, str], str] = {}
    with SOURCE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["calendar"] in ("gregorian", "hijri"):
                key = (row["calendar"], int(row["month_number"]), row["name"].strip())
                rows.setdefault(key, row["source_locale_or_package"])
    for cal, month, form in VARIANTS:
        rows.setdefault((cal, month, form), "waqai variant")
    header = TARGET.read_text(encoding="utf-8").split("calendar\tmonth\tform", 1)[0]
    lines = [header + "calendar\tmonth\tform\tstandalone\tsource"]
    for (cal, month, form), source in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        standalone = "0" if form in AMBIGUOUS else "1"
        lines.append(f"{cal}\t{month}\t{form}\t{standalone}\t{source}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 1} month forms to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
