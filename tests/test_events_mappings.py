"""PLOVER -> CAMEO, quad class and ACLED mappings."""

from __future__ import annotations

import pytest

from waqai.events import acled_type, quad_class
from waqai.events.mappings import plover_of_cameo


@pytest.mark.parametrize(
    ("event_type", "quad"),
    [
        ("AGREE", 1),
        ("CONSULT", 1),
        ("AID", 2),
        ("RETREAT", 2),
        ("REQUEST", 3),
        ("THREATEN", 3),
        ("PROTEST", 4),
        ("ASSAULT", 4),
    ],
)
def test_events_quad_class(event_type: str, quad: int) -> None:
    assert quad_class(event_type) == quad


@pytest.mark.parametrize(
    ("cameo", "plover"),
    [
        ("0874", "RETREAT"),
        ("1724", "COERCE"),
        ("1056", "REQUEST"),
        ("195", "ASSAULT"),
        ("041", "CONSULT"),
        ("0831", "CONCEDE"),
    ],
)
def test_events_plover_of_cameo(cameo: str, plover: str) -> None:
    assert plover_of_cameo(cameo) == plover


@pytest.mark.parametrize(
    ("event_type", "mode", "acled"),
    [
        ("PROTEST", "riot", ("Riots", "Violent demonstration")),
        ("PROTEST", None, ("Protests", "Peaceful protest")),
        ("ASSAULT", "aerial", ("Explosions/Remote violence", "Air/drone strike")),
        ("COERCE", "arrest", ("Strategic developments", "Arrests")),
        ("CONSULT", "phone", None),
    ],
)
def test_events_acled_type(
    event_type: str, mode: str | None, acled: tuple[str, str] | None
) -> None:
    assert acled_type(event_type, mode) == acled


def test_events_every_emitted_cameo_maps_back_to_its_type() -> None:
    from waqai.events.lexicon import lexicon

    for e in lexicon().entries:
        back = plover_of_cameo(e.cameo)
        # the curated entries follow the current manual where CAMEO2PLOVER-2021 differs
        assert back == e.type or (e.cameo, e.type) in ALLOWED_DIFFERENCES, (e.cameo, e.type, back)


ALLOWED_DIFFERENCES = {
    ("163", "SANCTION"),  # international sanctions: SANCTION/discontinue per the manual
    ("116", "SANCTION"),  # found guilty: SANCTION/convict per the manual
    ("0831", "RETREAT"),  # resignations are RETREAT/resign per the manual
    ("086", "CONCEDE"),  # an announced opening of borders or airspace is a verbal concession
    ("0814", "CONCEDE"),  # lifting a curfew or an emergency is CONCEDE per the manual
    ("172", "SANCTION"),  # dismissal of an official from office
    ("016", "REJECT"),  # denying responsibility: REJECT, as the manual's CAMEO section suggests
}
