"""Actors, recipients, dates, places and merged mentions, on documents whose entities and
timexes are set by hand (so these tests do not depend on the other stages)."""

from __future__ import annotations

import pytest

from waqai.document import Document, Entity, Event, Published, Timex
from waqai.events.coder import Options, code_events
from waqai.text.segment import split_sentences


def make_doc(
    text: str,
    entities: list[tuple[str, str, str, str | None]] = (),  # type: ignore[assignment]
    timexes: list[tuple[str, str]] = (),  # type: ignore[assignment]
    published: str | None = None,
) -> Document:
    """A document with sentences, and entities/timexes at the first occurrence of each string."""
    doc = Document(text)
    doc.sentences = split_sentences(text)
    doc.published = Published(published, "given" if published else None)
    pos = 0
    for i, (s, typ, eid, country) in enumerate(entities):
        start = text.find(s, pos if typ != "GPE" else 0)
        assert start >= 0, s
        doc.entities.append(
            Entity(f"t{i}", start, start + len(s), s, typ, eid, None, None, country)
        )
    for s, value in timexes:
        start = text.find(s)
        assert start >= 0, s
        doc.timexes.append(Timex(start, start + len(s), s, "DATE", value))
    doc.entities.sort(key=lambda e: e.start)
    return doc


def only(events: list[Event], typ: str) -> Event:
    found = [e for e in events if e.type == typ]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_events_masdar_genitive_is_the_actor_with_country_code() -> None:
    text = "أعلنت وزارة الدفاع الروسية اليوم انسحاب القوات الروسية من مدينة خيرسون."
    doc = make_doc(
        text,
        [
            ("وزارة الدفاع الروسية", "ORG", "org:RU:mod", "RU"),
            ("الروسية من", "NORP", "norp:RU", "RU"),
            ("خيرسون", "GPE", "gpe:UA:kherson", "UA"),
        ],
        [("اليوم", "2022-11-09")],
        published="2022-11-09",
    )
    # the NORP span above must cover only the adjective
    doc.entities[1].end -= 3
    doc.entities[1].text = "الروسية"
    e = only(code_events(doc), "RETREAT")
    assert (e.mode, e.cameo, e.quad_class) == ("withdraw", "0872", 2)
    assert e.trigger.text == "انسحاب"
    assert e.actor is not None and (e.actor.text, e.actor.code) == ("القوات الروسية", "RUSMIL")
    assert e.recipient is not None and e.recipient.text == "خيرسون"
    assert (e.date, e.country, e.modality, e.negated) == ("2022-11-09", "UA", "asserted", False)
    assert e.location is not None and e.location.text == "خيرسون"


def test_events_vso_subject_and_object() -> None:
    doc = make_doc(
        "اتهم الرئيس التونسي قيس سعيد الحكومة السابقة بالفساد.",
        [("الرئيس التونسي", "PER", "per:saied", "TN"), ("قيس سعيد", "PER", "per:saied", "TN")],
    )
    e = only(code_events(doc), "ACCUSE")
    assert e.actor is not None and e.actor.text == "الرئيس التونسي قيس سعيد"
    assert e.actor.entity_id == "per:saied"
    assert e.recipient is not None and e.recipient.text == "الحكومة السابقة"


def test_events_svo_subject_after_complementizer() -> None:
    doc = make_doc("وأكد البيان أن الجيش قصف مواقع المتمردين شمال المدينة.")
    e = only(code_events(doc), "ASSAULT")
    assert e.actor is not None and e.actor.text == "الجيش"
    assert e.recipient is not None and e.recipient.text == "المتمردين"


def test_events_conjoined_verb_shares_the_subject() -> None:
    doc = make_doc(
        "انتقد رئيس الوزراء نتنياهو قرار المحكمة، وطالب المواطنين بالتظاهر ضده.",
        [("رئيس الوزراء", "PER", "per:netanyahu", "IL"), ("نتنياهو", "PER", "per:netanyahu", "IL")],
    )
    e = only(code_events(doc), "REQUEST")
    assert e.actor is not None and e.actor.entity_id == "per:netanyahu"


def test_events_mentions_of_one_event_are_merged_with_the_best_date() -> None:
    text = (
        "بدأت القوات الأمريكية الانسحاب من قاعدة التنف.\n"
        "وتقول واشنطن إن ذلك جاء بعد مشاورات مع الحلفاء.\n"
        "وأكدت وزارة الدفاع أن القوات بدأت بالانسحاب يوم 3 مارس الجاري."
    )
    doc = make_doc(
        text, [("وزارة الدفاع", "ORG", "org:US:dod", "US")], [("يوم 3 مارس الجاري", "2023-03-03")]
    )
    e = only(code_events(doc), "RETREAT")
    assert [m.text for m in e.mentions] == ["انسحاب", "انسحاب"]
    assert e.date == "2023-03-03"
    assert e.actor is not None and e.actor.text == "القوات الأمريكية"


