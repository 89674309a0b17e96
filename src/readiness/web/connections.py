"""The server's HTTP connections: a connection whose request does not arrive in time is
dropped, so that strangers on the network cannot hold the server's connections open by
sending their requests a byte at a time (each held connection is an open file, and a
process has a bounded number of them).

uvicorn waits for the headers of a request as long as the client keeps the connection open;
`Deadline` gives them `HEADER_SECONDS` from the connection, or from the previous response on
a kept-alive connection. A request whose headers arrived is the application's: its body has
its own time limit where a form is read (`state.checked_form`), and a live-update stream
stays open as long as the page does. One address holds at most `PER_ADDRESS` connections at
once (a phone needs a few; a proxy in front of the server, all its phones'), so that one
machine opening connections faster than the deadline closes them cannot use them all up.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_SECONDS = 10.0
PER_ADDRESS = 256


class Deadline(H11Protocol):
    """HTTP/1.1 as uvicorn speaks it, with a deadline on the arrival of each request's headers."""

    seconds = HEADER_SECONDS
    per_address = PER_ADDRESS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        address = self.client[0] if self.client else None
        held = sum(
            1 for c in self.connections if (getattr(c, "client", None) or ("",))[0] == address
        )
        if address is not None and held > self.per_address:
            transport.close()
            return
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = self.loop.call_later(self.seconds, self._expire)

    def _expire(self) -> None:
        # No request in flight: the next one's headers did not all arrive in time.
        if self.cycle is None or self.cycle.response_complete:
            self.transport.close()
