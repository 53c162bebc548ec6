"""Who is asking, and what they may see: the one gate every route goes through.

A request is made by a user, known from an API token (`Authorization: Bearer`)
or from the session cookie (`identify`); a request with a body is identified
before its body is read (`demat.web.app.Guard`), and a POST made with the cookie
must carry the session's CSRF token. Archivists see every document; anyone else only the
documents of their departments. A document outside them answers 404, as if
it did not exist, so ids do not tell what is there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException, Request

from demat.kernel.errors import N_
from demat.web.sessions import COOKIE, csrf_matches
from demat.web.users import User

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class NotLoggedIn(Exception):
    """No valid token or session: pages send to the login form, the API answers 401."""


@dataclass
class Identity:
    user: User | None
    session: dict = field(default_factory=dict)  # the cookie's content; empty for a token
    by_token: bool = False


def context(request: Request):
    return request.app.state.web


def identify(web, request: Request) -> Identity:
    """Who sent REQUEST, from its headers alone (its body is not read)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return Identity(web.users.for_token(header[7:].strip()), by_token=True)
    session = web.cookies.read(request.cookies.get(COOKIE))
    return Identity(web.users.for_session(session.get("session")), session)


async def current_user(request: Request) -> User:
    identity = getattr(request.state, "identity", None) or identify(context(request), request)
    if identity.user is None:
        raise NotLoggedIn()
    if identity.by_token:
        return identity.user  # a token is sent on purpose by its holder: no CSRF to fear
    user, session = identity.user, identity.session
    request.state.session = session
    if request.method not in SAFE_METHODS:
        sent = request.headers.get("x-csrf-token")
        if sent is None and request.headers.get("content-type", "").startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")):
            sent = (await request.form()).get("csrf_token")
        if not csrf_matches(session, sent):
            raise HTTPException(403, N_("missing or wrong CSRF token: reload the page and try again"))
    return user


def address(request: Request) -> str:
    """The client's address (the proxy's X-Forwarded-For when `demat serve --proxy` trusts it)."""
    return request.client.host if request.client else ""


def require_archivist(user: User) -> None:
    if not user.sees_all:
        raise HTTPException(403, N_("only archivists may see this"))


def allowed_departments(user: User, asked: list[str]) -> list[str] | None:
    """The departments a search or export may cover: what was asked, within what USER may see.

    None means "no department at all" (asked only for forbidden ones): answer
    with nothing, never fall back to "no filter".
    """
    if user.sees_all and not asked:
        return []  # no filter: every department, unrouted documents too
    visible = user.visible_departments()
    kept = [d for d in (asked or visible) if d in visible]
    return kept or None


def archived_file(archive: Path, stored: str | None) -> Path:
    """A path from the catalog, only if it lies inside the archive folder (no traversal, no symlink out)."""
    if not stored:
        raise HTTPException(404, N_("this document has no such file"))
    path = Path(stored).resolve()
    if not path.is_relative_to(archive.resolve()) or not path.is_file():
        raise HTTPException(404, N_("the archived file is missing"))
    return path