def test_events_definite_noun_with_its_own_day_is_not_the_earlier_event() -> None:
    # "على خلفية الاحتجاجات" would refer back; "اندلعت الاحتجاجات في 2 يناير" tells a day of its own
    text = (
        "تتواصل الاحتجاجات اليوم الأربعاء في ألماتي.\n"
        "واندلعت الاحتجاجات في 2 يناير في مدينة جاناوزين."
    )
    doc = make_doc(
        text,
        [("ألماتي", "GPE", "Q1", "KZ"), ("جاناوزين", "GPE", "Q2", "KZ")],
        [("اليوم الأربعاء", "2022-01-05"), ("2 يناير", "2022-01-02")],
        published="2022-01-05",
    )
    got = [(e.type, e.date) for e in code_events(doc)]
    assert got == [("PROTEST", "2022-01-05"), ("PROTEST", "2022-01-02")]


def test_events_dates_nearest_timex_and_background() -> None:
    text = (
        "وفي 2 يناير الجاري، اندلعت احتجاجات في المدينة.\n"
        "وكانت السلطات قد اعتقلت ناشطين بارزين.\n"
        "واعتقلت الشرطة أمس عشرات المحتجين."
    )
    doc = make_doc(
        text,
        timexes=[("2 يناير الجاري", "2022-01-02"), ("أمس", "2022-01-05")],
        published="2022-01-06",
    )
    got = [(e.type, e.trigger.text, e.date) for e in code_events(doc)]
    assert got == [
        ("PROTEST", "احتجاجات", "2022-01-02"),
        ("COERCE", "اعتقلت", None),
        ("COERCE", "اعتقلت", "2022-01-05"),
    ]


def test_events_undated_sentence_continues_the_story_date() -> None:
    text = "شنت الطائرات أمس غارات على المدينة.\nوأدانت الحكومة الهجوم بشدة."
    doc = make_doc(text, timexes=[("أمس", "2024-05-01")], published="2024-05-02")
    assert [(e.type, e.date) for e in code_events(doc)] == [
        ("ASSAULT", "2024-05-01"),
        ("ACCUSE", "2024-05-01"),
    ]
    plain = code_events(doc, Options(default_date="published"))
    assert [e.date for e in plain] == ["2024-05-01", "2024-05-02"]


def test_events_without_entities_or_timexes_still_work() -> None:
    doc = make_doc("فرضت السلطات حظر التجول في العاصمة.")
    e = only(code_events(doc), "COERCE")
    assert (e.mode, e.date, e.country) == ("curfew", None, None)
    assert e.actor is not None and e.actor.text == "السلطات"


def test_events_definite_mention_refers_back_to_the_event() -> None:
    text = (
        "هاجم مسلحون نقطة تفتيش للجيش أمس.\n"
        "وأعلنت وزارة الداخلية اعتقال عدد من المشتبه بهم.\n"
        "ووصل وزير الداخلية إلى المنطقة صباح اليوم.\n"
        "وأدان رئيس الوزراء الهجوم في بيان."
    )
    doc = make_doc(
        text, timexes=[("أمس", "2023-03-11"), ("صباح اليوم", "2023-03-12")], published="2023-03-12"
    )
    e = only(code_events(doc), "ASSAULT")
    assert [m.text for m in e.mentions] == ["هاجم", "هجوم"]
    assert e.actor is not None and e.actor.text == "مسلحون"
    assert e.date == "2023-03-11"


def test_events_background_is_not_dated_by_default() -> None:
    text = "اعتقلت الشرطة اليوم ناشطين.\nوكان البرلمان العراقي قد صوت على تمديد حالة الطوارئ في البلاد."
    doc = make_doc(text, timexes=[("اليوم", "2023-03-12")], published="2023-03-12")
    got = {(e.type, e.mode): e for e in code_events(doc)}
    assert got[("COERCE", "arrest")].date == "2023-03-12"
    martial = got[("COERCE", "martial-law")]
    assert martial.date is None
    assert martial.actor is not None and martial.actor.text == "البرلمان العراقي"


def test_events_spokesman_title_body_and_name_are_one_actor() -> None:
    text = "وأعلن المتحدث باسم الجيش الإسرائيلي دانيال هاغاري استدعاء الاحتياط."
    doc = make_doc(
        text,
        entities=[("الجيش الإسرائيلي", "ORG", "Q1", "IL"), ("دانيال هاغاري", "PER", "Q2", "IL")],
    )
    ev = only(code_events(doc), "MOBILIZE")
    assert ev.actor is not None
    assert ev.actor.text == "المتحدث باسم الجيش الإسرائيلي دانيال هاغاري"


