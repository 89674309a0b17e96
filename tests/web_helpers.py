"""Helpers shared by the workshop server tests: a client folder, an in-process client that
plays facilitator or participant, a throwaway PostgreSQL cluster, and a real server process."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from readiness.web.app import create_app
from readiness.web.state import Workshop
from readiness.web.storage import Store, database_url

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
TODAY = dt.date(2027, 1, 15)


def client_folder(parent: Path) -> Path:
    """A client folder holding one earlier period (the example Acme Retail 2026-Q4)."""
    folder = parent / "acme"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    return folder


def csrf_of(html: str) -> str:
    """The CSRF value a page's forms carry."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "page has no form with a CSRF value"
    return found.group(1)


def alert_of(html: str) -> str:
    """The error message a page shows."""
    found = re.search(r'role="alert">([^<]*)<', html)
    return unescape(found.group(1)) if found else ""


class Browser:
    """One browser (cookie jar) talking to an in-process workshop application."""

    def __init__(self, state: Workshop, *, raise_errors: bool = True) -> None:
        self.http = TestClient(
            create_app(state), follow_redirects=True, raise_server_exceptions=raise_errors
        )
        self.csrf = ""

    def get(self, url: str) -> httpx.Response:
        response = self.http.get(url)
        if 'name="csrf"' in response.text:
            self.csrf = csrf_of(response.text)
        return response

    def vote(self, code: str, key: str, level: str, note: str = "") -> httpx.Response:
        """Answer one open question of session `code` (the form of the phone page)."""
        return self.post(f"/s/{code}/vote", {f"level:{key}": level, f"note:{key}": note})

    def post(self, url: str, data: dict[str, str | list[str]]) -> httpx.Response:
        response = self.http.post(url, data={"csrf": self.csrf, **data})
        if 'name="csrf"' in response.text:
            self.csrf = csrf_of(response.text)
        return response


@dataclass
class Room:
    """A workshop application with a facilitator signed in and a session created."""

    state: Workshop
    facilitator: Browser
    code: str
    questions: list[str]

    def join(self, role: str, name: str = "") -> Browser:
        person = Browser(self.state)
        person.get(f"/join?code={self.code}")
        response = person.post("/join", {"code": self.code, "role": role, "name": name})
        assert response.status_code == 200, alert_of(response.text)
        return person

    def act(self, action: str, **data: str) -> httpx.Response:
        return self.facilitator.post(f"/facilitate/{self.code}/{action}", dict(data))


def open_room(
    store: Store, folder: Path, *, questions: int = 3, named: bool = False, **options: object
) -> Room:
    """A workshop on `store` for `folder`, a facilitator signed in, a session created."""
    state = Workshop(store, folder, "http://testserver", today=lambda: TODAY, **options)  # type: ignore[arg-type]
    facilitator = Browser(state)
    page = facilitator.get(f"/facilitate?token={state.token}")
    keys = re.findall(r'name="questions" value="([^"]+)"', page.text)[:questions]
    response = facilitator.post(
        "/facilitate/sessions",
        {
            "organization": "Acme Retail",
            "period": "2027-Q1",
            "assessor": "A. Facilitator",
            "roles": "Chief Executive Officer\nChief Data Officer\nChief Financial Officer",
            "reveal": "named" if named else "anonymous",
            "questions": keys,
        },
    )
    assert response.status_code == 200, alert_of(response.text)
    code = str(response.url).rsplit("/", 1)[1]
    return Room(state, facilitator, code, keys)


# --- PostgreSQL -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def postgres_cluster() -> Iterator[str | None]:
    """A throwaway PostgreSQL cluster; yields its base URL, or None when there are no binaries."""
    if not (PG_BIN / "initdb").exists():
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="readiness-pg-"))
    data = folder / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root; the cluster belongs to `nobody`.
        shutil.chown(folder, "nobody")
        folder.chmod(0o700)
        prefix = ["runuser", "-u", "nobody", "--"]
    port = free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    subprocess.run(
        [
            *prefix,
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
        ],
        **quiet,  # type: ignore[arg-type]
    )
    subprocess.run(
        [
            *prefix,
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-l",
            str(folder / "log"),
            "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
        **quiet,  # type: ignore[arg-type]
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*prefix, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


def empty_database(base: str, name: str) -> str:
    """The database `name` on the cluster at `base`, created when missing and emptied (a new
    public schema: much faster than a new database); its URL."""
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(f"{base}/{name}", autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    return f"{base}/{name}"


# --- a real server process --------------------------------------------------------------------


@dataclass
class Server:
    """A `readiness workshop serve` process."""

    process: subprocess.Popen[str]
    base: str
    facilitator_url: str

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def start_server(folder: Path, *args: str) -> Server:
    """Start `readiness workshop serve FOLDER` on a free local port; wait until it answers."""
    port = free_port()
    log = folder.parent / f"server-{port}.log"
    with log.open("w") as stream:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from readiness.cli import main; main()",
                "workshop",
                "serve",
                str(folder),
                "--port",
                str(port),
                *args,
            ],
            stdout=stream,
            stderr=stream,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {log.read_text()}")
        found = re.search(r"^Facilitator.*: (\S+)$", log.read_text(), re.MULTILINE)
        try:
            if found and httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return Server(process, base, found.group(1))
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    process.kill()
    raise AssertionError(f"server did not answer within 20 s: {log.read_text()}")


def serve_session(
    server: Server, roles: str, count: int, named: bool = True
) -> tuple[httpx.Client, str, str, list[str]]:
    """A session made by the facilitator's form over HTTP: the client, its CSRF value, the
    code and the question keys."""
    fac = httpx.Client(base_url=server.base, follow_redirects=True)
    page = fac.get(server.facilitator_url)
    csrf = csrf_of(page.text)
    keys = re.findall(r'name="questions" value="([^"]+)"', page.text)[:count]
    created = fac.post(
        "/facilitate/sessions",
        data={
            "csrf": csrf,
            "organization": "Acme Retail",
            "period": re.findall(r'name="period" value="([^"]+)"', page.text)[0],
            "assessor": "A. F.",
            "roles": roles,
            "reveal": "named" if named else "anonymous",
            "questions": keys,
        },
    )
    return fac, csrf, str(created.url).rsplit("/", 1)[1], keys


# --- fixtures: import them into a test module to use them ------------------------------------


@pytest.fixture(scope="session")
def postgres_base() -> Iterator[str]:
    """The base URL of a throwaway PostgreSQL cluster shared by the session's tests."""
    with postgres_cluster() as base:
        if base is None:
            pytest.skip(f"PostgreSQL binaries not found in {PG_BIN} (apt-get install postgresql)")
        yield base


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database, once in SQLite and once in PostgreSQL."""
    if request.param == "sqlite":
        return database_url(tmp_path, None)
    base = request.getfixturevalue("postgres_base")
    return database_url(tmp_path, empty_database(base, "readiness_web"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open store on a fresh database (both backends)."""
    opened = Store(store_url)
    yield opened
    opened.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A client folder with one earlier period."""
    return client_folder(tmp_path)
