"""`waqai extract` on the bad-input suite: processed, or one clear reason naming the file."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from badinput import CASES, write_cases
from waqai.schema import validate_document

WAQAI = [sys.executable, "-m", "waqai.cli"]


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, str]:
    return write_cases(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_reliability_extract_each_bad_input(name: str, bad_folder: dict[Path, str]) -> None:
    path, expect = next((p, e) for p, e in bad_folder.items() if p.name == name)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*WAQAI, "extract", str(path)], capture_output=True, text=True, timeout=120
    )
    elapsed = time.perf_counter() - t0
    assert "Traceback" not in proc.stderr
    if expect == "ok":
        assert proc.returncode == 0, proc.stderr
        data = json.loads(proc.stdout)
        validate_document(data)
        if name in ("cp1256.txt", "utf16-nobom.txt"):
            assert data["meta"]["encoding_guessed"] is True
    else:
        assert proc.returncode == 1
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, proc.stderr
        assert lines[0].startswith(f"waqai: error: {path}: {expect}"), lines[0]
    assert elapsed < 60, f"{name} took {elapsed:.1f} s"


def test_reliability_extract_batch_finishes_the_rest(bad_folder: dict[Path, str]) -> None:
    paths = sorted(bad_folder, key=lambda p: p.name)
    proc = subprocess.run(
        [*WAQAI, "extract", *map(str, paths), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    ok = [p for p in paths if bad_folder[p] == "ok"]
    assert proc.returncode == 1
    assert len(proc.stdout.strip().splitlines()) == len(ok)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("waqai: error: /")]
    assert len(errors) == len(paths) - len(ok)
    assert "Traceback" not in proc.stderr