def test_events_accepted_resignation_keeps_its_own_date() -> None:
    text = "أعلن رئيس البرلمان اليوم قبول استقالة الرئيس، بعد أن أرسل رسالة استقالته أمس."
    doc = make_doc(
        text,
        timexes=[("اليوم", "2024-03-10"), ("أمس", "2024-03-09")],
        published="2024-03-10",
    )
    ev = only(code_events(doc), "RETREAT")
    assert ev.date == "2024-03-09"
    assert len(ev.mentions) == 2


def test_events_guessed_country_does_not_split_one_sentence_event() -> None:
    text = (
        "كييف - أمر الرئيس فلاديمير بوتين اليوم بوضع قوات الردع في الجيش الروسي، "
        "ومنها الأسلحة النووية، في حالة تأهب خاصة."
    )
    doc = make_doc(
        text,
        entities=[("كييف", "GPE", "Q3", "UA"), ("فلاديمير بوتين", "PER", "Q4", "RU")],
        timexes=[("اليوم", "2024-03-10")],
        published="2024-03-10",
    )
    ev = only(code_events(doc), "MOBILIZE")
    assert (ev.country, ev.date) == ("RU", "2024-03-10")
    assert ev.actor is not None and ev.actor.text == "الرئيس فلاديمير بوتين"
    assert len(ev.mentions) == 2


def test_main_country_counts_a_person_once_however_often_named() -> None:
    from waqai.events.participants import main_country

    text = (
        "الرياض - استقبل الملك سلمان الرئيس الصيني شي جين بينغ في قصر اليمامة.\n"
        "وعقد شي جين بينغ جلسة مباحثات، ثم قال شي جين بينغ إن الزيارة ناجحة.\n"
        "وأكد شي جين بينغ أن الصين تثمن العلاقات مع السعودية، وغادر شي جين بينغ مساء."
    )
    entities = [
        ("الرياض", "GPE", "gpe:SA:riyadh", "SA"),
        ("الملك سلمان", "PER", "per:salman", "SA"),
        ("شي جين بينغ", "PER", "per:xi", "CN"),
        ("شي جين بينغ", "PER", "per:xi", "CN"),
        ("شي جين بينغ", "PER", "per:xi", "CN"),
        ("شي جين بينغ", "PER", "per:xi", "CN"),
        ("شي جين بينغ", "PER", "per:xi", "CN"),
        ("الصين", "GPE", "gpe:CN", "CN"),
        ("السعودية", "GPE", "gpe:SA", "SA"),
    ]
    # SA: dateline 3 + king 1 + place 1 = 5; CN: Xi once 1 + place 1 = 2 (per mention: 6)
    assert main_country(make_doc(text, entities)) == "SA"


def test_events_perfect_verb_is_not_dated_after_the_article() -> None:
    # the later day belongs to the planned drills, not to the launch already reported
    text = "أطلق الجيش صواريخ تقليدية سقطت في البحر، على أن تستمر المناورات حتى الأحد المقبل."
    doc = make_doc(text, timexes=[("الأحد المقبل", "2022-08-07")], published="2022-08-04")
    ev = only(code_events(doc), "ASSAULT")
    assert ev.date == "2022-08-04"  # the article's day, as for any undated news sentence


def test_events_the_latter_is_the_last_person_named() -> None:
    text = "اتصل الرئيس الفرنسي ماكرون بنظيره الروسي بوتين، وطالب الأخير بوقف الهجوم."
    doc = make_doc(
        text,
        [("ماكرون", "PER", "per:macron", "FR"), ("بوتين", "PER", "per:putin", "RU")],
        published="2022-05-12",
    )
    ev = only(code_events(doc), "REQUEST")
    assert ev.actor is not None
    assert (ev.actor.text, ev.actor.entity_id) == ("الأخير", "per:putin")


def test_events_the_latter_after_a_definite_noun_is_an_adjective() -> None:
    from waqai.events.participants import find_mentions

    text = "التقى ماكرون بوتين، وارتفعت الأسعار في الآونة الأخيرة والأسبوع الأخير."
    doc = make_doc(
        text, [("ماكرون", "PER", "per:macron", "FR"), ("بوتين", "PER", "per:putin", "RU")]
    )
    assert [m.entity_id for m in find_mentions(doc)] == ["per:macron", "per:putin"]


def test_events_an_anniversary_date_does_not_date_the_event() -> None:
    text = (
        "ووقعت الحكومة والجبهة اتفاقا، قبل يومين من الذكرى الثانية لاندلاع الحرب في 4 نوفمبر 2020."
    )
    doc = make_doc(text, timexes=[("4 نوفمبر 2020", "2020-11-04")], published="2022-11-02")
    assert "2020-11-04" not in {e.date for e in code_events(doc)}


