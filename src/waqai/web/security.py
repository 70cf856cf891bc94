"""Security of the dashboard: response headers and the access token.

A dashboard bound beyond localhost must not hand the corpus to anyone on the
network, so a token is required there (``waqai serve`` enforces it). A
browser presents it once as ``?token=`` and then carries a cookie derived
from it (never the token itself); scripts send ``Authorization: Bearer``.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from urllib.parse import urlencode

from starlette.datastructures import URL
from starlette.requests import Request

COOKIE = "waqai_session"

#: no inline scripts anywhere; styles may be inline (Swagger UI and chart libraries set them)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
    " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
    " form-action 'self'"
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


#: the Host names a dashboard bound to loopback without a token answers
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def is_local(host: str) -> bool:
    """Whether ``host`` is a loopback address or name (no token needed there)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def session_value(token: str) -> str:
    """The cookie value for ``token``: a keyed hash, so the cookie does not reveal the token."""
    return hmac.new(token.encode("utf-8"), b"waqai-dashboard-session", hashlib.sha256).hexdigest()


def presented(request: Request, token: str) -> str | None:
    """How the request proves it knows ``token``: "header", "cookie", "query" or None."""
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer " and hmac.compare_digest(
        auth[7:].strip().encode(), token.encode()
    ):
        return "header"
    cookie = request.cookies.get(COOKIE, "")
    if cookie and hmac.compare_digest(cookie.encode(), session_value(token).encode()):
        return "cookie"
    query = request.query_params.get("token", "")
    if query and hmac.compare_digest(query.encode(), token.encode()):
        return "query"
    return None


def without_token(url: URL) -> str:
    """``url`` as a path and query without the ``token`` parameter (to redirect to)."""
    from starlette.datastructures import QueryParams

    kept = [(k, v) for k, v in QueryParams(url.query).multi_items() if k != "token"]
    return url.path + ("?" + urlencode(kept) if kept else "")
