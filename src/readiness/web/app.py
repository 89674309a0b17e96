"""The workshop web application: its shared state, its routes, and how errors reach a browser.

`create_app` wires the facilitator's and the participants' routes (`facilitator.py`,
`participant.py`) to one `Workshop`: the store, the client folder, the facilitator's token,
the rate limiter and the hub that wakes the live-update streams. A failure never shows a
stack trace: the browser gets a short page saying what to do, the server log keeps the rest.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from readiness.web.security import SECURITY_HEADERS, RateLimiter, new_token
from readiness.web.storage import Store
from readiness.web.views import environment, render

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("readiness.web")


class Hub:
    """Wakes every live-update stream when something in a session changed."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        """Wake every waiting stream."""
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait(self, timeout: float) -> None:
        """Wait for the next change, or `timeout` seconds (another server may have written)."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            pass
        finally:
            self._waiters.discard(waiter)


@dataclass
class Workshop:
    """What every request handler needs."""

    store: Store
    client_dir: Path
    base_url: str
    secure: bool = False
    today: Callable[[], dt.date] = dt.date.today
    votes_per_minute: int = 60
    env: jinja2.Environment = field(default_factory=environment)
    hub: Hub = field(default_factory=Hub)
    limiter: RateLimiter = field(init=False)
    token: str = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.votes_per_minute, 60.0)
        self.token = self.store.setting("facilitator_token", new_token)

    @property
    def facilitator_url(self) -> str:
        """The URL that opens the facilitator's view (it carries the secret token)."""
        return f"{self.base_url}/facilitate?token={self.token}"


def workshop(request: Request) -> Workshop:
    """The workshop a request belongs to."""
    found: Workshop = request.app.state.workshop
    return found


class _Headers:
    """Adds the security headers to every response (pure ASGI: streams pass through)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


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
        {"status": status, "message": message},
        status=status,
        secure=state.secure,
    )


async def health(_request: Request) -> Response:
    """A constant answer, to see that the server is up (and a baseline for the bench)."""
    return PlainTextResponse("ok")


def create_app(state: Workshop) -> Starlette:
    """The Starlette application of a workshop."""
    from readiness.web import facilitator, participant

    routes = [
        Route("/health", health),
        *facilitator.routes(),
        *participant.routes(),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(_Headers)],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.workshop = state
    return app
