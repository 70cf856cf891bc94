"""The highlighted article text: escaped pieces, well-formed marks, tooltips, overlaps."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from waqai.document import Document, Entity, Timex
from waqai.web.highlight import Mark, highlight, marks


class _Checker(HTMLParser):
    """Collects text and checks that tags nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == []
    return checker


def test_web_highlight_marks_each_kind(crisis_docs) -> None:
    doc = crisis_docs["a"]
    start = doc.text.index("كازاخستان")
    doc.entities = [
        Entity("x", start, start + 9, "كازاخستان", "GPE", "kz", "كازاخستان", "Kazakhstan", "KZ")
    ]
    start = doc.text.index("يوم الخميس")
    doc.timexes = [Timex(start, start + 10, "يوم الخميس", "DATE", "2022-01-13")]
    out = str(highlight(doc))
    assert '<mark class="hl-trigger trigger-retreat"' in out
    assert 'title="GPE: كازاخستان / Kazakhstan [kz] · KZ"' in out
    assert 'title="DATE: 2022-01-13"' in out
    assert (
        'title="RETREAT/withdraw: منظمة معاهدة الأمن الجماعي (csto, IGO) → كازاخستان (kz, KAZ) · 2022-01-13 · KZ"'
        in out
    )
    assert "".join(_parse(out).text) == doc.text


def test_web_highlight_escapes_text_and_tooltips(hostile_doc) -> None:
    doc = hostile_doc
    out = str(highlight(doc))
    assert "<script>" not in out and "<img" not in out and "<svg" not in out and "<b>" not in out
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in out
        or "&lt;script&gt;alert(&quot;x&quot;)" in out
    )
    checker = _parse(out)
    assert {tag for tag, _ in checker.tags} <= {"mark", "br"}
    # every attribute is one of ours: no injected onmouseover/onerror
    assert {name for _, attrs in checker.tags for name in attrs} <= {
        "class",
        "title",
        "data-refs",
        "tabindex",
    }
    titles = [attrs["title"] for _, attrs in checker.tags if "title" in attrs]
    assert any('<svg onload=alert("name")>' in t for t in titles)  # shown as text in the tooltip
    assert "".join(checker.text) == doc.text


def test_web_highlight_overlapping_spans_share_one_mark() -> None:
    doc = Document(text="وصل الرئيس إلى القاهرة أمس")
    shown = [
        Mark(4, 22, "entity", "per", "A", "a"),
        Mark(15, 26, "timex", "date", "B", "b"),
    ]
    out = str(highlight(doc, shown))
    checker = _parse(out)
    classes = [attrs["class"] for _, attrs in checker.tags]
    assert classes == [
        "hl-entity entity-per",
        "hl-timex hl-entity timex-date entity-per",
        "hl-timex timex-date",
    ]
    assert "".join(checker.text) == doc.text


def test_web_highlight_skips_spans_outside_the_text() -> None:
    doc = Document(text="نص قصير")
    doc.timexes = [Timex(3, 99, "قصير", "DATE", None), Timex(0, 2, "نص", "DATE", None)]
    assert [m.ref for m in marks(doc)] == ["tx-1"]


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="اب <>&\"'\nج=", min_size=1, max_size=40),
    spans=st.lists(
        st.tuples(
            st.integers(0, 40), st.integers(0, 40), st.sampled_from(["entity", "timex", "trigger"])
        ),
        max_size=6,
    ),
)
def test_web_highlight_keeps_text_and_nesting(text: str, spans: list[tuple[int, int, str]]) -> None:
    shown = [
        Mark(min(a, b), max(a, b), kind, "x", f"<{kind}>\"'", f"r{i}")
        for i, (a, b, kind) in enumerate(spans)
        if min(a, b) < max(a, b) <= len(text)
    ]
    out = str(highlight(Document(text=text), shown))
    checker = _parse(out)
    assert "".join(checker.text) == text
    assert not re.search(r"<(?!/?mark[ >]|br>)", out)
