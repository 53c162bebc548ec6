"""Browser sessions in a signed cookie, their CSRF token, and the login attempt limit.

The cookie holds {"user", "csrf"} signed with a secret made once into
HOME/web-secret (mode 600), so sessions survive a restart and nothing is kept
server-side. It is HttpOnly, SameSite=Lax, and Secure whenever the request
came over https. Every POST made with a session must carry the session's
CSRF token (form field `csrf_token` or header `X-CSRF-Token`).
"""

from __future__ import annotations

import collections
import hmac
import os
import secrets
import threading
import time
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "demat_session"
MAX_AGE = 12 * 3600  # seconds: a working day, then log in again
SECRET_FILE = "web-secret"


def load_secret(home: Path) -> str:
    """The signing secret of this home, made on first use, readable by its owner only."""
    path = home / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_urlsafe(48))
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


def new_session(user: str | None = None) -> dict:
    return {"user": user, "csrf": secrets.token_urlsafe(32)}


def csrf_matches(session: dict, sent: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and sent) and hmac.compare_digest(str(expected), str(sent))


class LoginLimiter:
    """At most MAX_FAILURES failed logins per (user, address) in WINDOW seconds, then refuse."""

    MAX_FAILURES = 5
    WINDOW = 15 * 60

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._failures: dict[tuple[str, str], collections.deque] = collections.defaultdict(collections.deque)
        self._lock = threading.Lock()

    def blocked(self, user: str, address: str) -> bool:
        with self._lock:
            return len(self._recent(user, address)) >= self.MAX_FAILURES

    def failed(self, user: str, address: str) -> None:
        with self._lock:
            self._recent(user, address).append(self.clock())

    def succeeded(self, user: str, address: str) -> None:
        with self._lock:
            self._failures.pop((user, address), None)

    def _recent(self, user: str, address: str) -> collections.deque:
        failures = self._failures[(user, address)]
        while failures and failures[0] < self.clock() - self.WINDOW:
            failures.popleft()
        return failures