def test_events_a_state_sanctions_and_speaks_from_home() -> None:
    text = (
        "واشنطن - طردت الولايات المتحدة 60 دبلوماسيا روسيا. "
        "كما أعلنت أوكرانيا طرد 13 دبلوماسيا روسيا. وطالبت كندا موسكو بتفسير."
    )
    doc = make_doc(
        text,
        entities=[
            ("واشنطن", "GPE", "Q1", "US"),
            ("الولايات المتحدة", "GPE", "Q2", "US"),
            ("أوكرانيا", "GPE", "Q3", "UA"),
            ("كندا", "GPE", "Q4", "CA"),
            ("موسكو", "GPE", "Q5", "RU"),
        ],
        published="2018-03-26",
    )
    countries = {(e.type, e.actor.text if e.actor else None, e.country) for e in code_events(doc)}
    assert ("SANCTION", "أوكرانيا", "UA") in countries
    assert ("REQUEST", "كندا", "CA") in countries


def test_events_a_casualty_toll_is_the_outcome_of_the_attack_after_it() -> None:
    text = "أعلنت الحكومة العراقية اليوم مقتل 16 شخصا في غارات جوية شنتها الولايات المتحدة أمس."
    doc = make_doc(
        text,
        [("الحكومة العراقية", "ORG", "Q1", "IQ"), ("الولايات المتحدة", "GPE", "Q2", "US")],
        timexes=[("اليوم", "2024-02-03"), ("أمس", "2024-02-02")],
        published="2024-02-03",
    )
    ev = only(code_events(doc), "ASSAULT")  # one event: the strikes, not the toll
    assert ev.trigger.text == "غارات جوية" and ev.date == "2024-02-02"


def test_events_a_casualty_toll_without_its_cause_stays_an_event() -> None:
    text = "أعلنت الشرطة اليوم مقتل ثلاثة أشخاص في بغداد."
    doc = make_doc(text, timexes=[("اليوم", "2024-02-03")], published="2024-02-03")
    assert only(code_events(doc), "ASSAULT").trigger.text == "مقتل"


def test_events_a_meeting_held_by_takes_its_holder_as_actor() -> None:
    text = "وجاء القرار في ختام قمة استثنائية عقدها قادة المجموعة في أبوجا."
    doc = make_doc(text, [("أبوجا", "GPE", "Q1", "NG")], published="2023-08-10")
    ev = only(code_events(doc), "CONSULT")
    assert ev.actor is not None and ev.actor.text.startswith("قادة")


def test_events_a_visit_made_by_takes_its_visitor_as_actor() -> None:
    text = "وتلت ذلك زيارة أجراها وزير الخارجية التركي إلى إسرائيل."
    doc = make_doc(text, [("إسرائيل", "GPE", "Q1", "IL")], published="2022-08-18")
    ev = only(code_events(doc), "CONSULT")
    assert ev.actor is not None and ev.actor.text.startswith("وزير الخارجية")
    assert ev.country == "IL"


def test_events_the_dateline_date_dates_no_event() -> None:
    text = "تبليسي، 15 مايو 2024 (أ ف ب) - تظاهر عشرات الآلاف أمام البرلمان في تبليسي مساء أمس الثلاثاء."
    doc = make_doc(
        text,
        [("تبليسي", "GPE", "Q1", "GE")],
        timexes=[("15 مايو 2024", "2024-05-15"), ("مساء أمس الثلاثاء", "2024-05-14TEV")],
        published="2024-05-15",
    )
    assert only(code_events(doc), "PROTEST").date == "2024-05-14"


def test_events_an_undated_sentence_takes_the_story_day_not_the_dateline() -> None:
    text = (
        "كراكاس، 24 يناير 2019 (وكالات) - أعلن غوايدو أمس الأربعاء نفسه رئيسا انتقاليا. "
        "وقطع مادورو العلاقات الدبلوماسية مع الولايات المتحدة."
    )
    doc = make_doc(
        text,
        [("الولايات المتحدة", "GPE", "Q1", "US")],
        timexes=[("24 يناير 2019", "2019-01-24"), ("أمس الأربعاء", "2019-01-23")],
        published="2019-01-24",
    )
    assert only(code_events(doc), "SANCTION").date == "2019-01-23"


def test_events_the_object_of_a_reaction_is_not_done_by_who_reacts() -> None:
    text = (
        "أعلن الرئيس روبرت موغابي استقالته أمس. "
        "ورحبت رئيسة الوزراء البريطانية تيريزا ماي بالاستقالة."
    )
    doc = make_doc(
        text,
        [("روبرت موغابي", "PER", "per:mugabe", "ZW"), ("تيريزا ماي", "PER", "per:may", "GB")],
        timexes=[("أمس", "2017-11-21")],
        published="2017-11-22",
    )
    events = code_events(doc)
    resign = only(events, "RETREAT")  # one resignation: May's welcome merges into it
    assert resign.actor is not None and resign.actor.entity_id == "per:mugabe"
    assert resign.country == "ZW"


