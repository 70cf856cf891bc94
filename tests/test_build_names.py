"""scripts/build_names.py on small wheels built here (no network): roles, full names,
arabnamer words, the common-word filter and the hash check."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import zipfile
from collections import Counter
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_names.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_names", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _romanizer_wheel(tmp_path: Path) -> Path:
    db = tmp_path / "names.sqlite3"
    con = sqlite3.connect(db)
    con.execute("create table units (arabic_key text, role text, count integer)")
    con.execute("create table full_names (arabic_key text)")
    con.executemany(
        "insert into units values (?, ?, ?)",
        [
            ("أحمد", "given", 30),
            ("أحمد", "surname", 2),
            ("الزهراني", "surname", 4),
            ("بلال", "unknown", 1),
            ("عبد الله", "given", 9),  # two words: not a name word
            ("X1", "given", 1),  # not Arabic letters
        ],
    )
    con.executemany(
        "insert into full_names values (?)",
        [("أحمد الزهراني",), ("أحمد",), ("محمد بن عبد الله بن علي",), ("سلطان العامري",)],
    )
    con.commit()
    con.close()
    path = tmp_path / "romanizer.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(db, "arabic_name_romanizer/resources/names.sqlite3")
    return path


def test_romanizer_names_give_roles_and_full_names(build, tmp_path: Path) -> None:
    roles, full = build.romanizer_names(_romanizer_wheel(tmp_path))
    assert dict(roles) == {
        "احمد": Counter(given=30, surname=2),
        "الزهراني": Counter(surname=4),
        "بلال": Counter(unknown=1),
    }
    assert {k: build.role_of(c) for k, c in roles.items()} == {
        "احمد": "g",
        "الزهراني": "s",
        "بلال": "n",
    }
    # one word is no full name; five words are more than the table keeps
    assert full == {"احمد الزهراني", "سلطان العامري"}


def test_arabnamer_words_are_the_arabic_words_of_its_pairs(build, tmp_path: Path) -> None:
    path = tmp_path / "arabnamer.whl"
    pairs = {"chirac": "شيراك", "bin malik": "بن مالك", "olmert": "أولمرت", "x": "Ali"}
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("arabnamer/data/dict_FINAL.json", json.dumps(pairs, ensure_ascii=False))
    assert build.arabnamer_words(path) == {"شيراك", "بن", "مالك", "اولمرت"}


def test_wheel_refuses_other_bytes(build, tmp_path: Path) -> None:
    (tmp_path / "fake.whl").write_bytes(b"not the pinned wheel")
    with pytest.raises(SystemExit, match="sha256"):
        build.wheel(tmp_path, ("fake==1", "fake.whl", "0" * 64))
