"""``waqai serve``: refuses unsafe set-ups before binding, then runs uvicorn on the app."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from waqai.cli import main


@pytest.fixture
def fake_uvicorn(monkeypatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_web_cli_serves_on_localhost(web_store_url: str, fake_uvicorn) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", web_store_url, "--port", "8123"])
    assert result.exit_code == 0, result.output
    (call,) = fake_uvicorn
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    assert call["app"].state.token is None
    # DNS rebinding: a local dashboard answers only loopback Host names
    assert TestClient(call["app"], base_url="http://evil.example").get("/").status_code == 400
    assert TestClient(call["app"], base_url="http://127.0.0.1:8123").get("/").status_code == 200
    assert "http://127.0.0.1:8123/" in result.stderr


def test_web_cli_public_host_needs_a_token(web_store_url: str, fake_uvicorn, monkeypatch) -> None:
    monkeypatch.delenv("WAQAI_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", web_store_url, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "give --token" in result.stderr
    assert fake_uvicorn == []


def test_web_cli_token_from_the_environment(web_store_url: str, fake_uvicorn) -> None:
    result = CliRunner().invoke(
        main,
        ["serve", "--db", web_store_url, "--host", "0.0.0.0"],
        env={"WAQAI_TOKEN": "a-long-token"},
    )
    assert result.exit_code == 0, result.output
    assert fake_uvicorn[0]["app"].state.token == "a-long-token"
    assert "?token=a-long-token" in result.stderr
    client = TestClient(fake_uvicorn[0]["app"], base_url="http://192.168.1.5:8000")
    assert (
        client.get("/api/stats", headers={"Authorization": "Bearer a-long-token"}).status_code
        == 200
    )


def test_web_cli_short_token_refused(web_store_url: str, fake_uvicorn) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", web_store_url, "--token", "abc"])
    assert result.exit_code == 2
    assert fake_uvicorn == []


def test_web_cli_missing_store_is_one_line(tmp_path, fake_uvicorn) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert result.exit_code == 1
    assert result.stderr.startswith("waqai: error:") and "no store there" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "none.db").exists()
