"""Events of unseen-style sentences through the whole pipeline (entities and dates included).

Each table holds sentences written for these tests (not taken from tests/gold), with the
exact type, actor, recipient, date and country one event of the sentence must have. The
article date is Sunday 2024-03-10. Actor and recipient are given as a part of the span
the coder must return (a span keeps its clitics out: "للسودان" -> "لسودان").
"""

from __future__ import annotations

from functools import cache

import pytest

from waqai.document import Document
from waqai.pipeline import Pipeline

DCT = "2024-03-10"

Row = tuple[str, str, str | None, str | None, str | None, str | None]


@cache
def _pipe() -> Pipeline:
    return Pipeline()


@cache
def _doc(text: str) -> Document:
    return _pipe()(text, published=DCT)


def _matches(row: Row) -> list[str]:
    text, typ, actor, recipient, date, country = row
    found = []
    for e in _doc(text).events:
        if e.type != typ:
            continue
        found.append(
            f"{e.type} actor={e.actor.text if e.actor else None} "
            f"recipient={e.recipient.text if e.recipient else None} date={e.date} "
            f"country={e.country}"
        )
        if (
            (actor is None or (e.actor is not None and actor in e.actor.text))
            and (recipient is None or (e.recipient is not None and recipient in e.recipient.text))
            and (date is None or e.date == date)
            and (country is None or e.country == country)
        ):
            return []
    return found or [f"no {typ} event"]