def test_events_where_someone_lives_is_not_where_the_event_happens() -> None:
    text = (
        "أنقرة - اتهم أردوغان اليوم الداعية غولن المقيم في الولايات المتحدة بالوقوف وراء "
        "المحاولة، وطالب واشنطن بتسليمه."
    )
    doc = make_doc(
        text,
        [
            ("أنقرة", "GPE", "Q1", "TR"),
            ("أردوغان", "PER", "Q2", "TR"),
            ("الولايات المتحدة", "GPE", "Q3", "US"),
            ("واشنطن", "GPE", "Q4", "US"),
        ],
        timexes=[("اليوم", "2016-07-16")],
        published="2016-07-16",
    )
    events = code_events(doc)
    assert only(events, "ACCUSE").country == "TR"
    assert only(events, "REQUEST").country == "TR"


def test_statement_takes_its_fronted_place_not_the_place_it_is_about() -> None:
    text = "وفي موسكو، ندد الكرملين اليوم بما وصفه باغتصاب السلطة في فنزويلا."
    doc = make_doc(
        text,
        [
            ("موسكو", "GPE", "Q1", "RU"),
            ("الكرملين", "ORG", "Q2", "RU"),
            ("فنزويلا", "GPE", "Q3", "VE"),
        ],
        timexes=[("اليوم", "2019-01-24")],
        published="2019-01-24",
    )
    accuse = only(code_events(doc), "ACCUSE")
    assert (accuse.country, accuse.location.text, accuse.date) == ("RU", "موسكو", "2019-01-24")


def test_verb_tail_preposition_may_follow_subject_and_day() -> None:
    # "وافق ... على": the subject and the day stand between the verb and its preposition
    text = "وافق مجلس النواب المصري اليوم الأربعاء على اتفاقية تعيين الحدود البحرية."
    doc = make_doc(
        text,
        [("مجلس النواب المصري", "ORG", "Q1", "EG")],
        timexes=[("اليوم الأربعاء", "2017-06-14")],
        published="2017-06-14",
    )
    agree = only(code_events(doc), "AGREE")
    assert (agree.trigger.text, agree.actor.text, agree.date) == (
        "وافق",
        "مجلس النواب المصري",
        "2017-06-14",
    )


def test_sanction_of_coordinated_states_is_one_event_per_state() -> None:
    text = "أعلنت السعودية والإمارات والبحرين ومصر اليوم قطع العلاقات الدبلوماسية مع قطر."
    doc = make_doc(
        text,
        [
            ("السعودية", "GPE", "gpe:SA", "SA"),
            ("الإمارات", "GPE", "gpe:AE", "AE"),
            ("البحرين", "GPE", "gpe:BH", "BH"),
            ("مصر", "GPE", "gpe:EG", "EG"),
            ("قطر", "GPE", "gpe:QA", "QA"),
        ],
        timexes=[("اليوم", "2017-06-05")],
        published="2017-06-05",
    )
    got = [(e.type, e.actor.text, e.recipient.text, e.country, e.date) for e in code_events(doc)]
    assert got == [
        ("SANCTION", who, "قطر", country, "2017-06-05")
        for who, country in [
            ("السعودية", "SA"),
            ("الإمارات", "AE"),
            ("البحرين", "BH"),
            ("مصر", "EG"),
        ]
    ]


def test_a_statement_of_coordinated_states_stays_one_event_headed_by_the_first() -> None:
    text = "ودعت فرنسا وألمانيا اليوم إلى وقف فوري لإطلاق النار."
    doc = make_doc(
        text,
        [("فرنسا", "GPE", "gpe:FR", "FR"), ("ألمانيا", "GPE", "gpe:DE", "DE")],
        timexes=[("اليوم", "2017-06-05")],
        published="2017-06-05",
    )
    request = only(code_events(doc), "REQUEST")
    assert request.actor.text == "فرنسا"


def test_the_preposition_ila_is_no_governor() -> None:
    # "وإلى" and "والي" (governor) share a matching form; the written hamza tells them apart
    text = "أعلنت الخطوط الجوية السعودية اليوم تعليق جميع رحلاتها من وإلى مدينة تورونتو."
    doc = make_doc(
        text,
        [("الخطوط الجوية السعودية", "ORG", "Q1", "SA"), ("تورونتو", "GPE", "Q2", "CA")],
        timexes=[("اليوم", "2018-08-06")],
        published="2018-08-06",
    )
    sanction = only(code_events(doc), "SANCTION")
    assert (sanction.trigger.text, sanction.recipient.text) == ("تعليق جميع رحلاتها", "تورونتو")


