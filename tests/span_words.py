"""Words for the property tests of entity spans: clitics (بالقاهرة، وموسكو، لروسيا), a
title, an organization's words, a name, punctuation, a harakah, a tatweel, Latin, a digit
and a presentation-form ligature, mixed at random to stress matching and offsets."""

SPAN_WORDS = [
    "بالقاهرة",
    "وموسكو",
    "لروسيا",
    "الرئيس",
    "الروسي",
    "قال",
    "،",
    "ْ",
    "ـ",
    "منظمة",
    "معاهدة",
    "الأمن",
    "الجماعي",
    "توكاييف",
    "x",
    "1",
    "ﻻ",
]