#: actor and recipient: long VSO subjects, SVO after إن/أن, كان ... قد, passives with an agent
ROLES: list[Row] = [
    (
        "علّق مجلس السلم والأمن التابع للاتحاد الأفريقي مشاركة السودان في أنشطة الاتحاد.",
        "SANCTION",
        "مجلس السلم والأمن",
        "السودان",
        None,
        None,
    ),
    (
        "جمّد البنك الدولي مساعداته للسودان بعد الانقلاب العسكري.",
        "SANCTION",
        "البنك الدولي",
        "سودان",
        None,
        "SD",
    ),
    (
        "فرضت الولايات المتحدة عقوبات على ثلاث شركات روسية يوم الجمعة.",
        "SANCTION",
        "الولايات المتحدة",
        "شركات",
        "2024-03-08",
        None,
    ),
    (
        "قال غوتيريش إن الجيش اتهم قوات الدعم السريع بقصف المستشفى.",
        "ACCUSE",
        "الجيش",
        "قوات الدعم السريع",
        None,
        None,
    ),
    (
        "وأكد الأمين العام للأمم المتحدة أن الجيش اتهم المتمردين بخرق الهدنة.",
        "ACCUSE",
        "الجيش",
        "المتمردين",
        None,
        None,
    ),
    (
        "اعتقلت قوات عسكرية رئيس الوزراء عبد الله حمدوك في منزله فجر اليوم.",
        "COERCE",
        "قوات",
        "عبد الله حمدوك",
        "2024-03-10",
        None,
    ),
    (
        "استدعت وزارة الخارجية الجزائرية ستة سفراء أوروبيين أمس.",
        "ACCUSE",
        "وزارة الخارجية",
        "سفراء",
        "2024-03-09",
        "DZ",
    ),
    (
        "أعلن المجلس العسكري في النيجر حل الحكومة والبرلمان.",
        "COERCE",
        "المجلس العسكري",
        None,
        None,
        "NE",
    ),
    (
        "شنت جبهة التحرير الوطني هجوما على مواقع الجيش شمال البلاد.",
        "ASSAULT",
        "جبهة",
        "الجيش",
        None,
        None,
    ),
    (
        "قُتل خمسة متظاهرين برصاص قوات الأمن في الخرطوم أمس.",
        "ASSAULT",
        "قوات الأمن",
        "متظاهرين",
        "2024-03-09",
        "SD",
    ),
    ("اعتُقل الصحفي على يد عناصر من المخابرات في دمشق.", "COERCE", "عناصر", "الصحفي", None, "SY"),
    (
        "وكان الجيش قد اعتقل رئيس الوزراء في 25 أكتوبر الماضي.",
        "COERCE",
        "الجيش",
        "رئيس الوزراء",
        "2023-10-25",
        None,
    ),
    (
        "وأعلنت الشرطة أنها اعتقلت عشرات المحتجين في وسط العاصمة.",
        "COERCE",
        "الشرطة",
        "عشرات",
        None,
        None,
    ),
    (
        "خطف مسلحون مجهولون عشرة ركاب على طريق سريع شمال نيجيريا.",
        "ASSAULT",
        "مسلحون",
        None,
        None,
        None,
    ),
    ("أصيب عشرة أشخاص في غارة إسرائيلية على جنوب لبنان.", "ASSAULT", None, "لبنان", None, "LB"),
    ("تبادل الجيش والدعم السريع القصف المدفعي في أم درمان.", "ASSAULT", "الجيش", None, None, "SD"),
    (
        "هاجمت طائرة مسيرة قاعدة عسكرية أمريكية في سوريا.",
        "ASSAULT",
        "طائرة مسيرة",
        None,
        None,
        "SY",
    ),
    (
        "وكان ضباط في الجيش قد أعلنوا حل البرلمان، ووضعوا الرئيس قيد الإقامة الجبرية.",
        "COERCE",
        "ضباط",
        None,
        None,
        None,
    ),
    (
        "وفي سياق متصل، قصفت طائرات التحالف مواقع للتنظيم أمس.",
        "ASSAULT",
        "طائرات",
        "تنظيم",
        "2024-03-09",
        None,
    ),
    (
        "استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة رئيس الوزراء القطري.",
        "CONSULT",
        "رئيس الوزراء القطري",
        "السيسي",
        None,
        "EG",
    ),
    (
        "وصل الرئيس الإيراني إلى دمشق في زيارة رسمية تستغرق يومين.",
        "CONSULT",
        "الرئيس الإيراني",
        None,
        None,
        "SY",
    ),
    (
        "فرضت بريطانيا عقوبات على مستوطنين إسرائيليين متطرفين.",
        "SANCTION",
        "بريطانيا",
        "مستوطنين",
        None,
        None,
    ),
    # the subject before the verb after "غير أن" (an accusative agent: أحزابًا)
    (
        "غير أن أحزابًا من المعارضة رفضت القرار واعتبرته غير دستوري.",
        "REJECT",
        "أحزاب",
        None,
        None,
        None,
    ),
    # a spokesman with the body he speaks for and his name is one participant
    (
        "وأعلن المتحدث باسم الجيش الإسرائيلي دانيال هاغاري استدعاء مئة ألف جندي من الاحتياط.",
        "MOBILIZE",
        "المتحدث باسم الجيش الإسرائيلي دانيال هاغاري",
        None,
        None,
        "IL",
    ),
    # a conjoined subject is no recipient; the place recipient gives the country
    ("أرسلت قطر والكويت مستشفيات ميدانية إلى لبنان.", "AID", "قطر", "لبنان", None, "LB"),
    # the noun after a dismissal masdar is the one dismissed
    (
        "أصدر الرئيس أمس مرسوما بإعفاء قائد الجيش من منصبه.",
        "COERCE",
        "الرئيس",
        "قائد",
        "2024-03-09",
        None,
    ),
    # a leader's title joins his name
    (
        "ودعا زعيم التيار الصدري مقتدى الصدر أنصاره إلى الإضراب.",
        "REQUEST",
        "مقتدى الصدر",
        "أنصاره",
        None,
        None,
    ),
    ("وحمّلت لجنة التحقيق الحكومية الشركة المسؤولية عن الحادث.", "ACCUSE", "لجنة", None, None, None),
    # a definite masdar with an actor of its own is not the earlier threat of another
    (
        "فرضت المجموعة الاقتصادية لدول غرب أفريقيا عقوبات على النيجر وأمهلت العسكريين أسبوعا "
        "لإعادة الرئيس. وردّ الرئيس الفرنسي إيمانويل ماكرون بالتحذير من أي اعتداء على الرعايا "
        "الفرنسيين.",
        "THREATEN",
        "إيمانويل ماكرون",
        None,
        None,
        None,
    ),
    # a ب masdar is done by the nearest noun phrase of its clause, not by the sentence subject
    (
        "وطردت بريطانيا 23 دبلوماسياً روسياً، لترد موسكو يوم السبت بطرد العدد نفسه من "
        "الدبلوماسيين البريطانيين.",
        "SANCTION",
        "موسكو",
        None,
        "2024-03-09",
        "RU",
    ),
    # a state sanctions from home, whatever place its clause names; an adjective after a noun
    # of speech ("مؤتمر صحفي") is no participant
    (
        "وكان وزير الخارجية السعودي عادل الجبير قد أعلن مساء أمس في مؤتمر صحفي بالرياض قطع "
        "العلاقات مع إيران إثر الاعتداء على السفارة السعودية في طهران.",
        "SANCTION",
        "عادل الجبير",
        "إيران",
        "2024-03-09",
        "SA",
    ),
    # asking a diplomat to leave is an expulsion; asking citizens to leave is not
    (
        "وحذت البحرين حذو الرياض في اليوم نفسه، فطلبت من السفير اللبناني مغادرة المنامة.",
        "SANCTION",
        "البحرين",
        "السفير اللبناني",
        None,
        "BH",
    ),
    # a conjoined verb shares the subject of the nearest verb before, not the sentence's first
    # noun; a noun of decision passes its genitive to the masdar it governs
    (
        "اتسعت الأزمة بين لبنان ودول الخليج اليوم، إذ قررت الكويت استدعاء سفيرها لدى بيروت، "
        "وطلبت من القائم بالأعمال اللبناني مغادرة أراضيها خلال 48 ساعة.",
        "SANCTION",
        "الكويت",
        None,
        "2024-03-10",
        "KW",
    ),
    (
        "وجاءت الخطوة غداة قرار المملكة العربية السعودية أمس استدعاء سفيرها وإمهال السفير "
        "اللبناني 48 ساعة لمغادرة المملكة.",
        "SANCTION",
        "المملكة العربية السعودية",
        "السفير اللبناني",
        None,
        "SA",
    ),
    # a verb in a relative clause is no content of a visit before it
    (
        "وزار الرئيس اليوم مدينة حلب التي قصفتها القوات الحكومية أمس.",
        "ASSAULT",
        "القوات الحكومية",
        None,
        "2024-03-09",
        None,
    ),
    # a relative clause's verb has the noun before the pronoun as subject
    (
        "أعلن غوايدو نفسه رئيساً أمام عشرات الآلاف من أنصاره الذين تظاهروا اليوم في العاصمة كراكاس.",
        "PROTEST",
        "أنصاره",
        None,
        "2024-03-10",
        None,
    ),
    # a royal court is a state body, its nisba its country
    (
        "في المقابل، رحب الديوان الملكي المغربي اليوم بالموقف الفرنسي.",
        "SUPPORT",
        "الديوان الملكي المغربي",
        None,
        "2024-03-10",
        "MA",
    ),
    # a person named after a long title right after the verb is its subject
    (
        "من جهته، توعد المرشد الأعلى للجمهورية الإسلامية علي خامنئي أمس السعودية بانتقام إلهي.",
        "THREATEN",
        "علي خامنئي",
        "السعودية",
        "2024-03-09",
        None,
    ),
    # "بين X و Y" a few words after a call names both sides
    (
        "وأعلن الكرملين اليوم، إثر اتصال هاتفي هو الثاني خلال يومين بين الرئيس الروسي "
        "فلاديمير بوتين ونظيره البيلاروسي، استعداد موسكو للمساعدة.",
        "CONSULT",
        "فلاديمير بوتين",
        "نظيره البيلاروسي",
        None,
        None,
    ),
    # the genitive of the singular masdar اتهام is who is accused
    (
        "وبرر الرئيس قراره باتهام المعارضة بشل عمل الحكومة.",
        "ACCUSE",
        None,
        "المعارضة",
        None,
        None,
    ),
    # a light verb far away behind a long list of named subjects
    (
        "أعلنت كل من السعودية والإمارات العربية المتحدة ومملكة البحرين وجمهورية مصر العربية، صباح "
        "اليوم الأحد 10 مارس 2024، قطع علاقاتها الدبلوماسية مع قطر.",
        "SANCTION",
        "السعودية",
        "قطر",
        "2024-03-10",
        None,
    ),
    # a nominative plural right after a conjoined verb is its own subject
    (
        "تظاهر آلاف الطلبة في العاصمة أمس، وأضرم محتجون النار في سيارات للشرطة.",
        "ASSAULT",
        "محتجون",
        None,
        "2024-03-09",
        None,
    ),
    # a masdar after an adjunct preposition is no object of the light verb before it
    (
        "أعلن الجيش استدعاء الاحتياط، بالتزامن مع غارات يشنها الطيران على المدينة.",
        "ASSAULT",
        "الطيران",
        None,
        None,
        None,
    ),
]

