"""`demat user add / token / list` and what they store; `demat serve` itself."""

from __future__ import annotations

import argparse
import io
import sqlite3

import httpx
import pytest
from fastapi.testclient import TestClient

from demat.kernel.config import load_config
from demat.kernel.errors import UsageError
from demat.pipeline.commands import serve, user
from demat.web.app import create_app
from webhelpers import served


def demat_user(home, *argv: str, stdin: str = "", monkeypatch=None) -> int:
    """Run `demat user ...` through the command's own parser, as the CLI does."""
    common = argparse.ArgumentParser(add_help=False)
    parser = argparse.ArgumentParser(prog="demat")
    sub = parser.add_subparsers(dest="command", required=True)
    user.register(sub, common)
    serve.register(sub, common)
    args = parser.parse_args(["user", *argv])
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return args.handler(args, load_config(home))


def test_add_token_and_list(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"
    assert demat_user(home, "add", "giulia", "--role", "accounting", "--department", "amministrazione",
                      "--department", "tesoreria", "--password-stdin", stdin="una password lunga\n",
                      monkeypatch=monkeypatch) == 0
    assert "amministrazione, tesoreria" in capsys.readouterr().out
    demat_user(home, "token", "giulia", monkeypatch=monkeypatch)
    token = capsys.readouterr().out.strip()
    assert token.startswith("demat_") and len(token) > 40
    demat_user(home, "list", monkeypatch=monkeypatch)
    assert "giulia" in capsys.readouterr().out

    stored = sqlite3.connect(home / "catalog.sqlite3")
    dump = "\n".join(stored.iterdump())
    assert token not in dump and "una password lunga" not in dump
    assert "$argon2" in dump

    with TestClient(create_app(load_config(home))) as client:
        me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me == {"name": "giulia", "role": "accounting", "departments": ["amministrazione", "tesoreria"]}


@pytest.mark.parametrize("argv, why", [
    (("add", "x", "--role", "boss"), "unknown role"),
    (("add", "x", "--role", "staff"), "at least one department"),
    (("add", "x", "--role", "staff", "--department", "marketing"), "unknown department"),
])
def test_bad_users_are_refused(tmp_path, monkeypatch, argv, why):
    with pytest.raises(UsageError, match=why):
        demat_user(tmp_path / "home", *argv, "--password-stdin", stdin="abbastanza lunga\n", monkeypatch=monkeypatch)


def test_short_password_and_unknown_user_token(tmp_path, monkeypatch):
    home = tmp_path / "home"
    with pytest.raises(UsageError, match="8 characters"):
        demat_user(home, "add", "x", "--role", "archivist", "--password-stdin", stdin="corta\n",
                   monkeypatch=monkeypatch)
    with pytest.raises(Exception, match="no user"):
        demat_user(home, "token", "nessuno", monkeypatch=monkeypatch)


def test_demat_serve_with_two_worker_processes_answers_searches(site):
    """The real command as a user starts it: two uvicorn processes over one home, searched with a token."""
    with served(site.home, "--workers", "2") as (base, _):
        headers = {"Authorization": f"Bearer {site.tokens['anna']}"}
        # a new connection each: the workers take turns accepting them
        answers = [httpx.get(base + "/api/search", params={"q": "fattura"}, headers=headers) for _ in range(8)]
        assert {a.status_code for a in answers} == {200}
        assert all(a.json()["total"] >= 1 for a in answers)
        assert httpx.get(base + "/api/search", params={"q": "fattura"}).status_code == 401
