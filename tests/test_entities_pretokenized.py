"""Tagging pre-tokenized text (CoNLL) as the pipeline tags a document, and tagging with a
candidate model: what the NER benchmark and cross-validation score."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from waqai.entities import conll, ner, pretokenized
from waqai.entities.features import sequence_features
from waqai.text.normalize import normalize


def _words(text: str) -> list[str]:
    return [normalize(w) for w in text.split()]


DOC = [["قال", "الرئيس", "بوتين"], ["ورحب", "بوتين", "ولبوتين", "بوتينكم"]]


def test_tag_tokens_propagates_a_name_to_its_other_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    # the model tags the first occurrence only
    monkeypatch.setattr(ner, "tag_document", lambda sents: [["O", "O", "B-PER"], ["O"] * 4])
    assert pretokenized.tag_tokens(DOC) == [
        ["O", "O", "B-PER"],
        # a clitic before the name: the whole token, as ANERcorp tags "وبوش";
        # a suffix after it ("بوتينكم"): no name ends there
        ["O", "B-PER", "B-PER", "O"],
    ]
    assert pretokenized.tag_tokens(DOC, spread=False) == [["O", "O", "B-PER"], ["O"] * 4]


def test_tag_runs_reads_runs_of_sentences_as_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def tag_document(sents: list[tuple[list[str], list[str], list[str]]]) -> list[list[str]]:
        seen.append(len(sents))
        return [["O"] * len(words) for words, _, _ in sents]

    monkeypatch.setattr(ner, "tag_document", tag_document)
    sentences = [["كلمة"]] * 5
    assert pretokenized.tag_runs(sentences, 2) == [["O"]] * 5
    assert seen == [2, 2, 1]


@pytest.mark.parametrize("mode", ["crf", "crf+nn"])
def test_tag_tokens_with_the_shipped_models(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    if mode == "crf+nn":
        pytest.importorskip("numpy")
    monkeypatch.setenv("WAQAI_NER", mode)
    doc = [
        s.split()
        for s in (
            "التقى وزير الخارجية الياباني يوشيماسا هاياشي نظيره الصيني في بكين",
            "وقال هاياشي إن اللقاء كان مثمرا في مقر الأمم المتحدة",
        )
    ]
    tags = pretokenized.tag_tokens(doc)
    assert [len(t) for t in tags] == [len(s) for s in doc]
    spans = [
        (" ".join(s[a:b]), t)
        for s, tg in zip(doc, tags, strict=True)
        for a, b, t in conll.bio_spans(tg)
    ]
    assert spans == [
        ("يوشيماسا هاياشي", "PER"),
        ("بكين", "LOC"),
        ("هاياشي", "PER"),
        ("الأمم المتحدة", "ORG"),
    ]


def _tiny_model(path: Path) -> None:
    """A CRF that knows one thing: the word زيد is a person."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, labels in [("قال زيد", ["O", "U-PER"]), ("قال عمرو", ["O", "O"])] * 5:
        words = _words(text)
        trainer.append(sequence_features(words, [""] * len(words)), labels)
    trainer.set_params({"max_iterations": 50})
    trainer.train(str(path))


def test_use_model_tags_with_a_candidate_then_the_shipped_model_again(tmp_path: Path) -> None:
    path = tmp_path / "tiny.crfsuite"
    _tiny_model(path)
    words = _words("قال زيد")
    with ner.use_model(path):
        assert ner.tag_words(words, ["", ""]) == ["O", "B-PER"]
        attributes = len(ner.tagger().info().state_features)
    shipped = ner.tagger()
    assert len(shipped.info().state_features) > 10 * attributes
    spans = conll.bio_spans(ner.tag_words(_words("قال الرئيس فلاديمير بوتين"), [""] * 4))
    assert spans == [(2, 4, "PER")]