def test_undated_event_takes_the_day_named_earlier_in_its_paragraph() -> None:
    text = (
        "تظاهر آلاف اليوم الأربعاء في العاصمة.\n"
        "واعتقلت الشرطة أمس الثلاثاء عشرات الناشطين. وفرضت السلطات حظر التجول في المدينة."
    )
    doc = make_doc(
        text,
        timexes=[("اليوم الأربعاء", "2022-01-05"), ("أمس الثلاثاء", "2022-01-04")],
        published="2022-01-05",
    )
    got = [(e.type, e.trigger.text, e.date) for e in code_events(doc)]
    assert got == [
        ("PROTEST", "تظاهر", "2022-01-05"),
        ("COERCE", "اعتقلت", "2022-01-04"),
        ("COERCE", "فرضت", "2022-01-04"),  # not the story's first day, 5 January
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the nine were killed; they killed no one
        ("وقال المحافظ اليوم إن تسعة أشخاص قُتلوا في القصف.", ("قُتلوا", None, "أشخاص")),
        ("وقُتل ثلاثة متظاهرين برصاص الشرطة اليوم.", ("قُتل", "الشرطة", "متظاهرين")),
        ("وقتل مسلحون خمسة جنود اليوم.", ("قتل", "مسلحون", "جنود")),  # no damma: active
    ],
)
def test_passive_perfect_makes_its_subject_the_recipient(
    text: str, expected: tuple[str, str | None, str]
) -> None:
    police = [("الشرطة", "ORG", "Q1", "IQ")] if "الشرطة" in text else []
    doc = make_doc(text, police, timexes=[("اليوم", "2024-01-18")], published="2024-01-18")
    e = only(code_events(doc), "ASSAULT")
    assert (e.trigger.text, e.actor.text if e.actor else None, e.recipient.text) == expected


def test_a_date_between_verb_and_complement_does_not_count_as_words() -> None:
    text = "وتوصل الطرفان يوم الأربعاء 21 كانون الثاني/يناير إلى اتفاق من تسع نقاط."
    doc = make_doc(
        text,
        timexes=[("يوم الأربعاء 21 كانون الثاني/يناير", "2015-01-21")],
        published="2015-01-22",
    )
    agree = only(code_events(doc), "AGREE")
    assert (agree.trigger.text, agree.date) == ("اتفاق", "2015-01-21")


def test_circumstantial_participle_takes_the_date_of_its_main_clause() -> None:
    text = (
        "وأعلن أردوغان يوم الجمعة استئناف أعمال التنقيب، بعد أن كانت بلاده قد علقتها الشهر "
        "الماضي، متهماً أثينا بعدم الوفاء بوعودها."
    )
    doc = make_doc(
        text,
        [("أردوغان", "PER", "Q1", "TR"), ("أثينا", "GPE", "Q2", "GR")],
        timexes=[("يوم الجمعة", "2020-08-07"), ("الشهر الماضي", "2020-07")],
        published="2020-08-11",
    )
    accuse = only(code_events(doc), "ACCUSE")
    assert (accuse.trigger.text, accuse.date) == ("متهماً", "2020-08-07")


def test_a_states_statement_without_a_place_is_made_at_home_unless_it_visits() -> None:
    text = (
        "بانكوك (وكالات) - استولى الجيش على السلطة اليوم.\n"
        "وندد وزير الخارجية الأمريكي جون كيري اليوم بالانقلاب."
    )
    doc = make_doc(
        text,
        [("بانكوك", "GPE", "Q1", "TH"), ("وزير الخارجية الأمريكي جون كيري", "PER", "Q2", "US")],
        timexes=[("اليوم", "2014-05-22")],
        published="2014-05-22",
    )
    assert only(code_events(doc), "ACCUSE").country == "US"
    text = (
        "بيروت - التقى الرئيس الفرنسي إيمانويل ماكرون اليوم الرئيس ميشال عون.\n"
        "ودعا ماكرون القادة اللبنانيين إلى إصلاحات عاجلة."
    )
    doc = make_doc(
        text,
        [
            ("بيروت", "GPE", "Q1", "LB"),
            ("الرئيس الفرنسي إيمانويل ماكرون", "PER", "per:macron", "FR"),
            ("الرئيس ميشال عون", "PER", "per:aoun", "LB"),
            ("ماكرون", "PER", "per:macron", "FR"),
        ],
        timexes=[("اليوم", "2020-08-06")],
        published="2020-08-06",
    )
    assert only(code_events(doc), "REQUEST").country == "LB"  # he speaks where he met


def test_agreeing_on_a_sanction_is_the_sanction_of_who_agreed() -> None:
    text = "اتفق وزراء خارجية الاتحاد الأوروبي أمس على توسيع نظام العقوبات على مينسك."
    doc = make_doc(
        text,
        [("الاتحاد الأوروبي", "ORG", "org:EU", None), ("مينسك", "GPE", "gpe:BY", "BY")],
        timexes=[("أمس", "2021-11-15")],
        published="2021-11-16",
    )
    got = [(e.type, e.trigger.text, e.recipient.text, e.date) for e in code_events(doc)]
    assert got == [("SANCTION", "توسيع نظام العقوبات", "مينسك", "2021-11-15")]
    # an agreement to stop fighting stays an agreement
    text = "وكان القادة العسكريون قد اتفقوا في 6 يونيو على فض الاشتباك على طول الحدود."
    doc = make_doc(text, timexes=[("6 يونيو", "2020-06-06")], published="2020-06-17")
    assert [e.type for e in code_events(doc)] == ["AGREE"]


