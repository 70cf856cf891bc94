"""Read one text file into (text, meta) with clear errors for bad input."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from waqai.errors import InputError
from waqai.text.decode import check_text, decode

#: refuse single files larger than this (bytes) instead of reading them whole
MAX_BYTES = 20 * 1024 * 1024


def read_text_file(
    path: str | os.PathLike[str], max_bytes: int = MAX_BYTES
) -> tuple[str, dict[str, Any]]:
    """Decode a text file; raise :class:`InputError` naming the file and the reason."""
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    if p.is_dir():
        raise InputError(name, "is a directory (use `waqai ingest` for folders)")
    if st.st_size > max_bytes:
        raise InputError(name, f"file too large ({st.st_size:,} bytes; the limit is {max_bytes:,})")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(name, f"file too large (more than {max_bytes:,} bytes)")
    decoded = decode(data, name)
    meta: dict[str, Any] = {"path": name}
    if decoded.guessed:
        meta["encoding"] = decoded.encoding
        meta["encoding_guessed"] = True
    return check_text(decoded.text, name), meta


def read_stdin_bytes(stream: Any, max_bytes: int = MAX_BYTES) -> tuple[str, dict[str, Any]]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError("<stdin>", f"input too large (more than {max_bytes:,} bytes)")
    decoded = decode(data, "<stdin>")
    meta: dict[str, Any] = {}
    if decoded.guessed:
        meta["encoding"] = decoded.encoding
        meta["encoding_guessed"] = True
    return check_text(decoded.text, "<stdin>"), meta
