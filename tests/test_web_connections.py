"""The server's connections: a request whose headers or form body trickle in is dropped in
time (a stranger cannot hold the server's connections open), while requests in flight and
kept-alive connections that go on in time are served; one holder keeps a bounded number of
live-update streams open. A real uvicorn server, in a thread,
with deadlines of a fraction of a second."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from readiness.web.app import create_app
from readiness.web.connections import Deadline
from readiness.web.security import FACILITATOR_COOKIE
from readiness.web.state import MAX_STREAMS, TALLY, Hub, Workshop
from readiness.web.storage import Store, database_url
from web_helpers import client_folder, free_port


class Quick(Deadline):
    seconds = 0.5
    per_address = 30


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Workshop]]:
    folder = client_folder(tmp_path_factory.mktemp("connections"))
    store = Store(database_url(folder, None))
    state = Workshop(store, folder, "http://127.0.0.1", form_seconds=1.0)
    port = free_port()
    config = uvicorn.Config(
        create_app(state),
        host="127.0.0.1",
        port=port,
        http=Quick,
        log_config=None,
        server_header=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    yield f"127.0.0.1:{port}", state
    server.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture
def base(running: tuple[str, Workshop]) -> str:
    return running[0]


def connect(base: str) -> socket.socket:
    host, port = base.split(":")
    connection = socket.create_connection((host, int(port)))
    connection.settimeout(3)
    return connection


def answer(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    try:
        while chunk := connection.recv(4096):
            received += chunk
    except ConnectionResetError:  # closed with the request unread
        pass
    return received


def health(connection: socket.socket) -> bytes:
    """The answer to a request for /health on a kept-alive connection."""
    received = b""
    while not received.endswith(b"\r\n\r\nok"):
        received += connection.recv(4096)
    return received


def test_headers_that_trickle_in_lose_the_connection(base: str) -> None:
    slow = [connect(base) for _ in range(20)]
    for connection in slow:
        connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
    assert httpx.get(f"http://{base}/health").text == "ok"  # others are served meanwhile
    started = time.monotonic()
    assert all(answer(connection) == b"" for connection in slow)
    assert time.monotonic() - started < 2


def test_one_address_holds_a_bounded_number_of_connections(base: str) -> None:
    held = [connect(base) for _ in range(Quick.per_address)]
    extra = connect(base)
    extra.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    assert answer(extra) == b""  # closed at once, unanswered
    held.pop().close()
    time.sleep(0.1)
    assert httpx.get(f"http://{base}/health").text == "ok"  # a place came free
    for connection in held:
        connection.close()


def test_a_kept_alive_connection_has_the_same_deadline_for_its_next_request(base: str) -> None:
    connection = connect(base)
    connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    assert health(connection).startswith(b"HTTP/1.1 200 ")
    time.sleep(0.3)  # within the deadline: the next request is served
    connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    assert health(connection).startswith(b"HTTP/1.1 200 ")
    connection.sendall(b"GET /health HTTP/1.1\r\n")  # and never finished
    assert answer(connection) == b""


def test_a_form_body_that_trickles_in_is_refused_and_one_in_time_is_read(base: str) -> None:
    head = (
        b"POST /join HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n\r\n"
    )
    slow, steady = connect(base), connect(base)
    slow.sendall(head + b"code=AB")
    steady.sendall(head + b"code=ABCDEF&role=x&csrf=")
    time.sleep(0.7)  # past the header deadline: both requests are in flight, they stay
    steady.sendall(b"y" * 16)
    assert steady.recv(4096).startswith(b"HTTP/1.1 403 ")  # read, and refused for its CSRF
    slow.sendall(b"CD")  # 36 bytes short when the form's second is up
    reply = answer(slow)
    assert reply.startswith(b"HTTP/1.1 408 ") and b"took too long to arrive" in reply


def test_one_holder_keeps_a_bounded_number_of_live_streams(
    running: tuple[str, Workshop],
) -> None:
    base, state = running
    state.store.create_session("STRM23", {"questions": ["data.inventory"], "created": "2027-01-15"})
    url = f"http://{base}/facilitate/STRM23/events"
    cookies = {"readiness_facilitator": state.token}
    with contextlib.ExitStack() as streams:
        opened = [
            streams.enter_context(httpx.stream("GET", url, cookies=cookies, timeout=5))
            for _ in range(MAX_STREAMS)
        ]
        assert {response.status_code for response in opened} == {200}
        refused = httpx.get(url, cookies=cookies, timeout=5)
        assert refused.status_code == 429 and "close some" in refused.text
        opened[0].close()  # a page closed: its place is free again
        deadline = time.monotonic() + 3
        while state.streams[FACILITATOR_COOKIE] == MAX_STREAMS and time.monotonic() < deadline:
            time.sleep(0.02)
        with httpx.stream("GET", url, cookies=cookies, timeout=5) as again:
            assert again.status_code == 200


def test_a_change_notified_while_a_stream_works_out_its_page_is_not_missed() -> None:
    hub = Hub()

    async def stream_step() -> None:
        seen = hub.changes(TALLY)  # the stream reads the store...
        hub.notify(TALLY)  # ...while a vote is saved: its wake-up comes before the wait
        # An hour's wait: should the change be missed, the stream would show the old count
        # until then (the test gives up long before).
        await asyncio.wait_for(hub.wait(TALLY, 3600.0, seen), 60.0)

    asyncio.run(stream_step())
