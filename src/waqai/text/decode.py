"""Bytes to text, with a clear error naming the input and the reason.

UTF-8 (with or without BOM) and UTF-16 with BOM are decoded as is. UTF-16
saved without a BOM, and bytes that are not valid UTF-8 but read as Arabic in
Windows-1256, are decoded and the guess is reported; anything else is refused with the byte offset of the
first invalid byte. Binary files are recognised by their magic numbers or NUL
bytes before any decoding is tried.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from waqai.errors import InputError

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool = False


def sniff_binary(data: bytes) -> str | None:
    """A name for binary content, or None when the bytes may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if b"\x00" in data[:8192]:
        return "binary data (NUL bytes)"
    return None


def _arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


def decode(data: bytes, source: str = "<bytes>") -> Decoded:
    """Decode ``data`` or raise :class:`InputError` naming ``source``."""
    if not data:
        raise InputError(source, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data[3:], "utf-8", source, 3), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(data, "utf-16", source, 0), "utf-16")
    kind = sniff_binary(data)
    if kind and not kind.startswith("binary data"):
        raise InputError(source, f"binary file ({kind}), not text")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return Decoded(utf16[0], utf16[1], guessed=True)
    if kind:
        raise InputError(source, f"binary file ({kind}), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if text and _arabic_ratio(text) >= 0.6:
        return Decoded(text, "windows-1256", guessed=True)
    raise InputError(source, "invalid UTF-8 (and not Windows-1256 Arabic)", first_bad)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a BOM: every other byte is NUL (Latin) or 0x06 (Arabic)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if sum(1 for b in high if b in (0x00, 0x06, 0x20)) < 0.9 * len(high):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text.strip() and all(c.isprintable() or c.isspace() for c in text[:2000]):
            return text, encoding
    return None


def _strict(data: bytes, encoding: str, source: str, skip: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"invalid {encoding.upper()}", skip + exc.start) from exc


def check_text(text: str, source: str) -> str:
    """Refuse texts that hold nothing to analyse."""
    if not text:
        raise InputError(source, "empty file")
    if not text.strip():
        raise InputError(source, "no text (whitespace only)")
    return text
