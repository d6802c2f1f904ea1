"""The web application: the HTTP API under ``/api`` and the HTML pages, over one read-only store.

FastAPI (on Starlette) because the API's filters are typed function parameters from which it
writes the OpenAPI document (``/openapi.json``) itself, and Starlette serves the pages, the static
files and the middleware from the same app. Every route calls the store's query methods or the
library's analysis, as the CLI does; the routes only parse parameters and shape the answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import Errors, InputError, NewstraceError, StoreError
from .api import router as api_router
from .common import ServerConfig, check_config, error_body
from .pages import error_page
from .pages import router as pages_router

# Content-Security-Policy: only the package's own scripts, styles and images; nothing inline.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(config: ServerConfig) -> FastAPI:
    """The whole server: API routes, pages, static files, security headers, one error shape."""
    check_config(config)
    config.store()  # fail at start, not at the first request, when the store cannot be read

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        config.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newstrace",
        version=__version__,
        description="Who said what, on whose word, in what words: the HTTP API over a newstrace store.",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json is served
        redoc_url=None,
    )
    app.state.config = config

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(NewstraceError)
    async def newstrace_error(request: Request, exc: NewstraceError) -> Response:
        status, body = error_body(exc)
        if request.url.path.startswith("/api"):
            return JSONResponse(body, status_code=status)
        return error_page(request, status, body["error"]["message"])

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}" for e in exc.errors()
        )
        return await newstrace_error(request, InputError(Errors.E111.format(problems=problems)))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return await newstrace_error(request, StoreError(Errors.E112.format(path=request.url.path)))
        body = {"error": {"code": None, "message": str(exc.detail)}}
        return JSONResponse(body, status_code=exc.status_code)

    app.include_router(api_router)
    app.include_router(pages_router)
    static = resources.files("newstrace.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
