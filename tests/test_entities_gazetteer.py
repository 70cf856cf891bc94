"""Schema and integrity of every entities data file, and nisba forms for every country."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from waqai.entities import country_of, gazetteer, knowledge
from waqai.resources import load_json, load_tsv, load_yaml

ISO2 = re.compile(r"^[A-Z]{2}$")
ISO3 = re.compile(r"^[A-Z]{3}$")
CODE = re.compile(r"^[A-Z]{3,12}$")


def test_entities_countries_rows_are_well_formed() -> None:
    rows = load_tsv("entities", "countries.tsv")
    assert len(rows) >= 245
    iso2 = [r["iso2"] for r in rows]
    iso3 = [r["iso3"] for r in rows]
    assert len(set(iso2)) == len(iso2) and len(set(iso3)) == len(iso3)
    for r in rows:
        assert ISO2.match(r["iso2"]) and ISO3.match(r["iso3"]), r
        assert r["name"] and r["name_en"], r
        assert r["name"] in r["names"].split("|"), r


def test_entities_mledoze_errors_are_fixed() -> None:
    by = {r["iso2"]: r for r in load_tsv("entities", "countries.tsv")}
    assert "أففانستان" not in by["AF"]["names"]
    assert by["AO"]["name"] == "أنغولا"


def test_entities_every_single_word_country_has_a_nisba() -> None:
    for r in load_tsv("entities", "countries.tsv"):
        nisbas = [n for n in r["nisba"].split("|") if n]
        if " " not in r["name"] and r["iso2"] not in ("ML", "BJ"):
            assert nisbas, r["iso2"]
        for adj in nisbas:
            for form in gazetteer.nisba_forms(adj):
                assert any(e.kind == "nisba" for e in gazetteer.lookup(form)), (r["iso2"], form)


def test_entities_cities_rows_are_well_formed() -> None:
    countries = {r["iso2"] for r in load_tsv("entities", "countries.tsv")}
    rows = load_tsv("entities", "cities.tsv")
    keys = [r["key"] for r in rows]
    assert len(set(keys)) == len(keys)
    persian = set("پچژگکیۀےڈٹ")
    for r in rows:
        assert r["country"] in countries or r["country"] == "XK", r
        assert r["rule"] in ("0", "1") and int(r["population"]) >= 0
        assert not persian & set(r["names"]), r


def test_entities_persons_rows_are_well_formed() -> None:
    countries = {r["iso2"] for r in load_tsv("entities", "countries.tsv")}
    for r in load_tsv("entities", "persons.tsv"):
        assert r["country"] in countries and CODE.match(r["code"]) and " " in r["name"], r


def test_entities_orgs_are_well_formed() -> None:
    orgs = load_yaml("entities", "orgs.yaml")
    keys = [o["key"] for o in orgs]
    assert len(set(keys)) == len(keys)
    for o in orgs:
        assert CODE.match(o["code"]) and o["names"] and o["name_en"], o
        assert o.get("country") is None or ISO2.match(o["country"]), o


def test_entities_leaders_terms_are_valid() -> None:
    countries = {r["iso2"] for r in load_tsv("entities", "countries.tsv")}
    orgs = {o["key"] for o in load_yaml("entities", "orgs.yaml")}
    offices = {t["office"] for t in load_yaml("entities", "titles.yaml")["titles"]}
    people = load_yaml("entities", "leaders.yaml")
    assert len({p["key"] for p in people}) == len(people)
    for p in people:
        assert p["names"] and p["name_en"]
        for t in p["terms"]:
            assert (t.get("country") in countries) != (t.get("org") in orgs), p["key"]
            start = dt.date.fromisoformat(str(t["start"]))
            if t.get("end"):
                assert start < dt.date.fromisoformat(str(t["end"])), p["key"]
            assert re.match(r"^[a-z_]+$", t["office"]) and t["office"]
    assert "president" in offices


def test_entities_model_metadata_matches_the_model() -> None:
    meta = load_json("entities", "ner.json")
    assert meta["sha256"].startswith("sha256:") and meta["version"]
    from waqai.entities import ner

    assert ner.tagger() is not None  # hash verified on load


@pytest.mark.parametrize(
    ("word", "iso2"),
    [
        ("الروسية", "RU"),
        ("روسي", "RU"),
        ("الروس", "RU"),
        ("الكازاخستاني", "KZ"),
        ("الكازاخي", "KZ"),
        ("الكازاخية", "KZ"),
        ("الفلسطينيون", "PS"),
        ("الأمريكيين", "US"),
        ("الأميركية", "US"),
        ("المصرية", "EG"),
        ("السعودي", "SA"),
        ("التركية", "TR"),
        ("الألمان", "DE"),
        ("الإسرائيلي", "IL"),
        ("بالقاهرة", "EG"),
        ("وموسكو", "RU"),
        ("لروسيا", "RU"),
        ("قرغيزيا", "KG"),
        ("الطاجيكي", "TJ"),
        ("النمساوي", "AT"),
        # a two-word nisba takes the article on each word
        ("الكوري الجنوبي", "KR"),
        ("الكورية الشمالية", "KP"),
    ],
)
def test_entities_country_of_names_and_nisbas(word: str, iso2: str) -> None:
    assert country_of(word) == iso2


def test_entities_country_of_unknown_word() -> None:
    assert country_of("الطاولة") is None


@pytest.mark.parametrize(
    ("seat", "office", "date", "key"),
    [
        ("US", "president", "2019-05-01", "donald_trump"),
        ("US", "president", "2022-05-01", "joe_biden"),
        ("US", "president", "2025-06-01", "donald_trump"),
        ("US", "president", "2010-01-01", "barack_obama"),
        ("RU", "president", "2022-01-13", "vladimir_putin"),
        ("RU", "president", "2010-01-01", "dmitry_medvedev"),
        ("KZ", "president", "2022-01-13", "kassym_jomart_tokayev"),
        ("KZ", "president", "2015-01-01", "nursultan_nazarbayev"),
        ("DE", "chancellor", "2020-01-01", "angela_merkel"),
        ("org:un", "secretary_general", "2022-01-13", "antonio_guterres"),
    ],
)
def test_entities_office_holder_on_date(seat: str, office: str, date: str, key: str) -> None:
    person = knowledge.holder(seat, office, date)
    assert person is not None and person.key == key


def test_entities_no_holder_before_records() -> None:
    assert knowledge.holder("KZ", "president", "1980-01-01") is None


def test_entities_titles_and_groups_are_well_formed() -> None:
    spec = load_yaml("entities", "titles.yaml")
    sectors = {"MIL", "GOV", "COP", "JUD", "LEG", "SPY"}
    keys = [b["key"] for b in spec["bodies"]]
    assert len(set(keys)) == len(keys)
    for b in spec["bodies"]:
        assert b["words"] and b["name"] and b["name_en"] and b["sector"] in sectors, b
    for t in spec["titles"]:
        assert t["words"] and re.match(r"^[a-z_]+$", t["office"]), t
    assert set(spec["head_of_state"]) >= {"president", "king", "prime_minister"}
    groups = load_yaml("entities", "norp.yaml")
    assert len({g["key"] for g in groups}) == len(groups)
    for g in groups:
        assert g["name_en"] and (g["nisba"] or g["plural"]), g


def test_entities_curated_places_are_well_formed() -> None:
    spec = load_yaml("entities", "places.yaml")
    countries = {r["iso2"] for r in load_tsv("entities", "countries.tsv")}
    seen: dict[str, str] = {}
    for iso2, places in spec["places"].items():
        assert iso2 in countries, iso2
        for name_en, cell in places.items():
            assert name_en and cell and all(n.strip() == n and n for n in cell.split("|"))
            for n in cell.split("|"):
                # one name, one country: a name claimed twice would make country_of arbitrary
                assert seen.setdefault(n, iso2) == iso2, n
    alone = {n for places in spec["places"].values() for c in places.values() for n in c.split("|")}
    assert set(spec["not_alone"]) <= alone


@pytest.mark.parametrize(
    ("word", "iso2"),
    [
        ("الأنبار", "IQ"),
        ("وإدلب", "SY"),
        ("بالحديدة", "YE"),
        ("العلا", "SA"),
        ("ميكولايف", "UA"),
        ("عسقلان", "IL"),
        ("دارفور", "SD"),
        ("تيغراي", "ET"),
        ("باردو", "TN"),
        ("إنجلترا", "GB"),
        ("وانكلترا", "GB"),
        ("زيوريخ", "CH"),
    ],
)
def test_entities_country_of_curated_places(word: str, iso2: str) -> None:
    assert country_of(word) == iso2


def test_entities_curated_places_are_no_model_feature() -> None:
    from waqai.entities.features import gazetteer_tags
    from waqai.text.normalize import normalize

    text = normalize("غلاف غزة")  # places.yaml; غزة alone is a GeoNames city the model knows
    assert [e.key for h in gazetteer.find_both(text)[1] for e in h.entries] == ["gaza_envelope"]
    hits = gazetteer.find(text)  # what the model sees: unchanged by the curated lists
    assert [(h.start, h.end) for h in hits] == [(5, 8)]
    assert gazetteer_tags(hits, [(0, 4), (5, 8)]) == ["", "B-city"]


def test_entities_a_longer_curated_name_wins_over_a_city_inside_it() -> None:
    from waqai.pipeline import Pipeline

    nlp = Pipeline(["waqai.sentences.v1", "waqai.entities.v1"])
    doc = nlp("وصل الرئيس إلى كوت ديفوار أمس.", now="2026-11-29")  # not Kut (كوت), Iraq
    assert [(e.text, e.country) for e in doc.entities] == [("كوت ديفوار", "CI")]


def test_entities_places_that_are_common_words_need_the_model() -> None:
    from waqai.pipeline import Pipeline

    nlp = Pipeline(["waqai.sentences.v1", "waqai.entities.v1"])
    doc = nlp("أكد المسؤول أن الظروف تدمر الاقتصاد، وأن صور الدمار مؤلمة.", now="2026-11-29")
    assert not [e for e in doc.entities if e.country in {"SY", "LB"}]
    doc = nlp("قصفت الطائرات مواقع في الأنبار وإدلب أمس.", now="2026-11-29")
    assert [(e.text, e.country) for e in doc.entities] == [("الأنبار", "IQ"), ("إدلب", "SY")]
