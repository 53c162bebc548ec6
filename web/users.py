"""People and machines that may use the web app: users with a role and departments, API tokens.

Both live in the catalog file, in tables of their own. Passwords are kept as
argon2 hashes; an API token is shown once, when it is made, and only its
SHA-256 is stored (a token is 32 random bytes, so a fast hash is enough).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

from indexer.catalog import Catalog, now
from pipeline.document import DEPARTMENTS
from pipeline.errors import NotFound, UsageError

ROLES = ("archivist", "accounting", "staff")
TOKEN_PREFIX = "demat_"

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
    user TEXT NOT NULL REFERENCES web_users(name) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
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
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        catalog.add_schema(SCHEMA)

    def add(self, name: str, role: str, departments: list[str], password: str) -> User:
        if not name or not name.isprintable() or name != name.strip():
            raise UsageError(f"user name {name!r} must be printable, without spaces around it")
        if role not in ROLES:
            raise UsageError(f"unknown role {role!r}; known: {', '.join(ROLES)}")
        unknown = [d for d in departments if d not in DEPARTMENTS]
        if unknown:
            raise UsageError(f"unknown department {unknown[0]!r}; known: {', '.join(DEPARTMENTS)}")
        if role != "archivist" and not departments:
            raise UsageError(f"a {role} user must belong to at least one department (--department)",
                             "Only archivists see every department.")
        if len(password) < 8:
            raise UsageError("the password must have at least 8 characters")
        with self.catalog.transaction() as conn:
            if conn.execute("SELECT 1 FROM web_users WHERE name = ?", (name,)).fetchone():
                raise UsageError(f"user {name!r} exists already")
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

    def new_token(self, name: str) -> str:
        """A new API token for NAME, returned once and never stored in clear."""
        if self.get(name) is None:
            raise NotFound(f"no user {name!r}", "`demat user add NAME --role ROLE --department DEP` makes one.")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.catalog.transaction() as conn:
            conn.execute("INSERT INTO web_tokens VALUES (?, ?, ?)", (_token_hash(token), name, now()))
        return token

    def for_token(self, token: str) -> User | None:
        row = self.catalog.conn.execute("SELECT user FROM web_tokens WHERE token_hash = ?",
                                        (_token_hash(token),)).fetchone()
        return self.get(row["user"]) if row else None


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
