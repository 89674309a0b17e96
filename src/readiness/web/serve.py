"""Start a workshop server: open the store, print the facilitator's and participants' URLs,
run the web application on uvicorn until Ctrl-C."""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from readiness.errors import ReadinessError, UsageError
from readiness.printable import printable, printable_line

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
UNFINISHED_STREAM = "ASGI callable returned without completing response."
OPEN_FILES = 8192


def exposure_warning(host: str) -> str | None:
    """What binding to `host` exposes, when it is more than this machine."""
    if host in LOCAL_HOSTS:
        return None
    return (
        f"warning: listening on {host}: anyone who can reach this machine on the network can open "
        "the join page and vote with the code, and anyone who sees the facilitator URL can run "
        "the session; traffic is plain HTTP. Use it on a room network you trust."
    )


def base_url(host: str, port: int, public_url: str | None) -> str:
    """The address participants open: `public_url`, else this machine's address and port."""
    if public_url:
        return public_url.rstrip("/")
    if host in ("0.0.0.0", "::"):
        host = _lan_address()
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _lan_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


class _Printable(logging.Formatter):
    """Log lines with every control character escaped (`\\x1b`): a path or a message a client
    chose reaches the facilitator's terminal as text, never as a terminal command."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def terminal_log(stream: TextIO) -> logging.Handler:
    """The handler that shows the server's warnings and errors on the facilitator's terminal,
    control characters escaped; the form parser's notes on malformed bodies are left out (the
    client was answered 400, and a stranger could fill the terminal with them)."""
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_Printable("%(levelname)s: %(message)s"))
    handler.addFilter(lambda record: not record.name.startswith("python_multipart"))
    return handler


def expected_hosts(host: str, url: str) -> frozenset[str] | None:
    """The names a server bound to this machine only answers to (its loopback names and the
    host of its address): a web page elsewhere that makes its own name point at 127.0.0.1
    (DNS rebinding) reaches the server with its own name in the Host header. None, any name,
    for a server bound to the network, which such pages could reach anyway."""
    if host not in LOCAL_HOSTS:
        return None
    return frozenset({"127.0.0.1", "localhost", "::1", urlsplit(url).hostname or "localhost"})


def _more_open_files(wanted: int = OPEN_FILES) -> None:
    """Raise this process's limit on open files (each connection is one) towards `wanted`,
    as far as the system allows: some systems start processes at 256, which a few
    strangers' connections would use up before the deadlines close them."""
    try:
        import resource
    except ImportError:  # not on this system (Windows): its limits are higher
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        with contextlib.suppress(ValueError, OSError):  # refused: run with the limit it has
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


DATABASE_KINDS = ("postgresql://", "postgres://", "sqlite:///")
"""The databases `--database` may name."""


def _without_password(database: str) -> str:
    """A database address as the terminal may show it: its password, if any, as ***."""
    return re.sub(r"(://[^/:@]*:)[^@]*@", r"\1***@", database, count=1)


def _web_address(text: str) -> bool:
    """Whether `text` is an http(s) address with a host (what participants can open)."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host` and `port`, ready for the server; `ReadinessError` (one line)
    when the system refuses: an unknown host, a port in use, no permission."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listening = socket.socket(family, kind, proto)
    except OSError as error:
        raise ReadinessError(
            f"--host {printable_line(host)}: cannot listen there: {error.strerror or error}"
        ) from None
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
    except OSError as error:
        listening.close()
        raise ReadinessError(
            f"--host {printable_line(host)} --port {port}: cannot listen there: "
            f"{error.strerror or error}"
        ) from None
    return listening


def serve_workshop(
    client_dir: Path,
    *,
    host: str,
    port: int,
    database: str | None,
    public_url: str | None,
    echo: Callable[[str], None],
) -> None:
    """Run the workshop server for a client folder until interrupted."""
    if not client_dir.is_dir():
        raise ReadinessError(f"{client_dir}: not a folder (give the client folder of the workshop)")
    if not 1 <= port <= 65535:
        raise UsageError(f"--port {port}: not a port number (1-65535)")
    import sqlalchemy.engine
    import sqlalchemy.exc
    import uvicorn

    from readiness.web.app import create_app
    from readiness.web.connections import Deadline
    from readiness.web.state import Workshop
    from readiness.web.storage import Store, database_url

    if database and not database.startswith(DATABASE_KINDS):
        raise UsageError(
            f"--database {printable_line(_without_password(database))}: not a database this "
            "server can use (allowed: postgresql://... or sqlite:///PATH)"
        )
    try:
        sqlalchemy.engine.make_url(database_url(client_dir, database))
    except (ValueError, sqlalchemy.exc.ArgumentError):
        raise UsageError(
            f"--database {printable_line(_without_password(database or ''))}: not a database "
            "address (allowed: postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME or sqlite:///PATH)"
        ) from None
    if public_url and not _web_address(public_url):
        raise UsageError(
            f"--url {printable_line(public_url)}: not a web address (allowed: http:// or "
            "https:// and a host, e.g. https://workshop.example.com)"
        )
    try:
        store = Store(database_url(client_dir, database))
    except (sqlalchemy.exc.SQLAlchemyError, ModuleNotFoundError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ReadinessError(
            f"--database: cannot open the database: {_without_password(first)}"
        ) from None
    # Listen before a link is printed: an address that cannot be used is one line, not a
    # facilitator link followed by a server error.
    try:
        listening = _listen(host, port)
    except ReadinessError:
        store.close()
        raise
    url = base_url(host, port, public_url)
    state = Workshop(
        store,
        client_dir,
        url,
        secure=url.startswith("https://"),
        hosts=expected_hosts(host, url),
    )
    warning = exposure_warning(host)
    if warning:
        echo(warning)
    echo(f"Facilitator (keep this link private): {state.facilitator_url}")
    echo(f"Participants join at: {url}/join")
    echo("Press Ctrl-C to stop; sessions are kept in the database and go on after a restart.")
    config = uvicorn.Config(
        create_app(state),
        host=host,
        port=port,
        log_config=None,  # every logger reaches the terminal through `terminal_log`
        http=Deadline,
        log_level="warning",
        access_log=False,
        server_header=False,
    )
    server = uvicorn.Server(config)
    _more_open_files()
    terminal = terminal_log(sys.stderr)
    # Stopping ends every open live-update stream without its last empty chunk, which
    # uvicorn reports as an error per phone; nothing is lost, so the terminal does not say so.
    terminal.addFilter(
        lambda record: not (server.should_exit and record.getMessage() == UNFINISHED_STREAM)
    )
    logging.getLogger().addHandler(terminal)
    try:
        server.run(sockets=[listening])
    finally:
        listening.close()
        logging.getLogger().removeHandler(terminal)
        store.close()
