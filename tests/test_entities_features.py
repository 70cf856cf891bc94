"""NER features: word classes (frequency table), given names, consonant skeletons."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waqai.entities import gazetteer
from waqai.entities.features import (
    gazetteer_tags,
    given_names,
    skeleton,
    skeletons,
    stripped,
    word_features,
)
from waqai.entities.frequency import UNKNOWN, WordClasses, word_classes
from waqai.entities.pretokenized import word_spans
from waqai.text.normalize import normalize


def _table(rows: dict[str, str], step: int = 2048) -> WordClasses:
    lines = sorted(f"{w}\t{c}\n".encode() for w, c in rows.items())
    return WordClasses(b"# header\n" + b"".join(lines), step)


def test_word_classes_finds_every_word_and_only_them() -> None:
    t = _table({"كتاب": "5,0", "الكتاب": "5,0", "جاكرتا": "4,al0", "في": "8,-3"})
    assert t.get("جاكرتا") == ("4", "al0")
    assert t.get("في") == ("8", "-3")
    assert t.get("كتب") == UNKNOWN
    assert t.get("") == UNKNOWN
    assert t.get("ي") == UNKNOWN  # sorts after every key
    assert len(t) == 4


def test_word_classes_iterate_words_with_their_zipf_bucket() -> None:
    table = WordClasses("# header\nالامم\t5,1\nبوتين\t4,-3\n".encode())
    assert list(table.words()) == [("الامم", 5), ("بوتين", 4)]


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
    st.sampled_from([1, 16, 64, 2048]),
)
def test_word_classes_indexed_search_agrees_with_a_dict(
    rows: dict[str, str], probes: list[str], step: int
) -> None:
    """Whatever the block size (one line per block or the whole table in one)."""
    t = _table(rows, step)
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


def test_shipped_word_classes_every_word_is_found() -> None:
    """Every 50th word of the half-million, and a word just past each (absent or itself
    in the table), found through the index as a dict of the whole table finds it."""
    table = word_classes()
    lines = table.blob.decode().split("\n")[1:-1]
    rows = dict(line.split("\t") for line in lines)
    for word in list(rows)[::50]:
        for probe in (word, word + "ا"):
            want = tuple(rows[probe].split(",")) if probe in rows else UNKNOWN
            assert table.get(probe) == want


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
    from waqai.entities.features import restrict_to, sequence_features, tagging_features
    from waqai.resources import data_path

    restrict_to(ner.attributes())
    words = [
        normalize(w)
        for w in ["وقال", "الرئيس", "الكازاخستاني", "قاسم", "جومرت", "توكاييف", "في", "ألماتي"]
    ]
    gaz = [""] * len(words)
    full, cut = sequence_features(words, gaz), tagging_features(words, gaz)
    assert sum(map(len, cut)) < sum(map(len, full))
    fresh = pycrfsuite.Tagger()  # a second tagger on the same model, given every feature
    fresh.open(str(data_path("entities", ner.MODEL)))
    assert fresh.tag(full) == ner.tagger().tag(cut)
    assert "B-PER" in fresh.tag(full)
    # exactly the weighted ones, none lost: rare words next to cue words and names, the
    # sentence's edges, gazetteer tags on a token and its neighbours, the written form
    weighted = {a for a, _ in fresh.info().state_features}
    sentence = (
        "ثم التقى وزير الخارجية زغبوريانتس بنظيره في بيشكيك وقال ، إن 12 فرقة روسية على الحدود"
    )
    raw = sentence.split(" ")
    words = [normalize(w) for w in raw]
    gaz = gazetteer_tags(gazetteer.find(" ".join(words)), word_spans(words))
    assert {"B-city", "B-nisba"} <= set(gaz)
    full = sequence_features(words, gaz, raw=raw)
    cut = tagging_features(words, gaz, raw=raw)
    assert any(x.startswith("-1:g=") for f in cut for x in f)
    assert "am" in cut[-2]  # على as written
    for f, c in zip(full, cut, strict=True):
        assert sorted(c) == sorted(x for x in f if x in weighted)


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
    from waqai.entities import conll
    from waqai.entities.pretokenized import tag_tokens

    written = sentence.split()
    tags = tag_tokens([written], spread=False)[0]
    return [(" ".join(written[a:b]), t) for a, b, t in conll.bio_spans(tags)]


# full names the training data never has (a surname once at most) and the gazetteer does
# not know, with no title before them: the model knows them from the name lists (Wikidata's
# Arabic labels of people) and the name-spelling model learned from them
LISTED_ONLY = [
    ("التقى سلطان العامري وفدا من رجال الأعمال في المنامة", "سلطان العامري"),
    ("وأكد ماجد الخليفي أن الاتفاق سيوقع قريبا", "ماجد الخليفي"),
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
    # the lists and the name-spelling model learned from them
    monkeypatch.setattr(features, "name_parts", dict)
    monkeypatch.setattr(features, "full_names", lambda: (frozenset(), frozenset()))
    monkeypatch.setattr(features.nameness, "bucket", lambda word: "0")
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


# --- how much a word is spelled like a name (entities/nameness.py) ---


def test_nameness_learns_letter_ngrams_of_names_against_common_words() -> None:
    from waqai.entities import nameness

    table = nameness.learn(["كانافارو", "ثاباتيرو", "الزمالك"], ["المستشفيات", "يعتمدون", "زمالك"])
    # ``زمالك`` is both: it counts as a name, and the article is no evidence either way
    assert "<ال" not in table
    assert table["رو>"] > 0 > table["ون>"]
    assert nameness.score("باتيرو", table) > 0 > nameness.score("يستشفون", table)


@pytest.mark.parametrize(
    ("word", "bucket"),
    [
        ("ثاباتيرو", "1"),  # Zapatero: a transliteration
        ("علي", "2"),
        ("بوجاتي", "1"),
        ("سيحاسبونهم", "-2"),  # "they will hold them to account": a verb template
        ("المستشفيات", "-2"),
        ("يعتمد", "-2"),
    ],
)
def test_shipped_nameness_buckets(word: str, bucket: str) -> None:
    from waqai.entities import nameness

    assert nameness.bucket(word) == bucket


def test_nameness_is_a_word_feature() -> None:
    assert "nm=1" in word_features(normalize("ثاباتيرو"))[0]
    assert "nm=-2" in word_features(normalize("المستشفيات"))[0]
    assert not any(f.startswith("nm=") for f in word_features("Reuters")[0])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئة", min_size=1, max_size=12))
def test_nameness_bucket_is_bounded_for_any_word(word: str) -> None:
    from waqai.entities import nameness

    assert -nameness.LIMIT <= int(nameness.bucket(word)) <= nameness.LIMIT


def test_shipped_name_grams_schema() -> None:
    from waqai.resources import read_lines

    lines = read_lines("entities", "name_grams.tsv")
    assert lines[0] == "gram\tweight"
    grams = [line.split("\t") for line in lines[1:]]
    assert len(grams) > 50_000
    assert all(2 <= len(g.strip("<>")) + g.count("<") + g.count(">") <= 4 for g, _ in grams)
    assert all(float(w) == round(float(w), 3) for _, w in grams[:1000])


# --- what the matching form drops (features.spelling_features) ---


@pytest.mark.parametrize(
    ("raw", "marks"),
    [
        ("على", ("am",)),
        ("وعلى", ("am",)),
        ("عَلَى", ("am",)),
        ("علي", ()),
        ("مصطفى", ("am",)),
        ("", ()),
    ],
)
def test_spelling_features_mark_a_final_alif_maqsura(raw: str, marks: tuple[str, ...]) -> None:
    from waqai.entities.features import spelling_features

    assert spelling_features(raw) == marks


def test_sequence_features_carry_spelling_only_with_the_written_words() -> None:
    from waqai.entities.features import sequence_features

    written = ["فاز", "المنتخب", "على", "البحرين"]
    words = [normalize(w) for w in written]
    gaz = [""] * len(words)
    with_raw = sequence_features(words, gaz, None, written)
    assert ["am" in f for f in with_raw] == [False, False, True, False]
    assert not any("am" in f for f in sequence_features(words, gaz))


def test_the_preposition_is_not_the_name_it_shares_a_matching_form_with() -> None:
    # على (on) and علي (Ali) have one matching form; only the written form tells them apart
    assert ("علي عبد الله", "PER") in _tag("وقال علي عبد الله إن الاجتماع انتهى")
    assert not any(t == "PER" for _, t in _tag("وتغلب المنتخب على البحرين في المباراة"))


# --- decoding (ner.join_split_names) ---


@pytest.mark.parametrize(
    ("words", "tags", "joined"),
    [
        # one person the CRF cut in two
        ("محمود احمدي نجاد", "B-PER I-PER B-PER", "B-PER I-PER I-PER"),
        # two people joined by و stay two
        ("بوش وبلير", "B-PER B-PER", "B-PER B-PER"),
        # only people: two places side by side stay two
        ("غوانتانامو الدوحه", "B-LOC B-LOC", "B-LOC B-LOC"),
        ("قال خوسي لويس ثاباتيرو", "O B-PER B-PER I-PER", "O B-PER I-PER I-PER"),
    ],
)
def test_join_split_names(words: str, tags: str, joined: str) -> None:
    from waqai.entities.ner import join_split_names

    assert join_split_names(words.split(), tags.split()) == joined.split()


# --- name propagation (recognize.propagate) ---


def test_propagation_spreads_names_but_not_one_as_common_as_a_preposition() -> None:
    from waqai.entities.recognize import Mention, propagate

    # matching form: على (on) is written علي, like the name
    text = normalize("قال علي إن بوتين وصل. ورحب بوتين بالاتفاق على الفور")
    found = [
        Mention(text.index("علي"), text.index("علي") + 3, "PER", "model"),
        Mention(text.index("بوتين"), text.index("بوتين") + 5, "PER", "model"),
    ]
    spread = [(text[m.start : m.end], m.start, m.type) for m in propagate(text, found)]
    second = text.index("بوتين", found[1].end)
    assert ("بوتين", second, "PER") in spread
    assert not any(s == "علي" for s, _, _ in spread)


def test_missing_word_clusters_are_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from waqai import resources
    from waqai.entities import features
    from waqai.errors import DataError

    monkeypatch.setattr(resources, "data_path", lambda package, name: tmp_path / name)
    monkeypatch.setattr(features, "load_tsv", resources.load_tsv.__wrapped__)
    features.clusters.cache_clear()
    try:
        with pytest.raises(DataError, match="waqai/entities/data/clusters.tsv: cannot load"):
            features.clusters()
    finally:
        monkeypatch.undo()
        features.clusters.cache_clear()
    assert features.clusters()  # the shipped table again


@pytest.mark.parametrize("seed", ["1", "7"])
def test_nameness_does_not_depend_on_string_hashing(seed: str) -> None:
    # قائد scores exactly -0.5, a bucket boundary: a float sum in set order (which follows
    # the process's string hashing) put it in bucket -1 or -2 from run to run
    import os
    import subprocess
    import sys

    code = "from waqai.entities import nameness; print(nameness.score('قائد'), nameness.bucket('قائد'))"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["-0.5", "-1"]


def test_clear_word_caches_forgets_every_word_but_keeps_the_tables() -> None:
    from waqai.entities import features, frequency, ner
    from waqai.entities.features import clear_word_caches, known_word_features, restrict_to
    from waqai.text.tokenize import clitic_analyses

    restrict_to(ner.attributes())
    words = [normalize(w) for w in ["وقال", "الرئيس", "الكازاخستاني", "في", "ألماتي"]]
    for w in words:
        word_features(w)
        known_word_features(w)
    gazetteer.find(" ".join(words))  # clitic prefixes, frequency comparisons
    per_word = [
        word_features,
        known_word_features,
        features.stripped,
        clitic_analyses,
        gazetteer.clitic_prefixes,
        frequency.commoner,
    ]
    assert all(c.cache_info().currsize for c in per_word)
    clear_word_caches()
    assert [c.cache_info().currsize for c in per_word] == [0] * len(per_word)
    assert features.name_parts.cache_info().currsize == 1  # tables stay loaded
    assert word_features(words[0]) == word_features.__wrapped__(words[0])
