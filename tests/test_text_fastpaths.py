"""The fast paths of the text layer give what the plain definitions give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from waqai.text.normalize import MatchText, _rules
from waqai.text.tokenize import clitic_analyses, tokenize

#: Arabic letters and marks, presentation forms, tatweel, digits, spaces and punctuation
_TEXT = st.text(
    alphabet=st.sampled_from(
        list('ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآؤئء ـًٌٍَُِّْ٠١٢٣0123456789.,،؛:!؟\n«»"')
        + ["ﻻ", "ﻷ", "ﷲ", "ﺍ", "ﺏ", "\u200f", "\u200c", "ﭖ", "۴"]
    ),
    max_size=80,
)


def test_fold_is_translate_for_every_character() -> None:
    r = _rules()
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert r.fold(every) == every.translate(r.table)


@given(_TEXT)
def test_tokenize_spans_are_those_of_the_offset_map(text: str) -> None:
    m = MatchText.of(text)
    for t in tokenize(text, m):
        assert (t.start, t.end) == m.to_original(t.mstart, t.mend)
        assert t.text == text[t.start : t.end]
        assert t.norm == m.text[t.mstart : t.mend]


def _analyses_by_every_chain(word: str) -> list[tuple[str, str, str]]:
    """The definition: try every proclitic chain, shortest first."""
    from waqai.text.tokenize import _clitics

    c = _clitics()
    out = [("", word, "")]
    chains = sorted(c.proclitic_chains, key=len)
    for p in ("", *(p for p in chains if word.startswith(p))):
        rest = word[len(p) :]
        if p and len(rest) < c.min_stem:
            continue
        if p:
            out.append((p, rest, ""))
        if p.endswith("ال") or p.endswith("لل"):
            continue
        for s in c.suffixes:
            if rest.endswith(s) and len(rest) - len(s) >= c.min_stem_after_suffix:
                out.append((p, rest[: -len(s)], s))
    return list(dict.fromkeys(out))


@given(st.text(alphabet=st.sampled_from(list("وفبلكسالهمانيكتب")), min_size=1, max_size=9))
def test_clitic_analyses_match_trying_every_chain(word: str) -> None:
    got = [(a.prefix, a.stem, a.suffix) for a in clitic_analyses.__wrapped__(word)]
    assert got == _analyses_by_every_chain(word)
