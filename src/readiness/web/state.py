"""The state every request of a workshop server shares: the store, the client folder, the
facilitator's token, the rate limiter, the hub that wakes the live-update streams and the
shelf of frameworks loaded while it runs.

The facilitator's token is drawn anew at each start and lives in this process only: the
server prints its link once, and the store keeps its digest (`Store.add_facilitator`), so
nothing read from the database gives the link. The key that makes participants' tokens
(`seat_key`, see `security.seat_token`) is kept in the store: it makes no token without the
browser's own CSRF value, which never reaches the store, and it lets servers sharing one
database give a double-tapped join the same token.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive

from readiness.load import Shelf
from readiness.web.security import COOKIE_SECONDS, CSRF_COOKIE, RateLimiter, new_token, same
from readiness.web.storage import SessionRow, Store
from readiness.web.views import environment

MAX_FORM_BYTES = 256 * 1024
MAX_STREAMS = 8  # live-update streams open at once per participant (tabs), or facilitator
TOO_LARGE = "This form is too large; shorten the text and send it again."


TALLY = "tally"
STATE = "state"


class Hub:
    """Wakes the live-update streams when something changed: `tally` streams (the
    facilitator's count) on joins and votes, `state` streams (the phones) when the facilitator
    opens, reveals, agrees or closes. A vote wakes no phone."""

    def __init__(self) -> None:
        self._waiters: dict[str, set[asyncio.Future[None]]] = {TALLY: set(), STATE: set()}
        self._changes: Counter[str] = Counter()  # changes notified so far, by topic

    def changes(self, topic: str) -> int:
        """How many changes of `topic` were notified so far: a stream reads it before it
        works out its page, and waits from it (`wait`)."""
        return self._changes[topic]

    def notify(self, *topics: str) -> None:
        """Wake every stream waiting on one of these topics."""
        for topic in topics:
            self._changes[topic] += 1
            for waiter in self._waiters[topic]:
                if not waiter.done():
                    waiter.set_result(None)

    async def wait(self, topic: str, timeout: float, seen: int) -> None:
        """Wait for the next change on `topic` after the `seen` first ones (at once when it
        came already: a vote saved while a stream worked out its page is not missed), or
        `timeout` seconds (another server on the same database may have written)."""
        if self._changes[topic] != seen:
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters[topic].add(waiter)
        try:
            await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            pass
        finally:
            self._waiters[topic].discard(waiter)


@dataclass
class Workshop:
    """What every request handler needs."""

    store: Store
    client_dir: Path
    base_url: str
    secure: bool = False
    hosts: frozenset[str] | None = None  # the names in a Host header it answers; None: any
    today: Callable[[], dt.date] = dt.date.today
    clock: Callable[[], float] = time.time  # when the facilitator's token was made
    votes_per_minute: int = 60
    form_seconds: float = 30.0  # how long a form's body may take to arrive
    joins_per_minute: int = 60
    env: jinja2.Environment = field(default_factory=environment)
    hub: Hub = field(default_factory=Hub)
    streams: Counter[str] = field(default_factory=Counter)  # open live streams by holder
    shelf: Shelf = field(default_factory=Shelf)
    limiter: RateLimiter = field(init=False)
    join_limiter: RateLimiter = field(init=False)
    token: str = field(init=False)  # the facilitator's, of this start: never stored
    seat_key: str = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.votes_per_minute, 60.0)
        self.join_limiter = RateLimiter(self.joins_per_minute, 60.0)  # per session
        self.token = new_token()
        # The tokens printed in the last days stay good as long as the cookies they set.
        now = int(self.clock())
        self.store.add_facilitator(self.token, now, now - COOKIE_SECONDS)
        self.seat_key = self.store.setting("seat_key", new_token)  # see `seat_token`

    @property
    def facilitator_url(self) -> str:
        """The URL that opens the facilitator's view (it carries the secret token)."""
        return f"{self.base_url}/facilitate?token={self.token}"


def live_stream(
    state: Workshop, holder: str, topic: str, since: str, key: Callable[[], str]
) -> Response:
    """Server-sent `topic` events carrying `key()` whenever it changes from `since` (looked
    at when the hub wakes the topic, and every 5 seconds). One `holder` (a participant's
    token, the facilitator) keeps at most `MAX_STREAMS` open: each is woken, and works out
    its page, on every change, so a thousand streams from one phone would slow everyone."""
    if state.streams[holder] >= MAX_STREAMS:
        raise HTTPException(429, "Too many pages of the workshop are open here; close some.")

    async def stream() -> AsyncIterator[dict[str, str]]:
        state.streams[holder] += 1
        try:
            last = since
            while True:
                seen = state.hub.changes(topic)
                now = await run_in_threadpool(key)
                if now != last:
                    last = now
                    yield {"event": topic, "data": json.dumps(now)}
                await state.hub.wait(topic, 5.0, seen)
        finally:
            state.streams[holder] -= 1
            if not state.streams[holder]:
                del state.streams[holder]

    return EventSourceResponse(stream(), ping=15)


def workshop(request: Request) -> Workshop:
    """The workshop a request belongs to."""
    found: Workshop = request.app.state.workshop
    return found


async def checked_form(request: Request) -> FormData:
    """The posted form, when its CSRF value matches the browser's cookie; else 403 (413 for
    a body larger than any form of the workshop, said to be or sent in chunks; 408 for a
    body still arriving after `form_seconds`, sent slowly to hold a connection)."""
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        raise HTTPException(413, TOO_LARGE)
    bounded = Request(request.scope, _bounded(request.receive, MAX_FORM_BYTES))
    try:
        async with asyncio.timeout(workshop(request).form_seconds):
            form = await bounded.form(max_files=0, max_fields=400, max_part_size=64 * 1024)
    except TimeoutError:
        raise HTTPException(408, "This form took too long to arrive; send it again.") from None
    except HTTPException as refused:  # the form parser's own wording, replaced by ours
        if refused.status_code == 413:
            raise
        raise HTTPException(400, _unreadable(str(refused.detail))) from None
    given, expected = form.get("csrf"), request.cookies.get(CSRF_COOKIE)
    if not expected or not isinstance(given, str) or not same(given, expected):
        raise HTTPException(403, "This form has expired. Reload the page and try again.")
    return form


def _bounded(receive: Receive, limit: int) -> Receive:
    """`receive`, refusing a body once more than `limit` bytes of it arrived (a body sent in
    chunks has no Content-Length to check first)."""
    received = 0

    async def bounded() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise HTTPException(413, TOO_LARGE)
        return message

    return bounded


def _unreadable(reason: str) -> str:
    """What to tell a person whose form the parser refused."""
    if "files" in reason:
        return "This form takes no files; send it again without attachments."
    if "size" in reason:
        return "A field of this form is longer than 64 KB; shorten the text and send it again."
    if "fields" in reason:
        return "This form has more fields than any form of the workshop; reload the page."
    return "This form could not be read; reload the page and send it again."


def session_of(state: Workshop, code: str) -> SessionRow:
    """The session with this code; 404 when there is none."""
    session = state.store.session(code)
    if session is None:
        raise HTTPException(404, "There is no workshop session with this code.")
    return session
