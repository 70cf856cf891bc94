"""One loader for the language data shipped inside the package.

Language knowledge (month names, clitics, triggers, gazetteers) lives in
YAML/TSV/JSON files next to the stage that uses it; this module finds and
parses them once and caches the result.
"""

from __future__ import annotations

import csv
import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any

import yaml

from waqai.errors import DataError


def data_path(package: str, name: str) -> Any:
    """A traversable for ``waqai/<package>/data/<name>``."""
    return resources.files(f"waqai.{package}").joinpath("data", name)


#: libyaml's parser where PyYAML was built with it: the same data, parsed 8x faster
#: (most of a cold start is spent reading the lexicons)
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(package: str, name: str) -> Any:
    path = data_path(package, name)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"waqai/{package}/data/{name}: cannot load ({exc})") from exc


@cache
def load_json(package: str, name: str) -> Any:
    path = data_path(package, name)
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise DataError(f"waqai/{package}/data/{name}: cannot load ({exc})") from exc


def file_hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read_checked(package: str, name: str, meta: str) -> bytes:
    """The bytes of a shipped model, after checking them against the ``sha256`` its
    metadata file ``meta`` records (a model swapped or corrupted fails loudly)."""
    expected = load_json(package, meta).get("sha256")
    try:
        data = bytes(data_path(package, name).read_bytes())
    except OSError as exc:
        raise DataError(f"waqai/{package}/data/{name}: cannot load ({exc})") from exc
    if file_hash(data) != expected:
        raise DataError(f"waqai/{package}/data/{name}: hash differs from {meta}")
    return data


def read_lines(package: str, name: str) -> list[str]:
    """Non-empty lines of a data file that are not '#' comments. Not cached: a caller
    keeps only what it builds from them (large word lists)."""
    try:
        text = data_path(package, name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"waqai/{package}/data/{name}: cannot load ({exc})") from exc
    return [line for line in text.split("\n") if line.strip() and not line.startswith("#")]


@cache
def load_tsv(package: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file with a header line; lines starting with '#' are comments."""
    path = data_path(package, name)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            lines = (line for line in fh if line.strip() and not line.startswith("#"))
            return tuple(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as exc:
        raise DataError(f"waqai/{package}/data/{name}: cannot load ({exc})") from exc
