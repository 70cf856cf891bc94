"""The sentence segmentation component."""

from __future__ import annotations

from waqai.document import Document
from waqai.registry import Stage, register
from waqai.text.segment import split_sentences


@register("waqai.sentences.v1", requires=("text",), assigns=("sentences",))
def sentences_component() -> Stage:
    def run(doc: Document) -> None:
        doc.sentences = split_sentences(doc.text)

    return run
