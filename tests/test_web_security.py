"""Each defence of the dashboard, with a test that fails if the defence is removed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from waqai.errors import StoreError
from waqai.web.app import create_app
from waqai.web.reader import Reader
from waqai.web.security import COOKIE, is_local

TOKEN = "s3cret-token-for-tests"

PAGES = ["/", "/?q=كازاخستان", "/events", "/timeline", "/timeline?country=KZ", "/actors", "/docs"]

# --- escaping ------------------------------------------------------------------------------------
RAW_PAYLOADS = [
    "<script>alert",
    "<img src=x",
    "<svg onload",
    "<b>src</b>",
    "<b>id</b>",
    '" onmouseover="alert',
    '"><script>',
    '"><b>x</b>',
]


def _assert_escaped(page: str) -> None:
    for raw in RAW_PAYLOADS:
        assert raw not in page, raw


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=هاجم",
        "/events",
        "/events?country=KZ&type=ASSAULT",
        "/timeline?country=KZ",
        "/actors",
    ],
)
def test_web_security_pages_escape_stored_text(web_client, path: str) -> None:
    page = web_client.get(path).text
    _assert_escaped(page)


def test_web_security_article_page_escapes_everything(web_client, hostile_doc) -> None:
    page = web_client.get(f"/articles/{hostile_doc.id}").text
    _assert_escaped(page)
    # the payloads are there, as text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert "javascript:alert(&#39;url&#39;)" in page
    assert 'href="javascript:' not in page
    assert "&lt;svg onload=alert(&#34;name&#34;)&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_web_security_search_list_escapes_title(web_client) -> None:
    page = web_client.get("/", params={"q": "هاجم"}).text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page


def test_web_security_reflected_input_is_escaped(web_client) -> None:
    r = web_client.get("/events", params={"since": "<script>alert(1)</script>"})
    assert r.status_code == 400
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)" in r.text
    page = web_client.get("/", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in page
    page = web_client.get("/actors", params={"actor": '" onmouseover="alert(1)'}).text
    assert 'value="" onmouseover=' not in page


class _Attributes(HTMLParser):
    """Every attribute name of a page, and every link target."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.names.append(name)
            if name in ("href", "src", "action") and value:
                self.urls.append(value)


def test_web_security_no_inline_scripts(web_client, hostile_doc) -> None:
    for path in [*PAGES, f"/articles/{hostile_doc.id}"]:
        page = web_client.get(path).text
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):
            assert 'src="/static/' in attrs, (path, attrs)
            assert body.strip() == "", path
        handlers = _Attributes()
        handlers.feed(page)
        assert not [a for a in handlers.names if a.startswith("on")], (
            path
        )  # no inline event handlers
        assert not [u for u in handlers.urls if u.lower().startswith("javascript:")], path


def test_web_security_json_api_carries_payloads_as_data(web_client, hostile_doc) -> None:
    body = web_client.get(f"/api/articles/{hostile_doc.id}").json()
    assert body["title"] == "<script>alert('title')</script>"
    r = web_client.get("/api/network", params={"type": "ASSAULT"})
    assert r.headers["content-type"] == "application/json"
    assert r.json()["edges"][0]["source"] == '" onmouseover="alert(1)'


# --- SQL ---------------------------------------------------------------------------------------
SQL = [
    "' OR 1=1 --",
    '"; DROP TABLE documents; --',
    "') UNION SELECT id FROM documents --",
    "\\",
    "NEAR(",
    "*",
]


@pytest.mark.parametrize("payload", SQL)
@pytest.mark.parametrize("field", ["country", "type", "actor", "source", "q"])
def test_web_security_sql_metacharacters_are_data(web_client, field: str, payload: str) -> None:
    url = "/api/articles" if field in ("source", "q") else "/api/events"
    r = web_client.get(url, params={field: payload})
    assert r.status_code == 200, r.text
    assert r.json()["total"] == 0
    assert web_client.get("/api/stats").json()["documents"] == 7


@pytest.mark.parametrize("payload", SQL)
def test_web_security_sql_metacharacters_in_every_view(web_client, payload: str) -> None:
    for url in (
        "/api/timeline",
        "/api/network",
        "/api/events/export",
        "/events",
        "/timeline",
        "/actors",
    ):
        r = web_client.get(url, params={"country": payload, "actor": payload, "type": payload})
        assert r.status_code == 200, (url, r.text)
    assert web_client.get(f"/api/articles/{payload}").status_code in (404, 422)
    assert web_client.get("/api/search", params={"q": payload}).status_code == 200