def test_light_verb_wajjaha_and_unions_as_actors() -> None:
    # "وجهت X اتهامات": the charges are the court's; a strike "نفذته النقابات" is the unions'
    text = (
        "وجهت محكمة في إسلام آباد اليوم إلى خان اتهامات رسمية.\n"
        "واندلعت الاحتجاجات عقب الإضراب العام الذي نفذته النقابات المهنية اليوم."
    )
    doc = make_doc(
        text,
        [("إسلام آباد", "GPE", "Q1", "PK")],
        timexes=[("اليوم", "2023-05-10")],
        published="2023-05-10",
    )
    events = code_events(doc)
    assert only(events, "ACCUSE").actor.text == "محكمة"
    strike = next(e for e in events if e.mode == "strike")
    assert strike.actor.text == "النقابات المهنية"


def test_a_city_hosts_a_protest_or_an_attack_it_does_not_do_it() -> None:
    text = "شهدت العاصمة البيلاروسية مينسك اليوم أكبر تظاهرة منذ استقلال البلاد."
    doc = make_doc(
        text,
        [("مينسك", "GPE", "gpe:BY:625144", "BY")],
        timexes=[("اليوم", "2020-08-16")],
        published="2020-08-16",
    )
    protest = only(code_events(doc), "PROTEST")
    assert (protest.actor, protest.country) == (None, "BY")


def test_a_date_in_a_relative_clause_set_off_by_a_comma_is_not_the_events() -> None:
    text = "وجاء ذلك بعد اعتقال الشرطة خورخي غلاس، الذي لجأ إلى السفارة منذ ديسمبر 2023."
    doc = make_doc(
        text,
        [("خورخي غلاس", "PER", "Q3", "EC")],
        timexes=[("ديسمبر 2023", "2023-12")],
        published="2024-04-06",
    )
    arrest = only(code_events(doc), "COERCE")
    # the story's day, not the month Glas took refuge
    assert (arrest.trigger.text, arrest.date) == ("اعتقال", "2024-04-06")


def test_a_clause_opened_by_uqba_takes_the_day_of_the_event_it_names() -> None:
    text = (
        "قالت الشرطة اليوم الأربعاء إن قوات الرينجرز اعتقلت عمران خان أمس الثلاثاء.\n"
        "وعقب الاعتقال، اقتحم أنصار خان مقر إقامة قائد فيلق لاهور وأضرموا فيه النار."
    )
    doc = make_doc(
        text,
        [("عمران خان", "PER", "Q1", "PK")],
        timexes=[("اليوم الأربعاء", "2023-05-10"), ("أمس الثلاثاء", "2023-05-09")],
        published="2023-05-10",
    )
    dates = {e.trigger.text: e.date for e in code_events(doc)}
    # the day of the arrest, not the story's first day
    assert dates["اقتحم"] == dates["أضرموا"] == "2023-05-09"


def test_an_attack_named_as_what_something_is_is_the_namers_accusation() -> None:
    text = 'وقال بيسكوف اليوم إن بوتين يعتبر الضربة "عدوانا على دولة ذات سيادة".'
    doc = make_doc(
        text,
        [("بيسكوف", "PER", "Q1", "RU"), ("بوتين", "PER", "Q2", "RU")],
        timexes=[("اليوم", "2017-04-07")],
        published="2017-04-07",
    )
    got = [(e.type, e.trigger.text, e.actor.text if e.actor else None) for e in code_events(doc)]
    assert got == [("ACCUSE", "عدوان", "بيسكوف")]  # the accusative ا is a suffix
    # a reported attack stays an attack
    text = "وقال الوزير اليوم إن هجوما استهدف السفارة."
    doc = make_doc(text, timexes=[("اليوم", "2017-04-07")], published="2017-04-07")
    assert [e.type for e in code_events(doc)] == ["ASSAULT"]


def test_a_verb_after_thumma_goes_on_with_the_subject_before() -> None:
    text = (
        "وكان الرئيس رجب طيب أردوغان قد وصف السبت الحكومة الهولندية بأنها بقايا النازية، "
        "ثم توعد الأحد بأن تدفع هولندا ثمن ما فعلته."
    )
    doc = make_doc(
        text,
        [
            ("الرئيس رجب طيب أردوغان", "PER", "per:erdogan", "TR"),
            ("الحكومة الهولندية", "ORG", "org:NL:gov", "NL"),
            ("هولندا", "GPE", "gpe:NL", "NL"),
        ],
        timexes=[("السبت", "2017-03-11"), ("الأحد", "2017-03-12")],
        published="2017-03-13",
    )
    threat = only(code_events(doc), "THREATEN")
    assert (threat.actor.text, threat.date) == ("الرئيس رجب طيب أردوغان", "2017-03-12")


