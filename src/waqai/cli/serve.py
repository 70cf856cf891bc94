"""``waqai serve``: the web dashboard over a store, read-only."""

from __future__ import annotations

import click

from waqai.cli import fail, handle_errors, main
from waqai.cli.ingest import db_option


@main.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; beyond localhost a token is required.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--token",
    envvar="WAQAI_TOKEN",
    help="Access token every request must present (env WAQAI_TOKEN).",
)
@handle_errors
def serve(db: str | None, host: str, port: int, token: str | None) -> None:
    """Read, search and explore the store in a browser (pages, JSON API, OpenAPI at /docs).

    The store is opened read-only, so it can be served while an ingest writes
    to it. On a non-local --host every request must carry the token, as
    ``Authorization: Bearer TOKEN`` or once as ``?token=TOKEN`` (then a cookie).
    """
    try:
        import uvicorn

        from waqai.web.app import create_app
        from waqai.web.security import LOCAL_HOSTS, is_local
    except ImportError as exc:
        fail(f"the dashboard needs the web extra: pip install 'waqai[web]' ({exc.name} is missing)")
        return
    if not is_local(host) and not token:
        fail(
            f"--host {host} is reachable from other machines: give --token (or set WAQAI_TOKEN)", 2
        )
    if token is not None and len(token) < 8:
        fail("--token must be at least 8 characters", 2)
    hosts = None if token or not is_local(host) else {*LOCAL_HOSTS, host}
    app = create_app(db, token=token, hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(
        f"waqai dashboard on {link} (store {app.state.db_url}, read-only); Ctrl-C stops it",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
