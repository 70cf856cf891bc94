"""The optional second NER model (WAQAI_NER=crf+nn): its numpy network, the mixer that runs
it with the CRF, and tagging with both (also in test_entities_pretokenized)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from span_words import SPAN_WORDS

np = pytest.importorskip("numpy")
pytest.importorskip("scipy")

from waqai.entities import lattice, mixed, ner, neural  # noqa: E402
from waqai.entities.features import restrict_to, tagging_features  # noqa: E402
from waqai.entities.pretokenized import tag_runs  # noqa: E402
from waqai.errors import ConfigError  # noqa: E402
from waqai.pipeline import default_pipeline  # noqa: E402
from waqai.text.normalize import normalize  # noqa: E402

LABELS = ("B-PER", "I-PER", "L-PER", "O", "U-PER")


def utf8_lines(items: list[str]) -> object:
    """As scripts/train_ner_neural.py stores names: one UTF-8 array, one per line."""
    return np.frombuffer("\n".join(items).encode(), dtype=np.uint8)


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def tiny_network(gate_bias: list[float]) -> neural.Network:
    """Hidden size 1; inputs never reach the gates (zero input and hidden weights), so each
    direction's state only counts steps: c_t = σ(f)·c_{t-1} + σ(i)·tanh(g). Label 0 reads
    the forward state, label 1 the backward state."""
    dim, letters_dim = 2, 2
    zeros = np.zeros
    arrays = {
        "features": utf8_lines(["w=زيد", "s1=د"]),
        "letters": utf8_lines(["ز", "ي", "د"]),
        "labels": utf8_lines(list(LABELS)),
        "feature_embeddings": np.array([[0, 0], [1, 2], [3, 4]], dtype=np.float16),
        "letter_embeddings": zeros((4, letters_dim), np.float32),
        "conv_weight": zeros((1, letters_dim, 3), np.float32),
        "conv_bias": zeros(1, np.float32),
        "out_weight": np.array([[1, 0], [0, 1], [0, 0], [0, 0], [0, 0]], dtype=np.float32),
        "out_bias": zeros(5, np.float32),
    }
    for d in ("forward", "backward"):
        arrays[f"{d}_input"] = zeros((4, dim + 1), np.float32)
        arrays[f"{d}_hidden"] = zeros((4, 1), np.float32)
        arrays[f"{d}_bias"] = np.array(gate_bias, dtype=np.float32)
    return neural.from_arrays(arrays, weight=0.5)


def test_lstm_reads_forward_and_backward_with_torch_gate_order() -> None:
    i, f, g, o = 0.5, -1.0, 2.0, 1.0
    net = tiny_network([i, f, g, o])
    p = neural.probabilities(net, ["زيد", "عمرو"], np.array([[1.0, 2.0], [0.0, 0.0]]), [2])
    one = sigmoid(i) * math.tanh(g)  # the cell after one step
    h1 = sigmoid(o) * math.tanh(one)
    h2 = sigmoid(o) * math.tanh(sigmoid(f) * one + one)
    # token 1: forward state after 1 step, backward after 2; token 2 the other way round
    for row, fw, bw in ((p[0], h1, h2), (p[1], h2, h1)):
        z = [fw, bw, 0, 0, 0]
        total = sum(math.exp(x) for x in z)
        assert row.tolist() == pytest.approx([math.exp(x) / total for x in z], abs=1e-6)


def test_a_batch_of_sentences_equals_each_sentence_alone() -> None:
    """Sentences of several lengths in one batch (the longest not first), against each
    alone: neither the padding nor the order reaches a sentence's probabilities."""
    gen = np.random.default_rng(0)
    net = tiny_network([0.3, 0.2, -0.4, 0.9])
    # inputs and states that reach the gates, in both directions
    net.arrays["lstm_input"][:] = gen.normal(size=(3, 8))
    net.arrays["lstm_hidden"][:] = gen.normal(size=(2, 1, 4))
    words = ["زيد", "قال", "عمرو", "زيد", "في", "دمشق", "اليوم", "زيد"]
    lengths = [2, 5, 1]
    bags = gen.normal(size=(len(words), 2)).astype(np.float32)
    together = neural.probabilities(net, words, bags, lengths)
    at = 0
    for n in lengths:
        alone = neural.probabilities(net, words[at : at + n], bags[at : at + n], [n])
        assert np.allclose(together[at : at + n], alone, atol=1e-6)
        at += n


def test_letter_features_are_the_convolution_over_the_first_letters() -> None:
    """Against the convolution written out: each word's first 16 letters (unknown ones are
    the zero row), one zero letter either side, width 3, max over positions, ReLU; the
    same for a word seen before (the per-word cache) and in a new order."""
    gen = np.random.default_rng(1)
    net = tiny_network([0.0, 0.0, 0.0, 0.0])
    emb = net.arrays["letter_embeddings"] = np.vstack(
        [np.zeros((1, 2)), gen.normal(size=(3, 2))]
    ).astype(np.float32)
    weight = gen.normal(size=(3, 2, 3)).astype(np.float32)  # (filters, letters' dim, width)
    net.arrays["conv"] = weight.transpose(2, 1, 0).reshape(-1, 3)
    net.arrays["conv_bias"] = np.array([0.1, -0.2, 0.0], np.float32)
    ids = {"ز": 1, "ي": 2, "د": 3}
    words = ["زيد", "Zد", "زي" * 10, "زيد"]

    def written_out(word: str) -> np.ndarray:
        rows = [np.zeros(2)] + [emb[ids.get(c, 0)] for c in word[:16]] + [np.zeros(2)]
        rows += [np.zeros(2)] * (18 - len(rows))
        at = [
            sum(weight[:, :, k] @ rows[p + k] for k in range(3)) + net.arrays["conv_bias"]
            for p in range(16)
        ]
        return np.maximum(np.max(at, axis=0), 0)

    for order in (words, words[::-1]):
        got = neural.letter_features(net, order)
        assert np.allclose(got, [written_out(w) for w in order], atol=1e-5)
    assert set(net.letter_cache) == set(words)


