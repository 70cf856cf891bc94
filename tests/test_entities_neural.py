"""The optional second NER model (WAQAI_NER=crf+nn): its numpy network, its decoding, and
tagging with it (also in test_entities_pretokenized)."""

from __future__ import annotations

import math

import pytest

np = pytest.importorskip("numpy")

from waqai.entities import neural  # noqa: E402
from waqai.errors import ConfigError  # noqa: E402
from waqai.pipeline import default_pipeline  # noqa: E402

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
    (p,) = neural.probabilities(net, [(["زيد", "عمرو"], [["w=زيد"], ["x"]])])
    one = sigmoid(i) * math.tanh(g)  # the cell after one step
    h1 = sigmoid(o) * math.tanh(one)
    h2 = sigmoid(o) * math.tanh(sigmoid(f) * one + one)
    # token 1: forward state after 1 step, backward after 2; token 2 the other way round
    for row, fw, bw in ((p[0], h1, h2), (p[1], h2, h1)):
        z = [fw, bw, 0, 0, 0]
        total = sum(math.exp(x) for x in z)
        assert row.tolist() == pytest.approx([math.exp(x) / total for x in z], abs=1e-6)


def test_batch_of_sentences_equals_each_sentence_alone() -> None:
    net = tiny_network([0.3, 0.2, -0.4, 0.9])
    a = (["زيد", "قال", "عمرو"], [["w=زيد"], ["s1=د"], []])
    b = (["زيد"], [["s1=د", "w=زيد"]])
    together = neural.probabilities(net, [a, b])
    alone = [neural.probabilities(net, [s])[0] for s in (a, b)]
    for x, y in zip(together, alone, strict=True):
        assert x.shape == y.shape
        assert np.allclose(x, y, atol=1e-6)


def test_viterbi_keeps_bilou_valid() -> None:
    # token by token the best labels are I-PER, O, L-PER: no valid sequence
    probs = [
        [0.30, 0.40, 0.0, 0.30, 0.0],
        [0.00, 0.00, 0.0, 1.00, 0.0],
        [0.00, 0.00, 0.6, 0.40, 0.0],
    ]
    assert neural.viterbi(LABELS, probs) == ["O", "O", "O"]
    probs[1] = [0.0, 0.55, 0.0, 0.45, 0.0]
    assert neural.viterbi(LABELS, probs) == ["B-PER", "I-PER", "L-PER"]


@pytest.mark.parametrize("value", ["", "crf", " crf "])
def test_crf_alone_is_the_default(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("WAQAI_NER", value)
    assert neural.enabled() is False


def test_unknown_mode_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAQAI_NER", "bert")
    with pytest.raises(ConfigError, match="WAQAI_NER='bert'"):
        neural.enabled()


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
