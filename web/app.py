"""The web app factory: pages for people, a JSON API for machines, over one demat home.

`create_app(config)` opens the home's catalog and search (no runner: the web
app never processes files; it drops uploads into the inbox for `demat watch`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import anyio
import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from demat.kernel.config import Config
from demat.kernel.errors import DematError, NotFound
from demat.pipeline.app import App
from demat.web import i18n
from demat.web.access import SAFE_METHODS, NotLoggedIn, identify
from demat.web.params import describe
from demat.web.sessions import LoginLimiter, SessionCookies, load_secret
from demat.web.users import Users

HERE = Path(__file__).parent
# Searches one server process runs at once; the others wait their turn. Two let one search's
# SQLite work (which frees the GIL) overlap the other's Python; forty threads only fought
# over the GIL, each with a cold SQLite page cache of its own. Cores are used by running
# one server process per core (`demat serve --workers`).
SEARCHES_AT_ONCE = 2
SECURITY_HEADERS = {
    # No inline script, nothing from elsewhere: an OCR'd <script> that slipped through could not run.
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; "
                               "base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
}
# What a browser or a proxy may keep: the static files; never a document, an export or a page of them.
NO_STORE = {"Cache-Control": "no-store"}
HSTS = {"Strict-Transport-Security": "max-age=31536000"}  # once served over https, only over https
UPLOAD_PATHS = ("/api/upload", "/inbox")  # the only routes whose body may be as large as a file
FORM_LIMIT = 1024 * 1024  # bytes: every other body (forms, corrections, the login form)
PUBLIC_PATHS = ("/login",)  # the only route that takes a body from someone not logged in


@dataclass
class WebContext:
    config: Config
    app: App
    users: Users
    cookies: SessionCookies
    limiter: LoginLimiter
    templates: Jinja2Templates
    search_slots: anyio.CapacityLimiter


def create_app(config: Config) -> FastAPI:
    from demat.web import api, pages, suppliers

    core = App(config, with_runner=False)

    @contextlib.asynccontextmanager
    async def lifespan(_):
        yield
        core.close()

    web = FastAPI(title="demat", description="Archive, search, review and accounting exports of demat.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    web.state.web = WebContext(config, core, Users(core.catalog), SessionCookies(load_secret(config.home)),
                               LoginLimiter(core.catalog), templates(), anyio.CapacityLimiter(SEARCHES_AT_ONCE))
    web.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    web.include_router(api.router)
    web.include_router(pages.router)
    web.include_router(suppliers.router)
    web.add_middleware(Guard, web=web.state.web)

    @web.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, exc: NotLoggedIn):
        return log_in_first(request)

    @web.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        return await error_response(request, 400, describe(exc.errors(), language(request)))

    @web.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return await error_response(request, exc.status_code, i18n.translate(language(request), str(exc.detail)))

    @web.exception_handler(DematError)
    async def demat_error(request: Request, exc: DematError):
        status = 404 if isinstance(exc, NotFound) else 400
        return await error_response(request, status, i18n.error_text(exc, language(request)))

    return web


class Guard:
    """Whoever sends a body is known, and its size bounded, before a byte of it is read.

    A request that may carry a body (not GET, HEAD, OPTIONS) is identified from
    its headers first: without a valid token or session it is answered at once
    (only the login form takes a body from anyone). The body is then counted
    as it arrives, whether its length was declared or sent in chunks, and
    refused with 413 past the limit: nothing is spooled to disk for a stranger,
    nor beyond the limit for anyone. Every answer gets the security headers,
    `Cache-Control: no-store` (static files aside) and, over https, HSTS.

    Plain ASGI rather than @app.middleware("http"), which costs a task and a
    stream per request on the hottest routes.
    """

    def __init__(self, app, web: WebContext):
        self.app, self.web = app, web
        self.limit_mb = web.config.limits.max_file_mb
        self.upload_limit = (self.limit_mb + 1) * 1024 * 1024  # the file plus the form around it

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self.secured(scope, send)
        request = Request(scope)
        if scope["method"] not in SAFE_METHODS and scope["path"] not in PUBLIC_PATHS:
            request.state.identity = identify(self.web, request)
            if request.state.identity.user is None:
                await log_in_first(request)(scope, receive, send)
                return
        upload = scope["path"] in UPLOAD_PATHS
        limit = self.upload_limit if upload else FORM_LIMIT
        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > limit:
            await (await error_response(request, 413, self.too_large(upload)))(scope, receive, send)
            return

        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:  # FastAPI passes an HTTPException on while reading a body; http_error answers
                raise StarletteHTTPException(413, self.too_large(upload))
            return message

        await self.app(scope, counted, send)

    def too_large(self, upload: bool) -> str:
        if upload:
            return f"larger than the limit of {self.limit_mb} MB (limits.max_file_mb)"
        return f"a request body may have at most {FORM_LIMIT // 1024} KB here"

    @staticmethod
    def secured(scope, send):
        headers_to_add = {**SECURITY_HEADERS, **({} if scope["path"].startswith("/static/") else NO_STORE),
                          **(HSTS if scope["scheme"] == "https" else {})}

        async def send_secured(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in headers_to_add.items():
                    headers.setdefault(name, value)
            await send(message)

        return send_secured


def from_environment() -> FastAPI:
    """For `demat serve --workers N`: each worker process builds the app of the home in DEMAT_HOME."""
    from demat.kernel.config import load_config

    return create_app(load_config())


def templates() -> Jinja2Templates:
    """Autoescape on for every template: text from documents is shown, never interpreted."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    i18n.install(env)
    return Jinja2Templates(env=env)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def language(request: Request) -> str:
    """The language of an error: the API's answers stay in English, a page speaks its reader's."""
    return "en" if is_api(request) else i18n.of_request(request)


def log_in_first(request: Request):
    """The answer to someone not logged in: 401 from the API, the login form for people."""
    if is_api(request):
        return JSONResponse({"detail": "log in or send Authorization: Bearer <token>"}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})
    return RedirectResponse(f"/login?{urlencode({'next': request.url.path})}", status_code=303)


async def error_response(request: Request, status: int, message: str):
    """JSON for the API, a page for people."""
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    web = request.app.state.web
    identity = getattr(request.state, "identity", None) or identify(web, request)  # the menu stays on 403 and 404
    return web.templates.TemplateResponse(request, "error.html", {"user": identity.user, "status": status,
                                          "message": message, "csrf": identity.session.get("csrf", "")},
                                          status_code=status)
