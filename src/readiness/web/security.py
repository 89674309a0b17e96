"""Who may do what on the workshop server: tokens, join codes, CSRF checks and rate limits.

- The facilitator's token is drawn at each server start and printed in a link; it arrives
  once in the URL, is kept in an HttpOnly cookie, and every facilitator request must carry
  it. A restart prints a new link; the cookie of an earlier one goes on working while it
  lasts (seven days).
- A participant gets a cookie token when they join (`seat_token`); it binds them to one
  session.
- Every token carries 192 random bits (24 random bytes, or 24 bytes of an HMAC-SHA256
  under the server's key); the store keeps only its SHA-256 digest (`tables.token_digest`)
  and checks a token by comparing digests, so neither a stolen database nor the timing of
  a check gives anyone a token.
- Every form carries a CSRF value that must equal the `csrf` cookie (double submit), and every
  cookie is SameSite=Lax: sent when the facilitator's link or the join link is opened from
  another site or app (Strict would drop it on the first redirect), never with a form posted
  from another site.
- Each participant may send a bounded number of requests in a sliding window.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

FACILITATOR_COOKIE = "readiness_facilitator"
PARTICIPANT_COOKIE = "readiness_participant"
CSRF_COOKIE = "readiness_csrf"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed on phones
CODE_LENGTH = 6
COOKIE_SECONDS = 7 * 24 * 3600  # how long the browser keeps a cookie

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def new_token() -> str:
    """A random secret for a URL or a cookie: 24 random bytes, 192 bits."""
    return secrets.token_urlsafe(24)


def seat_token(key: str, code: str, role: str, browser: str) -> str:
    """The participant token a browser (known by its CSRF cookie, `browser`) gets when it joins
    session `code` with `role`: the same for the same three, so a join sent twice (a double
    tap, a response lost on the way) holds one seat instead of locking its phone out of it;
    not guessable without the server's `key`."""
    message = "\n".join((code, role, browser)).encode()
    digest = hmac.new(key.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


def new_code() -> str:
    """A short join code, easy to read aloud and to type on a phone."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def same(given: str | None, expected: str) -> bool:
    """Whether a secret matches, in constant time."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def csrf_token(request: Request) -> str:
    """The CSRF value of this browser: its cookie, or a new one the response must set."""
    current = request.cookies.get(CSRF_COOKIE)
    if current and len(current) <= 64:
        return current
    token: str | None = request.scope.setdefault("state", {}).get("new_csrf")
    if token is None:
        token = new_token()
        request.scope["state"]["new_csrf"] = token
    return token


def set_cookie(response: Response, name: str, value: str, *, secure: bool) -> None:
    """Set one of the server's cookies: HttpOnly, SameSite=Lax, for the whole site."""
    response.set_cookie(
        name, value, httponly=True, samesite="lax", secure=secure, max_age=COOKIE_SECONDS
    )


class RateLimiter:
    """At most `limit` events per key in any `window` seconds."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Record an event for `key`; False when it is over the limit."""
        now = self.clock()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        if len(self._events) > 10_000:
            self._forget(now)
        return True

    def _forget(self, now: float) -> None:
        for key in [k for k, e in self._events.items() if not e or e[-1] <= now - self.window]:
            del self._events[key]
