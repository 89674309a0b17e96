"""The workshop web application: its routes, its security headers, and how errors reach a
browser.

`create_app` wires the facilitator's and the participants' routes (`facilitator.py`,
`participant.py`) to one `Workshop` (`state.py`). A failure never shows a stack trace: the
browser gets a short page saying what to do, the server log keeps the rest.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from readiness.web import facilitator, participant
from readiness.web.security import SECURITY_HEADERS
from readiness.web.state import Workshop, workshop
from readiness.web.views import render

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("readiness.web")


class _Headers:
    """Adds the security headers to every response (pure ASGI: streams pass through), and
    refuses a request naming a host the server does not answer to (`Workshop.hosts`)."""

    def __init__(self, app: ASGIApp, state: Workshop) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hosts = self.state.hosts
        if hosts is not None and _hostname(Headers(scope=scope).get("host", "")) not in hosts:
            refused = PlainTextResponse(
                f"This workshop server answers at {self.state.base_url} only; open that address.",
                status_code=400,
                headers=SECURITY_HEADERS,
            )
            await refused(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _hostname(host: str) -> str | None:
    """The name in a Host header, without its port ('[::1]:8000' -> '::1')."""
    try:
        return urlsplit(f"//{host}").hostname
    except ValueError:
        return None


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return _error_page(request, error.status_code, str(error.detail))


async def _server_error(request: Request, error: Exception) -> Response:
    log.exception("request failed: %s %s", request.method, request.url.path, exc_info=error)
    return _error_page(
        request, 500, "Something went wrong on the workshop server. Reload the page to go on."
    )


def _error_page(request: Request, status: int, message: str) -> Response:
    try:
        state = workshop(request)
    except AttributeError:
        return PlainTextResponse(message, status_code=status)
    return render(
        state.env,
        request,
        "error.html",
        # A participant who lost their way (another phone, an expired form) gets the way back.
        {
            "status": status,
            "message": message,
            "join": request.url.path.startswith(("/s/", "/join")),
        },
        status=status,
        secure=state.secure,
    )


async def health(_request: Request) -> Response:
    """A constant answer, to see that the server is up (and a baseline for the bench)."""
    return PlainTextResponse("ok")


def create_app(state: Workshop) -> Starlette:
    """The Starlette application of a workshop."""
    routes = [
        Route("/health", health),
        *facilitator.routes(),
        *participant.routes(),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(_Headers, state=state)],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.workshop = state
    return app
