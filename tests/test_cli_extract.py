"""The CLI: help for every command, extract output, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from waqai import __version__
from waqai.cli import main
from waqai.schema import validate_document


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, (*prefix, name))


def test_cli_every_command_has_help() -> None:
    runner = CliRunner()
    commands = list(_all_commands(main))
    assert commands, "no commands registered"
    for path, cmd in commands:
        assert cmd.help and cmd.help.strip(), f"`waqai {' '.join(path)}` has no help text"
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.output
        for param in cmd.params:
            if isinstance(param, click.Option):
                assert param.help, f"`waqai {' '.join(path)} {param.opts[0]}` has no help text"


def test_cli_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_cli_extract_seed_is_schema_valid(seed_text: str, tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    validate_document(data)
    assert data["text"] == seed_text
    assert data["meta"]["path"] == str(path)
    first = data["sentences"][0]
    assert seed_text[first["start"] : first["end"]].startswith("أعلنت وزارة الدفاع الروسية")
    assert seed_text[first["start"] : first["end"]].endswith("على حد وصفها.")


def test_cli_extract_published_is_given(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("اندلعت احتجاجات في ألماتي.", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2022-01-05"])
    data = json.loads(result.stdout)
    assert data["published"] == {"value": "2022-01-05", "source": "given", "evidence": None}


def test_cli_extract_stdin_jsonl() -> None:
    result = CliRunner().invoke(
        main, ["extract", "-", "--format", "jsonl"], input="نص قصير.".encode()
    )
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["text"] == "نص قصير."


def test_cli_extract_text_summary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("اندلعت احتجاجات في ألماتي.", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "text"])
    assert result.exit_code == 0
    assert "Timeline of events" in result.stdout
    assert "sentences: 1" in result.stdout


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_text("   \n\t  "), "no text (whitespace only)"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"), "binary file (PNG image)"),
        (lambda p: p.write_bytes(b"caf\xe9 cr\xe8me"), "invalid UTF-8"),
    ],
)
def test_cli_extract_bad_input_one_clear_line(make, reason: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "input.txt"
    make(path)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"waqai: error: {path}: {reason}")
    assert "Traceback" not in result.stderr


def test_cli_extract_batch_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("أعلنت الحكومة استقالتها.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(bad), str(good), "--format", "jsonl"])
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1
    assert f"{bad}: empty file" in result.stderr
    assert "1 of 2 input(s) failed" in result.stderr


def test_cli_extract_bad_published_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("نص.", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "13/01/2022"])
    assert result.exit_code == 1
    assert "--published must be YYYY-MM-DD" in result.stderr
