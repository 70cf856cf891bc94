"""Who held which office when, and what code an actor gets.

Reads the curated ``leaders.yaml``, ``orgs.yaml`` and ``titles.yaml``: the
office holder for (country or organization, office, date), CAMEO-style actor
codes for gazetteer keys, and the country named by an Arabic name or nisba.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from waqai.entities import gazetteer
from waqai.resources import load_tsv, load_yaml
from waqai.text.normalize import normalize
from waqai.text.tokenize import clitic_analyses

PACKAGE = "entities"


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    office: str
    country: str | None
    org: str | None
    start: str
    end: str | None


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    name: str
    name_en: str
    terms: tuple[Term, ...]


@cache
def leaders() -> dict[str, Person]:
    out = {}
    for p in load_yaml(PACKAGE, "leaders.yaml"):
        terms = tuple(
            Term(
                p["key"],
                t["office"],
                t.get("country"),
                t.get("org"),
                str(t["start"]),
                str(t["end"]) if t.get("end") else None,
            )
            for t in p["terms"]
        )
        out[p["key"]] = Person(p["key"], p["names"][0], p["name_en"], terms)
    return out


@cache
def _terms_by_seat() -> dict[tuple[str, str], list[Term]]:
    seats: dict[tuple[str, str], list[Term]] = {}
    for person in leaders().values():
        for t in person.terms:
            seat = t.country or f"org:{t.org}"
            seats.setdefault((seat, t.office), []).append(t)
    return seats


def holder(seat: str, office: str, date: str | None) -> Person | None:
    """The holder of ``office`` in ``seat`` (ISO alpha-2, or "org:<key>") on ``date``.

    Without a date the latest holder is returned.
    """
    terms = _terms_by_seat().get((seat, office), [])
    if not terms:
        return None
    if date is None:
        best = max(terms, key=lambda t: t.start)
        return leaders()[best.key]
    for t in sorted(terms, key=lambda t: t.start, reverse=True):
        if t.start <= date and (t.end is None or date < t.end):
            return leaders()[t.key]
    return None


@cache
def title_spec() -> dict[str, Any]:
    spec: dict[str, Any] = load_yaml(PACKAGE, "titles.yaml")
    return spec


@cache
def office_countries() -> dict[str, frozenset[str]]:
    """Offices that exist in some countries only (``only`` in ``titles.yaml``)."""
    return {t["office"]: frozenset(t["only"]) for t in title_spec()["titles"] if t.get("only")}


def office_exists(office: str, country: str) -> bool:
    """Whether ``country`` has ``office``: an emir in Qatar, not in Saudi Arabia."""
    only = office_countries().get(office)
    return only is None or country in only


@cache
def title_adjectives() -> tuple[frozenset[str], frozenset[str]]:
    """Adjectives between a title and a name (matching form): the office still held
    ("الانتقالي"), or held before ("السابق"، "المستقيل")."""
    spec = title_spec()["title_adjectives"]
    return (
        frozenset(normalize(w) for w in spec["same"]),
        frozenset(normalize(w) for w in spec["former"]),
    )


def head_of_state(country: str, date: str | None, prefer: str | None = None) -> Person | None:
    """The country's head (of state first, then of government) on ``date``."""
    order = list(title_spec()["head_of_state"])
    if prefer:
        order.insert(0, prefer)
    for office in order:
        p = holder(country, office, date)
        if p is not None:
            return p
    return None


@cache
def orgs() -> dict[str, dict[str, Any]]:
    return {o["key"]: o for o in load_yaml(PACKAGE, "orgs.yaml")}


@cache
def bodies() -> dict[str, dict[str, Any]]:
    return {b["key"]: b for b in title_spec()["bodies"]}


@cache
def person_codes() -> dict[str, str]:
    return {normalize(r["name"]): r["code"] for r in load_tsv(PACKAGE, "persons.tsv")}


_OFFICE_SECTOR = {"defence_minister": "MIL"}


def iso3(country: str | None) -> str | None:
    if not country:
        return None
    c = gazetteer.countries().get(country)
    return c.iso3 if c else None


def code_for_id(entity_id: str, country: str | None, date: str | None = None) -> str | None:
    """CAMEO-style code of a resolved entity id (see :func:`waqai.entities.actor_code`)."""
    kind, _, rest = entity_id.partition(":")
    if kind == "per":
        person = leaders().get(rest)
        if person is not None:
            terms = sorted(person.terms, key=lambda t: t.start, reverse=True)
            term = next((t for t in terms if date is None or t.start <= date), terms[-1])
            if term.org:
                return str(orgs()[term.org]["code"])
            return f"{iso3(term.country)}{_OFFICE_SECTOR.get(term.office, 'GOV')}"
        if rest.startswith("pd:"):
            return person_codes().get(rest[3:].replace("_", " "))
        seat, _, office = rest.partition(":")
        if office and iso3(seat):
            return f"{iso3(seat)}{_OFFICE_SECTOR.get(office, 'GOV')}"
    elif kind == "org":
        if rest in orgs():
            return str(orgs()[rest]["code"])
        seat, _, body = rest.partition(":")
        if body in bodies() and iso3(seat):
            return f"{iso3(seat)}{bodies()[body]['sector']}"
    elif kind in ("gpe", "norp"):
        return iso3(country or rest.split(":")[0])
    return iso3(country)


def country_of(text: str) -> str | None:
    """ISO alpha-2 country named by an Arabic name, nisba or city (clitics allowed).

    ``country_of("بالقاهرة") == "EG"``, ``country_of("الكازاخستاني") == "KZ"``.
    """
    forms = [text]
    if " " not in text.strip():
        for a in clitic_analyses(normalize(text.strip())):
            if not a.suffix:
                forms.extend(a.lookup_forms)
    for form in forms:
        entries = gazetteer.lookup(form)
        for kind in ("country", "nisba", "city", "org", "leader"):
            for e in entries:
                if e.kind == kind and e.country:
                    return e.country
    return None
