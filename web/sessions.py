"""The browser's session cookie, its CSRF token, and the login attempt limit.

The cookie holds {"session", "csrf"} signed with a secret made once into
HOME/web-secret (mode 600): "session" names a server-side session
(`Users.start_session`), which logout, a password change or deleting the user
ends, so a copied cookie dies with it; before login the cookie carries only
the login form's CSRF token. It is HttpOnly, SameSite=Lax, and Secure
whenever the request came over https. Every POST made with a session must
carry the session's CSRF token (form field `csrf_token` or header `X-CSRF-Token`).

Signing, timestamps and the expiry check are itsdangerous'; what is written
here is what the libraries we looked at do worse for us:
- Starlette's SessionMiddleware (itsdangerous too) fixes the Secure flag when
  the app starts (`https_only`); demat is reached over http on the machine
  and over https through a proxy, so the flag is chosen per request here.
- starlette-csrf and asgi-csrf implement the double-submit cookie: a second
  cookie whose token is not tied to the login, so it survives a login and a
  logout. Here the token lives inside the signed session cookie and a new one
  comes with every new session. starlette-csrf reads the token from a header
  only (our forms work without JavaScript); asgi-csrf reads the form body
  itself, ahead of the `Guard` that refuses a body from an unknown caller
  before reading it (uploads).
What is left is `csrf_matches`: one constant-time comparison (hmac).
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from demat.web.users import SESSION_HOURS

COOKIE = "demat_session"
MAX_AGE = SESSION_HOURS * 3600  # seconds
SECRET_FILE = "web-secret"


def load_secret(home: Path) -> str:
    """The signing secret of this home, made on first use, readable by its owner only.

    Written whole under a temporary name, then linked to its real name (a link
    never replaces a file): of several server processes starting at once, all
    read the same secret.
    """
    path = home / SECRET_FILE
    if not path.exists():
        tmp = home / f".{SECRET_FILE}-{secrets.token_hex(8)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_urlsafe(48))
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            tmp.unlink()
    return path.read_text(encoding="ascii").strip()


class SessionCookies:
    def __init__(self, secret: str):
        self.serializer = URLSafeTimedSerializer(secret, salt="demat-session")

    def read(self, cookie: str | None) -> dict:
        """The session in COOKIE, or {} when absent, forged or expired."""
        if not cookie:
            return {}
        try:
            data = self.serializer.loads(cookie, max_age=MAX_AGE)
        except BadSignature:
            return {}
        return data if isinstance(data, dict) else {}

    def write(self, response, session: dict, https: bool) -> None:
        response.set_cookie(COOKIE, self.serializer.dumps(session), max_age=MAX_AGE, httponly=True,
                            samesite="lax", secure=https, path="/")


def new_session(session_id: str | None = None) -> dict:
    """The cookie's content: a server-side session id (None before login) and a fresh CSRF token."""
    return {"session": session_id, "csrf": secrets.token_urlsafe(32)}


def csrf_matches(session: dict, sent: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and sent) and hmac.compare_digest(str(expected), str(sent))


class LoginLimiter:
    """At most MAX_FAILURES failed logins per (user, address) in WINDOW seconds, then refuse.

    Failures are kept in the catalog, so every server process counts the same ones.
    """

    MAX_FAILURES = 5
    WINDOW = 15 * 60
    SCHEMA = """
    CREATE TABLE IF NOT EXISTS web_login_failures ("user" TEXT NOT NULL, address TEXT NOT NULL, at REAL NOT NULL);
    CREATE INDEX IF NOT EXISTS web_login_failures_who ON web_login_failures("user", address, at);
    """

    def __init__(self, catalog, clock=time.time):
        self.catalog = catalog
        self.clock = clock
        catalog.add_schema(self.SCHEMA)

    def blocked(self, user: str, address: str) -> bool:
        count = self.catalog.conn.execute(
            "SELECT count(*) FROM web_login_failures WHERE \"user\" = ? AND address = ? AND at > ?",
            (user, address, self.clock() - self.WINDOW)).fetchone()[0]
        return count >= self.MAX_FAILURES

    def failed(self, user: str, address: str) -> None:
        with self.catalog.transaction() as conn:
            conn.execute("DELETE FROM web_login_failures WHERE at <= ?", (self.clock() - self.WINDOW,))
            conn.execute("INSERT INTO web_login_failures VALUES (?, ?, ?)", (user, address, self.clock()))

    def succeeded(self, user: str, address: str) -> None:
        with self.catalog.transaction() as conn:
            conn.execute("DELETE FROM web_login_failures WHERE \"user\" = ? AND address = ?", (user, address))