#: news vocabulary: storming, cutting the internet, suspending membership, aid convoys, threats, ...
TRIGGERS: list[Row] = [
    # a missile named before its launcher; dismissing judges; أوقف with people after it
    (
        "واعترضت الدفاعات الجوية أمس صاروخاً باليستياً أطلقه الحوثيون من اليمن باتجاه مطار "
        "الملك خالد شمال الرياض.",
        "ASSAULT",
        "الحوثيون",
        None,
        "2024-03-09",
        "SA",
    ),
    (
        "وأعلن المجلس الأعلى للقضاة اليوم عزل 2745 قاضياً من مناصبهم.",
        "COERCE",
        "المجلس الأعلى",
        None,
        "2024-03-10",
        None,
    ),
    (
        "كما أوقفت السلطات السعودية مساء أمس عدداً من الأمراء والوزراء الحاليين والسابقين.",
        "COERCE",
        "السلطات السعودية",
        None,
        "2024-03-09",
        "SA",
    ),
    # readiness to help, regret expressed, retiring from politics, suspending attacks
    (
        "وأعلن الكرملين اليوم استعداد موسكو لتقديم المساعدة إلى مينسك إذا اقتضت الضرورة.",
        "AGREE",
        None,
        None,
        "2024-03-10",
        None,
    ),
    (
        "وأعرب الممثل الأعلى للسياسة الخارجية في الاتحاد الأوروبي جوزيب بوريل اليوم عن أسفه "
        "لإقرار القانون.",
        "ACCUSE",
        "الممثل الأعلى",
        None,
        "2024-03-10",
        None,
    ),
    (
        "وأعلن زعيم التيار الصدري أمس اعتزاله العمل السياسي نهائياً.",
        "RETREAT",
        None,
        None,
        "2024-03-09",
        None,
    ),
    (
        "وكانت الكتائب قد أعلنت في 30 كانون الثاني الماضي تعليق عملياتها العسكرية ضد القوات "
        "الأمريكية.",
        "CONCEDE",
        "الكتائب",
        None,
        "2024-01-30",
        None,
    ),
    # cutting military contacts is SANCTION
    (
        "وأعلنت هيئة الأركان العامة الروسية اليوم قطع جميع الاتصالات العسكرية مع الجانب التركي.",
        "SANCTION",
        None,
        None,
        "2024-03-10",
        None,
    ),
    # a denial is REJECT (CAMEO 016); cancelling a visit in a row is SANCTION
    (
        "ونفت موسكو اليوم أن تكون طائرتها قد اخترقت الأجواء التركية.",
        "REJECT",
        "موسكو",
        None,
        "2024-03-10",
        None,
    ),
    (
        "وألغى وزير الخارجية الروسي سيرغي لافروف اليوم زيارته إلى تركيا.",
        "SANCTION",
        "سيرغي لافروف",
        None,
        "2024-03-10",
        "RU",
    ),
    # dissolving an institution is coercion
    (
        "وأعلن أمير الكويت مساء الجمعة حل مجلس الأمة ووقف العمل ببعض مواد الدستور.",
        "COERCE",
        "أمير الكويت",
        None,
        "2024-03-08",
        "KW",
    ),
    # crowds of protesters going out, marches, a bill withdrawn, a captive handed over, an
    # aircraft shot down
    ("وخرج آلاف المحتجين أمس في شوارع العاصمة.", "PROTEST", None, None, "2024-03-09", None),
    (
        "ونظم المعارضون مسيرة حاشدة في وسط المدينة يوم الجمعة.",
        "PROTEST",
        None,
        None,
        "2024-03-08",
        None,
    ),
    (
        "وسحبت الحكومة مشروع القانون المثير للجدل أمس.",
        "CONCEDE",
        "الحكومة",
        None,
        "2024-03-09",
        None,
    ),
    (
        "وسلّمت السلطات الباكستانية الطيار الأسير إلى الهند أمس عبر معبر واغا.",
        "RETREAT",
        "السلطات الباكستانية",
        None,
        "2024-03-09",
        None,
    ),
    (
        "وأسقط الجيش السوري طائرة مسيرة قرب دمشق أمس.",
        "ASSAULT",
        "الجيش السوري",
        None,
        "2024-03-09",
        "SY",
    ),
    (
        "اقتحم متظاهرون القصر الرئاسي في كولومبو أمس.",
        "PROTEST",
        "متظاهرون",
        None,
        "2024-03-09",
        "LK",
    ),
    (
        "اقتحمت قوات الأمن مقر الحزب في القاهرة فجر اليوم.",
        "COERCE",
        "قوات الأمن",
        None,
        "2024-03-10",
        "EG",
    ),
    (
        "قطعت السلطات الإيرانية خدمة الإنترنت عن معظم أنحاء البلاد.",
        "COERCE",
        "السلطات الإيرانية",
        None,
        None,
        "IR",
    ),
    (
        "قرر الاتحاد الأفريقي تعليق عضوية النيجر في جميع أنشطته.",
        "SANCTION",
        "الاتحاد الأفريقي",
        "النيجر",
        None,
        None,
    ),
    ("وصلت قافلة مساعدات إنسانية إلى مدينة غزة اليوم.", "AID", None, None, "2024-03-10", "PS"),
    (
        "هدد الرئيس الأمريكي بفرض عقوبات جديدة على إيران.",
        "THREATEN",
        "الرئيس الأمريكي",
        None,
        None,
        None,
    ),
    (
        "وأعلن الحوثيون مسؤوليتهم عن الهجوم متوعدين بمزيد من الضربات.",
        "THREATEN",
        "الحوثيون",
        None,
        None,
        None,
    ),
    (
        "دخلت القوات الروسية مدينة خيرسون بعد أسابيع من الحصار.",
        "ASSAULT",
        "القوات الروسية",
        "خيرسون",
        None,
        "UA",
    ),
    (
        "قدم رئيس الوزراء الباكستاني استقالته إلى الرئيس.",
        "RETREAT",
        "رئيس الوزراء",
        None,
        None,
        None,
    ),
    (
        "أصدرت وزارة الخزانة الأمريكية ترخيصا عاما يسمح بالتعامل مع شركة النفط الفنزويلية.",
        "CONCEDE",
        "وزارة",
        None,
        None,
        None,
    ),
    (
        "رفع الاتحاد الأوروبي العقوبات عن قطاع الطاقة في سوريا.",
        "CONCEDE",
        "الاتحاد الأوروبي",
        None,
        None,
        None,
    ),
    (
        "خففت واشنطن العقوبات المفروضة على قطاع النفط الفنزويلي.",
        "CONCEDE",
        "واشنطن",
        None,
        None,
        None,
    ),
    (
        "أعلنت إسرائيل تعليق خطط الضم مقابل التطبيع مع الإمارات.",
        "CONCEDE",
        "إسرائيل",
        None,
        None,
        None,
    ),
    (
        "هبطت أول رحلة تجارية مباشرة بين تل أبيب وأبوظبي أمس.",
        "COOPERATE",
        None,
        None,
        "2024-03-09",
        None,
    ),
    (
        "أطلقت حركة الجهاد صواريخ على مدينة عسقلان فجر اليوم.",
        "ASSAULT",
        None,
        "عسقلان",
        "2024-03-10",
        None,
    ),
    (
        "طردت الحكومة المالية السفير الفرنسي من باماكو.",
        "SANCTION",
        "الحكومة",
        "السفير الفرنسي",
        None,
        None,
    ),
    (
        "قيدت السلطات الإسرائيلية وصول المصلين إلى المسجد الأقصى.",
        "COERCE",
        "السلطات الإسرائيلية",
        None,
        None,
        None,
    ),
    (
        "رفعت الولايات المتحدة عدد جنودها في شرق سوريا.",
        "MOBILIZE",
        "الولايات المتحدة",
        None,
        None,
        None,
    ),
    ("دفع الجيش بتعزيزات عسكرية إلى الحدود الشمالية.", "MOBILIZE", "الجيش", None, None, None),
    (
        "أغلقت الكويت سفارتها في بيروت احتجاجا على التصريحات.",
        "SANCTION",
        "الكويت",
        None,
        None,
        None,
    ),
    ("قررت المحكمة حل الحزب الحاكم السابق ومصادرة أمواله.", "COERCE", "المحكمة", None, None, None),
    (
        "أمهلت الحكومة المتظاهرين 24 ساعة لإخلاء الساحات.",
        "THREATEN",
        "الحكومة",
        "المتظاهرين",
        None,
        None,
    ),
    (
        "استأنفت السعودية وإيران الرحلات الجوية المباشرة بين البلدين.",
        "COOPERATE",
        "السعودية",
        None,
        None,
        None,
    ),
    ("أغلق محتجون الطريق الرئيسي المؤدي إلى الميناء.", "PROTEST", "محتجون", None, None, None),
    (
        "أوقفت منظمة التعاون الإسلامي عضوية غينيا إلى حين عودة النظام الدستوري.",
        "SANCTION",
        "منظمة التعاون الإسلامي",
        "غينيا",
        None,
        None,
    ),
    (
        "خففت السلطات الصينية القيود المفروضة على السفر.",
        "CONCEDE",
        "السلطات الصينية",
        None,
        None,
        None,
    ),
    (
        "منح صندوق النقد الدولي مصر قرضا بقيمة ثلاثة مليارات دولار.",
        "AID",
        "صندوق النقد الدولي",
        "مصر",
        None,
        None,
    ),
    ("أقامت الإمارات جسرا جويا لنقل المساعدات إلى ليبيا.", "AID", "الإمارات", None, None, None),
    ("رفع الجيش حالة التأهب القصوى على طول الحدود.", "MOBILIZE", "الجيش", None, None, None),
    ("وجه الرئيس إنذارا أخيرا إلى قادة الفصائل المسلحة.", "THREATEN", "الرئيس", None, None, None),
    (
        "وسلم الوزير رسالة استقالته إلى رئيس الحكومة أمس.",
        "RETREAT",
        "الوزير",
        None,
        "2024-03-09",
        None,
    ),
    (
        "حررت القوات الخاصة رهائن محتجزين في منطقة الساحل.",
        "AID",
        "القوات الخاصة",
        "رهائن",
        None,
        None,
    ),
    ("أدانت محكمة تونسية زعيم المعارضة بالسجن خمس سنوات.", "SANCTION", "محكمة", None, None, "TN"),
    (
        "أغلق محتجون ميناء بورتسودان احتجاجا على اتفاق السلام.",
        "PROTEST",
        "محتجون",
        None,
        None,
        "SD",
    ),
    ("حظرت الحكومة التركية منصة إكس.", "COERCE", "الحكومة التركية", None, None, "TR"),
    (
        "عزل البرلمان رئيس الحكومة في جلسة طارئة.",
        "COERCE",
        "البرلمان",
        "رئيس الحكومة",
        None,
        None,
    ),
    (
        "أعلنت الفصائل الفلسطينية هدنة مع إسرائيل.",
        "CONCEDE",
        "الفصائل الفلسطينية",
        None,
        None,
        None,
    ),
    (
        "أصدرت المحكمة الجنائية الدولية مذكرة اعتقال بحق الرئيس الروسي.",
        "THREATEN",
        "المحكمة الجنائية الدولية",
        "الرئيس الروسي",
        None,
        None,
    ),
    (
        "منعت السلطات الجزائرية الصحفيين من تغطية المظاهرة.",
        "COERCE",
        "السلطات الجزائرية",
        "الصحفيين",
        None,
        "DZ",
    ),
    (
        "انسحبت بوركينا فاسو من المجموعة الاقتصادية لدول غرب أفريقيا.",
        "SANCTION",
        None,
        "المجموعة الاقتصادية",
        None,
        None,
    ),
    # a warning of a forceful answer, inside the speaker's words
    ("وقال الرئيس: «سنتصرف بحزم ضد كل من يخرق القانون».", "THREATEN", "الرئيس", None, None, None),
    # hostage-taking is an abduction
    (
        "احتجز مسلحون عشرات الرهائن في هجوم على قرية حدودية.",
        "ASSAULT",
        "مسلحون",
        "الرهائن",
        None,
        None,
    ),
    # a decision to send peacekeepers is an agreement to help
    (
        "قرر مجلس الأمن الجماعي إرسال قوات حفظ سلام إلى البلاد.",
        "AGREE",
        "مجلس الأمن",
        None,
        "2024-03-10",
        None,
    ),
    # forces put on alert, in the country of the one who orders it
    (
        "أمر الرئيس الروسي فلاديمير بوتين بوضع قوات الردع في حالة تأهب قصوى.",
        "MOBILIZE",
        "فلاديمير بوتين",
        "قوات",
        None,
        "RU",
    ),
    # a joint team at work (a name head before the trigger otherwise makes it a name)
    ("أنهى فريق تفتيش مشترك تفتيش السفينة في ميناء إسطنبول.", "COOPERATE", None, None, None, "TR"),
    (
        "أعلن وزير الخارجية منح إعفاءات مؤقتة لثماني دول.",
        "CONCEDE",
        "وزير الخارجية",
        None,
        None,
        None,
    ),
    (
        "وكانت واشنطن قد أعلنت في 18 ديسمبر الماضي تشكيل تحالف بحري متعدد الجنسيات لحماية الملاحة.",
        "COOPERATE",
        "واشنطن",
        None,
        "2023-12-18",
        None,
    ),
]

