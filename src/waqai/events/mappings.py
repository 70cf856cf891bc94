"""PLOVER -> CAMEO, quad class and ACLED mappings (data in ``plover.yaml``, ``cameo2plover.tsv``)."""

from __future__ import annotations

from functools import cache

from waqai.resources import load_tsv, load_yaml


@cache
def cameo_table() -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    """CAMEO code -> (PLOVER type, mode, contexts), from CAMEO2PLOVER-2021 with current names."""
    return {
        r["cameo"]: (r["type"], r["mode"] or None, tuple(c for c in r["context"].split(";") if c))
        for r in load_tsv("events", "cameo2plover.tsv")
    }


def plover_of_cameo(code: str) -> str | None:
    """The PLOVER type of a CAMEO event code (trying its parents: 0874 -> 087 -> 08)."""
    table = cameo_table()
    for n in range(len(code), 2, -1):
        if code[:n] in table:
            return table[code[:n]][0]
    return None


def acled_type(event_type: str, mode: str | None = None) -> tuple[str, str] | None:
    """ACLED (event type, sub-event type) of a PLOVER type and mode, or None (no ACLED event)."""
    spec = load_yaml("events", "plover.yaml")
    if mode and f"{event_type}/{mode}" in spec["acled_modes"]:
        a, b = spec["acled_modes"][f"{event_type}/{mode}"]
        return str(a), str(b)
    t = spec["types"].get(event_type)
    if not t or not t["acled"]:
        return None
    return str(t["acled"][0]), str(t["acled"][1])
