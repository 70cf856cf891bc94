"""Shared fixtures. Each area keeps its fixtures in a marked block."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "article.txt"
SEED_GOLD = SHARED / "seed" / "article.gold.json"

# Hypothesis: deterministic, no database directory in the repo.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", "/tmp/waqai-hypothesis")


# --- foundation -------------------------------------------------------------
@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seed is not present")
    return SEED.read_text(encoding="utf-8")


# --- corpus / store (issue #6) ----------------------------------------------------
# Store tests run on SQLite always and on PostgreSQL when WAQAI_TEST_POSTGRES_URL is
# set (CI sets it); each PostgreSQL test gets its own schema, dropped afterwards.
POSTGRES_URL = os.environ.get("WAQAI_TEST_POSTGRES_URL")


def _postgres_schema_url(name: str) -> tuple[str, str]:
    import re
    import uuid

    schema = "t_" + re.sub(r"\W", "_", name.lower())[:30] + "_" + uuid.uuid4().hex[:8]
    assert POSTGRES_URL is not None
    sep = "&" if "?" in POSTGRES_URL else "?"
    return schema, f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"


def _postgres_admin(sql: str) -> None:
    import psycopg

    assert POSTGRES_URL is not None
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path):
    """A URL of an empty store, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("WAQAI_TEST_POSTGRES_URL is not set")
    schema, url = _postgres_schema_url(request.node.name)
    _postgres_admin(f"CREATE SCHEMA {schema}")
    try:
        yield url
    finally:
        _postgres_admin(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(store_url: str):
    """An open, empty store on each backend."""
    from waqai.store import open_store

    s = open_store(store_url)
    try:
        yield s
    finally:
        s.close()


CRISIS_BODY = (
    "أعلنت منظمة معاهدة الأمن الجماعي يوم الخميس بدء سحب قواتها من كازاخستان بعد أن أنجزت"
    " مهمتها في حماية المنشآت الحكومية. وقال الأمين العام للمنظمة إن الانسحاب سيكتمل خلال عشرة"
    " أيام وإن القوات الروسية ستكون آخر من يغادر البلاد. وكانت السلطات قد طلبت المساعدة بعد"
    " احتجاجات واسعة بدأت في الثاني من يناير على ارتفاع أسعار الوقود وتحولت إلى أعمال عنف في"
    " ألماتي. وخرج متظاهرون إلى الشوارع في عدة مدن للاحتجاج على رفع أسعار الغاز المسال."
)
CSTO = ("منظمة معاهدة الأمن الجماعي", "csto", "IGO")
KAZ = ("كازاخستان", "kz", "KAZ")


def build_event_doc(
    text: str,
    events: list[dict],
    published: str | None = None,
    **meta: str,
):
    """A Document with events whose spans are found in ``text`` (one sentence: the whole text)."""
    from waqai.document import Document, Event, Participant, Published, Sentence, Span
    from waqai.io.records import doc_key

    def part(spec: tuple[str, str | None, str | None] | None) -> Participant | None:
        if spec is None:
            return None
        words, entity_id, code = spec
        start = text.index(words)
        return Participant(start, start + len(words), words, entity_id, code)

    out = []
    for i, e in enumerate(events, 1):
        t = text.index(e["trigger"])
        out.append(
            Event(
                id=f"e{i}",
                type=e["type"],
                mode=e.get("mode"),
                cameo=None,
                trigger=Span(t, t + len(e["trigger"]), e["trigger"]),
                actor=part(e.get("actor")),
                recipient=part(e.get("recipient")),
                date=e.get("date"),
                country=e.get("country"),
                location=None,
                negated=e.get("negated", False),
                modality="asserted",
                sentence=Sentence(0, len(text)),
                confidence=0.9,
                context=list(e.get("context", [])),
                quad_class=e.get("quad_class"),
            )
        )
    doc = Document(text=text, id=doc_key(text), meta={"path": meta.pop("path", "mem"), **meta})
    doc.published = Published(published, "given" if published else None, None)
    doc.sentences = [Sentence(0, len(text))]
    doc.events = out
    return doc


def crisis_documents() -> dict:
    """One crisis (CSTO withdrawal from Kazakhstan) as six articles, by name."""
    retreat = {
        "type": "RETREAT",
        "trigger": "سحب",
        "actor": CSTO,
        "recipient": KAZ,
        "country": "KZ",
    }
    a_text = "موسكو (رويترز) - " + CRISIS_BODY
    a_events = [
        {**retreat, "date": "2022-01-13", "mode": "withdraw", "context": ["military"]},
        {
            "type": "PROTEST",
            "trigger": "للاحتجاج",
            "actor": ("متظاهرون", None, "CVL"),
            "country": "KZ",
            "date": "2022-01-05",
        },
    ]
    repost_text = (
        "بدء انسحاب قوات حفظ السلام من كازاخستان\n"
        + CRISIS_BODY.replace("عشرة أيام", "10 أيام")
        + "\nجميع الحقوق محفوظة لوكالة الأنباء."
    )
    b_text = (
        "قالت وزارة الخارجية الكازاخستانية إن قوات منظمة الأمن الجماعي بدأت مغادرة البلاد هذا"
        " الشهر، مؤكدة أن الوضع الأمني بات مستقرا في جميع المناطق بعد أسبوعين من الاضطرابات."
    )
    c_text = (
        "أكملت قوات منظمة معاهدة الأمن الجماعي يوم الأربعاء انسحابها من كازاخستان، وغادرت آخر"
        " طائرة تقل جنودا روسا مطار ألماتي."
    )
    d_text = "ذكرت مصادر دبلوماسية أن منظمة معاهدة الأمن الجماعي تسحب قواتها من كازاخستان تدريجيا."
    e_text = "اتهمت موسكو واشنطن بالتدخل في شؤون كازاخستان الداخلية خلال الأزمة الأخيرة."
    return {
        "a": build_event_doc(
            a_text, a_events, "2022-01-13", title="بدء الانسحاب", source="reuters", path="a.txt"
        ),
        "repost": build_event_doc(
            repost_text,
            [{**e, "trigger": e["trigger"]} for e in a_events],
            "2022-01-14",
            title="بدء انسحاب قوات حفظ السلام",
            source="aggregator",
            path="repost.txt",
        ),
        "b": build_event_doc(
            b_text,
            [
                {
                    **retreat,
                    "trigger": "مغادرة",
                    "actor": ("قوات منظمة الأمن الجماعي", "csto", None),
                    "date": "2022-01",
                }
            ],
            "2022-01-15",
            path="b.txt",
        ),
        "c": build_event_doc(
            c_text,
            [{**retreat, "trigger": "انسحابها", "date": "2022-01-19"}],
            "2022-01-19",
            path="c.txt",
        ),
        "d": build_event_doc(
            d_text, [{**retreat, "trigger": "تسحب", "date": None}], "2022-01-14", path="d.txt"
        ),
        "e": build_event_doc(
            e_text,
            [
                {
                    "type": "ACCUSE",
                    "trigger": "اتهمت",
                    "actor": ("موسكو", "ru", "RUS"),
                    "recipient": ("واشنطن", "us", "USA"),
                    "country": "RU",
                    "date": "2022-01-13",
                }
            ],
            "2022-01-13",
            path="e.txt",
        ),
    }


@pytest.fixture
def crisis_docs() -> dict:
    """Six articles about one crisis, with hand-built events (see ``crisis_documents``)."""
    return crisis_documents()


@pytest.fixture
def event_doc_factory():
    """``build_event_doc(text, events, published, **meta)``: a Document with hand-built events."""
    return build_event_doc


_WORDS_TEXT = (
    "الحكومة الوزير الرئيس البرلمان المعارضة الجيش الشرطة المحتجون العاصمة المدينة الاتفاق"
    " المفاوضات الانتخابات الاقتصاد النفط الغاز الأسعار الحدود اللاجئين المساعدات الأمم"
    " المتحدة مجلس الأمن القرار العقوبات الهدنة القوات الانسحاب الزيارة القمة البيان"
    " المتحدث الوكالة المصادر الأسبوع الشهر العام اليوم أمس غدا قال أعلن أكد نفى طالب"
    " رفض وافق اتهم هدد التقى بحث دعا أدان رحب انتقد شارك وصل غادر عقد أجرى"
)
WORDS = tuple(_WORDS_TEXT.split())


def make_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """``n`` distinct small Arabic articles as .txt files (random words, fixed seed)."""
    import random

    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        words = [rnd.choice(WORDS) for _ in range(40)]
        p = folder / f"doc{i:04d}.txt"
        p.write_text(f"الخبر رقم {i}: " + " ".join(words) + ".", encoding="utf-8")
        paths.append(p)
    return paths


@pytest.fixture
def corpus_factory():
    """``make_corpus(folder, n)``: a folder of ``n`` distinct generated articles."""
    return make_corpus


# tests import their input generators (tests/badinput.py) by module name
sys.path.insert(0, str(Path(__file__).resolve().parent))