#: each date dates its own clause (غداة، عقب، بعد أن، الذي، فيما)
DATES: list[Row] = [
    # a date after فيما/بينما is its own clause's, never the trigger's
    (
        "وجهت الولايات المتحدة اليوم ضربة صاروخية إلى قاعدة جوية. في المقابل، وصفت القيادة "
        "العامة للجيش السوري الضربة بأنها عدوان سافر، فيما كان وزير الخارجية قد نفى أمس "
        "استخدام أي أسلحة كيميائية.",
        "ACCUSE",
        "القيادة العامة",
        None,
        "2024-03-10",
        None,
    ),
    (
        "اعتقلت الشرطة اليوم عشرات المتظاهرين غداة مظاهرة حاشدة أمس في الخرطوم.",
        "COERCE",
        "الشرطة",
        None,
        "2024-03-10",
        "SD",
    ),
    (
        "اعتقلت الشرطة اليوم عشرات المتظاهرين غداة مظاهرة حاشدة أمس في الخرطوم.",
        "PROTEST",
        None,
        None,
        "2024-03-09",
        "SD",
    ),
    (
        "أدانت فرنسا يوم الجمعة الهجوم الذي شنه مسلحون أمس على قاعدة عسكرية.",
        "ACCUSE",
        "فرنسا",
        None,
        "2024-03-08",
        None,
    ),
    (
        "أدانت فرنسا يوم الجمعة الهجوم الذي شنه مسلحون أمس على قاعدة عسكرية.",
        "ASSAULT",
        "مسلحون",
        None,
        "2024-03-09",
        None,
    ),
    (
        "انسحبت القوات من البلدة اليوم بعد أن سيطرت عليها يوم الخميس.",
        "RETREAT",
        "القوات",
        None,
        "2024-03-10",
        None,
    ),
    (
        "انسحبت القوات من البلدة اليوم بعد أن سيطرت عليها يوم الخميس.",
        "COERCE",
        None,
        None,
        "2024-03-07",
        None,
    ),
    (
        "تظاهر آلاف الطلاب أمس عقب اعتقال زعيم المعارضة يوم الأربعاء.",
        "PROTEST",
        "آلاف",
        None,
        "2024-03-09",
        None,
    ),
    (
        "تظاهر آلاف الطلاب أمس عقب اعتقال زعيم المعارضة يوم الأربعاء.",
        "COERCE",
        None,
        None,
        "2024-03-06",
        None,
    ),
    (
        "رحب الاتحاد الأوروبي اليوم بالاتفاق الذي وقعه الطرفان يوم الجمعة.",
        "SUPPORT",
        "الاتحاد الأوروبي",
        None,
        "2024-03-10",
        None,
    ),
    (
        "التقى وزير الخارجية المصري نظيره الأردني في عمّان يوم الخميس.",
        "CONSULT",
        "وزير الخارجية المصري",
        None,
        "2024-03-07",
        "JO",
    ),
    (
        "شنت طائرات حربية غارات على المدينة يوم الخميس، فيما تظاهر المئات في العاصمة أمس.",
        "ASSAULT",
        "طائرات حربية",
        None,
        "2024-03-07",
        None,
    ),
    (
        "شنت طائرات حربية غارات على المدينة يوم الخميس، فيما تظاهر المئات في العاصمة أمس.",
        "PROTEST",
        "المئات",
        None,
        "2024-03-09",
        None,
    ),
    # a day count from the clause's date: "بعد يومين من الهجوم" is two days before
    (
        "أعلنت الحكومة الأردنية اليوم الأحد 10 مارس 2024 الحداد العام، بعد يومين من الهجوم الذي شنه مسلحون على مركز حدودي.",
        "ASSAULT",
        None,
        None,
        "2024-03-08",
        None,
    ),
    # "غداة" in a sentence without a date: the day before the article's
    (
        "وجاء القرار غداة يوم دام قتلت فيه قوات الأمن عشرات المحتجين في مدينة البصرة.",
        "ASSAULT",
        "قوات الأمن",
        None,
        "2024-03-09",
        "IQ",
    ),
    # a date of its own after the trigger wins over the count
    (
        "وغادرت الباخرة الميناء بعد يوم واحد من قصف استهدف مخازن الحبوب في مدينة أوديسا يوم الجمعة.",
        "ASSAULT",
        None,
        None,
        "2024-03-08",
        "UA",
    ),
    # "منذ X في DATE": the date starts the period of X, it does not date the killing
    (
        "وقتل أكثر من مئة شخص منذ انطلاق الاحتجاجات في الأول من يناير الماضي، وفق مصادر طبية.",
        "PROTEST",
        None,
        None,
        "2024-01-01",
        None,
    ),
    # a clock time without a day (the hours of a curfew) dates nothing
    (
        "وأعلن الجيش أمس فرض حظر التجول من الساعة العاشرة ليلا حتى الخامسة صباحا في العاصمة بغداد.",
        "COERCE",
        None,
        None,
        "2024-03-09",
        "IQ",
    ),
    # a date in the next coordinated clause is that clause's own
    (
        "ورفضت أحزاب المعارضة القرار أمس، واعتبرته تمديدا للولاية التي تنتهي في 28 أبريل المقبل.",
        "REJECT",
        None,
        None,
        "2024-03-09",
        None,
    ),
    # the resignation accepted today was sent yesterday: its own date, not the acceptance's
    (
        "أعلن رئيس البرلمان اليوم الأحد قبول استقالة الرئيس، بعد أن أرسل رسالة استقالته أمس السبت.",
        "RETREAT",
        "الرئيس",
        None,
        "2024-03-09",
        None,
    ),
    # a circumstantial participle happens with its main verb, not on the day of the act it names
    (
        "أعلن الجيش اليوم الأحد حالة الطوارئ. وقال قائد الجيش في بيان، متهما جهات مجهولة "
        "بإصدار بيان مزور يوم الجمعة.",
        "ACCUSE",
        "قائد",
        None,
        "2024-03-10",
        None,
    ),
    # the previous sentence named the speaker on the day of the story
    (
        "أعلن الرئيس اليوم الأحد انسحاب القوات. وكان القادة قد عقدوا أمس السبت قمة طارئة تحدث "
        "فيها الرئيس الروسي فلاديمير بوتين. وقال بوتين إن الوضع خطير، متهما جهات أجنبية بالتدخل.",
        "ACCUSE",
        "بوتين",
        None,
        "2024-03-09",
        None,
    ),
    # a planned meeting is an agreement of the day it is announced, not of the meeting
    (
        "أعلن رئيس البرلمان اليوم الأحد إجراءات جديدة. وقال رئيس البرلمان إن البرلمان سيجتمع "
        "يوم الثلاثاء لانتخاب رئيس جديد.",
        "AGREE",
        "البرلمان",
        None,
        "2024-03-10",
        None,
    ),
]

