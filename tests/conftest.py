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


# --- entities (issue #4) ------------------------------------------------------
@pytest.fixture(scope="session")
def seed_gold() -> dict:
    import json

    if not SEED_GOLD.exists():
        pytest.skip("../shared/seed is not present")
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


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


# --- web dashboard (issue #7) ---------------------------------------------------
# One SQLite store per test session: the crisis articles plus a hostile article whose
# text, title, url, source, entity names, timex value and actors are XSS payloads.
XSS_TEXT = (
    'قال <script>alert("x")</script> إن " onmouseover="alert(1) هاجم'
    " <img src=x onerror=alert(2)> في كازاخستان يوم الأحد."
)


def hostile_document():
    """An article built to break a careless page: markup everywhere a string is shown."""
    from waqai.document import Entity, Timex

    doc = build_event_doc(
        XSS_TEXT,
        [
            {
                "type": "ASSAULT",
                "trigger": "هاجم",
                "actor": ('" onmouseover="alert(1)', "<b>id</b>", None),
                "recipient": ("<img src=x onerror=alert(2)>", None, None),
                "country": "KZ",
                "date": "2022-01-09",
                "quad_class": 4,
            }
        ],
        "2022-01-10",
        title="<script>alert('title')</script>",
        url="javascript:alert('url')",
        source="<b>src</b>",
        path="hostile.txt",
    )
    start = XSS_TEXT.index("كازاخستان")
    doc.entities = [
        Entity(
            "ent1",
            start,
            start + 9,
            "كازاخستان",
            "GPE",
            "kz",
            '<svg onload=alert("name")>',
            '"><script>alert(4)</script>',
            "KZ",
        )
    ]
    start = XSS_TEXT.index("يوم الأحد")
    doc.timexes = [Timex(start, start + 9, "يوم الأحد", "DATE", '"><b>x</b>')]
    return doc


