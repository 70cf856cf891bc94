"""The ``waqai.speakers.v1`` stage: a quoted "we" is the speaker.

«سنرد بقوة» said by the ministry is the ministry's threat. The events stage codes
triggers inside quotes but cannot name the actor of a first-person verb (the
speaker is found later, by the quotes stage). This stage, run after both, gives an
event inside a quote whose trigger is a first-person plural verb (نرفض، ندين،
سنرد، سنواصل) and that has no actor the quote's speaker.
"""

from __future__ import annotations

import re

from waqai.document import Document, Participant
from waqai.registry import Stage, register
from waqai.text.normalize import normalize

# و/ف, the future سـ, then the imperfect prefix of "we" and at least three letters
_WE = re.compile(r"[وف]?س?ن[^\W\d_]{3,}")


def _first_person(trigger: str) -> bool:
    words = normalize(trigger).split()
    return bool(words) and _WE.fullmatch(words[0]) is not None


def speakers_as_actors(doc: Document) -> None:
    """Give each actorless first-person event inside a quote the quote's speaker."""
    for e in doc.events:
        if e.actor is not None or not _first_person(e.trigger.text):
            continue
        quote = next(
            (q for q in doc.quotes if q.start <= e.trigger.start and e.trigger.end <= q.end), None
        )
        if quote is not None and quote.speaker is not None:
            s = quote.speaker
            e.actor = Participant(s.start, s.end, s.text, s.entity_id, s.code)


@register("waqai.speakers.v1", requires=("events", "quotes"), assigns=("events",))
def speakers_component() -> Stage:
    return speakers_as_actors