#: the meeting place, a state body at home, a place recipient, the office of a resignation
COUNTRY: list[Row] = [
    # a territory named by its nisba is the place, not the attacker's home; a ب masdar is done
    # by the nearest noun phrase, not the subject of the light verb before
    (
        "وشنت مقاتلات هندية أمس غارات على معسكر تدريب قرب بالاكوت داخل الأراضي الباكستانية.",
        "ASSAULT",
        "مقاتلات هندية",
        None,
        "2024-03-09",
        "PK",
    ),
    (
        "وشنت مقاتلات هندية غارات أمس، لترد باكستان اليوم بإسقاط مقاتلة هندية.",
        "ASSAULT",
        "باكستان",
        None,
        "2024-03-10",
        None,
    ),
    # a conjoined clause of the same actor happens where the one before did
    (
        "بكين - أعلنت الحكومة الصينية اليوم دعمها للمفاوضات. وزار وزير الخارجية الصيني وانغ يي "
        "طهران أمس، واجتمع بالرئيس الإيراني.",
        "CONSULT",
        "وانغ يي",
        "الرئيس الإيراني",
        "2024-03-09",
        "IR",
    ),
    # granting asylum happens in the granting state
    (
        "وفي دمشق، أكد مصدر أن روسيا منحت الرئيس السوري وعائلته حق اللجوء أمس.",
        "AID",
        "روسيا",
        None,
        "2024-03-09",
        "RU",
    ),
    # where captives were taken to is not where they were freed
    (
        "وأفرجت الحركة اليوم عن 13 محتجزا في غزة سلمتهم إلى الصليب الأحمر الذي نقلهم إلى الأراضي "
        "المصرية.",
        "RETREAT",
        None,
        None,
        "2024-03-10",
        "PS",
    ),
    # "في العاصمة النيجيرية أبوجا": a nisba between the head and the place
    (
        "عقد قادة المجموعة قمة طارئة في العاصمة النيجيرية أبوجا لبحث الأزمة في النيجر.",
        "CONSULT",
        None,
        None,
        None,
        "NG",
    ),
    # the place of the next coordinated clause is not the release's
    (
        "أطلقت السلطات الإسرائيلية سراح عشرات الأسرى، واستقبلتهم حشود في بلدة قرب رام الله.",
        "RETREAT",
        "السلطات الإسرائيلية",
        None,
        None,
        "IL",
    ),
    (
        "التقى الرئيس التونسي قيس سعيد نظيره الجزائري في الجزائر العاصمة.",
        "CONSULT",
        "قيس سعيد",
        None,
        None,
        "DZ",
    ),
    (
        "صادقت الحكومة الإسرائيلية على إرسال وفد إلى القاهرة.",
        "SUPPORT",
        "الحكومة الإسرائيلية",
        None,
        None,
        "IL",
    ),
    ("اعتقلت الشرطة التونسية ناشطين معارضين.", "COERCE", "الشرطة التونسية", "ناشطين", None, "TN"),
    ("فرضت السلطات العراقية حظر التجول في بغداد.", "COERCE", "السلطات العراقية", None, None, "IQ"),
    (
        "قصفت الطائرات الإسرائيلية مواقع في جنوب لبنان.",
        "ASSAULT",
        "الطائرات الإسرائيلية",
        None,
        None,
        "LB",
    ),
    ("انسحبت قوات منظمة معاهدة الأمن الجماعي من كازاخستان.", "RETREAT", "قوات", None, None, "KZ"),
    ("وصلت شاحنات مساعدات إلى السودان عبر معبر أدري.", "AID", None, None, None, "SD"),
    ("اجتمع وزراء خارجية الدول العربية في القاهرة.", "CONSULT", None, None, None, "EG"),
    (
        "تظاهر الآلاف في شوارع الجزائر العاصمة ضد الولاية الخامسة.",
        "PROTEST",
        "الآلاف",
        None,
        None,
        "DZ",
    ),
    (
        "أعلن رئيس الوزراء العراقي استقالته في بغداد.",
        "RETREAT",
        "رئيس الوزراء العراقي",
        None,
        None,
        "IQ",
    ),
    (
        "وكان وزير الخارجية الليبي قد زار القاهرة الأسبوع الماضي.",
        "CONSULT",
        "وزير الخارجية",
        "القاهرة",
        None,
        "EG",
    ),
]