def test_web_security_store_is_read_only(web_store_url: str) -> None:
    with Reader(web_store_url) as reader, pytest.raises(StoreError, match="readonly"):
        reader.db.execute("DELETE FROM documents")


def test_web_security_no_write_methods(web_client) -> None:
    for method in ("post", "put", "delete", "patch"):
        r = getattr(web_client, method)("/api/events")
        assert r.status_code == 405
        assert r.headers["content-type"] == "application/problem+json"


# --- static files ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/vendor/../../app.py",
        "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%5capp.py",
        "/static//etc/passwd",
    ],
)
def test_web_security_static_path_traversal(web_client, path: str) -> None:
    r = web_client.get(path)
    assert r.status_code == 404
    assert "create_app" not in r.text and "root:" not in r.text


def test_web_security_static_vendor_files_are_served(web_client) -> None:
    for path in (
        "/static/vendor/chart.js/chart.umd.min.js",
        "/static/vendor/cytoscape/cytoscape.min.js",
        "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/js/timeline.js",
    ):
        r = web_client.get(path)
        assert r.status_code == 200, path
        assert "javascript" in r.headers["content-type"]


def test_web_security_docs_work_offline(web_client) -> None:
    page = web_client.get("/docs").text
    assert "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page and "//cdn" not in page


# --- headers and errors ----------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/api/stats", "/static/app.css", "/nowhere", "/api/nowhere"])
def test_web_security_headers(web_client, path: str) -> None:
    h = web_client.get(path).headers
    csp = h["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src and script_src.group(1).strip() == "'self'"
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"


def test_web_security_crash_shows_no_traceback(web_app, monkeypatch) -> None:
    from waqai.web import queries

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(queries, "network", boom)
    with TestClient(web_app, raise_server_exceptions=False) as client:
        r = client.get("/api/network")
        assert r.status_code == 500
        assert r.json() == {
            "type": "about:blank",
            "title": "Internal Server Error",
            "status": 500,
            "detail": "an unexpected error occurred; see the server log",
        }
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in r.headers["content-security-policy"]
        page = client.get("/actors")
        assert page.status_code == 500
        assert "Traceback" not in page.text and "secret internals" not in page.text
        assert page.headers["content-type"].startswith("text/html")


# --- token -----------------------------------------------------------------------------------------
@pytest.fixture
def guarded(web_store_url: str):
    with TestClient(
        create_app(web_store_url, token=TOKEN), raise_server_exceptions=False
    ) as client:
        yield client


@pytest.mark.parametrize(
    "path",
    ["/", "/api/stats", "/api/events", "/docs", "/openapi.json", "/static/app.css", "/articles/x"],
)
def test_web_security_token_required(guarded, path: str) -> None:
    r = guarded.get(path)
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert "documents" not in r.text
    wrong = guarded.get(path, headers={"Authorization": "Bearer wrong-token"})
    assert wrong.status_code == 401
    assert guarded.get(path, params={"token": "wrong-token"}).status_code == 401


def test_web_security_token_problem_is_json_for_the_api(guarded) -> None:
    r = guarded.get("/api/stats")
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 401
    assert guarded.get("/").headers["content-type"].startswith("text/html")


def test_web_security_bearer_token(guarded) -> None:
    r = guarded.get("/api/stats", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200
    assert r.json()["documents"] == 7


def test_web_security_query_token_becomes_a_cookie(guarded) -> None:
    r = guarded.get("/events", params={"token": TOKEN, "country": "KZ"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/events?country=KZ"  # the token leaves the address bar
    cookie = guarded.cookies.get(COOKIE)
    assert cookie and TOKEN not in cookie
    assert (
        "httponly" in r.headers["set-cookie"].lower()
        and "samesite=strict" in r.headers["set-cookie"].lower()
    )
    assert guarded.get("/events?country=KZ").status_code == 200
    assert guarded.get("/api/stats").status_code == 200
    guarded.cookies.clear()
    guarded.cookies.set(COOKIE, "forged")
    assert guarded.get("/api/stats").status_code == 401


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_web_security_is_local(host: str, local: bool) -> None:
    assert is_local(host) is local


def test_web_security_local_dashboard_answers_only_local_host_names(web_store_url: str) -> None:
    app = create_app(web_store_url, hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://evil.example") as rebound:
        r = rebound.get("/api/stats")
        assert r.status_code == 400
        assert r.json()["detail"] == "unexpected Host header"
    with TestClient(app, base_url="http://localhost:8000") as local:
        assert local.get("/api/stats").status_code == 200