@pytest.mark.parametrize("value", ["", "crf", " crf "])
def test_crf_alone_is_the_default(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("WAQAI_NER", value)
    assert ner.mode() == "crf"


def test_unknown_mode_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAQAI_NER", "bert")
    with pytest.raises(ConfigError, match="WAQAI_NER='bert'"):
        ner.mode()


def test_shipped_network_loads_with_its_hash() -> None:
    net = neural.network()
    assert set(net.labels) >= {"O", "B-PER", "U-LOC", "L-ORG", "I-MISC"}
    assert 0 < net.weight < 1
    assert len(net.features) > 10_000


def test_pipeline_spans_hold_with_both_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAQAI_NER", "crf+nn")
    text = (
        "أعلن الرئيس الكازاخستاني قاسم جومرت توكاييف اليوم الخميس بدء انسحاب قوات منظمة "
        "معاهدة الأمن الجماعي من كازاخستان، بعد اتصال هاتفي مع الرئيس الروسي فلاديمير بوتين."
    )
    doc = default_pipeline()(text, published="2022-01-13")
    names = {(e.text, e.type) for e in doc.entities}
    assert ("قاسم جومرت توكاييف", "PER") in names
    assert ("فلاديمير بوتين", "PER") in names
    for e in doc.entities:
        assert text[e.start : e.end] == e.text


def test_use_network_mixes_a_candidate_then_the_shipped_one() -> None:
    tiny = tiny_network([0.0, 0.0, 0.0, 0.0])
    with neural.use_network(tiny):
        assert neural.network() is tiny
    assert neural.network() is neural.shipped()


def _sentence(text: str) -> list[str]:
    return [normalize(w) for w in text.split()]


def test_the_mixer_scores_as_the_crf_does() -> None:
    """The CRF's weights read out of crfsuite into the mixer's table give crfsuite's own
    marginals: the table, the label order and the transitions are the model's."""
    words = _sentence("وقال الرئيس الكازاخستاني قاسم جومرت توكاييف في ألماتي اليوم")
    gaz = [""] * len(words)
    m = mixed.mixer()
    restrict_to(m.index)
    unary = m.sums(tagging_features(words, gaz))[None, :, : len(m.net.labels)]
    ours = lattice.marginals(unary, m.transitions, [len(words)])[0]
    t = ner.tagger()
    restrict_to(ner.attributes())
    t.set(tagging_features(words, gaz))
    theirs = [[t.marginal(lab, i) for lab in m.net.labels] for i in range(len(words))]
    assert np.allclose(ours, theirs, atol=1e-5)
    assert t.tag()[3:6] == ["B-PER", "I-PER", "L-PER"]


SENTENCES = [
    ["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "إن", "القوات", "ستغادر", "كازاخستان"],
    ["وأعلنت", "منظمة", "معاهدة", "الأمن", "الجماعي", "بدء", "الانسحاب"],
]


def test_modes_switch_within_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The word caches hold what each tagger reads (crfsuite's strings, the mixer's rows):
    switching WAQAI_NER back and forth tags the same as each mode alone."""
    monkeypatch.setenv("WAQAI_NER", "crf")
    crf = tag_runs(SENTENCES, 2)
    monkeypatch.setenv("WAQAI_NER", "crf+nn")
    both = tag_runs(SENTENCES, 2)
    monkeypatch.setenv("WAQAI_NER", "crf")
    assert tag_runs(SENTENCES, 2) == crf
    monkeypatch.setenv("WAQAI_NER", "crf+nn")
    assert tag_runs(SENTENCES, 2) == both
    assert both[0][3:5] == ["B-PER", "I-PER"]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([*SPAN_WORDS, ".", "فلاديمير", "بوتين", "وزير"]), max_size=12),
        min_size=1,
        max_size=5,
    )
)
def test_mixed_tags_are_whole_entities_and_spans_index_the_original(
    sentences: list[list[str]],
) -> None:
    """Any document, empty sentences included: one BIO tag per token, every I- continuing
    its type, and the pipeline's entity spans index the original text."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WAQAI_NER", "crf+nn")
        tags = tag_runs(sentences, len(sentences))
        text = "\n".join(" ".join(s) for s in sentences)
        doc = default_pipeline()(text, published="2022-01-13")
    assert [len(t) for t in tags] == [len(s) for s in sentences]
    for sentence in tags:
        for previous, tag in zip(["O", *sentence], sentence, strict=False):
            assert tag == "O" or tag[:2] in ("B-", "I-")
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:]
    for e in doc.entities:
        assert text[e.start : e.end] == e.text
