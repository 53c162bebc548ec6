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
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline.app import App
from pipeline.config import Config
from pipeline.errors import DematError, NotFound
from web.access import NotLoggedIn
from web.sessions import LoginLimiter, SessionCookies, load_secret
from web.users import Users

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
    from web import api, pages

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
    web.add_middleware(Guard, limit_mb=config.limits.max_file_mb)

    @web.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, exc: NotLoggedIn):
        if is_api(request):
            return JSONResponse({"detail": "log in or send Authorization: Bearer <token>"}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        return RedirectResponse(f"/login?{urlencode({'next': request.url.path})}", status_code=303)

    @web.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return await error_response(request, exc.status_code, str(exc.detail))

    @web.exception_handler(DematError)
    async def demat_error(request: Request, exc: DematError):
        status = 404 if isinstance(exc, NotFound) else 400
        return await error_response(request, status, " ".join(filter(None, (str(exc), exc.action))))

    return web


class Guard:
    """Refuses a body over the upload limit before reading it; puts the security headers on every answer.

    Plain ASGI rather than @app.middleware("http"), which costs a task and a
    stream per request on the hottest routes.
    """

    def __init__(self, app, limit_mb: int):
        self.app, self.limit_mb = app, limit_mb
        self.upload_limit = (limit_mb + 1) * 1024 * 1024  # the file plus the form around it

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > self.upload_limit:
            response = await error_response(Request(scope), 413, f"larger than the limit of {self.limit_mb} MB")
            await response(scope, receive, send_secured)
            return
        await self.app(scope, receive, send_secured)


def from_environment() -> FastAPI:
    """For `demat serve --workers N`: each worker process builds the app of the home in DEMAT_HOME."""
    from pipeline.config import load_config

    return create_app(load_config())


def templates() -> Jinja2Templates:
    """Autoescape on for every template: text from documents is shown, never interpreted."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    return Jinja2Templates(env=env)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def error_response(request: Request, status: int, message: str):
    """JSON for the API, a page for people."""
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    web = request.app.state.web
    return web.templates.TemplateResponse(request, "error.html", {"user": None, "status": status, "message": message},
                                          status_code=status)
