"""Build a folder of N real articles from SaudiNewsNet for ingest benchmarks.

    python benchmarks/corpus.py 5000 /tmp/snn   # writes /tmp/snn/part-0000.jsonl ...

SaudiNewsNet (CC BY-NC-SA 4.0) is research material: use it to measure, never
ship it. Its zips hold JSON lists of {source, url, date_extracted, title,
author, content}; articles are taken in file order, so every run measures
the same texts. ``date_extracted`` (the crawl day) stands in for the
publication date.
"""

from __future__ import annotations

import json
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "saudinewsnet"


def articles(corpus: Path = CORPUS, min_chars: int = 200) -> Iterator[dict[str, str | None]]:
    """Records in waqai's JSON input format: id, title, text, published, url, source."""
    if not corpus.is_dir():
        raise SystemExit(f"{corpus}: not found (the benchmarks need ../shared/data)")
    for zpath in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for name in sorted(z.namelist()):
                for i, art in enumerate(json.loads(z.read(name))):
                    text = (art.get("content") or "").strip()
                    if len(text) < min_chars:
                        continue
                    yield {
                        "id": f"{zpath.stem}-{i}",
                        "title": art.get("title") or None,
                        "text": text,
                        "published": (art.get("date_extracted") or "")[:10] or None,
                        "url": art.get("url") or None,
                        "source": art.get("source") or None,
                    }


def build_corpus(n: int, folder: Path | None = None, per_file: int = 500) -> Path:
    """Write the first ``n`` articles as JSONL files of ``per_file`` lines; the folder."""
    folder = folder or Path(tempfile.mkdtemp(prefix="waqai-corpus-"))
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    fh = None
    try:
        for art in articles():
            if count % per_file == 0:
                if fh:
                    fh.close()
                fh = (folder / f"part-{count // per_file:04d}.jsonl").open("w", encoding="utf-8")
            assert fh is not None
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
            count += 1
            if count == n:
                break
    finally:
        if fh:
            fh.close()
    if count < n:
        raise SystemExit(f"only {count} articles available, {n} requested")
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python benchmarks/corpus.py N OUT_FOLDER")
    print(build_corpus(int(sys.argv[1]), Path(sys.argv[2])))
