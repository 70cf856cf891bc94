"""Shared fixtures. Each area keeps its fixtures in a marked block."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "article.txt"
SEED_GOLD = SHARED / "seed" / "article.gold.json"

# Hypothesis: deterministic, no database directory in the repo.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", "/tmp/waqai-hypothesis")


# --- foundation -------------------------------------------------------------
@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seed is not present")
    return SEED.read_text(encoding="utf-8")
