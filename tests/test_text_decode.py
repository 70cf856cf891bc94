"""Decoding bytes: what is accepted, what is refused, and how the refusal reads."""

from __future__ import annotations

import codecs

import pytest

from waqai.errors import InputError
from waqai.text.decode import decode

ARABIC = "أعلنت الحكومة استقالتها اليوم."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16"),
    ],
)
def test_decode_accepts_unicode(data: bytes, encoding: str) -> None:
    d = decode(data, "a.txt")
    assert d.text == ARABIC
    assert d.encoding == encoding
    assert not d.guessed


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decode_guesses_utf16_without_bom(encoding: str) -> None:
    d = decode(ARABIC.encode(encoding), "u16.txt")
    assert d.text == ARABIC
    assert d.encoding == encoding
    assert d.guessed


def test_decode_guesses_windows_1256_arabic() -> None:
    d = decode(ARABIC.encode("cp1256"), "old.txt")
    assert d.text == ARABIC
    assert d.encoding == "windows-1256"
    assert d.guessed


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary file (PDF document)"),
        (b"PK\x03\x04\x14\x00\x00\x00", "binary file (ZIP archive)"),
        (b"abc\x00def", "binary file (binary data (NUL bytes))"),
    ],
)
def test_decode_refuses_non_text(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data, "bad.bin")
    assert err.value.reason.startswith(reason)
    assert str(err.value).startswith("bad.bin: ")


def test_decode_invalid_utf8_names_file_and_byte_offset() -> None:
    data = b"Caf\xe9 au lait, tr\xe8s bien"
    with pytest.raises(InputError) as err:
        decode(data, "latin1.txt")
    assert err.value.offset == 3
    assert str(err.value) == "latin1.txt: invalid UTF-8 (and not Windows-1256 Arabic) at byte 3"


def test_decode_invalid_utf16_after_bom() -> None:
    with pytest.raises(InputError) as err:
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00", "u16.txt")  # lone surrogate
    assert "invalid UTF-16" in str(err.value)
