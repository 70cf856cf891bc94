"""Sentence segmentation for Arabic news text.

A sentence ends at a line break, or at terminal punctuation (. ! ? ؟ … and
the Arabic semicolon is not one) followed by optional closing quotes and
whitespace. Terminal punctuation inside an open quotation («...», “...”,
"...") does not end the sentence, so a quoted statement stays with its
speaker; a line break always does. Decimal points ("3.5") never split.
"""

from __future__ import annotations

import re

from waqai.document import Sentence

_OPENERS = {"«": "»", "“": "”", "„": "”", "‹": "›"}
_CLOSERS = set(_OPENERS.values())
_TERMINAL = re.compile(r"[.!?؟…]+[\"'»”’›)\]]*(?=\s|$)|\n+")


_QUOTE_MARKS = re.compile('["\n' + "".join(_OPENERS) + "".join(_CLOSERS) + "]")


def _quote_depth_changes(text: str) -> list[tuple[int, int]]:
    """Offsets where quotation depth changes: (offset, +1 | -1), or 0 at a line break."""
    changes: list[tuple[int, int]] = []
    straight_open = False
    for m in _QUOTE_MARKS.finditer(text):
        ch = m.group()
        if ch in _OPENERS:
            changes.append((m.start(), 1))
        elif ch in _CLOSERS:
            changes.append((m.start(), -1))
        elif ch == '"':
            changes.append((m.start(), -1 if straight_open else 1))
            straight_open = not straight_open
        else:
            straight_open = False
            changes.append((m.start(), 0))  # a line break closes every quotation
    return changes


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text``, trimmed of surrounding whitespace."""
    changes = _quote_depth_changes(text) if any(c in text for c in '"«“„‹') else []
    out: list[Sentence] = []
    start = 0
    ci = 0
    depth = 0
    for m in _TERMINAL.finditer(text):
        while ci < len(changes) and changes[ci][0] < m.start():
            off, d = changes[ci]
            depth = 0 if d == 0 else max(0, depth + d)
            ci += 1
        if depth > 0 and "\n" not in m.group():
            # terminal punctuation whose closing quote is part of the match ends the quote
            closing = sum(1 for c in m.group() if c in _CLOSERS or c == '"')
            if closing < depth:
                continue
        end = m.end()
        _append(text, start, end, out)
        start = end
        # consume quote changes inside the matched terminator
        while ci < len(changes) and changes[ci][0] < end:
            off, d = changes[ci]
            depth = 0 if d == 0 else max(0, depth + d)
            ci += 1
        if "\n" in m.group():
            depth = 0
    _append(text, start, len(text), out)
    return out


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))
