"""Benchmark articles from SaudiNewsNet (CC BY-NC-SA: benchmarks only, never shipped).

The zips hold JSON lists of {source, url, date_extracted, title, author, content};
articles are taken in file order so every run measures the same texts.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "saudinewsnet"


def iter_articles(corpus: Path = CORPUS, min_chars: int = 200) -> Iterator[dict[str, str]]:
    """Articles with non-trivial content, as {id, title, text, published, url, source}."""
    if not corpus.is_dir():
        raise SystemExit(f"{corpus}: not found (the benchmarks need ../shared/data)")
    for zpath in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for name in z.namelist():
                for i, art in enumerate(json.loads(z.read(name))):
                    text = (art.get("content") or "").strip()
                    if len(text) < min_chars:
                        continue
                    yield {
                        "id": f"{zpath.stem}-{i}",
                        "title": art.get("title") or "",
                        "text": text,
                        "published": (art.get("date_extracted") or "")[:10] or None,
                        "url": art.get("url") or "",
                        "source": art.get("source") or "",
                    }


def load_articles(n: int) -> list[dict[str, str]]:
    """The first ``n`` articles (fails if the corpus has fewer)."""
    out = []
    for art in iter_articles():
        out.append(art)
        if len(out) == n:
            return out
    raise SystemExit(f"only {len(out)} articles available, {n} requested")


def write_folder(articles: list[dict[str, str]], folder: Path, fmt: str = "jsonl") -> list[Path]:
    """Write articles as one JSONL file per 500 articles (or .txt files) for ingest runs."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    if fmt == "txt":
        for art in articles:
            p = folder / f"{art['id']}.txt"
            p.write_text(art["text"], encoding="utf-8")
            paths.append(p)
        return paths
    for k in range(0, len(articles), 500):
        p = folder / f"part-{k // 500:04d}.jsonl"
        with p.open("w", encoding="utf-8") as fh:
            for art in articles[k : k + 500]:
                fh.write(json.dumps(art, ensure_ascii=False) + "\n")
        paths.append(p)
    return paths
