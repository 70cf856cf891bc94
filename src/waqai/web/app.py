"""The dashboard application: ``create_app(db_url, token)``.

One FastAPI app serves the HTML pages (Jinja2, autoescaped) and the JSON API
(OpenAPI at ``/openapi.json``, Swagger UI at ``/docs`` from vendored files).
Every response carries the security headers; with a token, every request
must present it; errors are RFC 7807 problem details for the API and a plain
page for browsers, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from waqai import __version__
from waqai.errors import ConfigError, StoreError, WaqaiError
from waqai.web import security
from waqai.web.reader import check_store
from waqai.web.render import templates

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"

Handler = Callable[[Request], Awaitable[Response]]


def wants_json(request: Request) -> bool:
    """API paths answer JSON problems; pages answer an HTML error page."""
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def problem(
    request: Request, status: int, title: str, detail: str, kind: str = "about:blank"
) -> Response:
    """An error response: ``application/problem+json`` for the API, a plain page otherwise."""
    if wants_json(request):
        body = {"type": kind, "title": title, "status": status, "detail": detail}
        return JSONResponse(body, status_code=status, media_type="application/problem+json")
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "title": title, "detail": detail},
        status_code=status,
    )


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {
            401: "Unauthorized",
            403: "Forbidden",
            404: "Not Found",
            405: "Method Not Allowed",
        }
        title = titles.get(exc.status_code, "Error")
        detail = exc.detail if isinstance(exc.detail, str) else title
        response = problem(request, exc.status_code, title, detail)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        reasons = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
            reasons.append(f"{where}: {err.get('msg', 'invalid')}")
        return problem(
            request, 422, "Invalid request", "; ".join(reasons), "urn:waqai:problem:invalid-request"
        )

    @app.exception_handler(ConfigError)
    async def bad_filter(request: Request, exc: ConfigError) -> Response:
        return problem(request, 400, "Invalid filter", str(exc), "urn:waqai:problem:invalid-filter")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.warning("store error on %s: %s", request.url.path, exc)
        detail = str(exc) if "busy" in str(exc) else "the store cannot be read right now"
        return problem(
            request, 503, "Store unavailable", detail, "urn:waqai:problem:store-unavailable"
        )

    @app.exception_handler(WaqaiError)
    async def waqai_error(request: Request, exc: WaqaiError) -> Response:
        return problem(request, 400, "Bad request", str(exc), "urn:waqai:problem:bad-request")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        return crashed(request, exc)


def crashed(request: Request, exc: Exception) -> Response:
    """A bug: logged with its traceback on the server, a plain 500 for the client."""
    log.error("internal error on %s", request.url.path, exc_info=exc)
    return problem(
        request, 500, "Internal Server Error", "an unexpected error occurred; see the server log"
    )


async def _next(request: Request, call_next: Handler) -> Response:
    # errors that escape the app's handlers still get the security headers below
    try:
        return await call_next(request)
    except Exception as exc:
        return crashed(request, exc)


def _install_middleware(app: FastAPI, token: str | None, hosts: frozenset[str] | None) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next: Handler) -> Response:
        response = await _guarded(request, call_next, token, hosts)
        for name, value in security.HEADERS.items():
            response.headers.setdefault(name, value)
        if wants_json(request):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


async def _guarded(
    request: Request, call_next: Handler, token: str | None, hosts: frozenset[str] | None
) -> Response:
    if hosts is not None and (request.url.hostname or "") not in hosts:
        # a page on another site that rebinds its name to 127.0.0.1 must not read the store
        return problem(request, 400, "Bad Request", "unexpected Host header")
    if token is None:
        return await _next(request, call_next)
    how = security.presented(request, token)
    if how is None:
        refused = problem(request, 401, "Unauthorized", "this dashboard needs its access token")
        refused.headers["WWW-Authenticate"] = 'Bearer realm="waqai"'
        return refused
    if how != "query":
        return await _next(request, call_next)
    # trade the token in the URL for a cookie, and drop it from the address bar
    if request.method == "GET" and not wants_json(request):
        response: Response = RedirectResponse(security.without_token(request.url), status_code=303)
    else:
        response = await _next(request, call_next)
    response.set_cookie(
        security.COOKIE, security.session_value(token), httponly=True, samesite="strict", path="/"
    )
    return response


def create_app(
    db_url: str | None = None, token: str | None = None, hosts: Iterable[str] | None = None
) -> FastAPI:
    """The dashboard over the store at ``db_url`` (read-only).

    ``token`` guards every request; ``hosts``, when given, are the only Host
    names answered (``waqai serve`` on localhost without a token uses the
    loopback names, against DNS rebinding).
    """
    url = check_store(db_url)
    app = FastAPI(
        title="waqai dashboard API",
        version=__version__,
        description="Read-only access to a waqai corpus store: articles, merged PLOVER events, timelines, actors.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db_url = url
    app.state.token = token or None
    _install_errors(app)
    _install_middleware(app, token or None, frozenset(hosts) if hosts is not None else None)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    from waqai.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app
