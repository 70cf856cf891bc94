"""The ``waqai`` command line: a thin layer over the Python API.

Each command lives in its own module and registers itself on :data:`main`.
Library errors become one line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from waqai.pipeline import single_blas_thread

single_blas_thread()  # before any command loads numpy

import click  # noqa: E402

from waqai import __version__  # noqa: E402
from waqai.errors import WaqaiError  # noqa: E402

F = TypeVar("F", bound=Callable[..., Any])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="waqai")
@click.option("-v", "--verbose", count=True, help="Log to stderr: -v for info, -vv for debug.")
def main(verbose: int) -> None:
    """waqai: Arabic news to structured, verifiable political event data."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("waqai")
    root.handlers = [h for h in root.handlers if isinstance(h, logging.NullHandler)] + [handler]
    root.setLevel(level)


def fail(message: str, code: int = 1) -> None:
    """Print one line on stderr and exit."""
    click.echo(f"waqai: error: {message}", err=True)
    sys.exit(code)


def handle_errors(fn: F) -> F:
    """Turn library errors into one clear line and exit code 1 (never a traceback)."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except WaqaiError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)

    return wrapper  # type: ignore[return-value]


# command modules register themselves on `main`
from waqai.cli import (  # noqa: E402,F401
    events,
    export,
    extract,
    ingest,
    search,
    serve,
    stats,
    timeline,
)