#: what must NOT be coded: courtesy inside quotes, plans, contents of requests, denials
ABSENT: list[tuple[str, str]] = [
    # the terms of an agreement, a decree or a siege
    ("وينص الاتفاق على تسهيل وصول المساعدات الإنسانية وانسحاب القوات من المستشفيات.", "RETREAT"),
    ("وينص الاتفاق على تسهيل وصول المساعدات الإنسانية وانسحاب القوات من المستشفيات.", "AID"),
    ("ووقع الطرفان اتفاقا يتضمن إطلاق سراح الأسرى وإعادة فتح المعابر.", "RETREAT"),
    # a speaker's label, slogans, manner adverbs, the doers of an act
    ("وحذر الرئيس مما وصفه بالتدخل الأجنبي في شؤون البلاد.", "ACCUSE"),
    ("وتوعد الرئيس بالتعامل بحزم مع من وصفهم بالمخربين.", "ACCUSE"),
    ("وتظاهر الطلبة في العاصمة رافعين شعارات ترفض التمديد، وتطالب برحيل الحكومة.", "REJECT"),
    ("وتظاهر الطلبة في العاصمة رافعين شعارات ترفض التمديد، وتطالب برحيل الحكومة.", "REQUEST"),
    ("وأدان الأمين العام بشكل قاطع الهجوم على المدرسة.", "PROTEST"),
    ("وتعهد الرئيس بملاحقة مثيري الشغب في المدن الكبرى.", "PROTEST"),
    ("وقال الوزير: «نشكر الأشقاء في قطر على دعمهم».", "SUPPORT"),
    ("ومن المقرر أن يزور الرئيس الفرنسي الجزائر الأسبوع المقبل.", "CONSULT"),
    ("وتعتزم السلطات فتح المعابر أمام المساعدات الأسبوع المقبل.", "RETREAT"),
    ("وقالت الرئيسة: «نشكر كل من وقف إلى جانبنا».", "SUPPORT"),
    ("وتعهد الرئيس بزيارة المدينة المنكوبة قريبا.", "CONSULT"),
    ("وسيلتقي الوزير نظيره الروسي في موسكو الأحد المقبل.", "CONSULT"),
    ("ودعا الاتحاد الأوروبي إلى وقف إطلاق النار والانسحاب من المدينة.", "RETREAT"),
    ("واتفق الجانبان على إعادة فتح السفارتين، واستئناف الرحلات الجوية.", "COOPERATE"),
    ("ونفت الحكومة اعتقال أي صحفي خلال الاحتجاجات.", "COERCE"),
    ("وهددت الحكومة بقطع الإنترنت إذا استمرت الاحتجاجات.", "COERCE"),
    # past firmness is no threat; a team named after an act is not the act; a release is no
    # abduction; a meeting announced with a future verb has not happened
    ("وتعاملت الشرطة بحزم مع المحتجين في العاصمة.", "THREATEN"),
    ("وانضم أعضاء فريق التفتيش إلى الاجتماع.", "COOPERATE"),
    ("أفرج المسلحون عن الرهائن بعد مفاوضات طويلة.", "ASSAULT"),
    ("وأوضح المكتب أن اللقاء سيعقد في جنيف.", "CONSULT"),
    # ثمن is a price here, not ثمّن (praised)
    ("وتوعد المتحدث بأن الحكومتين سيتعين عليهما دفع ثمن باهظ.", "SUPPORT"),
    ("وقال المتحدث باسم الخارجية الأوكرانية إن الهجوم استهدف مستودعات الحبوب.", "CONSULT"),
    ("ودعا الوزير إلى حل الأزمة السياسية عبر الحوار مع الحكومة.", "COERCE"),
    ("وتتواصل الاستعدادات للانتخابات المقررة الشهر المقبل.", "AGREE"),
    ("وأعرب الرئيس عن ارتياحه لنتائج الزيارة.", "ACCUSE"),
    # a drone, a process and a TV channel are no march; refugees going out are no protest
    ("وحلقت طائرة مسيرة فوق المدينة طوال الليل قبل أن يسقطها آلاف الجنود.", "PROTEST"),
    ("وأكد الرئيس التزامه بمسيرة السلام وشارك في مسيرة التنمية.", "PROTEST"),
    ("وخرج آلاف اللاجئين من المدينة المحاصرة.", "PROTEST"),
    ("وتسقط الأمطار على المدينة فيما سقطت طائرة مدنية قرب المطار.", "ASSAULT"),
]


