"""NER features: word classes (frequency table), given names, consonant skeletons."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waqai.entities.features import given_names, skeleton, skeletons, stripped, word_features
from waqai.entities.frequency import UNKNOWN, WordClasses, word_classes
from waqai.text.normalize import normalize


def _table(rows: dict[str, str]) -> WordClasses:
    lines = sorted(f"{w}\t{c}\n".encode() for w, c in rows.items())
    return WordClasses(b"# header\n" + b"".join(lines))


def test_word_classes_finds_every_word_and_only_them() -> None:
    t = _table({"كتاب": "5,0", "الكتاب": "5,0", "جاكرتا": "4,al0", "في": "8,-3"})
    assert t.get("جاكرتا") == ("4", "al0")
    assert t.get("في") == ("8", "-3")
    assert t.get("كتب") == UNKNOWN
    assert t.get("") == UNKNOWN
    assert t.get("ي") == UNKNOWN  # sorts after every key
    assert len(t) == 4


def test_word_classes_empty_table() -> None:
    assert WordClasses(b"").get("كتاب") == UNKNOWN
    assert WordClasses(b"# only a header\n").get("كتاب") == UNKNOWN


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.text(alphabet="ابتثجكلمنهوي", min_size=1, max_size=6),
        st.sampled_from(["1,0", "3,al0", "6,-2", "2,bare0"]),
        max_size=40,
    ),
    st.lists(st.text(alphabet="ابتثجكلمنهوي", min_size=1, max_size=6), max_size=20),
)
def test_word_classes_binary_search_agrees_with_a_dict(
    rows: dict[str, str], probes: list[str]
) -> None:
    t = _table(rows)
    for w in [*rows, *probes]:
        want = tuple(rows[w].split(",")) if w in rows else UNKNOWN
        assert t.get(w) == want


@pytest.mark.parametrize(
    ("word", "zipf_at_least", "al_ratio"),
    [
        ("في", 7, "-3"),  # a preposition never takes ال
        ("برلسكوني", 2, "al0"),  # a foreign name: seen, never with ال
        ("القاهره", 4, "2"),  # the city is written with its article
    ],
)
def test_shipped_word_classes(word: str, zipf_at_least: int, al_ratio: str) -> None:
    z, ar = word_classes().get(word)
    assert int(z) >= zipf_at_least
    assert ar == al_ratio


def test_shipped_word_classes_unknown_word() -> None:
    assert word_classes().get("ككككخخخ") == UNKNOWN


@pytest.mark.parametrize(
    ("a", "b", "skel"),
    [
        ("جاكارتا", "جاكرتا", "جكرت"),
        ("سيرجي", "سيرغي", None),  # different consonants: no match claimed
        ("البوسنه", "بوسنه", "بسنه"),  # the article is not part of the name
    ],
)
def test_skeletons_of_spelling_variants(a: str, b: str, skel: str | None) -> None:
    if skel is None:
        assert skeleton(a) != skeleton(b)
    else:
        assert skeleton(a) == skeleton(b) == skel


def test_skeleton_index_knows_places_and_names() -> None:
    sk = skeletons()
    assert sk[skeleton("جاكارتا")] == "loc"
    assert sk[skeleton(normalize("كازاخستان"))] == "loc"
    assert all(len(k) >= 4 for k in sk)


@pytest.mark.parametrize("name", ["أحمد", "فاطمة", "جورج", "فلاديمير", "عبد"])
def test_given_names_are_in_matching_form(name: str) -> None:
    assert normalize(name) in given_names()


def test_given_names_leave_out_common_words() -> None:
    assert not {"سلام", "امل", "الدين"} & given_names()


def test_word_features_carry_the_new_cues() -> None:
    own, ctx = word_features(normalize("أحمد"))
    assert "gn" in own and "gn" in ctx
    own, _ = word_features(normalize("جاكرتا"))  # a spelling the gazetteer lacks
    assert "sk=loc" in own
    assert any(f.startswith("z=") for f in own) and any(f.startswith("ar=") for f in own)
    own, _ = word_features("،")
    assert not any(f.startswith("z=") for f in own)


def test_tagging_features_keep_only_model_attributes_and_the_same_labels() -> None:
    import pycrfsuite

    from waqai.entities import ner
    from waqai.entities.features import sequence_features, tagging_features
    from waqai.resources import data_path

    ner.tagger()  # installs the model's attributes
    words = [
        normalize(w)
        for w in ["وقال", "الرئيس", "الكازاخستاني", "قاسم", "جومرت", "توكاييف", "في", "ألماتي"]
    ]
    gaz = [""] * len(words)
    full, cut = sequence_features(words, gaz), tagging_features(words, gaz)
    assert all(set(c) <= set(f) for c, f in zip(cut, full, strict=True))
    assert sum(map(len, cut)) < sum(map(len, full))
    fresh = pycrfsuite.Tagger()  # a second tagger on the same model, given every feature
    fresh.open(str(data_path("entities", ner.MODEL)))
    assert fresh.tag(full) == ner.tagger().tag(cut)
    assert "B-PER" in fresh.tag(full)


def test_document_features_tell_one_sentence_what_another_says_about_a_word() -> None:
    from waqai.entities.features import document_features, sequence_features

    first = [normalize(w) for w in ["وقال", "الرئيس", "توكاييف", "إن", "الوضع", "مستقر"]]
    second = [normalize(w) for w in ["وأضاف", "توكاييف", "أن", "القوات", "ستنسحب"]]
    doc = document_features([first, second])
    # توكاييف follows a person title in the first sentence: the second one knows it too
    assert "D:pc1" in doc[stripped(normalize("توكاييف"))]
    gaz = [""] * len(second)
    with_doc = sequence_features(second, gaz, doc)
    alone = sequence_features(second, gaz, document_features([second]))
    assert "D:pc1" in with_doc[1] and "D:pc1" not in alone[1]
    # a given name before a word is said too: الحلبوسي ends a person's name somewhere
    names = document_features([[normalize(w) for w in ["قال", "محمد", "الحلبوسي"]]])
    assert "D:gn-" in names[stripped(normalize("الحلبوسي"))]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("محمد", "g"),  # mostly a given name in Wikidata's Arabic labels of people
        ("الزهراني", "s"),  # mostly a surname
        ("شيراك", "n"),  # a foreign name from arabnamer's pairs, role unknown
        ("السيسي", "s"),
    ],
)
def test_name_parts_know_given_names_surnames_and_foreign_names(word: str, role: str) -> None:
    from waqai.entities.features import name_parts

    assert name_parts()[normalize(word)] == role


def test_name_parts_leave_out_words_as_common_as_prepositions() -> None:
    from waqai.entities.features import name_parts

    assert not {"في", "من", "عن", "هذه", "الله"} & set(name_parts())
    assert "علي" in name_parts()  # common, but a curated given name


def test_shipped_name_lists_are_in_matching_form() -> None:
    from waqai.entities.features import full_names, name_parts

    parts = name_parts()
    assert len(parts) > 30_000
    assert set(parts.values()) == {"g", "s", "n"}
    assert all(normalize(w) == w and " " not in w for w in parts)
    names, firsts = full_names()
    assert len(names) > 55_000
    assert all(2 <= len(n.split()) <= 4 and normalize(n) == n for n in names)
    assert firsts == {n.split()[0] for n in names}


def test_full_name_tags_mark_known_full_names() -> None:
    from waqai.entities.features import full_name_tags

    words = [
        normalize(w)
        for w in [
            "قال",
            "الرئيس",
            "حسني",
            "مبارك",
            "إن",
            "وليد",
            "المعلم",
            "ولفؤاد",
            "السنيورة",
            "وحسني",
        ]
    ]
    assert full_name_tags(words) == [
        "",
        "",
        "fn=B",  # حسني مبارك
        "fn=I",
        "",
        "fn=B",  # وليد المعلم: وليد is a name, not و + ليد
        "fn=I",
        "fn=B",  # و + ل + فؤاد السنيورة: proclitics on the first word
        "fn=I",
        "",  # a first name alone is no full name
    ]
    assert full_name_tags([]) == []
    assert full_name_tags(["حسني"]) == [""]


def test_word_features_carry_name_parts_and_their_frequency() -> None:
    own, ctx = word_features(normalize("الزهراني"))
    assert "np=s" in own and "np=s" in ctx
    assert any(f.startswith("npz=s") for f in own)
    own, ctx = word_features("في")
    assert not any(f.startswith("np") for f in own + ctx)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(["حسني", "مبارك", "وليد", "المعلم", "ولفؤاد", "السنيوره", "قال", "،"]),
        max_size=12,
    )
)
def test_full_name_tags_mark_whole_listed_names_only(words: list[str]) -> None:
    from waqai.entities.features import full_name_tags, full_names, stripped

    names, _ = full_names()
    tags = full_name_tags(words)
    assert len(tags) == len(words)
    i = 0
    while i < len(tags):
        assert tags[i] in ("", "fn=B")  # every run opens with B
        if tags[i]:
            j = i + 1
            while j < len(tags) and tags[j] == "fn=I":
                j += 1
            rest = words[i + 1 : j]
            assert any(" ".join((f, *rest)) in names for f in (words[i], stripped(words[i])))
            i = j
        else:
            i += 1


def _tag(sentence: str) -> list[tuple[str, str]]:
    """Model spans of one sentence, as the pipeline tags a one-sentence document."""
    from waqai.entities import conll, gazetteer, ner
    from waqai.entities.features import gazetteer_tags

    words = [normalize(w) for w in sentence.split()]
    spans, pos = [], 0
    for w in words:
        spans.append((pos, pos + len(w)))
        pos += len(w) + 1
    hits = gazetteer.find(" ".join(words))
    tags = ner.tag_document([(words, gazetteer_tags(hits, spans))])[0]
    return [(" ".join(sentence.split()[a:b]), t) for a, b, t in conll.bio_spans(tags)]


# names in neither the training data nor the gazetteer, with no title before them: the
# model knows them from the name lists (Wikidata's Arabic labels of people)
LISTED_ONLY = [
    ("التقى سلطان العامري وفدا من رجال الأعمال في المنامة", "سلطان العامري"),
    ("واستقبل عادل الجبير نظيره الأردني", "عادل الجبير"),
]


@pytest.mark.parametrize(("sentence", "name"), LISTED_ONLY)
def test_ner_tags_people_the_name_lists_know(sentence: str, name: str) -> None:
    assert (name, "PER") in _tag(sentence)


def test_ner_without_the_name_lists_misses_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from waqai.entities import features

    def clear() -> None:
        for f in (features.word_features, features.neighbour_features):
            f.cache_clear()
        features.known_word_features.cache_clear()

    clear()
    monkeypatch.setattr(features, "name_parts", dict)
    monkeypatch.setattr(features, "full_names", lambda: (frozenset(), frozenset()))
    try:
        for sentence, name in LISTED_ONLY:
            assert (name, "PER") not in _tag(sentence)
    finally:
        monkeypatch.undo()
        clear()
    assert all((name, "PER") in _tag(s) for s, name in LISTED_ONLY)


def test_a_missing_name_list_is_a_clear_error() -> None:
    from waqai.errors import DataError
    from waqai.resources import read_lines

    with pytest.raises(DataError, match="waqai/entities/data/no_such_list.txt: cannot load"):
        read_lines("entities", "no_such_list.txt")
    lines = read_lines("entities", "name_parts.tsv")
    assert lines[0] == "word\trole"  # comments skipped, the header kept
    assert all(not line.startswith("#") and line.count("\t") == 1 for line in lines)
