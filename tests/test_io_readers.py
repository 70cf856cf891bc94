"""Readers: every input format into records, and every bad input into an error record."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from waqai.io.readers import iter_inputs, iter_jsonl, read_input, read_inputs
from waqai.io.records import BadRecord, Record, doc_key

TEXT = "قال الرئيس الكازاخستاني قاسم جومارت توكاييف إن قوات حفظ السلام ستبدأ الانسحاب خلال يومين."
HTML = f"""<html><head><title>انسحاب القوات</title>
<meta property="article:published_time" content="2022-01-13T09:30:00+06:00"></head>
<body><nav>الرئيسية | أخبار | رياضة</nav><article><h1>انسحاب القوات</h1>
<p>{TEXT}</p><p>وأضاف أن الوضع في البلاد بات مستقرا بعد أسبوع من الاحتجاجات التي شهدتها مدن عدة.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def _records(items) -> tuple[list[Record], list[BadRecord]]:
    good = [r for r in items if isinstance(r, Record)]
    bad = [r for r in items if isinstance(r, BadRecord)]
    return good, bad


def test_io_doc_key_is_the_matching_form_hash() -> None:
    assert doc_key("قالَ الرئيسُ") == doc_key("قال الرئيس")
    assert doc_key("أحمد") == doc_key("احمد")
    assert doc_key("قال الرئيس") != doc_key("قال الوزير")


def test_io_txt(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    (rec,) = read_input(str(p))
    assert isinstance(rec, Record)
    assert (rec.text, rec.published, rec.meta["path"]) == (TEXT, None, str(p))
    assert rec.key == doc_key(TEXT)


def test_io_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(
        json.dumps(
            {"id": "x-1", "title": "عنوان", "text": TEXT, "published": "2022-01-13T10:00:00"}
        ),
        encoding="utf-8",
    )
    (rec,) = read_input(str(one))
    assert isinstance(rec, Record)
    assert rec.published == "2022-01-13"
    assert rec.meta["external_id"] == "x-1" and rec.meta["title"] == "عنوان"
    assert rec.key == doc_key(TEXT)  # the external id never replaces the store key

    many = tmp_path / "many.json"
    many.write_text(
        json.dumps([{"text": TEXT}, {"text": ""}, {"title": "no text"}, 5]), encoding="utf-8"
    )
    good, bad = _records(list(read_input(str(many))))
    assert len(good) == 1 and good[0].source == f"{many}:1"
    assert [(b.line, b.reason) for b in bad] == [
        (2, "empty text"),
        (3, "missing or non-string field 'text'"),
        (4, "expected a JSON object, got int"),
    ]


def test_io_jsonl_streams_and_reports_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    lines = [
        json.dumps(
            {"text": TEXT, "published": "2022-01-13", "url": "http://x", "source": "kazinform"}
        ),
        "",
        "{broken",
        json.dumps({"text": TEXT + " ثانية", "published": "not a date"}),
    ]
    p.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b"\xff\xfe{}\n")
    good, bad = _records(list(read_input(str(p))))
    assert [r.meta["line"] for r in good] == [1, 4]
    assert good[0].meta["source"] == "kazinform" and good[0].published == "2022-01-13"
    assert good[1].published is None and good[1].meta["published_raw"] == "not a date"
    assert [(b.line, b.reason.split(" (")[0]) for b in bad] == [
        (3, "invalid JSON"),
        (5, "invalid UTF-8 at byte 0 of the line"),
    ]
    assert bad[0].source == f"{p}:3"


def test_io_jsonl_stdin() -> None:
    stream = io.BytesIO(("\ufeff" + json.dumps({"text": TEXT}) + "\n").encode("utf-8"))
    (rec,) = iter_jsonl(stream, "<stdin>")
    assert isinstance(rec, Record) and rec.text == TEXT


def test_io_html_main_text_and_date(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    (rec,) = read_input(str(p))
    assert isinstance(rec, Record)
    assert TEXT in rec.text
    assert "جميع الحقوق" not in rec.text and "رياضة" not in rec.text
    assert rec.published == "2022-01-13"
    assert rec.meta["title"] == "انسحاب القوات"


def _warc_record(url: str, ctype: str, body: bytes) -> bytes:
    http = f"HTTP/1.0 200 OK\r\nContent-Type: {ctype}\r\n\r\n".encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2022-01-14T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_io_warc_html_responses(tmp_path: Path, name: str) -> None:
    import gzip

    records = [
        _warc_record("http://news.example/a", "text/html; charset=utf-8", HTML.encode("utf-8")),
        _warc_record("http://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        _warc_record("http://news.example/empty", "text/html", b"<html><body></body></html>"),
    ]
    p = tmp_path / name
    p.write_bytes(
        b"".join(gzip.compress(r) for r in records) if name.endswith(".gz") else b"".join(records)
    )
    good, bad = _records(list(read_input(str(p))))
    assert len(good) == 1
    assert good[0].meta["url"] == "http://news.example/a" and good[0].published == "2022-01-13"
    assert good[0].meta["crawled"] == "2022-01-14T00:00:00Z"
    assert [(b.line, b.reason) for b in bad] == [(3, "no text found in HTML")]


def test_io_broken_warc(tmp_path: Path) -> None:
    p = tmp_path / "bad.warc"
    p.write_bytes(b"garbage garbage\n" * 10)
    (bad,) = read_input(str(p))
    assert isinstance(bad, BadRecord) and bad.reason.startswith("broken WARC")
    p.write_bytes(_warc_record("http://x/logo.png", "image/png", b"\x89PNG"))
    (bad,) = read_input(str(p))
    assert isinstance(bad, BadRecord) and bad.reason == "no HTML responses in WARC (1 record(s))"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t", "no text (whitespace only)"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (PNG image), not text"),
        (
            "latin.txt",
            b"caf\xe9 cr\xe8me br\xfbl\xe9e",
            "invalid UTF-8 (and not Windows-1256 Arabic) at byte 3",
        ),
        ("empty.json", b"", "empty file"),
        ("bad.json", b'{"text": ', "invalid JSON"),
        ("zip.html", b"PK\x03\x04rest", "binary file (ZIP archive), not text"),
    ],
)
def test_io_bad_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    (bad,) = read_input(str(p))
    assert isinstance(bad, BadRecord)
    assert bad.path == str(p) and bad.reason.startswith(reason)