def test_approving_aid_is_giving_it() -> None:
    text = "وافق المجلس التنفيذي لصندوق النقد الدولي اليوم على منح مصر قرضا بقيمة 12 مليار دولار."
    doc = make_doc(
        text,
        [("مصر", "GPE", "gpe:EG", "EG")],
        timexes=[("اليوم", "2016-11-11")],
        published="2016-11-12",
    )
    got = [(e.type, e.actor.text if e.actor else None, e.recipient.text) for e in code_events(doc)]
    assert got == [("AID", "المجلس التنفيذي", "مصر")]


@pytest.mark.parametrize(
    ("sentence", "entities", "typ", "actor", "country"),
    [
        # a spokesman's title gives his country when his name is unknown
        (
            "واتهم المتحدث باسم وزارة الخارجية الصينية تشاو لي جيان اليوم القوات الهندية بالعبور.",
            [("تشاو لي جيان", "PER", "Q2", None)],
            "ACCUSE",
            "المتحدث باسم وزارة الخارجية الصينية تشاو لي جيان",
            "CN",
        ),
        # an agent head, a definite genitive and a nisba: "لجنة الحدود البيلاروسية"
        (
            "في المقابل، اتهمت لجنة الحدود البيلاروسية اليوم الجانب البولندي بمعاملة المهاجرين.",
            [],
            "ACCUSE",
            "لجنة الحدود البيلاروسية",
            "BY",
        ),
        # a ministry speaks at home
        (
            "وفي المقابل، نفت وزارة الدفاع الروسية اليوم أن تكون الطائرة قد غادرت الأجواء.",
            [("وزارة الدفاع الروسية", "ORG", "org:RU:mod", "RU")],
            "REJECT",
            "وزارة الدفاع الروسية",
            "RU",
        ),
    ],
)
def test_a_foreign_speakers_statement_takes_its_country(
    sentence: str,
    entities: list[tuple[str, str, str, str | None]],
    typ: str,
    actor: str,
    country: str,
) -> None:
    text = "نيودلهي (وكالات) - قالت الهند اليوم إن الوضع هادئ.\n" + sentence
    doc = make_doc(
        text,
        [("نيودلهي", "GPE", "gpe:IN:1261481", "IN"), ("الهند", "GPE", "gpe:IN", "IN"), *entities],
        timexes=[("اليوم", "2020-06-16")],
        published="2020-06-16",
    )
    e = only(code_events(doc), typ)
    assert (e.actor.text, e.country) == (actor, country)


@pytest.mark.parametrize(
    ("sentence", "typ", "trigger", "actor"),
    [
        (
            "وجرت الصفقة اليوم بموجب اتفاق توصل إليه الطرفان بوساطة قطرية.",
            "AGREE",
            "اتفاق",
            "الطرفان",
        ),
        (
            "ودفع نجيب اليوم ببراءته من تهم وجهتها إليه النيابة العامة.",
            "ACCUSE",
            "تهم",
            "النيابة العامة",
        ),
        (
            "ودعت الصين اليوم إلى ضبط النفس، وعرضت أن تؤدي دوراً بنّاءً.",
            "AGREE",
            "عرضت أن تؤدي",
            "الصين",
        ),
    ],
)
def test_agreements_reached_charges_brought_offers_made(
    sentence: str, typ: str, trigger: str, actor: str
) -> None:
    doc = make_doc(
        sentence,
        [("الصين", "GPE", "gpe:CN", "CN")] if "الصين" in sentence else [],
        timexes=[("اليوم", "2023-09-18")],
        published="2023-09-18",
    )
    e = only(code_events(doc), typ)
    assert (e.trigger.text, e.actor.text) == (trigger, actor)


def test_events_aid_from_a_state_agency_happens_where_it_goes() -> None:
    """A state body acts at home, but its aid goes where it is needed: with no place in the
    sentence, the event is the story's (Haiti), not the agency's (the United States)."""
    text = (
        "بورت أو برنس - ارتفعت حصيلة ضحايا الزلزال الذي ضرب هايتي. "
        "وأرسلت الوكالة الأميركية للتنمية الدولية فريقا للاستجابة للكوارث."
    )
    doc = make_doc(
        text,
        entities=[
            ("بورت أو برنس", "GPE", "gpe:HT:port_au_prince", "HT"),
            ("هايتي", "GPE", "gpe:HT", "HT"),
            ("الوكالة الأميركية للتنمية الدولية", "ORG", "org:usaid", "US"),
        ],
        published="2021-08-15",
    )
    aid = [e for e in code_events(doc) if e.type == "AID"]
    assert [(e.actor.text if e.actor else None, e.country) for e in aid] == [
        ("الوكالة الأميركية للتنمية الدولية", "HT")
    ]
