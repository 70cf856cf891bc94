"""``waqai extract``: run the pipeline on files or stdin and print the documents."""

from __future__ import annotations

import sys

import click

from waqai.cli import fail, handle_errors, main
from waqai.document import Document
from waqai.errors import InputError
from waqai.io.files import read_stdin_bytes, read_text_file
from waqai.pipeline import default_pipeline, parse_date


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--published", help="The article's date (YYYY-MM-DD); inferred from the text if omitted."
)
@click.option("--now", help="Reference date for inference (YYYY-MM-DD); default: today.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text"]),
    default="json",
    show_default=True,
    help="json: one indented object per file; jsonl: one line each; text: a readable summary.",
)
@handle_errors
def extract(paths: tuple[str, ...], published: str | None, now: str | None, fmt: str) -> None:
    """Extract dates, entities, events and quotes from PATHS (files, or - for stdin).

    Bad files are reported on stderr, one line each, and the others are still
    processed; the exit code is 1 if any failed.
    """
    pub = parse_date(published, "--published")
    ref = parse_date(now, "--now")
    pipeline = default_pipeline()
    failed = 0
    for path in paths:
        try:
            text, meta = read_stdin_bytes(sys.stdin.buffer) if path == "-" else read_text_file(path)
        except InputError as exc:
            click.echo(f"waqai: error: {exc}", err=True)
            failed += 1
            continue
        doc = pipeline(text, published=pub, meta=meta, now=ref)
        _print(doc, fmt)
    if failed:
        fail(f"{failed} of {len(paths)} input(s) failed", 1) if len(paths) > 1 else sys.exit(1)


def _print(doc: Document, fmt: str) -> None:
    if fmt == "json":
        click.echo(doc.to_json(indent=2))
    elif fmt == "jsonl":
        click.echo(doc.to_json())
    else:
        from waqai.cli.summary import print_summary

        print_summary(doc)
