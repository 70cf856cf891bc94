"""The Jinja2 environment of the pages: autoescape always on, a few link helpers."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from waqai.web.queries import MAX_PAGE_SIZE

#: colour family of each PLOVER quad class (1 verbal coop … 4 material conflict)
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def with_query(request: Request, **changes: Any) -> str:
    """The current page's URL with some query parameters changed (None drops one)."""
    params = [
        (k, v) for k, v in request.query_params.multi_items() if k not in changes and k != "token"
    ]
    params += [(k, str(v)) for k, v in changes.items() if v not in (None, "")]
    return request.url.path + ("?" + urlencode(params) if params else "")


def link(path: str, **params: Any) -> str:
    """``path`` with the non-empty ``params`` as its query string."""
    kept = [(k, str(v)) for k, v in params.items() if v not in (None, "")]
    return path + ("?" + urlencode(kept) if kept else "")


def doc_label(row: dict[str, Any]) -> str:
    """What to call an article: its title, else its file name, else its id."""
    path = row.get("path") or ""
    return str(row.get("title") or PurePath(path).name or row.get("id") or row.get("doc_id") or "?")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["doc_label"] = doc_label
    env.globals.update(
        with_query=with_query, link=link, QUAD_NAMES=QUAD_NAMES, MAX_PAGE_SIZE=MAX_PAGE_SIZE
    )
    return env


templates = Jinja2Templates(env=_environment())