@pytest.mark.parametrize("row", ROLES, ids=lambda r: r[0][:30])
def test_events_roles_unseen(row: Row) -> None:
    assert _matches(row) == []


@pytest.mark.parametrize("row", TRIGGERS, ids=lambda r: r[0][:30])
def test_events_triggers_unseen(row: Row) -> None:
    assert _matches(row) == []


@pytest.mark.parametrize("row", DATES, ids=lambda r: f"{r[1]}:{r[0][:30]}")
def test_events_dates_by_clause(row: Row) -> None:
    assert _matches(row) == []


@pytest.mark.parametrize("row", COUNTRY, ids=lambda r: r[0][:30])
def test_events_country_unseen(row: Row) -> None:
    assert _matches(row) == []


@pytest.mark.parametrize(("text", "typ"), ABSENT, ids=lambda x: str(x)[:30])
def test_events_not_coded_unseen(text: str, typ: str) -> None:
    assert [e.type for e in _doc(text).events if e.type == typ] == []


def test_events_same_act_told_twice_is_one_event() -> None:
    text = (
        "أعلن رئيس الوزراء حسان دياب اليوم استقالة حكومته. "
        "وقال مصدر حكومي إن الحكومة ستواصل تصريف الأعمال. "
        "وقدم حسان دياب اليوم استقالته إلى الرئيس ميشال عون."
    )
    resign = [e for e in _doc(text).events if e.type == "RETREAT"]
    assert len(resign) == 1
    assert len(resign[0].mentions) == 2


