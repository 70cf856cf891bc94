"""HTML pages and WARC archives into records (trafilatura, warcio; the ``corpus`` extra).

trafilatura finds the main text and the publication date of a news page;
the crawl date of a WARC record is not a publication date and is kept apart
in ``meta["crawled"]``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from waqai.errors import InputError
from waqai.io.records import BadRecord, Record, clean_date
from waqai.text.decode import decode

log = logging.getLogger(__name__)


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise InputError(
            "<html>", "reading HTML needs the corpus extra: pip install 'waqai[corpus]'"
        ) from exc
    return trafilatura


class _TextOnly(HTMLParser):
    """Visible text of any HTML, however broken or deep (no tree is built)."""

    SKIP = frozenset(
        {"script", "style", "head", "title", "nav", "footer", "header", "aside", "noscript"}
    )
    BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """A last-resort text of a page that the main-text extractor cannot read."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def html_record(html: str, path: str, line: int = 0, url: str | None = None) -> Record | BadRecord:
    """The main text and metadata of one HTML page.

    trafilatura's precise extraction first, then its recall mode, then the
    plain visible text (deeply nested or broken markup defeats the tree
    builders): a page with readable text is never dropped.
    """
    trafilatura = _trafilatura()
    extraction = "main"
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        text = getattr(doc, "text", None) if doc is not None else None
        if not text or not text.strip():
            extraction = "recall"
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_recall=True)
            text = getattr(doc, "text", None) if doc is not None else None
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        log.debug("%s: trafilatura failed (%s)", path, exc)
        doc, text = None, None
    if not text or not text.strip():
        extraction = "plain"
        text = plain_text(html)
    if not text.strip():
        return BadRecord(path, "no text found in HTML", line)
    meta: dict[str, Any] = {"path": path, "format": "html"}
    if extraction != "main":
        meta["html_extraction"] = extraction
    if line:
        meta["line"] = line
    for name in ("title", "url", "sitename"):
        value = getattr(doc, name, None) or (url if name == "url" else None)
        if value:
            meta["source" if name == "sitename" else name] = str(value)
    published = clean_date(getattr(doc, "date", None))
    source = f"{path}:{line}" if line else path
    return Record(text, source, published, meta)


def read_html(path: str, data: bytes) -> Record | BadRecord:
    try:
        html = decode(data, path).text
    except InputError as exc:
        return BadRecord(path, exc.reason)
    return html_record(html, path)


def iter_warc(path: str) -> Iterator[Record | BadRecord]:
    """HTML responses of a WARC file, streamed record by record."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:  # pragma: no cover - depends on the install
        yield BadRecord(path, "reading WARC needs the corpus extra: pip install 'waqai[corpus]'")
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally, the generator may stop early
    except OSError as exc:
        yield BadRecord(path, f"cannot read ({exc.strerror or exc})")
        return
    n = found = 0
    try:
        for rec in ArchiveIterator(fh):
            n += 1
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            ctype = rec.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            found += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            data = rec.content_stream().read()
            try:
                html = decode(data, f"{path}:{n}").text
            except InputError as exc:
                yield BadRecord(path, exc.reason, n)
                continue
            out = html_record(html, path, n, url)
            if isinstance(out, Record):
                crawled = rec.rec_headers.get_header("WARC-Date")
                if crawled:
                    out.meta["crawled"] = crawled
            yield out
    except Exception as exc:  # warcio raises ArchiveLoadFailed and zlib errors
        yield BadRecord(path, f"broken WARC ({type(exc).__name__}: {exc})", n)
        return
    finally:
        fh.close()
    if not found:
        yield BadRecord(path, f"no HTML responses in WARC ({n} record(s))")
