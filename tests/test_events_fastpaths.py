"""The fast word lookups of the events stage give what the plain definitions give."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from waqai.events.cues import Context
from waqai.events.lexicon import word_around, words
from waqai.events.participants import _prev_word, _word_bounds
from waqai.events.roles import _word_before

_LETTER = re.compile(r"[^\W\d_]")
_TEXT = st.text(alphabet=st.sampled_from(list("ابتلمنوه xy_1٢½.،:\n-")), max_size=120)


def _walk(text: str, start: int, end: int) -> tuple[int, int]:
    """The definition: walk out over letters from both ends."""
    while start > 0 and _LETTER.match(text[start - 1]):
        start -= 1
    while end < len(text) and _LETTER.match(text[end]):
        end += 1
    return start, end


def _prev_word_walk(text: str, pos: int) -> str:
    i = pos
    while i > 0 and not _LETTER.match(text[i - 1]):
        if text[i - 1] in ".،,؛:!?؟\n":
            return ""
        i -= 1
    j = i
    while j > 0 and _LETTER.match(text[j - 1]):
        j -= 1
    return text[j:i]


@given(_TEXT, st.data())
def test_word_lookups_match_their_definitions(text: str, data: st.DataObject) -> None:
    ws = words(text)
    starts = [w[0] for w in ws]
    ctx = Context(text, ws)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert word_around(ws, starts, a, b) == _walk(text, a, b)
    assert ctx.word_count(a, b) == len(re.findall(r"[^\W\d_]+", text[a:b]))
    # "$" also matches before a final line break: the letters before it count
    left = re.search(r"[^\W\d_]*$", text[max(0, a - 40) : a])
    assert _word_bounds(text, a, b)[0] == (max(0, a - 40) + left.start() if left else a)
    assert _prev_word(text, a) == _prev_word_walk(text, a)
    old = re.search(r"([^\W\d_]+)[^\w]*$", text[max(0, a - 30) : a])
    assert _word_before(text, a) == (old.group(1) if old else "")
