"""Schema checks over every data file of the events and quotes stages."""

from __future__ import annotations

from importlib import resources

import pytest

from waqai.events.lexicon import PLOVER_TYPES, lexicon, verb_forms
from waqai.resources import load_tsv, load_yaml

#: the modes of the PLOVER manual, per type
MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest",
        "deport", "withhold", "misinformation", "cyber",
    },
    "ASSAULT": {
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
        "unconventional",
    },
}  # fmt: skip
CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking", "humanitarian",
}  # fmt: skip
ENTRY_KEYS = {
    "type", "mode", "cameo", "context", "verbs", "forms", "participles", "nouns", "tails",
    "after", "before", "near", "genitive", "swap", "not_after", "not_before", "actors", "actor_types", "quoted", "after_window",
}  # fmt: skip
#: agent sectors of agents.yaml and the sector suffixes of entity actor codes
SECTORS = {
    "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "REB", "OPP", "PTY", "CVL", "MED", "BUS", "IGO",
    "PTS", "NGO", "INS", "LAB",
}  # fmt: skip


def _data_files(package: str) -> list[str]:
    root = resources.files(f"waqai.{package}").joinpath("data")
    return sorted(p.name for p in root.iterdir() if p.name.endswith((".yaml", ".tsv")))


def test_events_data_files_are_all_checked() -> None:
    assert _data_files("events") == [
        "agents.yaml",
        "cameo2plover.tsv",
        "cues.yaml",
        "iso_countries.tsv",
        "morphology.yaml",
        "plover.yaml",
        "triggers.yaml",
    ]
    assert _data_files("quotes") == ["reporting.yaml"]


@pytest.mark.parametrize("i", range(len(load_yaml("events", "triggers.yaml"))))
def test_events_trigger_entry_schema(i: int) -> None:
    e = load_yaml("events", "triggers.yaml")[i]
    assert set(e) <= ENTRY_KEYS, set(e) - ENTRY_KEYS
    assert e["type"] in PLOVER_TYPES
    mode = e.get("mode")
    assert mode is None or mode in MODES.get(e["type"], set()), (e["type"], mode)
    assert isinstance(e["cameo"], str) and e["cameo"].isdigit() and 2 <= len(e["cameo"]) <= 4
    assert set(e.get("context") or ()) <= CONTEXTS
    assert e.get("verbs") or e.get("forms") or e.get("nouns") or e.get("participles")
    for v in e.get("verbs") or ():
        past, present = v.split("/")
        assert present[0] in "يت", v
    for key in ("forms", "participles", "nouns", "tails", "after", "before", "near", "not_after"):
        assert all(isinstance(w, str) and w.strip() == w and w for w in e.get(key) or ()), key
    assert e.get("genitive", "actor") in ("actor", "recipient")
    assert set(e.get("actors") or ()) <= SECTORS
    for sector, target in (e.get("actor_types") or {}).items():
        typ, _, mode = target.partition("/")
        assert sector in SECTORS and typ in PLOVER_TYPES, (sector, target)
        assert not mode or mode in MODES.get(typ, set()), target
    assert e.get("quoted", True) in (True, False)


def test_events_every_type_has_triggers() -> None:
    assert {e.type for e in lexicon().entries} == set(PLOVER_TYPES)


def test_events_plover_table() -> None:
    spec = load_yaml("events", "plover.yaml")
    assert set(spec["types"]) == set(PLOVER_TYPES)
    quads = {1: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}, 2: {"COOPERATE", "AID", "RETREAT"}}
    quads |= {3: {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}}
    quads |= {4: {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}}
    for t, row in spec["types"].items():
        assert t in quads[row["quad"]]
        assert row["future_as"] in (None, *PLOVER_TYPES)
        assert row["acled"] is None or len(row["acled"]) == 2
    for key in spec["acled_modes"]:
        t, m = key.split("/")
        assert m in MODES[t], key
    for m in spec["assault_mode_cues"]:
        assert m in MODES["ASSAULT"]
    assert set(spec["content_modes"].values()) <= MODES["REQUEST"]


def test_events_cues_schema() -> None:
    c = load_yaml("events", "cues.yaml")
    for key in ("negation", "planned", "hypothetical", "reported", "not_event", "background"):
        assert c[key]["words"], key
    assert isinstance(c["negation"]["window"], int)
    assert set(c["embedding_types"]) <= set(PLOVER_TYPES)
    assert set(c["reaction_types"]) <= set(PLOVER_TYPES)
    assert c["name_heads"] and c["clause_breaks"] and c["lam_complement_verbs"]
    assert c["terms"]["words"] and isinstance(c["terms"]["window"], int)
    assert all(isinstance(v, int) and v < 0 for v in c["date_offsets"]["days"].values())
    assert c["clock_times"]["heads"] and c["clock_times"]["day_words"]


def test_events_agents_schema() -> None:
    a = load_yaml("events", "agents.yaml")
    sectors = {
        "GOV",
        "MIL",
        "COP",
        "SPY",
        "JUD",
        "LEG",
        "REB",
        "OPP",
        "PTY",
        "CVL",
        "MED",
        "BUS",
        "IGO",
        "NGO",
        "PTS",
        "LAB",
    }
    assert set(a) <= sectors
    assert all(isinstance(w, str) and w for ws in a.values() for w in ws)


def test_events_morphology_schema() -> None:
    m = load_yaml("events", "morphology.yaml")
    assert "" in m["verb_prefixes"] and "" in m["noun_prefixes"]
    assert "" in m["past_suffixes"] and "" in m["present_suffixes"]
    keys = (
        "prepositions",
        "agent_markers",
        "complementizers",
        "coordinators",
        "light_verbs",
        "not_triggers",
    )
    for key in (*keys, "agent_adjectives"):
        assert all(isinstance(w, str) and w for w in m[key]), key


def test_events_tsv_tables() -> None:
    cameo = load_tsv("events", "cameo2plover.tsv")
    assert len(cameo) > 200
    assert {r["type"] for r in cameo} == set(PLOVER_TYPES)
    iso = load_tsv("events", "iso_countries.tsv")
    assert all(len(r["iso2"]) == 2 and len(r["iso3"]) == 3 for r in iso)
    assert {"iso2": "KZ", "iso3": "KAZ"} in [dict(r) for r in iso]


def test_quotes_reporting_schema() -> None:
    r = load_yaml("quotes", "reporting.yaml")
    assert all("/" in v for v in r["verbs"])
    for v in r["verbs"]:
        assert verb_forms(v)
    assert r["forms"] and r["nouns"] and r["sources"]
    assert set(r["not_forms"]) <= {f for v in r["verbs"] for f, _ in verb_forms(v)}
