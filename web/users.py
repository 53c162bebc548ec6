"""People and machines that may use the web app: users with a role and departments, API tokens, sessions.

All live in the catalog file, in tables of their own. Passwords are kept as
argon2 hashes; an API token is shown once, when it is made, and only its
SHA-256 is stored (a token is 32 random bytes, so a fast hash is enough);
a browser session is a row too, named by the SHA-256 of the random id its
cookie carries. A session ends at logout, after SESSION_HOURS, and with every
other session of its user at a password change; deleting a user deletes their
tokens and sessions with them, so no old credential outlives the change.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass

from demat.indexer.catalog import Catalog, now
from demat.kernel.document import DEPARTMENTS
from demat.kernel.errors import N_, NotFound, UsageError

ROLES = ("archivist", "accounting", "staff")
TOKEN_PREFIX = "demat_"
TOKEN_ID_LENGTH = 12  # hex digits of a token's hash that name it in listings, never the token itself
SESSION_HOURS = 12  # a working day, then log in again
MIN_PASSWORD = 8

SCHEMA = """
CREATE TABLE IF NOT EXISTS web_users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    departments TEXT NOT NULL DEFAULT '[]',   -- JSON list; ignored for archivists, who see all
    password_hash TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS web_tokens (
    token_hash TEXT PRIMARY KEY,
    "user" TEXT NOT NULL REFERENCES web_users(name) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS web_sessions (
    id_hash TEXT PRIMARY KEY,
    "user" TEXT NOT NULL REFERENCES web_users(name) ON DELETE CASCADE,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS web_sessions_user ON web_sessions("user");
"""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    departments: tuple[str, ...]

    @property
    def sees_all(self) -> bool:
        return self.role == "archivist"

    def visible_departments(self) -> tuple[str, ...]:
        """The departments whose documents this user may see."""
        return DEPARTMENTS if self.sees_all else self.departments

    def may_see(self, department: str | None) -> bool:
        """Archivists see everything, unrouted documents too; others only their departments'."""
        return self.sees_all or (department is not None and department in self.departments)


class Users:
    def __init__(self, catalog: Catalog, clock=time.time):
        self.catalog = catalog
        self.clock = clock
        catalog.add_schema(SCHEMA)

    def add(self, name: str, role: str, departments: list[str], password: str) -> User:
        if not name or not name.isprintable() or name != name.strip():
            raise UsageError(N_("user name %(name)r must be printable, without spaces around it"), name=name)
        if role not in ROLES:
            raise UsageError(N_("unknown role %(role)r; known: %(known)s"), role=role, known=", ".join(ROLES))
        unknown = [d for d in departments if d not in DEPARTMENTS]
        if unknown:
            raise UsageError(N_("unknown department %(department)r; known: %(known)s"), department=unknown[0],
                             known=", ".join(DEPARTMENTS))
        if role != "archivist" and not departments:
            raise UsageError(N_("a %(role)s user must belong to at least one department (--department)"),
                             N_("Only archivists see every department."), role=role)
        _check_password(password)
        with self.catalog.transaction() as conn:
            if conn.execute("SELECT 1 FROM web_users WHERE name = ?", (name,)).fetchone():
                raise UsageError(N_("user %(name)r exists already"), name=name)
            conn.execute("INSERT INTO web_users VALUES (?, ?, ?, ?, ?)",
                         (name, role, json.dumps(sorted(set(departments))), _hasher().hash(password), now()))
        return self.get(name)

    def get(self, name: str) -> User | None:
        row = self.catalog.conn.execute("SELECT * FROM web_users WHERE name = ?", (name,)).fetchone()
        return User(row["name"], row["role"], tuple(json.loads(row["departments"]))) if row else None

    def all(self) -> list[User]:
        names = [r[0] for r in self.catalog.conn.execute("SELECT name FROM web_users ORDER BY name")]
        return [self.get(n) for n in names]

    def check_password(self, name: str, password: str) -> User | None:
        """The user if NAME exists and PASSWORD is theirs; the same work is done either way."""
        from argon2.exceptions import VerificationError

        row = self.catalog.conn.execute("SELECT password_hash FROM web_users WHERE name = ?", (name,)).fetchone()
        stored = row["password_hash"] if row and row["password_hash"] else _dummy_hash()
        try:
            _hasher().verify(stored, password)
        except VerificationError:
            return None
        return self.get(name) if row else None

    def set_password(self, name: str, password: str) -> None:
        """A new password for NAME; every session of NAME ends (log in again with the new one)."""
        self.existing(name)
        _check_password(password)
        with self.catalog.transaction() as conn:
            conn.execute("UPDATE web_users SET password_hash = ? WHERE name = ?", (_hasher().hash(password), name))
            conn.execute("DELETE FROM web_sessions WHERE \"user\" = ?", (name,))

    def delete(self, name: str) -> None:
        """Remove NAME with their API tokens and sessions (the tables cascade)."""
        self.existing(name)
        with self.catalog.transaction() as conn:
            conn.execute("DELETE FROM web_users WHERE name = ?", (name,))

    def existing(self, name: str) -> User:
        user = self.get(name)
        if user is None:
            raise NotFound(N_("no user %(name)r"), N_("`demat user list` shows the users; "
                                                      "`demat user add NAME --role ROLE --department DEP` makes one."),
                           name=name)
        return user

    def new_token(self, name: str) -> str:
        """A new API token for NAME, returned once and never stored in clear."""
        self.existing(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.catalog.transaction() as conn:
            conn.execute("INSERT INTO web_tokens VALUES (?, ?, ?)", (_token_hash(token), name, now()))
        return token

    def for_token(self, token: str) -> User | None:
        row = self.catalog.conn.execute("SELECT \"user\" FROM web_tokens WHERE token_hash = ?",
                                        (_token_hash(token),)).fetchone()
        return self.get(row["user"]) if row else None

    def tokens(self, name: str) -> list[dict[str, str]]:
        """NAME's API tokens, oldest first, each named by an id that cannot be used as the token."""
        rows = self.catalog.conn.execute("SELECT token_hash, created_at FROM web_tokens WHERE \"user\" = ? "
                                         "ORDER BY created_at, token_hash", (name,))
        return [{"id": r["token_hash"][:TOKEN_ID_LENGTH], "created_at": r["created_at"]} for r in rows]

    def revoke_tokens(self, name: str, token_id: str | None = None) -> int:
        """Delete NAME's token TOKEN_ID (as `tokens` lists it), or all of NAME's tokens; how many went."""
        self.existing(name)
        if token_id is not None and len(token_id) != TOKEN_ID_LENGTH:
            raise NotFound(N_("no token %(id)r of %(name)s"), N_("`demat user tokens NAME` lists the ids."),
                           id=token_id, name=name)
        with self.catalog.transaction() as conn:
            gone = conn.execute("DELETE FROM web_tokens WHERE \"user\" = ? "
                                "AND (CAST(? AS TEXT) IS NULL OR substr(token_hash, 1, ?) = ?)",
                                (name, token_id, TOKEN_ID_LENGTH, token_id)).rowcount
        if token_id is not None and not gone:
            raise NotFound(N_("no token %(id)r of %(name)s"), N_("`demat user tokens NAME` lists the ids."),
                           id=token_id, name=name)
        return gone

    def start_session(self, name: str) -> str:
        """A new session of NAME; its id, for the cookie only (the catalog keeps its hash)."""
        session_id = secrets.token_urlsafe(32)
        with self.catalog.transaction() as conn:
            conn.execute("DELETE FROM web_sessions WHERE expires_at <= ?", (self.clock(),))
            conn.execute("INSERT INTO web_sessions VALUES (?, ?, ?)",
                         (_token_hash(session_id), name, self.clock() + SESSION_HOURS * 3600))
        return session_id

    def for_session(self, session_id: str | None) -> User | None:
        """The user of a live session; None once it was ended, expired, or its user deleted."""
        if not session_id:
            return None
        row = self.catalog.conn.execute("SELECT \"user\" FROM web_sessions WHERE id_hash = ? AND expires_at > ?",
                                        (_token_hash(str(session_id)), self.clock())).fetchone()
        return self.get(row["user"]) if row else None

    def end_session(self, session_id: str | None) -> None:
        if session_id:
            with self.catalog.transaction() as conn:
                conn.execute("DELETE FROM web_sessions WHERE id_hash = ?", (_token_hash(str(session_id)),))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UsageError(N_("the password must have at least %(least)s characters"), least=MIN_PASSWORD)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist, so timing does not tell."""
    if not _DUMMY:
        _DUMMY.append(_hasher().hash(secrets.token_hex(16)))
    return _DUMMY[0]
