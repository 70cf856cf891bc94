"""Generate the bad-input suite on disk (no binaries are committed).

Each case is (file name, expectation): "ok" means waqai must process it,
otherwise the text is the start of the reason waqai must give.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

ARABIC = "أعلنت وزارة الخارجية المصرية اليوم الأحد 5 مارس 2023 أن الوزير سامح شكري بحث مع نظيره الأردني الأوضاع في غزة."
#: distinct sentences, so that every good input is a distinct document
OTHERS = [
    "وصل وفد أمني تركي إلى بغداد أمس الاثنين لبحث أمن الحدود المشتركة.",
    "تظاهر آلاف الطلاب في الجزائر العاصمة يوم الثلاثاء 2 أبريل 2019 للمطالبة برحيل النظام.",
    "أعلن الجيش السوداني مساء الخميس هدنة لمدة ثلاثة أيام في الخرطوم.",
    "وقعت روسيا وأوكرانيا في إسطنبول اتفاقا لتصدير الحبوب في 22 يوليو 2022.",
    "فرضت الولايات المتحدة عقوبات جديدة على شركات نفط إيرانية الشهر الماضي.",
]
BIG = 50 * 1024 * 1024


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", ARABIC)
    return buf.getvalue()


def _big_article(path: Path) -> None:
    """A 50 MB article written in chunks (never held whole in memory)."""
    line = (ARABIC + "\n").encode("utf-8")
    with path.open("wb") as fh:
        written = 0
        while written < BIG:
            fh.write(line)
            written += len(line)


CASES: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty file"),
    "whitespace.txt": (lambda p: p.write_text(" \n\t \r\n  "), "no text"),
    "image.txt": (
        lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64)),
        "binary file (PNG",
    ),
    "archive.txt": (lambda p: p.write_bytes(_zip_bytes()), "binary file (ZIP"),
    "document.txt": (
        lambda p: p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        "binary file (PDF",
    ),
    "latin1.txt": (
        lambda p: p.write_bytes("Un café crème à l'été.".encode("latin-1")),
        "invalid UTF-8",
    ),
    "utf16-nobom.txt": (lambda p: p.write_bytes(OTHERS[0].encode("utf-16-le")), "ok"),
    "cp1256.txt": (lambda p: p.write_bytes(OTHERS[1].encode("cp1256")), "ok"),
    "mixed-scripts.txt": (
        lambda p: p.write_text(
            ARABIC + " Moscow (Москва) said: «ceasefire» 停火 ✓", encoding="utf-8"
        ),
        "ok",
    ),
    "bidi-zw.txt": (
        lambda p: p.write_text(
            "\u202eأعلنت\u202c الحكومة\u200b استقالتها\u200f في \u2066٥ يناير\u2069 \ufeffالماضي.",
            encoding="utf-8",
        ),
        "ok",
    ),
    "one-long-line.txt": (lambda p: p.write_text("ب" * (1024 * 1024), encoding="utf-8"), "ok"),
    "huge.txt": (_big_article, "file too large"),
}


def write_cases(folder: Path, names: list[str] | None = None) -> dict[Path, str]:
    """Write the cases into ``folder``; returns path → expectation."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (make, expect) in CASES.items():
        if names is not None and name not in names:
            continue
        path = folder / name
        make(path)
        out[path] = expect
    return out


def write_corpus_cases(folder: Path) -> int:
    """Inputs for ingest only: HTML, JSONL with a broken line, a symlink loop; returns the good documents' count."""
    folder.mkdir(parents=True, exist_ok=True)
    nested = "<div>" * 5000 + f"<p>{OTHERS[2]}</p>"
    (folder / "nested.html").write_text(f"<html><body>{nested}", encoding="utf-8")
    (folder / "unclosed.html").write_text(
        f"<html><head><title>خبر</title><body><article><p>{OTHERS[3]}<p>وأضاف الوزير أن",
        encoding="utf-8",
    )
    lines = [
        json.dumps({"id": "a1", "text": OTHERS[4], "published": "2023-03-05"}, ensure_ascii=False),
        '{"id": "a2", "text": "نص مكسور',
        json.dumps({"id": "a3", "text": ARABIC.replace("الأحد", "الاثنين 6")}, ensure_ascii=False),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(loop, target_is_directory=True)
    (folder / "good.txt").write_text(ARABIC + " (وكالات)", encoding="utf-8")
    return 5  # nested.html, unclosed.html, feed.jsonl lines 1 and 3, good.txt