@pytest.fixture(scope="session")
def web_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store with the crisis articles and the hostile article, merged."""
    from waqai.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    with open_store(url) as store:
        store.add_documents([*crisis_documents().values(), hostile_document()])
        store.rebuild()
    return url


@pytest.fixture(scope="session")
def web_app(web_store_url: str):
    """The dashboard over ``web_store_url``, without a token."""
    from waqai.web.app import create_app

    return create_app(web_store_url)


@pytest.fixture
def web_client(web_app):
    """A test client that turns server errors into responses, as a browser sees them."""
    from fastapi.testclient import TestClient

    with TestClient(web_app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def hostile_doc():
    """The hostile article (see ``hostile_document``); its id is its store id."""
    return hostile_document()


# --- engines (issue #8) ---------------------------------------------------------------
@pytest.fixture(scope="session")
def dask_scheduler():
    """The address of a Dask LocalCluster (2 single-threaded worker processes) for the session.

    One cluster serves every engine test, so workers start (and load the
    models) once; engines join it with ``scheduler=`` and leave it running.
    """
    pytest.importorskip("distributed")
    from waqai.engines.dask_engine import local_cluster

    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


ENGINE_STORY = (
    "أعلنت منظمة معاهدة الأمن الجماعي يوم الخميس بدء سحب قواتها من كازاخستان بعد أن أنجزت مهمتها"
    " في حماية المنشآت الحكومية، وقال الأمين العام للمنظمة إن الانسحاب سيكتمل خلال عشرة أيام."
)


@pytest.fixture
def engine_folder(tmp_path: Path) -> Path:
    """18 generated articles, a near-duplicate repost, an exact copy, and two bad inputs."""
    import json

    root = tmp_path / "in"
    make_corpus(root / "gen", 18)
    (root / "story.txt").write_text(ENGINE_STORY, encoding="utf-8")
    (root / "repost.txt").write_text(
        "عاجل: بدء الانسحاب\n" + ENGINE_STORY + "\n(رويترز)", encoding="utf-8"
    )
    (root / "copy.txt").write_text(ENGINE_STORY.replace("أعلنت", "أَعْلَنَتْ"), encoding="utf-8")
    feed = {"id": "k1", "text": "خرج متظاهرون إلى الشوارع في ألماتي", "published": "2022-01-05"}
    (root / "feed.jsonl").write_text(json.dumps(feed) + "\n{not json\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    return root


# Browser tests (tests/e2e): one `waqai serve` over the demo corpus plus the crisis
# articles, one Debian chromium driven by playwright, for the whole session.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _waqai(*args: str) -> list[str]:
    return [sys.executable, "-c", "from waqai.cli import main; main()", *args]


@pytest.fixture(scope="session")
def dashboard_url(tmp_path_factory: pytest.TempPathFactory):
    """The URL of a `waqai serve` started on a free localhost port over the demo corpus."""
    import socket
    import subprocess
    import time
    import urllib.request

    from waqai.store import open_store

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium): browser tests skip")
    pytest.importorskip("playwright.sync_api", reason="playwright is missing (in the dev extra)")
    db = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'demo.db'}"
    ingest = _waqai("ingest", str(SAMPLES), "--db", db, "--now", "2022-02-01")
    subprocess.run(ingest, check=True, capture_output=True)
    with open_store(db) as store:
        store.add_documents(crisis_documents().values())
        store.rebuild()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = _waqai("serve", "--db", db, "--port", str(port))
    server = subprocess.Popen(serve, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/api/stats", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    err = server.stderr.read().decode() if server.stderr else ""
                    pytest.fail(f"waqai serve exited: {err}")
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()


@pytest.fixture(scope="session")
def browser_context(dashboard_url: str, tmp_path_factory: pytest.TempPathFactory):
    """A headless chromium with a fresh profile (one per session)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            base_url=dashboard_url,
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def browser_page(browser_context):
    """A page that fails the test on any console error or uncaught exception (e.g. CSP)."""
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    page.close()
    assert errors == [], errors


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests save screenshots: $WAQAI_SCREENSHOTS (e.g. docs/img) or a temp dir."""
    folder = os.environ.get("WAQAI_SCREENSHOTS")
    return Path(folder) if folder else tmp_path_factory.mktemp("screenshots")


# --- events and quotes (issue #5) ---------------------------------------------
GOLD_DIR = Path(__file__).resolve().parent / "gold"
#: the gold sets are scored as of this day, so that inferred years never drift with the calendar
GOLD_NOW = "2026-11-29"


@pytest.fixture(scope="session")
def gold_now() -> str:
    return GOLD_NOW


@pytest.fixture(scope="session")
def gold_scores() -> dict[str, dict[str, float]]:
    """Reference-scorer metrics of the default pipeline on every tests/gold article (no date given)."""
    import json

    from waqai.events.evaluate import score
    from waqai.pipeline import Pipeline

    pipe = Pipeline()
    out: dict[str, dict[str, float]] = {}
    for gp in sorted(GOLD_DIR.glob("*.json")):
        tp = gp.with_suffix(".txt")
        if tp.exists():
            doc = pipe(tp.read_text(encoding="utf-8"), now=GOLD_NOW)
            out[gp.stem] = score(doc.to_dict(), json.loads(gp.read_text(encoding="utf-8")))
    if not out:
        pytest.skip("tests/gold has no articles")
    return out


# --- kill-and-resume tests (corpus, engines) ---------------------------------------
@pytest.fixture
def sigkill_when():  # type: ignore[no-untyped-def]
    """Run ``cmd`` and SIGKILL it as soon as ``ready()`` holds; its return code."""
    import signal
    import subprocess
    import time

    def run(cmd: list[str], ready, timeout: float = 60) -> int:  # type: ignore[no-untyped-def]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + timeout
            while not ready():
                assert proc.poll() is None, "the command ended before it could be killed"
                assert time.monotonic() < deadline
                time.sleep(0.005)
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait()
        return proc.returncode

    return run


@pytest.fixture
def sigkill_after_first_batch(sigkill_when):  # type: ignore[no-untyped-def]
    """Run ``cmd`` (an ingest into ``store``) and SIGKILL it once a batch is committed."""

    def run(cmd: list[str], store, timeout: float = 60) -> int:  # type: ignore[no-untyped-def]
        def committed() -> bool:
            return (store.db.scalar("SELECT MAX(batches) FROM ingest_progress") or 0) >= 1

        return sigkill_when(cmd, committed, timeout)

    return run