def test_events_actor_types_retype_storming() -> None:
    protest = _doc("اقتحم متظاهرون مبنى البرلمان في بغداد أمس.").events
    raid = _doc("اقتحمت الشرطة مبنى البرلمان في بغداد أمس.").events
    assert [(e.type, e.mode) for e in protest] == [("PROTEST", "riot")]
    assert [(e.type, e.mode) for e in raid] == [("COERCE", "seize")]


def test_events_actors_constraint_drops_non_military_entry() -> None:
    assert [e.type for e in _doc("دخلت القوات الإثيوبية بلدة الحمرة فجر اليوم.").events] == [
        "ASSAULT"
    ]
    assert "ASSAULT" not in [e.type for e in _doc("دخل الوفد مدينة جدة مساء أمس.").events]


def test_events_clock_time_without_day_dates_nothing() -> None:
    from waqai.document import Timex
    from waqai.events.dating import timex_dates

    text = "فرض الجيش حظر التجول من الساعة العاشرة ليلا، وأعلن ذلك صباح اليوم الأحد."
    doc = Document(text)
    a = text.index("الساعة")
    b = text.index("صباح")
    doc.timexes = [
        Timex(a, a + len("الساعة العاشرة ليلا"), "الساعة العاشرة ليلا", "TIME", "2024-03-10T22:00"),
        Timex(b, len(text) - 1, "صباح اليوم الأحد", "TIME", "2024-03-10TMO"),
    ]
    assert [v for _, _, v in timex_dates(doc)] == ["2024-03-10"]
    assert timex_dates(doc)[0][0] == doc.match.to_match(b)


def test_events_since_date_does_not_date_the_toll() -> None:
    text = "وقتل أكثر من مئة شخص منذ انطلاق الاحتجاجات في الأول من يناير الماضي، وفق مصادر طبية."
    assert [e.date for e in _doc(text).events if e.type == "ASSAULT"] != ["2024-01-01"]


def test_events_headline_joins_the_report() -> None:
    text = (
        "مالي تطرد السفير الفرنسي\n"
        "باماكو - طردت السلطات الانتقالية في مالي السفير الفرنسي، أمس السبت 9 مارس 2024، "
        "وأمهلته 72 ساعة لمغادرة البلاد."
    )
    expel = [e for e in _doc(text).events if e.type == "SANCTION"]
    assert len(expel) == 1
    assert expel[0].date == "2024-03-09"
    assert expel[0].trigger.text == "طردت"
    assert len(expel[0].mentions) == 2


def test_events_headline_without_report_is_kept() -> None:
    text = "الشرطة تعتقل عشرات المحتجين في بغداد\nبغداد - تواصلت الاحتجاجات في العاصمة أمس."
    assert "COERCE" in [e.type for e in _doc(text).events]


def test_events_pluperfect_event_does_not_inherit_a_participant_date() -> None:
    text = "اعتقلت الشرطة أمس الناشط علاء عبد الفتاح. وكانت الشرطة قد اعتقلت الناشط سابقا."
    events = _doc(text).events
    assert [(e.type, e.date) for e in events] == [("COERCE", "2024-03-09"), ("COERCE", None)]


def test_events_speaker_before_complementizer_is_not_the_masdar_actor() -> None:
    text = "وقال المتحدث باسم الخارجية الأوكرانية إن الهجوم استهدف مستودعات الحبوب."
    attack = [e for e in _doc(text).events if e.type == "ASSAULT"]
    assert attack and all(e.actor is None or "المتحدث" not in e.actor.text for e in attack)


def test_events_hostage_taking_is_assault_abduct() -> None:
    events = _doc("احتجز مسلحون عشرات الرهائن في هجوم على قرية حدودية.").events
    assert ("ASSAULT", "abduct") in [(e.type, e.mode) for e in events]
    assert "COERCE" not in [e.type for e in events]