def test_io_folder_walk(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "1.jsonl").write_text(json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    items = list(iter_inputs([str(tmp_path), str(tmp_path / "missing.txt")]))
    files = [i for i in items if isinstance(i, str)]
    bad = {Path(b.path).name: b.reason for b in items if isinstance(b, BadRecord)}
    assert files == [str(tmp_path / "1.jsonl"), str(tmp_path / "b" / "2.txt")]
    assert bad == {
        "loop": "symlink loop (folder already visited)",
        "self.txt": "symlink loop",
        "missing.txt": "no such file",
    }
    good, errors = _records(list(read_inputs([str(tmp_path)])))
    assert len(good) == 2 and len(errors) == 2


def test_io_directory_named_like_a_file(tmp_path: Path) -> None:
    (tmp_path / "x.json").mkdir()
    (bad,) = read_input(str(tmp_path / "x.json"))
    assert isinstance(bad, BadRecord) and bad.reason == "is a directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_io_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text(TEXT, encoding="utf-8")
    p.chmod(0)
    (bad,) = read_input(str(p))
    assert isinstance(bad, BadRecord) and "permission denied" in bad.reason.lower()


@pytest.mark.parametrize(
    ("html", "expected", "how"),
    [
        (
            "<html><body>" + "<div>" * 5000 + "<p>أعلن الجيش هدنة في الخرطوم.</p>",
            "أعلن الجيش هدنة في الخرطوم.",
            "plain",
        ),
        (
            "<html><head><title>خبر</title><body><article><p>تظاهر آلاف في الجزائر.<p>وأضاف الوزير أن",
            "تظاهر آلاف في الجزائر.\nوأضاف الوزير أن",
            "main",
        ),
    ],
)
def test_io_html_broken_markup_falls_back(html: str, expected: str, how: str) -> None:
    from waqai.io.html import html_record

    rec = html_record(html, "page.html")
    assert isinstance(rec, Record)
    assert rec.text.strip() == expected
    assert rec.meta.get("html_extraction", "main") == how


# --- partitions: what the driver plans, what workers read --------------------------------
def _feed(path: Path, n: int) -> bytes:
    """A JSONL feed of ``n`` lines with a BOM, blank and bad lines, and no final newline."""
    lines = []
    for i in range(n):
        if i % 7 == 3:
            lines.append("")
        elif i % 5 == 4:
            lines.append("{not json")
        else:
            lines.append(json.dumps({"id": str(i), "text": f"{TEXT} {i}"}, ensure_ascii=False))
    data = "\ufeff".encode() + "\n".join(lines).encode()
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("batch_size", [1, 2, 3, 4, 7, 100])
def test_io_partitions_cut_jsonl_on_line_starts(tmp_path: Path, batch_size: int) -> None:
    from waqai.io.partitions import FileSlice, plan_partitions, read_unit

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    data = _feed(tmp_path / "b.jsonl", 23)
    files = list(iter_inputs([str(tmp_path)]))
    parts = list(plan_partitions(files, batch_size))
    units = [u for p in parts for u in p.units]
    # the records are exactly those of the readers, in order, with the same line numbers
    assert [r for u in units for r in read_unit(u)] == list(read_inputs([str(tmp_path)]))
    ranges = [u for u in units if isinstance(u, FileSlice) and u.path.endswith(".jsonl")]
    assert ranges[0].start == 0 and ranges[-1].end == len(data)
    for a, b in zip(ranges, ranges[1:], strict=False):
        assert a.end == b.start and data[b.start - 1 : b.start] == b"\n"
        assert b.line == a.line + a.lines
    # partitions hold batch_size lines or files, the last one fewer
    weights = [sum(u.lines for u in p.units if isinstance(u, FileSlice)) for p in parts]
    assert all(w == batch_size for w in weights[:-1]) and 0 < weights[-1] <= batch_size
    assert [p.files_done for p in parts][-1] == 2


def test_io_partitions_no_input_and_unreadable_units(tmp_path: Path) -> None:
    from waqai.io.partitions import FileSlice, plan_partitions, read_unit

    assert [(p.units, p.files_done) for p in plan_partitions([], 4)] == [([], 0)]
    gone = str(tmp_path / "gone.jsonl")
    (unit,) = next(plan_partitions([gone], 4)).units
    assert isinstance(unit, FileSlice) and unit.size == -1
    assert list(read_unit(unit)) == [BadRecord(gone, "no such file")]


def test_io_partitions_range_of_a_changed_file_is_reported(tmp_path: Path) -> None:
    from waqai.io.partitions import plan_partitions, read_unit

    p = tmp_path / "b.jsonl"
    _feed(p, 10)
    first, second = (u for part in plan_partitions([str(p)], 5) for u in part.units)
    with p.open("ab") as fh:
        fh.write(b"\n" + json.dumps({"text": TEXT}).encode())
    (bad,) = read_unit(second)
    assert bad == BadRecord(str(p), "file changed during the run (rerun to read it)", 6)
